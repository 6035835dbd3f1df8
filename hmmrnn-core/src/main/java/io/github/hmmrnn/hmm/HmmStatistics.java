package io.github.hmmrnn.hmm;

/**
 * Expected sufficient statistics of the hidden chain summed over many chains: what the M-step
 * for π and A needs.
 *
 * <p>Arrays are owned by this record and must not be modified.
 *
 * @param initialCounts    [K] Σ over chains of γ at the chain's first step, γ_1(k)
 * @param transitionCounts [K][K] Σ over chains and steps of ξ_t(i, j) = p(z_t = i, z_t+1 = j | y)
 * @param logLikelihood    Σ over chains of log p(y), natural log
 * @param numChains        number of chains summed
 */
public record HmmStatistics(double[] initialCounts, double[][] transitionCounts, double logLikelihood,
                            int numChains) {

    /** @return number of states K */
    public int numStates() {
        return initialCounts.length;
    }
}
