package io.github.hmmrnn.model;

import java.util.List;
import java.util.Optional;

import io.github.hmmrnn.data.TwoStepDataset;

/**
 * A fitted model of first-step choices that predicts each trial causally.
 *
 * <p>Contract: the prediction for trial t of a session depends only on trials &lt; t of that
 * session (and the fitted parameters). Implementations must never look at trial t or later.
 *
 * <p>Reports draw every model through this interface (and {@link LatentStateModel} for models
 * with hidden states): the {@link #history()} has one meaning for every model, and the plot
 * hooks {@link #componentTraces} and {@link #parameterBars} say what else a model can show.
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

    /**
     * Plot hook: per-trial values of the model's components (agent gates, state-weighted agent
     * weights) through each session.
     *
     * @param data sessions
     * @return the traces, or empty (the default) if the model has no such components
     */
    default Optional<ComponentTraces> componentTraces(TwoStepDataset data) {
        return Optional.empty();
    }

    /**
     * Plot hook: groups of fitted parameters worth drawing as bars (e.g. agent weights per state,
     * learning rates).
     *
     * @return the groups, empty by default
     */
    default List<ParameterBars> parameterBars() {
        return List.of();
    }
}
