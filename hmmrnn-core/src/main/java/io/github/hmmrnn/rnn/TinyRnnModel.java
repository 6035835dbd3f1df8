package io.github.hmmrnn.rnn;

import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.model.ChainEvidence;
import io.github.hmmrnn.model.ModelSpec;
import io.github.hmmrnn.model.ModelSpecs;

/**
 * Specification of a TinyRNN (Ji-An, Benna &amp; Mattar, Nature 644:993–1001, 2025): a GRU with
 * 1–20 units reading the previous trial, and a linear readout to choice logits. Trained by the
 * exact log-likelihood of the observed choices (cross-entropy), full batch, Adam, early stopping
 * on validation NLL. Hidden state reset at session starts.
 *
 * <p>Immutable; {@link #fit} never changes the specification. {@link #fit(TwoStepDataset)}
 * early-stops on the held-out 150-trial segments of the training sessions
 * ({@link io.github.hmmrnn.data.SessionFolds#innerValidation}).
 */
public final class TinyRnnModel implements ModelSpec<FittedTinyRnn> {

    /** The JSON family key. */
    public static final String FAMILY = "tinyrnn";

    private final RnnHyperParameters hyperParameters;

    private TinyRnnModel(RnnHyperParameters hyperParameters) {
        this.hyperParameters = hyperParameters;
    }

    /** @return a builder with the defaults H = 6, lr 0.005, patience 200, 2000 epochs */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this specification's settings */
    public Builder toBuilder() {
        return new Builder().copyShared(hyperParameters);
    }

    /** @return every setting (states is always 1) */
    public RnnHyperParameters hyperParameters() {
        return hyperParameters;
    }

    @Override
    public String family() {
        return FAMILY;
    }

    /** @return {@code TinyRnn-H<hidden>} */
    @Override
    public String name() {
        return "TinyRnn-H" + hyperParameters.hiddenSize();
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
        return RnnSpecCodec.toJson(FAMILY, hyperParameters);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TinyRnnModel m && hyperParameters.equals(m.hyperParameters);
    }

    @Override
    public int hashCode() {
        return hyperParameters.hashCode();
    }

    /**
     * Rebuilds a specification from its settings.
     *
     * @param hp settings with {@code states = 1}, symmetric initialisation and choice evidence
     * @return the specification
     * @throws IllegalArgumentException if a setting only an HMM-TinyRNN has is not at its neutral value
     */
    static TinyRnnModel of(RnnHyperParameters hp) {
        if (hp.states() != 1 || hp.initialization() != Initialization.SYMMETRIC || hp.temperature() != 1.0
                || hp.warmStartEpochs() != 0 || hp.headWeightLearningRateScale() != 1.0 || hp.stickiness() != 0.0) {
            throw new IllegalArgumentException("a TinyRNN has states 1, SYMMETRIC initialisation, temperature 1, "
                    + "no warm start, head scale 1 and stickiness 0; got " + hp);
        }
        return new TinyRnnModel(hp);
    }

    /**
     * Fits with early stopping on the validation predictive NLL.
     *
     * @param train      training sessions, with at least one scored trial
     * @param validation validation sessions with at least one scored trial, or {@code null} to
     *                   stop on the training loss (then the history has no validation entries)
     * @return the fitted model
     * @throws IllegalArgumentException if a dataset is empty or has no scored trials
     * @throws NullPointerException     if {@code train} is null
     */
    @Override
    public FittedTinyRnn fit(TwoStepDataset train, TwoStepDataset validation) {
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
    public FittedTinyRnn fit(RnnInputs train, RnnInputs validation) {
        return new FittedTinyRnn(RnnFitting.fit(hyperParameters, ModelSpecs.tree(this), train, validation));
    }

    @Override
    public String toString() {
        return "TinyRnnModel" + hyperParameters;
    }

    /** Builder of {@link TinyRnnModel}; setters validate at once. */
    public static final class Builder extends RnnBuilderBase<Builder> {

        private Builder() {
        }

        @Override
        Builder self() {
            return this;
        }

        /** @return the specification */
        public TinyRnnModel build() {
            return new TinyRnnModel(new RnnHyperParameters(1, hiddenSize, encoding, 0.0,
                    learningRate, maxEpochs, patience, gradientClip, starts, seed, threads, 1.0,
                    Initialization.SYMMETRIC, 0, 1.0, ChainEvidence.CHOICES, trainingSegmentLength));
        }
    }
}
