package io.github.hmmrnn.moa;

/**
 * Where one EM start of {@link HmmMoaModel} begins. Several families are run because the MoA-HMM
 * likelihood has local optima that one kind of start reaches and another misses; each start
 * wins only by its final log posterior.
 */
public enum StartFamily {
    /** The parameters given by {@link HmmMoaModel.Builder#initialParameters} (start 0 only). */
    GIVEN,
    /**
     * The pooled one-state fit with perturbed weights: β = pooled β + N(0, (0.5|β| + 0.5)²) per
     * state, learning rates at the one-state fit (first start) or ~ Beta(5, 5), π ~ Dirichlet(1),
     * A rows ~ Dirichlet(10 on the diagonal, 1 elsewhere) ({@link HmmMoaModel.Builder#starts}).
     */
    PERTURBED_ONE_STATE,
    /**
     * A draw that ignores the one-state fit: β ~ N(0, 1) per agent and state, learning rates
     * ~ Beta(5, 5), π ~ Dirichlet(1), A rows ~ Dirichlet(10 on the diagonal, 1 elsewhere)
     * ({@link HmmMoaModel.Builder#randomStarts}).
     */
    RANDOM,
    /**
     * The (K − 1)-state fit of the same specification with one of its states split in two
     * (weights ± a small perturbation, that state's incoming probability halved), one start per
     * split state ({@link HmmMoaModel.Builder#splitStarts}). Such a start begins at least as
     * high as the (K − 1)-state optimum.
     */
    SPLIT,
    /** The bias-only HMM warm start ({@link HmmMoaModel.Builder#biasHmmStart}). */
    BIAS_HMM,
    /**
     * Segments of sessions clustered by their own weights, the clusters as the first state
     * responsibilities, with a sticky chain ({@link HmmMoaModel.Builder#segmentStarts}).
     */
    SEGMENTS,
    /**
     * Iterated local search: a perturbation of the best fit of the starts before it (one state
     * re-drawn, everything shaken, or the learning rates re-drawn), in rounds that move to each
     * improvement ({@link HmmMoaModel.Builder#localSearchRounds}).
     */
    LOCAL_SEARCH
}
