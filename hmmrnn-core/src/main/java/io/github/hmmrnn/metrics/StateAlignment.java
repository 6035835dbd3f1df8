package io.github.hmmrnn.metrics;

import java.util.List;

/**
 * Aligns the state labels of one fit to those of a reference fit.
 *
 * <p>Convention, used by every method here: an alignment {@code map} has one entry per state
 * of the fit being aligned, and {@code map[k]} is the reference label of that fit's state k.
 * Applying it moves column k to column {@code map[k]}: aligned[t][map[k]] = posterior[t][k]. The
 * original Python project indexed with the map itself (aligned[t][k] = posterior[t][map[k]]),
 * which applies the inverse permutation and is wrong whenever the permutation is not an
 * involution, i.e. for cycles with K ≥ 3.
 */
public final class StateAlignment {

    private StateAlignment() {
    }

    /**
     * Finds the relabelling of {@code other} that best agrees with {@code reference}: the
     * Hungarian maximiser of the agreement M[k][j] = Σ_t other_t(k) · reference_t(j).
     *
     * @param reference per-session [T][K] posteriors of the reference fit
     * @param other     per-session [T][K] posteriors of the fit to align (same sessions)
     * @return [K] the map: other state k corresponds to reference state {@code map[k]}
     * @throws IllegalArgumentException if session counts, lengths or K disagree
     */
    public static int[] align(List<double[][]> reference, List<double[][]> other) {
        if (reference == null || other == null || reference.size() != other.size() || reference.isEmpty()) {
            throw new IllegalArgumentException("reference and other must hold the same non-zero number of sessions");
        }
        int k = reference.get(0)[0].length;
        double[][] m = new double[k][k];
        for (int b = 0; b < reference.size(); b++) {
            double[][] r = reference.get(b);
            double[][] o = other.get(b);
            if (r.length != o.length) {
                throw new IllegalArgumentException("session " + b + ": reference has " + r.length
                        + " trials, other has " + o.length);
            }
            for (int t = 0; t < r.length; t++) {
                if (r[t].length != k || o[t].length != k) {
                    throw new IllegalArgumentException("session " + b + ", trial " + t + ": expected " + k
                            + " states in both fits, got " + r[t].length + " and " + o[t].length);
                }
                for (int i = 0; i < k; i++) {
                    for (int j = 0; j < k; j++) {
                        m[i][j] += o[t][i] * r[t][j];
                    }
                }
            }
        }
        return Hungarian.maximize(m);
    }

    /**
     * Relabels posterior columns: aligned[t][map[k]] = posterior[t][k].
     *
     * @param posterior [T][K]
     * @param map       [K] a permutation of 0..K−1
     * @return a new [T][K] array in reference labels
     * @throws IllegalArgumentException if {@code map} is not a permutation of the right size
     */
    public static double[][] applyToColumns(double[][] posterior, int[] map) {
        requirePermutation(map, posterior.length == 0 ? map.length : posterior[0].length);
        double[][] out = new double[posterior.length][map.length];
        for (int t = 0; t < posterior.length; t++) {
            for (int k = 0; k < map.length; k++) {
                out[t][map[k]] = posterior[t][k];
            }
        }
        return out;
    }

    /**
     * Relabels a state sequence: aligned[t] = map[states[t]].
     *
     * @param states [T] state labels
     * @param map    [K] permutation
     * @return [T] labels in reference terms
     * @throws IllegalArgumentException if {@code map} is not a permutation or a label is out of
     *                                  range
     */
    public static int[] applyToLabels(int[] states, int[] map) {
        requirePermutation(map, map.length);
        int[] out = new int[states.length];
        for (int t = 0; t < states.length; t++) {
            if (states[t] < 0 || states[t] >= map.length) {
                throw new IllegalArgumentException("states[" + t + "] = " + states[t] + " not in [0, " + map.length + ")");
            }
            out[t] = map[states[t]];
        }
        return out;
    }

    /**
     * Relabels a square state-indexed matrix (e.g. a transition matrix):
     * aligned[map[i]][map[j]] = matrix[i][j].
     *
     * @param matrix [K][K]
     * @param map    [K] permutation
     * @return a new relabelled matrix
     * @throws IllegalArgumentException if shapes disagree or {@code map} is not a permutation
     */
    public static double[][] applyToMatrix(double[][] matrix, int[] map) {
        requirePermutation(map, matrix.length);
        double[][] out = new double[map.length][map.length];
        for (int i = 0; i < map.length; i++) {
            if (matrix[i].length != map.length) {
                throw new IllegalArgumentException("matrix row " + i + " has " + matrix[i].length + " columns, expected "
                        + map.length);
            }
            for (int j = 0; j < map.length; j++) {
                out[map[i]][map[j]] = matrix[i][j];
            }
        }
        return out;
    }

    /**
     * Relabels the rows of a state-indexed table (e.g. emission probabilities [K][M]):
     * aligned[map[k]] = rows[k].
     *
     * @param rows [K][...]
     * @param map  [K] permutation
     * @return a new array with copied rows in reference order
     * @throws IllegalArgumentException if shapes disagree or {@code map} is not a permutation
     */
    public static double[][] applyToRows(double[][] rows, int[] map) {
        requirePermutation(map, rows.length);
        double[][] out = new double[map.length][];
        for (int k = 0; k < map.length; k++) {
            out[map[k]] = rows[k].clone();
        }
        return out;
    }

    /**
     * @param map a permutation
     * @return its inverse: inverse[map[k]] = k
     * @throws IllegalArgumentException if {@code map} is not a permutation
     */
    public static int[] inverse(int[] map) {
        requirePermutation(map, map.length);
        int[] inv = new int[map.length];
        for (int k = 0; k < map.length; k++) {
            inv[map[k]] = k;
        }
        return inv;
    }

    private static void requirePermutation(int[] map, int k) {
        if (map == null || map.length != k) {
            throw new IllegalArgumentException("map must have " + k + " entries, got "
                    + (map == null ? "null" : map.length));
        }
        boolean[] seen = new boolean[k];
        for (int i = 0; i < k; i++) {
            if (map[i] < 0 || map[i] >= k || seen[map[i]]) {
                throw new IllegalArgumentException("map is not a permutation of 0.." + (k - 1) + ": map[" + i + "] = "
                        + map[i]);
            }
            seen[map[i]] = true;
        }
    }
}
