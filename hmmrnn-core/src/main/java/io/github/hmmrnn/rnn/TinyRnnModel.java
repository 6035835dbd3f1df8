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
        RnnInputs tr = RnnFitting.encode(train, hyperParameters.encoding(), "train");
        RnnInputs va = validation == null ? null
                : RnnFitting.encode(validation, hyperParameters.encoding(), "validation");
        return fit(tr, va);
    }

    /**
     * Fits on pre-encoded inputs.
     *
     * @param train      encoded training data
     * @param validation encoded validation data, or {@code null}
     * @return the fitted model
     * @throws IllegalArgumentException if an encoding differs from this model's, or a dataset
     *                                  has no scored trials
     */
    public FittedTinyRnn fit(RnnInputs train, RnnInputs validation) {
        return new FittedTinyRnn(RnnFitting.fit(hyperParameters, train, validation));
    }

    @Override
    public String toString() {
        return "TinyRnnModel" + hyperParameters;
    }

    /** Builder of {@link TinyRnnModel}; setters validate at once. */
    public static final class Builder {

        private int hiddenSize = 6;
        private InputEncoding encoding = InputEncoding.CHOICE_REWARD_TRANSITION;
        private double learningRate = 0.005;
        private int maxEpochs = 2000;
        private int patience = 200;
        private double gradientClip = 1.0;
        private int restarts = 1;
        private long seed = 0L;
        private int threads = 1;

        private Builder() {
        }

        /**
         * @param hiddenSize GRU units H, 1–20 (default 6)
         * @return this builder
         * @throws IllegalArgumentException if outside [1, 20]
         */
        public Builder hiddenSize(int hiddenSize) {
            this.hiddenSize = RnnHyperParameters.requireHiddenSize(hiddenSize);
            return this;
        }

        /**
         * @param encoding input encoding of the previous trial (default
         *                 {@link InputEncoding#CHOICE_REWARD_TRANSITION})
         * @return this builder
         * @throws NullPointerException if null
         */
        public Builder inputEncoding(InputEncoding encoding) {
            this.encoding = java.util.Objects.requireNonNull(encoding, "encoding");
            return this;
        }

        /**
         * @param learningRate Adam learning rate, finite and &gt; 0 (default 0.005, the tiny-RNN
         *                     paper's)
         * @return this builder
         * @throws IllegalArgumentException if not finite and positive
         */
        public Builder learningRate(double learningRate) {
            this.learningRate = RnnHyperParameters.requireLearningRate(learningRate);
            return this;
        }

        /**
         * @param maxEpochs maximum full-batch epochs, ≥ 1 (default 2000)
         * @return this builder
         * @throws IllegalArgumentException if &lt; 1
         */
        public Builder maxEpochs(int maxEpochs) {
            this.maxEpochs = RnnHyperParameters.requireMaxEpochs(maxEpochs);
            return this;
        }

        /**
         * @param patience epochs without validation improvement before stopping, ≥ 1 (default 200)
         * @return this builder
         * @throws IllegalArgumentException if &lt; 1
         */
        public Builder patience(int patience) {
            this.patience = RnnHyperParameters.requirePatience(patience);
            return this;
        }

        /**
         * @param gradientClip per-layer L2 gradient norm threshold, 0 for none (default 1.0)
         * @return this builder
         * @throws IllegalArgumentException if negative or not finite
         */
        public Builder gradientClip(double gradientClip) {
            this.gradientClip = RnnHyperParameters.requireGradientClip(gradientClip);
            return this;
        }

        /**
         * @param restarts independent initialisations, best kept, ≥ 1 (default 1)
         * @return this builder
         * @throws IllegalArgumentException if &lt; 1
         */
        public Builder restarts(int restarts) {
            this.restarts = RnnHyperParameters.requireRestarts(restarts);
            return this;
        }

        /**
         * @param seed root seed (default 0); the same seed gives a bit-identical fit
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * @param threads worker threads for the per-session HMM passes, ≥ 1 (default 1); results
         *                do not depend on it
         * @return this builder
         * @throws IllegalArgumentException if &lt; 1
         */
        public Builder threads(int threads) {
            this.threads = RnnHyperParameters.requireThreads(threads);
            return this;
        }

        /** @return the specification */
        public TinyRnnModel build() {
            return new TinyRnnModel(new RnnHyperParameters(1, hiddenSize, encoding, 0.0,
                    learningRate, maxEpochs, patience, gradientClip, restarts, seed, threads, 1.0,
                    Initialization.SYMMETRIC, 0, 1.0, io.github.hmmrnn.model.ChainEvidence.CHOICES));
        }
    }
}
