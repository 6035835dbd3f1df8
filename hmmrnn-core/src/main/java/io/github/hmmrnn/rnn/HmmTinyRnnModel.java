package io.github.hmmrnn.rnn;

import java.util.Objects;

import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.model.ChainEvidence;

/**
 * Specification of an HMM-TinyRNN: one GRU encoder of the previous trials with K two-way readout
 * heads, whose choice probabilities are the emissions of a K-state hidden Markov chain over
 * phases. Trained by the exact log marginal likelihood of the observed choices (forward algorithm
 * per session); see {@code docs/hmm-tinyrnn.md}.
 *
 * <pre>{@code
 * FittedHmmTinyRnn fit = HmmTinyRnnModel.builder().states(2).hiddenSize(6).seed(1).build()
 *         .fit(train, validation);
 * List<double[]> p = fit.predictChoiceProbabilities(test);
 * }</pre>
 *
 * <p>Immutable; {@link #fit} never changes the specification. {@link #fit(TwoStepDataset)}
 * early-stops on the held-out 150-trial segments of the training sessions
 * ({@link io.github.hmmrnn.data.SessionFolds#innerValidation}).
 */
public final class HmmTinyRnnModel extends RnnModelSpecBase<FittedHmmTinyRnn> {

    /** The JSON family key. */
    public static final String FAMILY = "hmm-tinyrnn";

    private HmmTinyRnnModel(RnnHyperParameters hyperParameters) {
        super(hyperParameters, FittedHmmTinyRnn::new);
    }

    /** @return a builder with the defaults K = 2, H = 6, stickiness 0.97, lr 0.005, τ = 1 */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this specification's settings */
    public Builder toBuilder() {
        Builder b = new Builder().copyShared(hyperParameters);
        b.states = hyperParameters.states();
        b.stickiness = hyperParameters.stickiness();
        b.temperature = hyperParameters.temperature();
        b.initialization = hyperParameters.initialization();
        b.warmStartEpochs = hyperParameters.warmStartEpochs();
        b.chainEvidence = hyperParameters.chainEvidence();
        b.headWeightLearningRateScale = hyperParameters.headWeightLearningRateScale();
        return b;
    }

    @Override
    public String family() {
        return FAMILY;
    }

    /**
     * @return {@code HmmTinyRnn-K<states>-H<hidden>}, with the suffix {@code -outcomes} when the
     *         chain also emits outcomes
     */
    @Override
    public String name() {
        return "HmmTinyRnn-K" + hyperParameters.states() + "-H" + hyperParameters.hiddenSize()
                + hyperParameters.chainEvidence().nameSuffix();
    }

    /**
     * @param hp the settings
     * @return the specification with exactly these settings
     */
    static HmmTinyRnnModel of(RnnHyperParameters hp) {
        return new HmmTinyRnnModel(Objects.requireNonNull(hp, "hyperParameters"));
    }

    @Override
    public String toString() {
        return "HmmTinyRnnModel" + hyperParameters;
    }

    /**
     * Default factor on the heads' weight learning rate: 1 (no change). Smaller factors (0.02)
     * slow the GRU state's takeover of the phases but, with early stopping on the validation
     * predictive NLL, do not prevent it (measured in {@code docs/benchmarks-rnn.md}).
     */
    public static final double DEFAULT_HEAD_WEIGHT_LEARNING_RATE_SCALE = 1.0;

    /**
     * Default number of warm-start epochs against the bias-only HMM's posteriors held fixed: 0,
     * because in our measurements that pretraining let the heads lean on the GRU state early and
     * sped up the loss of the phases; the bias-HMM start of π, A and the head biases is kept.
     */
    public static final int DEFAULT_WARM_START_EPOCHS = 0;

    /** Builder of {@link HmmTinyRnnModel}; setters validate at once. */
    public static final class Builder extends RnnBuilderBase<Builder> {

        private int states = 2;
        private double stickiness = 0.97;
        private double temperature = 1.0;
        private Initialization initialization = Initialization.BIAS_HMM;
        private int warmStartEpochs = DEFAULT_WARM_START_EPOCHS;
        private ChainEvidence chainEvidence = ChainEvidence.CHOICES;
        private double headWeightLearningRateScale = DEFAULT_HEAD_WEIGHT_LEARNING_RATE_SCALE;

