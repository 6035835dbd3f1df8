package io.github.hmmrnn.metrics;

/**
 * How well decoded latent states match ground-truth phases, up to relabelling.
 *
 * @param accuracy    fraction of trials whose decoded state, mapped by {@code mapping}, equals
 *                    the true phase (permutation-invariant accuracy)
 * @param mapping     [K] model state k ↦ true phase {@code mapping[k]}, or −1 when K exceeds the
 *                    number of true phases and state k is left unmatched
 * @param confusion   [K][P] counts C[i][j] = #(decoded state i, true phase j), before relabelling
 * @param numTrials   number of trials counted
 */
public record PhaseRecoveryResult(double accuracy, int[] mapping, long[][] confusion, long numTrials) {

    /**
     * Copies the arrays.
     *
     * @param accuracy  accuracy in [0, 1]
     * @param mapping   model state to phase
     * @param confusion counts
     * @param numTrials trials counted
     */
    public PhaseRecoveryResult {
        mapping = mapping.clone();
        long[][] c = new long[confusion.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = confusion[i].clone();
        }
        confusion = c;
    }

    /** @return a copy of the state-to-phase mapping */
    @Override
    public int[] mapping() {
        return mapping.clone();
    }

    /** @return a copy of the confusion counts */
    @Override
    public long[][] confusion() {
        long[][] c = new long[confusion.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = confusion[i].clone();
        }
        return c;
    }
}
