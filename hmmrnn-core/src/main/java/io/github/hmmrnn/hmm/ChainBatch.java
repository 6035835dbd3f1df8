package io.github.hmmrnn.hmm;

import java.util.List;

/**
 * Emission log-likelihoods of many chains (sessions) of ragged lengths, packed into one flat
 * row-major array: step t of chain b, state k lives at {@code ((offset(b) + t) * K + k)}. This is
 * the layout neural emission models produce, and it lets the batched kernel
 * {@link ForwardBackward#runBatch} run without per-step allocations. Immutable once built; the
 * factory validates everything.
 */
public final class ChainBatch {

    private final int numStates;
    private final int[] offsets;
    private final double[] logLik;

    private ChainBatch(int numStates, int[] offsets, double[] logLik) {
        this.numStates = numStates;
        this.offsets = offsets;
        this.logLik = logLik;
    }

    /**
     * Packs per-chain [T_b][K] arrays.
     *
     * @param numStates K, at least 1
     * @param chains    one [T_b][K] emission log-likelihood array per chain
     * @return the batch
     * @throws IllegalArgumentException if the list is empty or a chain is malformed (see
     *                                  {@link HmmValidation#requireLogLikelihoods}; the message
     *                                  names chain, step and state)
     */
    public static ChainBatch of(int numStates, List<double[][]> chains) {
        if (numStates < 1) {
            throw new IllegalArgumentException("numStates must be >= 1, got " + numStates);
        }
        HmmValidation.requireChains(chains, numStates);
        int[] off = new int[chains.size() + 1];
        for (int b = 0; b < chains.size(); b++) {
            off[b + 1] = Math.addExact(off[b], chains.get(b).length);
        }
        double[] flat = new double[Math.multiplyExact(off[chains.size()], numStates)];
        int pos = 0;
        for (double[][] c : chains) {
            for (double[] row : c) {
                System.arraycopy(row, 0, flat, pos, numStates);
                pos += numStates;
            }
        }
        return new ChainBatch(numStates, off, flat);
    }

    /**
     * Wraps flat data, validating it.
     *
     * @param numStates K, at least 1
     * @param lengths   [B] chain lengths, each at least 1
     * @param logLik    [Σ T_b · K] row-major emission log-likelihoods (copied)
     * @return the batch
     * @throws IllegalArgumentException if a length is below 1, the array size is not Σ T_b · K,
     *                                  or an entry is NaN or +∞ or a step is −∞ in every state
     *                                  (the message names chain, step and state)
     */
    public static ChainBatch ofFlat(int numStates, int[] lengths, double[] logLik) {
        if (numStates < 1) {
            throw new IllegalArgumentException("numStates must be >= 1, got " + numStates);
        }
        if (lengths == null || lengths.length == 0) {
            throw new IllegalArgumentException("lengths must hold at least one chain");
        }
        int[] off = new int[lengths.length + 1];
        for (int b = 0; b < lengths.length; b++) {
            if (lengths[b] < 1) {
                throw new IllegalArgumentException("lengths[" + b + "] = " + lengths[b] + ", expected >= 1");
            }
            off[b + 1] = Math.addExact(off[b], lengths[b]);
        }
        long expected = (long) off[lengths.length] * numStates;
        if (logLik == null || logLik.length != expected) {
            throw new IllegalArgumentException("logLik has " + (logLik == null ? "no" : String.valueOf(logLik.length))
                    + " entries, expected sum(lengths) * numStates = " + expected);
        }
        for (int b = 0; b < lengths.length; b++) {
            for (int t = 0; t < lengths[b]; t++) {
                boolean anyFinite = false;
                for (int k = 0; k < numStates; k++) {
                    double v = logLik[(off[b] + t) * numStates + k];
                    if (Double.isNaN(v) || v == Double.POSITIVE_INFINITY) {
                        throw new IllegalArgumentException("logLik of chain " + b + ": logLik[" + t + "][" + k + "] = "
                                + v + ", expected a finite log-likelihood or -Infinity");
                    }
                    anyFinite |= v != Double.NEGATIVE_INFINITY;
                }
                if (!anyFinite) {
                    throw new IllegalArgumentException("logLik of chain " + b + ": logLik[" + t
                            + "] is -Infinity for every state");
                }
            }
        }
        return new ChainBatch(numStates, off, logLik.clone());
    }

    /** @return number of states K */
    public int numStates() {
        return numStates;
    }

    /** @return number of chains B */
    public int numChains() {
        return offsets.length - 1;
    }

    /** @return total number of steps Σ T_b */
    public int numSteps() {
        return offsets[offsets.length - 1];
    }

    /**
     * @param chain b
     * @return index of the chain's first step in the flat step axis
     */
    public int offset(int chain) {
        return offsets[chain];
    }

    /**
     * @param chain b
     * @return T_b
     */
    public int length(int chain) {
        return offsets[chain + 1] - offsets[chain];
    }

    /** Internal offsets [B + 1] (the total last), not copied: for kernels in this package only. */
    int[] offsetsArray() {
        return offsets;
    }

    /** Internal flat array, not copied: for kernels in this package only. */
    double[] logLikArray() {
        return logLik;
    }
}
