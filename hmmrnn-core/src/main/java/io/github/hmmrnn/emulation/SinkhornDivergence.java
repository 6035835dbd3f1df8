package io.github.hmmrnn.emulation;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.Arrays;

/**
 * Debiased Sinkhorn divergence between two uniformly weighted point clouds with the squared
 * Euclidean cost C(x, y) = |x - y|^2 / 2, computed in the log domain with epsilon-scaling:
 *
 * <pre>
 *   S(a, b) = OT_eps(a, b) - OT_eps(a, a) / 2 - OT_eps(b, b) / 2,   eps = blur^2
 * </pre>
 *
 * <p>The algorithm follows geomloss' "tensorized" Sinkhorn loop (Feydy et al., AISTATS 2019):
 * annealing from eps = diameter^2 down to blur^2 by factors scaling^2 with averaged symmetric
 * softmin updates, then one extrapolation step whose value is
 * {@code <a, f_ba - f_aa> + <b, g_ab - g_bb>}. As in geomloss, the cost is differentiated
 * through its first argument only, which gives the gradient
 *
 * <pre>
 *   dS/dx_i = sum_j pi^xy_ij (x_i - y_j) - sum_j pi^xx_ij (x_i - x_j)
 * </pre>
 *
 * with pi the (extrapolated) transport plans. At convergence this is the exact derivative
 * (envelope theorem). For one-hot sequences each sequence is one point of R^{T K} and the cost
 * reduces to the Hamming distance.
 */
public final class SinkhornDivergence {

    private static final int PARALLEL_THRESHOLD = 64 * 64;

    private final SinkhornOptions options;

    /**
     * Creates a divergence with the given settings.
     *
     * @param options Sinkhorn settings
     */
    public SinkhornDivergence(SinkhornOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        this.options = options;
    }

    /**
     * Returns the settings.
     *
     * @return options
     */
    public SinkhornOptions options() {
        return options;
    }

    /**
     * Divergence between dense point clouds, with the gradient with respect to {@code x}.
     *
     * @param x first cloud, [N][D]
     * @param y second cloud, [M][D]
     * @return value and gradient [N][D]
     * @throws IllegalArgumentException if a cloud is empty, ragged or not finite
     */
    public SinkhornResult between(double[][] x, double[][] y) {
        int d = SequenceChecks.pointCloud("x", x, -1, 1);
        SequenceChecks.pointCloud("y", y, d, 1);
        double[][] cxy = denseCost(x, y);
        double[][] cxx = denseCost(x, x);
        double[][] cyy = denseCost(y, y);
        double[] lo = new double[d];
        double[] hi = new double[d];
        Arrays.fill(lo, Double.POSITIVE_INFINITY);
        Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        for (double[][] cloud : new double[][][] {x, y}) {
            for (double[] p : cloud) {
                for (int k = 0; k < d; k++) {
                    lo[k] = Math.min(lo[k], p[k]);
                    hi[k] = Math.max(hi[k], p[k]);
                }
            }
        }
        double diam2 = 0;
        for (int k = 0; k < d; k++) {
            diam2 += (hi[k] - lo[k]) * (hi[k] - lo[k]);
        }
        Solution s = solve(cxy, cxx, cyy, Math.sqrt(diam2), true);
        int n = x.length;
        double[][] grad = new double[n][d];
        for (int i = 0; i < n; i++) {
            // Rows of the conditional plans sum to one, so the x_i terms cancel: barycentre difference.
            for (int j = 0; j < x.length; j++) {
                double w = s.rowsXx[i][j];
                for (int k = 0; k < d; k++) {
                    grad[i][k] += w * x[j][k];
                }
            }
            for (int j = 0; j < y.length; j++) {
                double w = s.rowsXy[i][j];
                for (int k = 0; k < d; k++) {
                    grad[i][k] -= w * y[j][k];
                }
            }
            for (int k = 0; k < d; k++) {
                grad[i][k] /= n;
            }
        }
        return new SinkhornResult(s.value, grad);
    }

