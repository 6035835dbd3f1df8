package io.github.hmmrnn.model;

import java.util.Objects;

import io.github.hmmrnn.data.TwoStepDataset;

/**
 * Specification of the bias-only choice HMM ({@link BiasHmm}): K states, each emitting choice 1
 * with its own fixed probability (and, with {@link ChainEvidence#CHOICES_AND_OUTCOMES}, outcomes
 * with its own reward probability per second-step state), fitted by EM from one deterministic
 * start.
 *
 * <p>It has no early stopping: {@link #fit(TwoStepDataset)} fits all of the data, and
 * {@link #fit(TwoStepDataset, TwoStepDataset)} rejects a validation set. It has no seed
 * either: the fit is deterministic, so {@link #seed()} is 0 and {@link #starts()} 1.
 *
 * <pre>{@code
 * FittedBiasHmm fit = BiasHmmModel.builder().states(2).build().fit(data);
 * }</pre>
 */
public final class BiasHmmModel implements ModelSpec<FittedBiasHmm> {

    /** The JSON family key. */
    public static final String FAMILY = "bias-hmm";

    private final int states;
    private final ChainEvidence chainEvidence;

    private BiasHmmModel(int states, ChainEvidence chainEvidence) {
        this.states = states;
        this.chainEvidence = chainEvidence;
    }

    /** @return a builder with the defaults K = 2, choices only */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this specification's settings */
    public Builder toBuilder() {
        return new Builder().states(states).chainEvidence(chainEvidence);
    }

    /** @return number of states K */
    public int numStates() {
        return states;
    }

    /** @return what the states emit */
    public ChainEvidence chainEvidence() {
        return chainEvidence;
    }

    @Override
    public String family() {
        return FAMILY;
    }

    /** @return {@code BiasHmm-K<states>}, with {@code -outcomes} when the chain also emits outcomes */
    @Override
    public String name() {
        return "BiasHmm-K" + states + chainEvidence.nameSuffix();
    }

    /** @return false: EM runs to convergence */
    @Override
    public boolean earlyStops() {
        return false;
    }

    /** @return 0: the fit is deterministic and uses no random numbers */
    @Override
    public long seed() {
        return 0;
    }

    /** @return 1: one deterministic start */
    @Override
    public int starts() {
        return 1;
    }

    /**
     * Fits all of {@code train} by EM ({@link BiasHmm#fit(TwoStepDataset, int, ChainEvidence)}).
     *
     * @param train sessions with at least one scored trial
     * @return the fitted model
     * @throws IllegalArgumentException if no trial is scored
     */
    @Override
    public FittedBiasHmm fit(TwoStepDataset train) {
        Objects.requireNonNull(train, "train");
        long t0 = System.nanoTime();
        BiasHmm fit = BiasHmm.fit(train, states, chainEvidence);
        return new FittedBiasHmm(fit.initialDistribution(), fit.transitionMatrix(), fit.choiceProbabilities(),
                fit.outcomeEmissions(), (System.nanoTime() - t0) / 1e9,
                Provenance.ofFit(Provenance.PURE_JAVA, ModelSpecs.tree(this), seed(), train, null,
                        new Provenance.FitOutcome(0, null, fit.iterations(), fit.converged(),
                                -fit.logLikelihood() / train.numScored(),
                                Double.NaN)));
    }

    /**
     * Always rejects: the bias-only HMM has no early stopping, so a validation set would be ignored.
     *
     * @param train      unused
     * @param validation unused
     * @return never
     * @throws IllegalArgumentException always; call {@link #fit(TwoStepDataset)}
     */
    @Override
    public FittedBiasHmm fit(TwoStepDataset train, TwoStepDataset validation) {
        throw ModelSpecs.noValidationSet(this);
    }

    @Override
    public String toJson() {
        var n = ModelSpecs.newObject(FAMILY);
        n.put("states", states);
        n.put("chainEvidence", chainEvidence.name());
        return ModelSpecs.write(n);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BiasHmmModel m && states == m.states && chainEvidence == m.chainEvidence;
    }

    @Override
    public int hashCode() {
        return Objects.hash(states, chainEvidence);
    }

    @Override
    public String toString() {
        return "BiasHmmModel[states=" + states + ", chainEvidence=" + chainEvidence + "]";
    }

    /** Builder of {@link BiasHmmModel}; setters validate at once. */
    public static final class Builder {

        private int states = 2;
        private ChainEvidence chainEvidence = ChainEvidence.CHOICES;

        private Builder() {
        }

        /**
         * @param states number of states K, at least 1 (default 2)
         * @return this builder
         * @throws IllegalArgumentException if below 1
         */
        public Builder states(int states) {
            if (states < 1) {
                throw new IllegalArgumentException("states must be >= 1, got " + states);
            }
            this.states = states;
            return this;
        }

        /**
         * @param chainEvidence what the states emit (default {@link ChainEvidence#CHOICES})
         * @return this builder
         * @throws NullPointerException if null
         */
        public Builder chainEvidence(ChainEvidence chainEvidence) {
            this.chainEvidence = Objects.requireNonNull(chainEvidence, "chainEvidence");
            return this;
        }

        /** @return the specification */
        public BiasHmmModel build() {
            return new BiasHmmModel(states, chainEvidence);
        }
    }
}
