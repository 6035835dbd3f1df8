package io.github.hmmrnn.moa;


import java.util.SplittableRandom;

/** Pure numeric helpers of the MoA-HMM: logistic functions, emissions, linear algebra, sampling. */
final class MoaKernels {

    private MoaKernels() {
    }

    /**
     * log(1 + e^−|z|), as log(1 + e) rather than log1p(e): 1 + e rounds to within 1.1·10^−16 of
     * its value for e in (0, 1], so the result is within about 2·10^−16 nats of log1p's, and
     * {@link Math#log} is a JIT intrinsic where log1p is not (a fifth of an HMM-MoA fit's CPU went
     * to log1p). Every HMM-MoA emission log-likelihood (the fitter's and the fitted model's) is
     * computed through this one function, so they agree bit for bit.
     */
    static double log1pExpNegAbs(double z) {
        return Math.log(1 + Math.exp(-Math.abs(z)));
    }

    /** log σ(η) = −log(1 + e^−η), as {@link #log1pExpNegAbs} computes the logarithm. */
    static double logSigmoid(double eta) {
        double l = log1pExpNegAbs(eta);
        return eta >= 0 ? -l : eta - l;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /**
     * Choice emission log-likelihoods of the chain steps of one session.
     *
     * @param beta   [K][A] weights, state-major
     * @param x      [T][A] regressors of all trials
     * @param steps  trial index of each chain step
     * @param emits  per step, whether it emits its choice (0 in every state when not)
     * @param choice choices of all trials
     * @return [m][K] log p(choice | z = k)
     */
    static double[][] emissionLogLik(double[][] beta, double[][] x, int[] steps, boolean[] emits, int[] choice) {
        int k = beta.length;
        double[][] out = new double[steps.length][k];
        for (int j = 0; j < steps.length; j++) {
            if (!emits[j]) {
                continue;
            }
            int t = steps[j];
            for (int s = 0; s < k; s++) {
                double eta = dot(beta[s], x[t]);
                out[j][s] = choice[t] == 1 ? logSigmoid(eta) : logSigmoid(-eta);
            }
        }
        return out;
    }

    /** a += b elementwise, in place: adds a second emission factor's [m][K] log-likelihoods. */
    static void addInPlace(double[][] a, double[][] b) {
        for (int j = 0; j < a.length; j++) {
            for (int k = 0; k < a[j].length; k++) {
                a[j][k] += b[j][k];
            }
        }
    }

    /**
     * Σ_j log Σ_k p(z_j = k | earlier steps) p(choice_j | z_j = k) over the steps that emit their
     * choice: the causal log-likelihood of the scored choices, whatever else the chain's emissions
     * contain.
     *
     * @param predicted     [m][K] one-step predictive state distributions
     * @param choiceLogLik  [m][K] log p(choice_j | z_j = k)
     * @param emits         per step, whether it emits its choice
     * @return the sum over the scored steps
     */
    static double causalChoiceLogLik(double[][] predicted, double[][] choiceLogLik, boolean[] emits) {
        double total = 0;
        for (int j = 0; j < predicted.length; j++) {
            if (emits[j]) {
                total += logMixture(predicted[j], choiceLogLik[j], 0, predicted[j].length);
            }
        }
        return total;
    }

    /**
     * {@link #causalChoiceLogLik(double[][], double[][], boolean[])} of one chain stored flat:
     * step j, state k at {@code from + j·K + k} in both arrays (the same numbers).
     */
    static double causalChoiceLogLik(double[] predicted, double[] choiceLogLik, int from, boolean[] emits, int k) {
        double total = 0;
        for (int j = 0; j < emits.length; j++) {
            if (emits[j]) {
                total += logMixture(predicted, choiceLogLik, from + j * k, k);
            }
        }
        return total;
    }

    /** log Σ_z p[at + z] · exp(l[at + z]) for z &lt; k, the largest l factored out. */
    private static double logMixture(double[] p, double[] l, int at, int k) {
        double max = Double.NEGATIVE_INFINITY;
        for (int z = 0; z < k; z++) {
            max = Math.max(max, l[at + z]);
        }
        double s = 0;
        for (int z = 0; z < k; z++) {
            s += p[at + z] * Math.exp(l[at + z] - max);
        }
        return max + Math.log(s);
    }

    /** Steps per pass of {@link #weightedGrams}: its columns' chunks stay in the first-level cache. */
    private static final int GRAM_CHUNK = 256;

    /**
     * Per state k, the weighted Gram matrix Σ_q w[k]_q z_q z_qᵀ of the columns {@code z} ([m][n]),
     * lower triangle packed row by row into {@code gram[k]} (added to it): entry (u, v ≤ u) at
     * u(u+1)/2 + v. Every entry sums w_q·(z_u,q·z_v,q) in step order in its own accumulator, the
     * value a trial-by-trial rank-one update gives. One pass over the steps serves four entries
     * of two states (eight independent sums, so that additions overlap where one sum would wait
     * on its last, and the products z_u·z_v are shared by the two states).
     */
    static void weightedGrams(double[][] z, double[][] w, double[][] gram) {
        int m = z.length;
        int kk = w.length;
        int n = kk == 0 ? 0 : w[0].length;
        for (int from = 0; from < n; from += GRAM_CHUNK) {
            int to = Math.min(n, from + GRAM_CHUNK);
            int off = 0;
            for (int u = 0; u < m; u++) {
                double[] zu = z[u];
                int v = 0;
                for (; v + 3 <= u; v += 4) {
                    int k = 0;
                    for (; k + 1 < kk; k += 2) {
                        gram4x2(zu, z, v, w[k], w[k + 1], gram[k], gram[k + 1], off + v, from, to);
                    }
                    if (k < kk) {
                        gram4(zu, z[v], z[v + 1], z[v + 2], z[v + 3], w[k], gram[k], off + v, from, to);
                    }
                }
                for (; v <= u; v++) {
                    for (int k = 0; k < kk; k++) {
                        gram[k][off + v] = gram1(zu, z[v], w[k], gram[k][off + v], from, to);
                    }
                }
                off += u + 1;
            }
        }
    }

    private static void gram4x2(double[] zu, double[][] z, int v, double[] wa, double[] wb, double[] ga,
                                double[] gb, int at, int from, int to) {
        double[] z0 = z[v];
        double[] z1 = z[v + 1];
        double[] z2 = z[v + 2];
        double[] z3 = z[v + 3];
        double a0 = ga[at];
        double a1 = ga[at + 1];
        double a2 = ga[at + 2];
        double a3 = ga[at + 3];
        double b0 = gb[at];
        double b1 = gb[at + 1];
        double b2 = gb[at + 2];
        double b3 = gb[at + 3];
        for (int q = from; q < to; q++) {
            double u = zu[q];
            double p0 = u * z0[q];
            double p1 = u * z1[q];
            double p2 = u * z2[q];
            double p3 = u * z3[q];
            double x = wa[q];
            double y = wb[q];
            a0 += x * p0;
            a1 += x * p1;
            a2 += x * p2;
            a3 += x * p3;
            b0 += y * p0;
            b1 += y * p1;
            b2 += y * p2;
            b3 += y * p3;
        }
        ga[at] = a0;
        ga[at + 1] = a1;
        ga[at + 2] = a2;
        ga[at + 3] = a3;
        gb[at] = b0;
        gb[at + 1] = b1;
        gb[at + 2] = b2;
        gb[at + 3] = b3;
    }

    private static void gram4(double[] zu, double[] z0, double[] z1, double[] z2, double[] z3, double[] w,
                              double[] gram, int at, int from, int to) {
        double s0 = gram[at];
        double s1 = gram[at + 1];
        double s2 = gram[at + 2];
        double s3 = gram[at + 3];
        for (int q = from; q < to; q++) {
            double wq = w[q];
            double u = zu[q];
            s0 += wq * (u * z0[q]);
            s1 += wq * (u * z1[q]);
            s2 += wq * (u * z2[q]);
            s3 += wq * (u * z3[q]);
        }
        gram[at] = s0;
        gram[at + 1] = s1;
        gram[at + 2] = s2;
        gram[at + 3] = s3;
    }

    private static double gram1(double[] zu, double[] zv, double[] w, double s, int from, int to) {
        for (int q = from; q < to; q++) {
            s += w[q] * (zu[q] * zv[q]);
        }
        return s;
    }

    /** {@code out[u] += Σ_q r_q z_u,q}, each sum in step order (the trial-by-trial value). */
    static void weightedSums(double[][] z, double[] r, double[] out) {
        int m = z.length;
        int n = r.length;
        int u = 0;
        for (; u + 4 <= m; u += 4) {
            double[] z0 = z[u];
            double[] z1 = z[u + 1];
            double[] z2 = z[u + 2];
            double[] z3 = z[u + 3];
            double s0 = out[u];
            double s1 = out[u + 1];
            double s2 = out[u + 2];
            double s3 = out[u + 3];
            for (int q = 0; q < n; q++) {
                double rq = r[q];
                s0 += rq * z0[q];
                s1 += rq * z1[q];
                s2 += rq * z2[q];
                s3 += rq * z3[q];
            }
            out[u] = s0;
            out[u + 1] = s1;
            out[u + 2] = s2;
            out[u + 3] = s3;
        }
        for (; u < m; u++) {
            double[] zu = z[u];
            double s = out[u];
            for (int q = 0; q < n; q++) {
                s += r[q] * zu[q];
            }
            out[u] = s;
        }
    }

    /**
     * Solves (H) δ = g for a symmetric positive semi-definite H by Cholesky, adding a growing
     * ridge until it factorises.
     */
    static double[] solveSpd(double[][] h, double[] g) {
        int n = g.length;
        double ridge = 0;
        double scale = 0;
        for (int i = 0; i < n; i++) {
            scale = Math.max(scale, Math.abs(h[i][i]));
        }
        if (scale == 0) {
            scale = 1;
        }
        for (int attempt = 0; attempt < 30; attempt++) {
            double[][] l = new double[n][n];
            boolean ok = true;
            for (int i = 0; i < n && ok; i++) {
                for (int j = 0; j <= i; j++) {
                    double s = h[i][j] + (i == j ? ridge : 0);
                    for (int q = 0; q < j; q++) {
                        s -= l[i][q] * l[j][q];
                    }
                    if (i == j) {
                        if (!(s > 1e-14 * scale)) {
                            ok = false;
                            break;
                        }
                        l[i][i] = Math.sqrt(s);
                    } else {
                        l[i][j] = s / l[j][j];
                    }
                }
            }
            if (ok) {
                double[] y = new double[n];
                for (int i = 0; i < n; i++) {
                    double s = g[i];
                    for (int q = 0; q < i; q++) {
                        s -= l[i][q] * y[q];
                    }
                    y[i] = s / l[i][i];
                }
                double[] xs = new double[n];
                for (int i = n - 1; i >= 0; i--) {
                    double s = y[i];
                    for (int q = i + 1; q < n; q++) {
                        s -= l[q][i] * xs[q];
                    }
                    xs[i] = s / l[i][i];
                }
                return xs;
            }
            ridge = ridge == 0 ? 1e-10 * scale : ridge * 10;
        }
        throw new IllegalStateException("Newton system could not be factorised (non-finite curvature)");
    }

    /** Gamma(shape, 1) draw, Marsaglia–Tsang (shape &lt; 1 by boosting). */
    static double gamma(SplittableRandom rng, double shape) {
        if (shape < 1) {
            double u = rng.nextDouble();
            return gamma(rng, shape + 1) * Math.pow(u, 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double z = rng.nextGaussian();
            double v = 1 + c * z;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = rng.nextDouble();
            if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }

    static double[] dirichlet(SplittableRandom rng, double[] conc) {
        double[] out = new double[conc.length];
        double s = 0;
        for (int i = 0; i < conc.length; i++) {
            out[i] = gamma(rng, conc[i]);
            s += out[i];
        }
        for (int i = 0; i < conc.length; i++) {
            out[i] /= s;
        }
        return out;
    }

    static double betaDraw(SplittableRandom rng, double a, double b) {
        double x = gamma(rng, a);
        double y = gamma(rng, b);
        return x / (x + y);
    }

    static int categorical(SplittableRandom rng, double[] p) {
        double u = rng.nextDouble();
        double c = 0;
        for (int i = 0; i < p.length; i++) {
            c += p[i];
            if (u < c) {
                return i;
            }
        }
        return p.length - 1;
    }
}
