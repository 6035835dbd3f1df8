package io.github.hmmrnn.emulation.analysis;

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
        int[][] cost = new int[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                cost[i][j] = hamming(a[i], b[j]);
            }
        }
        // Shortest augmenting path Hungarian algorithm (potentials u, v), 1-based internally.
        long[] u = new long[n + 1];
        long[] v = new long[n + 1];
        int[] p = new int[n + 1];
        int[] way = new int[n + 1];
        for (int i = 1; i <= n; i++) {
            p[0] = i;
            int j0 = 0;
            long[] minv = new long[n + 1];
            java.util.Arrays.fill(minv, Long.MAX_VALUE);
            boolean[] used = new boolean[n + 1];
            do {
                used[j0] = true;
                int i0 = p[j0];
                long delta = Long.MAX_VALUE;
                int j1 = 0;
                int[] row = cost[i0 - 1];
                for (int j = 1; j <= n; j++) {
                    if (!used[j]) {
                        long cur = row[j - 1] - u[i0] - v[j];
                        if (cur < minv[j]) {
                            minv[j] = cur;
                            way[j] = j0;
                        }
                        if (minv[j] < delta) {
                            delta = minv[j];
                            j1 = j;
                        }
                    }
                }
                for (int j = 0; j <= n; j++) {
                    if (used[j]) {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (p[j0] != 0);
            do {
                int j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        int[] match = new int[n];
        for (int j = 1; j <= n; j++) {
            match[p[j] - 1] = j - 1;
        }
        return match;
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