        private Builder() {
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * @param states number of phases / heads K, 1–10 (default 2)
         * @return this builder
         * @throws IllegalArgumentException if outside [1, 10]
         */
        public Builder states(int states) {
            this.states = RnnHyperParameters.requireStates(states);
            return this;
        }

        /**
         * @param stickiness initial self-transition probability in [0, 1) (default 0.97); a small
         *                   seeded noise breaks the symmetry between states
         * @return this builder
         * @throws IllegalArgumentException if outside [0, 1)
         */
        public Builder stickiness(double stickiness) {
            this.stickiness = RnnHyperParameters.requireStickiness(stickiness);
            return this;
        }

        /**
         * Emission temperature τ: 1 (default) is the exact likelihood. The original Python
         * project's τ = 1.25 is available for comparison only; with τ ≠ 1 the training objective
         * is not a likelihood.
         *
         * @param temperature τ, finite and &gt; 0
         * @return this builder
         * @throws IllegalArgumentException if not finite and positive
         */
        public Builder temperature(double temperature) {
            this.temperature = RnnHyperParameters.requireTemperature(temperature);
            return this;
        }

        /**
         * How the fit starts (default {@link Initialization#BIAS_HMM}: warm start from a bias-only
         * choice HMM, which keeps the phases in the chain; {@link Initialization#SYMMETRIC} is the
         * plain start, after which the GRU tends to absorb the phases and the phase posteriors
         * stay at chance). See {@code docs/hmm-tinyrnn.md}.
         *
         * @param initialization the start
         * @return this builder
         * @throws NullPointerException if null
         */
        public Builder initialization(Initialization initialization) {
            this.initialization = Objects.requireNonNull(initialization, "initialization");
            return this;
        }

        /**
         * @param warmStartEpochs Adam steps against the bias-only HMM's smoothed posteriors held
         *                        fixed, before the exact-likelihood training (default
         *                        {@value HmmTinyRnnModel#DEFAULT_WARM_START_EPOCHS}); used only with
         *                        {@link Initialization#BIAS_HMM}
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder warmStartEpochs(int warmStartEpochs) {
            this.warmStartEpochs = RnnHyperParameters.requireWarmStartEpochs(warmStartEpochs);
            return this;
        }

        /**
         * Factor on the learning rate of the heads' weights from the GRU state (their biases
         * and the GRU keep the full rate). Below 1 it slows the GRU state's takeover of the heads,
         * which keeps each head closer to one phase's policy.
         *
         * @param scale factor in (0, 1] (default
         *              {@value HmmTinyRnnModel#DEFAULT_HEAD_WEIGHT_LEARNING_RATE_SCALE})
         * @return this builder
         * @throws IllegalArgumentException if outside (0, 1]
         */
        public Builder headWeightLearningRateScale(double scale) {
            this.headWeightLearningRateScale = RnnHyperParameters.requireHeadWeightLearningRateScale(scale);
            return this;
        }

        /**
         * What the HMM states emit (default {@link ChainEvidence#CHOICES}). With
         * {@link ChainEvidence#CHOICES_AND_OUTCOMES} each state also has its own reward
         * probability per second-step state, fitted by a closed-form MAP step every epoch, and
         * the chain weighs past rewards as evidence of the phase: on tasks whose phases change
         * the reward contingencies this keeps the phases in the chain rather than in the GRU.
         * Choice predictions remain causal either way.
         *
         * @param chainEvidence the evidence
         * @return this builder
         * @throws NullPointerException if null
         */
        public Builder chainEvidence(ChainEvidence chainEvidence) {
            this.chainEvidence = Objects.requireNonNull(chainEvidence, "chainEvidence");
            return this;
        }

        /** @return the specification */
        public HmmTinyRnnModel build() {
            return new HmmTinyRnnModel(new RnnHyperParameters(states, hiddenSize, encoding, stickiness,
                    learningRate, maxEpochs, patience, gradientClip, starts, seed, threads, temperature,
                    initialization, warmStartEpochs, headWeightLearningRateScale, chainEvidence, trainingSegmentLength));
        }
    }
}
