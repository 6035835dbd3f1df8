package io.github.hmmrnn.emulation.analysis;

import io.github.hmmrnn.metrics.Hungarian;

/**
 * One-to-one matching of two equally sized sets of sequences that minimises the total Hamming
 * distance (the epsilon -> 0 limit of optimal transport between uniform clouds), solved exactly
 * with the Hungarian algorithm in O(N^3). The reference matched many-to-one through an entropic
 * plan, which let an emulator beat the HMM-vs-HMM baseline by collapsing onto typical sequences.
 */
public final class SequenceMatching {

    private SequenceMatching() {
    }

    /**
     * Returns the optimal assignment.
     *
     * @param a first set [N][T]
     * @param b second set [N][T]
     * @return {@code match[i]} = index in {@code b} assigned to {@code a[i]}
     * @throws IllegalArgumentException if the sets are empty or differ in size or length
     */
    public static int[] assignment(int[][] a, int[][] b) {
        if (a.length == 0 || a.length != b.length) {
            throw new IllegalArgumentException("sets must be non-empty and equally sized, got " + a.length + " and "
                    + b.length);
        }
        int n = a.length;
        // Hamming distances are small integers, exact in double precision.
        double[][] cost = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                cost[i][j] = hamming(a[i], b[j]);
            }
        }
        return Hungarian.minimize(cost);
    }

    /**
     * Euclidean distances between matched one-hot sequences, sqrt(2 * mismatches).
     *
     * @param a first set [N][T]
     * @param b second set [N][T]
     * @return [N] distances of the optimal one-to-one matching
     */
    public static double[] matchedDistances(int[][] a, int[][] b) {
        int[] match = assignment(a, b);
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = Math.sqrt(2.0 * hamming(a[i], b[match[i]]));
        }
        return d;
    }

    static int hamming(int[] x, int[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("sequences differ in length: " + x.length + " vs " + y.length);
        }
        int m = 0;
        for (int t = 0; t < x.length; t++) {
            if (x[t] != y[t]) {
                m++;
            }
        }
        return m;
    }
}