    /**
     * Divergence between two sets of symbol sequences, each read as a concatenation of one-hot
     * vectors (a point of R^{T K}).
     *
     * @param x            first set, [N][T], symbols in {@code 0..numOutputs-1}
     * @param y            second set, [M][T]
     * @param numOutputs   K, at least 2
     * @param withGradient whether to compute dS/dx
     * @return value and, if asked, the gradient [N][T * K] at index {@code t * K + k}
     * @throws IllegalArgumentException on empty or ragged sets, different lengths, or symbols out of range
     */
    public SinkhornResult betweenSequences(int[][] x, int[][] y, int numOutputs, boolean withGradient) {
        if (numOutputs < 2) {
            throw new IllegalArgumentException("numOutputs must be >= 2, got " + numOutputs);
        }
        int len = checkSequences("x", x, -1, numOutputs);
        checkSequences("y", y, len, numOutputs);
        double[][] cxy = hamming(x, y);
        double[][] cxx = hamming(x, x);
        double[][] cyy = hamming(y, y);
        // geomloss takes the diameter of the bounding box of both clouds.
        int spanned = 0;
        for (int t = 0; t < len; t++) {
            boolean[] seen = new boolean[numOutputs];
            int distinct = 0;
            for (int[][] cloud : new int[][][] {x, y}) {
                for (int[] s : cloud) {
                    if (!seen[s[t]]) {
                        seen[s[t]] = true;
                        distinct++;
                    }
                }
            }
            // A coordinate (t, k) spans [0, 1] unless every sequence has symbol k at t or none has.
            spanned += distinct > 1 ? distinct : 0;
        }
        Solution s = solve(cxy, cxx, cyy, Math.sqrt(spanned), withGradient);
        if (!withGradient) {
            return new SinkhornResult(s.value, null);
        }
        int n = x.length;
        double[][] grad = new double[n][len * numOutputs];
        IntStream rows = IntStream.range(0, n);
        if ((long) n * (x.length + y.length) * len > PARALLEL_THRESHOLD * 16L) {
            rows = rows.parallel();
        }
        rows.forEach(i -> {
            double[] g = grad[i];
            for (int j = 0; j < x.length; j++) {
                double w = s.rowsXx[i][j];
                int[] sj = x[j];
                for (int t = 0; t < len; t++) {
                    g[t * numOutputs + sj[t]] += w;
                }
            }
            for (int j = 0; j < y.length; j++) {
                double w = s.rowsXy[i][j];
                int[] sj = y[j];
                for (int t = 0; t < len; t++) {
                    g[t * numOutputs + sj[t]] -= w;
                }
            }
            for (int k = 0; k < g.length; k++) {
                g[k] /= n;
            }
        });
        return new SinkhornResult(s.value, grad);
    }

