package io.github.hmmrnn.rnn;

import io.github.hmmrnn.data.TwoStepDataset;

/**
 * Specification of a TinyRNN (Ji-An, Benna &amp; Mattar, Nature 644:993–1001, 2025): a GRU with
 * 1–20 units reading the previous trial, and a linear readout to choice logits. Trained by the
 * exact log-likelihood of the observed choices (cross-entropy), full batch, Adam, early stopping
 * on validation NLL. Hidden state reset at session starts.
 *
 * <p>Immutable; {@link #fit} never changes the specification.
 */
public final class TinyRnnModel {

    private final RnnHyperParameters hyperParameters;

    private TinyRnnModel(RnnHyperParameters hyperParameters) {
        this.hyperParameters = hyperParameters;
    }

    /** @return a builder with the defaults H = 6, lr 0.005, patience 200, 2000 epochs */
    public static Builder builder() {
        return new Builder();
    }

    /** @return every setting (states is always 1) */
    public RnnHyperParameters hyperParameters() {
        return hyperParameters;
    }

    /**
     * Fits with early stopping on the validation predictive NLL.
     *
     * @param train      training sessions, with at least one scored trial
     * @param validation validation sessions with at least one scored trial, or {@code null}
     * @return the fitted model
     * @throws IllegalArgumentException if a dataset is empty or has no scored trials
     * @throws NullPointerException     if {@code train} is null
     */
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
        return new FittedTinyRnn(RnnFitting.fit(hyperParameters, train, validation));
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
                    learningRate, maxEpochs, patience, gradientClip, restarts, seed, threads, 1.0,
                    Initialization.SYMMETRIC, 0, 1.0, io.github.hmmrnn.model.ChainEvidence.CHOICES, trainingSegmentLength));
        }
    }
}
