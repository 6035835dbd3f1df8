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
     * Whether the model uses validation sessions (for early stopping). Models that do not are fitted
     * on all training sessions and receive the same sessions as "validation".
     *
     * @return true by default
     */
    default boolean usesValidation() {
        return true;
    }

    /**
     * Fits the model.
     *
     * @param train      training sessions
     * @param validation held-out sessions for early stopping / model checks
     * @return the fitted model
     */
    FittedChoiceModel fit(TwoStepDataset train, TwoStepDataset validation);
}
