package io.github.hmmrnn.hmm;

import java.util.List;

/**
 * Forward–backward over many independent chains (sessions, each restarting from π).
 *
 * @param chains                 one posterior per chain, in input order
 * @param logMarginalLikelihood  Σ over chains of log p(y_chain), natural log
 * @param statistics             summed sufficient statistics (Σγ at chain starts, Σξ); present
 *                               only when smoothing was run, otherwise {@code null}
 */
public record BatchPosterior(List<HmmPosterior> chains, double logMarginalLikelihood, HmmStatistics statistics) {

    /**
     * Compact constructor: makes the chain list unmodifiable.
     *
     * @param chains                per-chain posteriors
     * @param logMarginalLikelihood total log marginal likelihood
     * @param statistics            summed statistics or null
     */
    public BatchPosterior {
        chains = List.copyOf(chains);
    }

    /** @return number of chains */
    public int numChains() {
        return chains.size();
    }

    /** @return total number of time steps over all chains */
    public long numSteps() {
        long n = 0;
        for (HmmPosterior p : chains) {
            n += p.length();
        }
        return n;
    }
}
