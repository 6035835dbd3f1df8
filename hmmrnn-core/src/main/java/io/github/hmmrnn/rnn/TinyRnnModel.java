package io.github.hmmrnn.rnn;

import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.model.ChainEvidence;

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
public final class TinyRnnModel extends RnnModelSpecBase<FittedTinyRnn> {

    /** The JSON family key. */
    public static final String FAMILY = "tinyrnn";

    private TinyRnnModel(RnnHyperParameters hyperParameters) {
        super(hyperParameters, FittedTinyRnn::new);
    }

    /** @return a builder with the defaults H = 6, lr 0.005, patience 200, 2000 epochs */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this specification's settings */
    public Builder toBuilder() {
        return new Builder().copyShared(hyperParameters);
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
