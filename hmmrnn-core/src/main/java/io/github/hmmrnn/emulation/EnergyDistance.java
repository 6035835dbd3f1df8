package io.github.hmmrnn.emulation;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Unbiased estimate of the energy distance between two distributions from two batches,
 *
 * <pre>
 *   D(P, Q) = 2 E|X - Y| - E|X - X'| - E|Y - Y'|
 *   D^ = 2/(n m) sum_ij |x_i - y_j| - 1/(n(n-1)) sum_{i != i'} |x_i - x_i'| - 1/(m(m-1)) sum_{j != j'} |y_j - y_j'|
 * </pre>
 *
 * (Székely &amp; Rizzo 2004; equal to the MMD^2 of the distance kernel, Sejdinovic et al. 2013). The
 * within-batch sums exclude i = i' (a U-statistic), so E[D^] = D(P, Q) exactly for every n, m &ge; 2:
 * the expected loss is minimised when the generator reproduces the data distribution, whatever the
 * batch size. D^ itself can be negative; it is 0 in expectation for two batches of one distribution.
 *
 * <p>Sequences are embedded as symbol-weighted one-hot vectors: step t of a sequence contributes
 * {@code w_k e_k} for its symbol k, so the squared distance of two sequences is
 * {@code sum over differing steps of (w_a^2 + w_b^2)} (with all weights 1: twice the Hamming distance).
 * The embedding is linear and injective, so D stays a metric on sequence distributions and the
 * estimator stays unbiased for any positive weights; larger weights on a rare symbol make its
 * presence or absence move the distances more (see docs/emulation.md).
 *
 * <p>Gradient with respect to the (unweighted) one-hot coordinates of x_i, with u = embedding:
 * <pre>
 *   dD^/dx_i = W^2 [ 2/(n m) sum_j (u_i - u_j^y)/|u_i - u_j^y| - 2/(n(n-1)) sum_{i' != i} (u_i - u_i')/|u_i - u_i'| ]
 * </pre>
 * with 0 for a zero distance (the subgradient of |.| at 0 that is symmetric in the pair).
 */
public final class EnergyDistance implements SequenceLoss {

    private static final long PARALLEL_WORK = 1L << 20;

    private final double[] symbolWeights;

    /**
     * Creates an energy distance on symbol-weighted one-hot sequences.
     *
     * @param symbolWeights one positive weight per symbol (K entries), or {@code null} for all 1 (the plain
     *                      one-hot embedding)
     * @throws IllegalArgumentException if a weight is not positive and finite
     */
    public EnergyDistance(double[] symbolWeights) {
        if (symbolWeights != null) {
            for (int k = 0; k < symbolWeights.length; k++) {
                if (!(symbolWeights[k] > 0) || Double.isInfinite(symbolWeights[k])) {
                    throw new IllegalArgumentException("symbolWeights[" + k + "] must be positive and finite, got "
                            + symbolWeights[k]);
                }
            }
        }
        this.symbolWeights = symbolWeights == null ? null : symbolWeights.clone();
    }

    /**
     * Returns the symbol weights.
     *
     * @return a copy of the weights, or {@code null} for the plain one-hot embedding
     */
    public double[] symbolWeights() {
        return symbolWeights == null ? null : symbolWeights.clone();
    }

    /**
     * Weights that give every symbol the same expected contribution to the squared distance between
     * two random sequences: w_k = (1 / f_k)^(1/2) normalised so that the most frequent symbol has
     * weight 1, each capped at {@code maxWeight}.
     *
     * @param frequencies symbol frequencies of the data (K entries, non-negative)
     * @param maxWeight   cap, at least 1
     * @return the weights
     * @throws IllegalArgumentException on an empty or negative frequency vector, or maxWeight &lt; 1
     */
    public static double[] inverseFrequencyWeights(double[] frequencies, double maxWeight) {
        if (frequencies == null || frequencies.length < 2) {
            throw new IllegalArgumentException("frequencies must have at least 2 entries");
        }
        if (!(maxWeight >= 1) || Double.isInfinite(maxWeight)) {
            throw new IllegalArgumentException("maxWeight must be >= 1 and finite, got " + maxWeight);
        }
        double top = 0;
        for (int k = 0; k < frequencies.length; k++) {
            if (!(frequencies[k] >= 0)) {
                throw new IllegalArgumentException("frequencies[" + k + "] must be >= 0, got " + frequencies[k]);
            }
            top = Math.max(top, frequencies[k]);
        }
        if (!(top > 0)) {
            throw new IllegalArgumentException("frequencies must not all be 0");
        }
        double[] w = new double[frequencies.length];
        for (int k = 0; k < w.length; k++) {
            w[k] = frequencies[k] > 0 ? Math.min(maxWeight, Math.sqrt(top / frequencies[k])) : maxWeight;
        }
        return w;
    }

    @Override
    public LossResult betweenSequences(int[][] x, int[][] y, int numOutputs, boolean withGradient) {
        if (numOutputs < 2) {
            throw new IllegalArgumentException("numOutputs must be >= 2, got " + numOutputs);
        }
        if (symbolWeights != null && symbolWeights.length != numOutputs) {
            throw new IllegalArgumentException("numOutputs is " + numOutputs + " but there are "
                    + symbolWeights.length + " symbol weights");
        }
        int len = checkSequences("x", x, -1, numOutputs);
        checkSequences("y", y, len, numOutputs);
        double[] w2 = new double[numOutputs];
        for (int k = 0; k < numOutputs; k++) {
            w2[k] = symbolWeights == null ? 1 : symbolWeights[k] * symbolWeights[k];
        }
        int n = x.length;
        int m = y.length;
        double[][] dxy = distances(x, y, w2, false);
        double[][] dxx = distances(x, x, w2, true);
        double[][] dyy = distances(y, y, w2, true);
        double value = 2 * sum(dxy) / ((double) n * m) - sum(dxx) / ((double) n * (n - 1))
                - sum(dyy) / ((double) m * (m - 1));
        if (!withGradient) {
            return new LossResult(value, null);
        }
        double cross = 2.0 / ((double) n * m);
        double within = 2.0 / ((double) n * (n - 1));
        double[][] grad = new double[n][len * numOutputs];
        IntStream rows = IntStream.range(0, n);
        if ((long) n * (n + m) * len > PARALLEL_WORK) {
            rows = rows.parallel();
        }
        rows.forEach(i -> {
            double[] g = grad[i];
            double self = 0;
            for (int j = 0; j < m; j++) {
                if (dxy[i][j] > 0) {
                    double c = cross / dxy[i][j];
                    self += c;
                    int[] s = y[j];
                    for (int t = 0; t < len; t++) {
                        g[t * numOutputs + s[t]] -= c;
                    }
                }
            }
            for (int j = 0; j < n; j++) {
                if (j != i && dxx[i][j] > 0) {
                    double c = within / dxx[i][j];
                    self -= c;
                    int[] s = x[j];
                    for (int t = 0; t < len; t++) {
                        g[t * numOutputs + s[t]] += c;
                    }
                }
            }
            int[] s = x[i];
            for (int t = 0; t < len; t++) {
                g[t * numOutputs + s[t]] += self;
            }
            for (int t = 0; t < len; t++) {
                for (int k = 0; k < numOutputs; k++) {
                    g[t * numOutputs + k] *= w2[k];
                }
            }
        });
        return new LossResult(value, grad);
    }

    /**
     * Unbiased energy distance between dense point clouds with the Euclidean distance, with the gradient
     * with respect to {@code x} (used to check the sequence version and its gradient).
     *
     * @param x first cloud, [N][D], N &ge; 2
     * @param y second cloud, [M][D], M &ge; 2
     * @return value and gradient [N][D]
     * @throws IllegalArgumentException if a cloud has fewer than 2 points, is ragged or not finite
     */
    public static LossResult between(double[][] x, double[][] y) {
        int d = checkCloud("x", x, -1);
        checkCloud("y", y, d);
        int n = x.length;
        int m = y.length;
        double value = 0;
        double[][] grad = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double dist = euclid(x[i], y[j]);
                value += 2 * dist / ((double) n * m);
                if (dist > 0) {
                    for (int k = 0; k < d; k++) {
                        grad[i][k] += 2.0 / ((double) n * m) * (x[i][k] - y[j][k]) / dist;
                    }
                }
            }
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                double dist = euclid(x[i], x[j]);
                value -= dist / ((double) n * (n - 1));
                if (dist > 0) {
                    for (int k = 0; k < d; k++) {
                        grad[i][k] -= 2.0 / ((double) n * (n - 1)) * (x[i][k] - x[j][k]) / dist;
                    }
                }
            }
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                if (j != i) {
                    value -= euclid(y[i], y[j]) / ((double) m * (m - 1));
                }
            }
        }
        return new LossResult(value, grad);
    }

    private static double euclid(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += (a[k] - b[k]) * (a[k] - b[k]);
        }
        return Math.sqrt(s);
    }

    private static double sum(double[][] d) {
        double s = 0;
        for (double[] row : d) {
            for (double v : row) {
                s += v;
            }
        }
        return s;
    }

    /** Pairwise weighted distances; a symmetric set has a zero diagonal (excluded from the U-statistic). */
    private static double[][] distances(int[][] a, int[][] b, double[] w2, boolean symmetric) {
        int len = a[0].length;
        double[] normA = squaredNorms(a, w2);
        double[] normB = symmetric ? normA : squaredNorms(b, w2);
        double[][] d = new double[a.length][b.length];
        IntStream rows = IntStream.range(0, a.length);
        if ((long) a.length * b.length * len > PARALLEL_WORK) {
            rows = rows.parallel();
        }
        rows.forEach(i -> {
            int[] s = a[i];
            for (int j = symmetric ? i + 1 : 0; j < b.length; j++) {
                int[] r = b[j];
                double same = 0;
                for (int t = 0; t < len; t++) {
                    if (s[t] == r[t]) {
                        same += w2[s[t]];
                    }
                }
                // |u - v|^2 = |u|^2 + |v|^2 - 2 u.v; the sum of non-negative terms is exact up to rounding.
                d[i][j] = Math.sqrt(Math.max(0, normA[i] + normB[j] - 2 * same));
            }
        });
        if (symmetric) {
            for (int i = 0; i < a.length; i++) {
                for (int j = i + 1; j < a.length; j++) {
                    d[j][i] = d[i][j];
                }
            }
        }
        return d;
    }

    private static double[] squaredNorms(int[][] a, double[] w2) {
        double[] n = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            for (int s : a[i]) {
                n[i] += w2[s];
            }
        }
        return n;
    }

    private static int checkCloud(String name, double[][] cloud, int dim) {
        if (cloud == null || cloud.length < 2) {
            throw new IllegalArgumentException(name + " must contain at least 2 points");
        }
        int d = dim < 0 ? cloud[0].length : dim;
        for (int i = 0; i < cloud.length; i++) {
            if (cloud[i].length != d) {
                throw new IllegalArgumentException(name + "[" + i + "] has dimension " + cloud[i].length
                        + ", expected " + d);
            }
            for (double v : cloud[i]) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(name + "[" + i + "] is not finite");
                }
            }
        }
        return d;
    }

    private static int checkSequences(String name, int[][] seqs, int len, int numOutputs) {
        if (seqs == null || seqs.length < 2) {
            throw new IllegalArgumentException(name + " must contain at least 2 sequences (a U-statistic needs pairs)");
        }
        int l = len < 0 ? seqs[0].length : len;
        for (int i = 0; i < seqs.length; i++) {
            if (seqs[i].length != l) {
                throw new IllegalArgumentException(name + "[" + i + "] has length " + seqs[i].length + ", expected " + l);
            }
            for (int t = 0; t < l; t++) {
                if (seqs[i][t] < 0 || seqs[i][t] >= numOutputs) {
                    throw new IllegalArgumentException(name + "[" + i + "][" + t + "] = " + seqs[i][t]
                            + " is not a symbol in 0.." + (numOutputs - 1));
                }
            }
        }
        return l;
    }

    @Override
    public String toString() {
        return "EnergyDistance" + (symbolWeights == null ? "[one-hot]" : Arrays.toString(symbolWeights));
    }
}
