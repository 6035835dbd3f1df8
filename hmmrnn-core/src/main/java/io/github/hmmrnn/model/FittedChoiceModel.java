package io.github.hmmrnn.model;

import java.util.List;

import io.github.hmmrnn.data.TwoStepDataset;

/**
 * A fitted model of first-step choices that predicts each trial causally.
 *
 * <p>Contract: the prediction for trial t of a session depends only on trials &lt; t of that
 * session (and the fitted parameters). Implementations must never look at trial t or later.
 */
public interface FittedChoiceModel {

    /** @return a short human-readable model name, e.g. {@code HmmTinyRnn(K=2,H=6)} */
    String name();

    /**
     * Predicts every trial of every session causally.
     *
     * @param data sessions to predict
     * @return one array per session (dataset order), [T], entry t = p(choice_t = 1 | trials &lt; t);
     *         unscored trials carry a prediction too but are ignored by metrics
     * @throws IllegalArgumentException if the data cannot be handled by this model
     */
    List<double[]> predictChoiceProbabilities(TwoStepDataset data);

    /** @return the training history (one entry per epoch or EM iteration) */
    TrainingHistory history();
}
