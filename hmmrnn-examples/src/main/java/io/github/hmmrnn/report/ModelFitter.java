package io.github.hmmrnn.report;

import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.model.FittedChoiceModel;

/**
 * Fits one model for a benchmark: a name for tables and file names, and the fit itself.
 */
public interface ModelFitter {

    /** @return the model's row label, also used for file names (letters, digits, '-', '_') */
    String name();

    /**
     * Fits the model.
     *
     * @param train      training sessions
     * @param validation held-out sessions for early stopping / model checks
     * @return the fitted model
     */
    FittedChoiceModel fit(TwoStepDataset train, TwoStepDataset validation);
}
