package io.github.hmmrnn.rnn;

import java.util.function.Function;

import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.model.FittedChoiceModel;
import io.github.hmmrnn.model.ModelSpec;
import io.github.hmmrnn.model.ModelSpecs;

/**
 * What both GRU model specifications share: they are their {@link RnnHyperParameters}, so seed,
 * starts, JSON, equality and the fit itself ({@link RnnFitting}) come from those alone; the
 * subclasses add their family, name and builder.
 *
 * @param <F> the fitted model type
 */
abstract class RnnModelSpecBase<F extends FittedChoiceModel> implements ModelSpec<F> {

    final RnnHyperParameters hyperParameters;
    private final Function<RnnState, F> fitted;

    RnnModelSpecBase(RnnHyperParameters hyperParameters, Function<RnnState, F> fitted) {
        this.hyperParameters = hyperParameters;
        this.fitted = fitted;
    }

    /** @return every setting of this specification */
    public RnnHyperParameters hyperParameters() {
        return hyperParameters;
    }

    /** @return true: the fit keeps the epoch with the best validation NLL */
    @Override
    public boolean earlyStops() {
        return true;
    }

    @Override
    public long seed() {
        return hyperParameters.seed();
    }

    @Override
    public int starts() {
        return hyperParameters.starts();
    }

    @Override
    public String toJson() {
        return RnnSpecCodec.toJson(family(), hyperParameters);
    }

    /** Equal when of the same family (class) with equal settings. */
    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass()
                && hyperParameters.equals(((RnnModelSpecBase<?>) o).hyperParameters);
    }

    @Override
    public int hashCode() {
        return hyperParameters.hashCode();
    }

    /**
     * Fits with early stopping on the validation predictive NLL.
     *
     * @param train      training sessions, with at least one scored trial
     * @param validation validation sessions with at least one scored trial, or {@code null} to
     *                   stop on the training loss (then the history has no validation entries)
     * @return the fitted model (parameters of the best epoch of the best start)
     * @throws IllegalArgumentException if a dataset is empty or has no scored trials
     * @throws NullPointerException     if {@code train} is null
     */
    @Override
    public F fit(TwoStepDataset train, TwoStepDataset validation) {
        RnnInputs tr = RnnFitting.encode(train, hyperParameters, "train");
        RnnInputs va = validation == null ? null
                : RnnFitting.encode(validation, hyperParameters, "validation");
        return fit(tr, va);
    }

    /**
     * Fits on pre-encoded inputs.
     *
     * @param train      encoded training data, cut as {@code trainingSegmentLength} asks
     * @param validation encoded validation data (cut the same way), or {@code null}
     * @return the fitted model
     * @throws IllegalArgumentException if an encoding or segment length differs from this
     *                                  model's, or a dataset has no scored trials
     */
    public F fit(RnnInputs train, RnnInputs validation) {
        return fitted.apply(RnnFitting.fit(hyperParameters, ModelSpecs.tree(this), train, validation));
    }
}
