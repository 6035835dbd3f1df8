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
 * <p>Sequences are embedded before distances are taken ({@link #embed}): symbol-weighted one-hot vectors
 * (step t contributes {@code w_k e_k} for its symbol k; with all weights 1 the squared distance is twice
 * the Hamming distance), optionally window sums over longer windows and per-window switch counts. The
 * embedding is injective, so D stays a metric on sequence distributions and the estimator stays unbiased;
 * larger weights on a rare symbol make its presence or absence move the distances more. Besides the
 * distance kernel (the energy distance) a Gaussian kernel can be chosen (unbiased MMD^2); see the
 * constructors and docs/emulation.md.
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
    private final int[] windows;
    private final double bandwidth;
    private final double switchWeight;

    /**
     * Creates an energy distance on symbol-weighted one-hot sequences (window length 1 only).
     *
     * @param symbolWeights one positive weight per symbol (K entries), or {@code null} for all 1 (the plain
     *                      one-hot embedding)
     * @throws IllegalArgumentException if a weight is not positive and finite
     */
    public EnergyDistance(double[] symbolWeights) {
        this(symbolWeights, new int[] {1});
    }

    /**
     * Creates an energy distance on a multi-scale embedding of sequences: for every window length L, the
     * symbol-weighted one-hot vectors summed over consecutive non-overlapping windows of L steps (the last
     * window may be shorter) and divided by sqrt(L), all concatenated. L = 1 is the one-hot sequence itself;
     * longer windows compare how much of each symbol a stretch of the sequence holds, whatever the exact
     * switch times, which is what run lengths and switch counts are made of. The embedding is linear, and
     * injective whenever L = 1 is included, so the estimator stays unbiased and D stays a metric.
     *
     * @param symbolWeights one positive weight per symbol, or {@code null} for all 1
     * @param windows       window lengths, each at least 1, distinct
     * @throws IllegalArgumentException if a weight is not positive, a window is below 1, repeated, or absent
     */
    public EnergyDistance(double[] symbolWeights, int[] windows) {
        this(symbolWeights, windows, 0);
    }

    /**
     * Creates the unbiased MMD^2 on the multi-scale embedding with either the distance kernel (bandwidth 0:
     * the energy distance) or a Gaussian kernel k(u, v) = exp(-|u - v|^2 / (2 bandwidth)). Both are written as
     * {@code 2 mean rho(|x - y|) - mean rho(|x - x'|) - mean rho(|y - y'|)} with rho(d) = d or
     * rho(d) = 1 - exp(-d^2 / (2 bandwidth)) (the latter equals MMD^2 of the Gaussian kernel exactly). For
     * one-hot sequences |u - v|^2 / 2 is the Hamming distance, so the bandwidth is in steps: pairs further
     * apart than a few bandwidths hardly contribute, and the gradient pairs each sequence with its near
     * neighbours (as Sinkhorn does) instead of with the batch mean.
     *
     * @param symbolWeights one positive weight per symbol, or {@code null} for all 1
     * @param windows       window lengths, each at least 1, distinct
     * @param bandwidth     0 for the distance kernel, otherwise the Gaussian bandwidth (positive)
     * @throws IllegalArgumentException on invalid weights, windows or a negative bandwidth
     */
    public EnergyDistance(double[] symbolWeights, int[] windows, double bandwidth) {
        this(symbolWeights, windows, bandwidth, 0);
    }

    /**
     * As {@link #EnergyDistance(double[], int[], double)}, plus switch-count features: for every window length
     * L &ge; 2, each window's number of switches (steps t in the window with x_t != x_{t+1}) times
     * {@code switchWeight / sqrt(L)}. A switch count is 1 - sum_k x_t,k x_{t+1,k} on one-hot vectors, a
     * quadratic function of the one-hot input, so its gradient at a sampled sequence is
     * -x_{t+1,k} - x_{t-1,k} per window; the embedding stays injective (the one-hot part is kept) and the
     * estimator unbiased. Isolated one-step flickers change the per-step and window-count features by little
     * but add two switches each, which these features make visible.
     *
     * @param symbolWeights one positive weight per symbol, or {@code null} for all 1
     * @param windows       window lengths, each at least 1, distinct
     * @param bandwidth     0 for the distance kernel, otherwise the Gaussian bandwidth
     * @param switchWeight  weight of the switch-count features, at least 0 (0: none)
     * @throws IllegalArgumentException on invalid weights, windows, bandwidth or switch weight
     */
    public EnergyDistance(double[] symbolWeights, int[] windows, double bandwidth, double switchWeight) {
        if (!(switchWeight >= 0) || Double.isInfinite(switchWeight)) {
            throw new IllegalArgumentException("switchWeight must be >= 0 and finite, got " + switchWeight);
        }
        this.switchWeight = switchWeight;
        if (!(bandwidth >= 0) || Double.isInfinite(bandwidth)) {
            throw new IllegalArgumentException("bandwidth must be 0 (distance kernel) or positive, got " + bandwidth);
        }
        this.bandwidth = bandwidth;
        if (windows == null || windows.length == 0) {
            throw new IllegalArgumentException("windows must list at least one window length");
        }
        for (int i = 0; i < windows.length; i++) {
            if (windows[i] < 1) {
                throw new IllegalArgumentException("windows[" + i + "] must be >= 1, got " + windows[i]);
            }
            for (int j = 0; j < i; j++) {
                if (windows[j] == windows[i]) {
                    throw new IllegalArgumentException("window length " + windows[i] + " is listed twice");
                }
            }
        }
        this.windows = windows.clone();
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
     * Returns the window lengths of the embedding.
     *
     * @return a copy
     */
    public int[] windows() {
        return windows.clone();
    }

    /**
     * The embedding of one sequence: for each window length in order, for each window, for each symbol k,
     * w_k times the count of k in the window divided by sqrt(window length).
     *
     * @param sequence   symbols in {@code 0..numOutputs-1}
     * @param numOutputs K
     * @return the embedding vector
     */
    public double[] embed(int[] sequence, int numOutputs) {
        int len = sequence.length;
        double[] e = new double[dimension(len, numOutputs)];
        int offset = 0;
        for (int w : windows) {
            double scale = 1 / Math.sqrt(w);
            for (int t = 0; t < len; t++) {
                int k = sequence[t];
                e[offset + t / w * numOutputs + k] += scale * (symbolWeights == null ? 1 : symbolWeights[k]);
            }
            offset += (len + w - 1) / w * numOutputs;
        }
        if (switchWeight > 0) {
            for (int w : windows) {
                if (w < 2) {
                    continue;
                }
                double scale = switchWeight / Math.sqrt(w);
                for (int t = 0; t + 1 < len; t++) {
                    if (sequence[t] != sequence[t + 1]) {
                        e[offset + t / w] += scale;
                    }
                }
                offset += (len + w - 1) / w;
            }
        }
        return e;
    }

    private int dimension(int len, int numOutputs) {
        int dim = 0;
        for (int w : windows) {
            dim += (len + w - 1) / w * numOutputs;
            if (switchWeight > 0 && w >= 2) {
                dim += (len + w - 1) / w;
            }
        }
        return dim;
    }

    /**
     * Returns the weight of the switch-count features.
     *
     * @return 0 when there are none
     */
    public double switchWeight() {
        return switchWeight;
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
        int n = x.length;
        int m = y.length;
        double[][] ex = new double[n][];
        double[][] ey = new double[m][];
        for (int i = 0; i < n; i++) {
            ex[i] = embed(x[i], numOutputs);
        }
        for (int j = 0; j < m; j++) {
            ey[j] = embed(y[j], numOutputs);
        }
        double[][] dxy = distances(ex, ey, false);
        double[][] dxx = distances(ex, ex, true);
        double[][] dyy = distances(ey, ey, true);
        double value = 2 * sumRho(dxy) / ((double) n * m) - sumRho(dxx) / ((double) n * (n - 1))
                - sumRho(dyy) / ((double) m * (m - 1));
        if (!withGradient) {
            return new LossResult(value, null);
        }
        double cross = 2.0 / ((double) n * m);
        double within = 2.0 / ((double) n * (n - 1));
        int dim = ex[0].length;
        double[][] grad = new double[n][len * numOutputs];
        IntStream rows = IntStream.range(0, n);
        if ((long) n * (n + m) * dim > PARALLEL_WORK) {
            rows = rows.parallel();
        }
        rows.forEach(i -> {
            // Gradient with respect to the embedding u_i first, then back through the linear embedding.
            double[] gu = new double[dim];
            double self = 0;
            for (int j = 0; j < m; j++) {
                if (dxy[i][j] > 0) {
                    double c = cross * slope(dxy[i][j]);
                    self += c;
                    double[] v = ey[j];
                    for (int a = 0; a < dim; a++) {
                        gu[a] -= c * v[a];
                    }
                }
            }
            for (int j = 0; j < n; j++) {
                if (j != i && dxx[i][j] > 0) {
                    double c = within * slope(dxx[i][j]);
                    self -= c;
                    double[] v = ex[j];
                    for (int a = 0; a < dim; a++) {
                        gu[a] += c * v[a];
                    }
                }
            }
            double[] u = ex[i];
            for (int a = 0; a < dim; a++) {
                gu[a] += self * u[a];
            }
            double[] g = grad[i];
            int offset = 0;
            for (int w : windows) {
                double scale = 1 / Math.sqrt(w);
                for (int t = 0; t < len; t++) {
                    int base = offset + t / w * numOutputs;
                    for (int k = 0; k < numOutputs; k++) {
                        g[t * numOutputs + k] += scale * (symbolWeights == null ? 1 : symbolWeights[k]) * gu[base + k];
                    }
                }
                offset += (len + w - 1) / w * numOutputs;
            }
            if (switchWeight > 0) {
                int[] xi = x[i];
                for (int w : windows) {
                    if (w < 2) {
                        continue;
                    }
                    double scale = switchWeight / Math.sqrt(w);
                    for (int t = 0; t + 1 < len; t++) {
                        // d(1 - x_t . x_{t+1}) / dx_t = -x_{t+1}, / dx_{t+1} = -x_t, at the sampled one-hots.
                        double gs = scale * gu[offset + t / w];
                        g[t * numOutputs + xi[t + 1]] -= gs;
                        g[(t + 1) * numOutputs + xi[t]] -= gs;
                    }
                    offset += (len + w - 1) / w;
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
        int d = SequenceChecks.pointCloud("x", x, -1, 2);
        SequenceChecks.pointCloud("y", y, d, 2);
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

    /** rho'(d) / d: the weight of (u - v) in the gradient of rho(|u - v|). */
    private double slope(double d) {
        return bandwidth == 0 ? 1 / d : Math.exp(-d * d / (2 * bandwidth)) / bandwidth;
    }

    private double sumRho(double[][] d) {
        double s = 0;
        for (double[] row : d) {
            for (double v : row) {
                // Zero distances (the diagonal of a symmetric set) contribute rho(0) = 0 either way.
                s += bandwidth == 0 ? v : -Math.expm1(-v * v / (2 * bandwidth));
            }
        }
        return s;
    }

    /**
     * Returns the Gaussian bandwidth.
     *
     * @return 0 for the distance kernel (energy distance), otherwise the bandwidth
     */
    public double bandwidth() {
        return bandwidth;
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

    /** Pairwise Euclidean distances; a symmetric set has a zero diagonal (excluded from the U-statistic). */
    private static double[][] distances(double[][] a, double[][] b, boolean symmetric) {
        double[][] d = new double[a.length][b.length];
        IntStream rows = IntStream.range(0, a.length);
        if ((long) a.length * b.length * a[0].length > PARALLEL_WORK) {
            rows = rows.parallel();
        }
        rows.forEach(i -> {
            for (int j = symmetric ? i + 1 : 0; j < b.length; j++) {
                d[i][j] = euclid(a[i], b[j]);
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

    private static int checkSequences(String name, int[][] seqs, int len, int numOutputs) {
        if (seqs == null || seqs.length < 2) {
            throw new IllegalArgumentException(name + " must contain at least 2 sequences (a U-statistic needs pairs)");
        }
        return SequenceChecks.sameLengthSymbols(name, seqs, len, numOutputs);
    }

    @Override
    public String toString() {
        return "EnergyDistance[weights=" + (symbolWeights == null ? "1" : Arrays.toString(symbolWeights)) + ", windows="
                + Arrays.toString(windows) + (bandwidth == 0 ? "" : ", gaussianBandwidth=" + bandwidth)
                + (switchWeight == 0 ? "" : ", switchWeight=" + switchWeight) + "]";
    }
}