    /**
     * The epsilon schedule of geomloss: diameter^2, then exp of a grid from 2 log(diameter) down to
     * 2 log(blur) in steps of 2 log(scaling), then blur^2.
     *
     * @param diameter cloud diameter, positive
     * @param blur     final blur
     * @param scaling  scaling ratio in (0, 1)
     * @return the temperatures in the order they are used
     */
    public static double[] epsilonSchedule(double diameter, double blur, double scaling) {
        List<Double> eps = new ArrayList<>();
        eps.add(diameter * diameter);
        double start = 2 * Math.log(diameter);
        double stop = 2 * Math.log(blur);
        double step = 2 * Math.log(scaling);
        int count = (int) Math.max(0, Math.ceil((stop - start) / step));
        for (int k = 0; k < count; k++) {
            eps.add(Math.exp(start + k * step));
        }
        eps.add(blur * blur);
        return eps.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private record Solution(double value, double[][] rowsXy, double[][] rowsXx) {
    }

    private Solution solve(double[][] cxy, double[][] cxx, double[][] cyy, double diameter, boolean withPlans) {
        int n = cxy.length;
        int m = cyy.length;
        double[][] cyx = transpose(cxy, m);
        double[] aLog = new double[n];
        double[] bLog = new double[m];
        Arrays.fill(aLog, -Math.log(n));
        Arrays.fill(bLog, -Math.log(m));
        double blur = options.blur();
        // A single point (or identical points) has zero diameter; anneal from blur itself then.
        double[] schedule = epsilonSchedule(Math.max(diameter, blur), blur, options.scaling());
        double eps = schedule[0];
        double[] gab = softmin(eps, cyx, aLog, null);
        double[] fba = softmin(eps, cxy, bLog, null);
        double[] faa = softmin(eps, cxx, aLog, null);
        double[] gbb = softmin(eps, cyy, bLog, null);
        int steps = schedule.length + options.extraIterations();
        for (int it = 0; it < steps; it++) {
            eps = schedule[Math.min(it, schedule.length - 1)];
            double[] ft = softmin(eps, cxy, bLog, gab);
            double[] gt = softmin(eps, cyx, aLog, fba);
            double[] ftaa = softmin(eps, cxx, aLog, faa);
            double[] gtbb = softmin(eps, cyy, bLog, gbb);
            for (int i = 0; i < n; i++) {
                fba[i] = 0.5 * (fba[i] + ft[i]);
                faa[i] = 0.5 * (faa[i] + ftaa[i]);
            }
            for (int j = 0; j < m; j++) {
                gab[j] = 0.5 * (gab[j] + gt[j]);
                gbb[j] = 0.5 * (gbb[j] + gtbb[j]);
            }
        }
        eps = schedule[schedule.length - 1];
        double[][] rowsXy = withPlans ? new double[n][] : null;
        double[][] rowsXx = withPlans ? new double[n][] : null;
        double[] fbaLast = softmin(eps, cxy, bLog, gab, rowsXy);
        double[] gabLast = softmin(eps, cyx, aLog, fba);
        double[] faaLast = softmin(eps, cxx, aLog, faa, rowsXx);
        double[] gbbLast = softmin(eps, cyy, bLog, gbb);
        double value = 0;
        for (int i = 0; i < n; i++) {
            value += (fbaLast[i] - faaLast[i]) / n;
        }
        for (int j = 0; j < m; j++) {
            value += (gabLast[j] - gbbLast[j]) / m;
        }
        return new Solution(value, rowsXy, rowsXx);
    }

    private static double[] softmin(double eps, double[][] c, double[] logWeights, double[] potential) {
        return softmin(eps, c, logWeights, potential, null);
    }

    /**
     * softmin_i = -eps log sum_j exp(logWeights_j + potential_j / eps - c_ij / eps); when
     * {@code rowsOut} is given, also stores the normalised softmax weights of each row.
     */
    private static double[] softmin(double eps, double[][] c, double[] logWeights, double[] potential,
                                    double[][] rowsOut) {
        int n = c.length;
        int m = logWeights.length;
        double[] h = new double[m];
        for (int j = 0; j < m; j++) {
            h[j] = logWeights[j] + (potential == null ? 0 : potential[j] / eps);
        }
        double inv = 1 / eps;
        double[] out = new double[n];
        IntStream rows = IntStream.range(0, n);
        if ((long) n * m > PARALLEL_THRESHOLD * 16L) {
            rows = rows.parallel();
        }
        rows.forEach(i -> {
            double[] ci = c[i];
            double[] z = new double[m];
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < m; j++) {
                z[j] = h[j] - ci[j] * inv;
                if (z[j] > max) {
                    max = z[j];
                }
            }
            double sum = 0;
            for (int j = 0; j < m; j++) {
                z[j] = Math.exp(z[j] - max);
                sum += z[j];
            }
            out[i] = -eps * (max + Math.log(sum));
            if (rowsOut != null) {
                for (int j = 0; j < m; j++) {
                    z[j] /= sum;
                }
                rowsOut[i] = z;
            }
        });
        return out;
    }

    private static double[][] transpose(double[][] a, int cols) {
        double[][] t = new double[cols][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < cols; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    private static double[][] denseCost(double[][] x, double[][] y) {
        double[][] c = new double[x.length][y.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < y.length; j++) {
                double s = 0;
                for (int k = 0; k < x[i].length; k++) {
                    double diff = x[i][k] - y[j][k];
                    s += diff * diff;
                }
                c[i][j] = 0.5 * s;
            }
        }
        return c;
    }

    private static double[][] hamming(int[][] x, int[][] y) {
        double[][] c = new double[x.length][y.length];
        IntStream rows = IntStream.range(0, x.length);
        if ((long) x.length * y.length > PARALLEL_THRESHOLD * 16L) {
            rows = rows.parallel();
        }
        rows.forEach(i -> {
            int[] xi = x[i];
            for (int j = 0; j < y.length; j++) {
                int[] yj = y[j];
                int mismatches = 0;
                for (int t = 0; t < xi.length; t++) {
                    if (xi[t] != yj[t]) {
                        mismatches++;
                    }
                }
                c[i][j] = mismatches;
            }
        });
        return c;
    }

    private static int checkSequences(String name, int[][] seqs, int len, int numOutputs) {
        if (seqs == null || seqs.length == 0) {
            throw new IllegalArgumentException(name + " must contain at least one sequence");
        }
        return SequenceChecks.sameLengthSymbols(name, seqs, len, numOutputs);
    }
}
