package io.github.hmmrnn.hmm;

/**
 * Scaled forward–backward recursions for a hidden Markov chain with arbitrary emissions.
 *
 * <p>The kernel never sees the emission model: it takes per-time-step, per-state emission
 * log-likelihoods and works in scaled probability space, subtracting each time step's maximum
 * log-likelihood before exponentiating, so it neither underflows nor overflows for any finite
 * input (log-likelihoods of −1e4 and chains of 10^6 steps included).
 *
 * <p>Inputs are assumed valid (stochastic π and A, finite log-likelihoods, matching shapes);
 * validation happens at the model boundary, not here.
 */
public final class ForwardBackward {

    private ForwardBackward() {
    }

    /**
     * Runs forward–backward on one chain.
     *
     * @param initial    [K] initial state distribution π
     * @param transition [K][K] transition matrix, A[i][j] = p(z_t+1 = j | z_t = i)
     * @param logLik     [T][K] emission log-likelihoods log p(y_t | z_t = k), T &gt;= 1
     * @return the exact posterior quantities
     */
    public static HmmPosterior run(double[] initial, double[][] transition, double[][] logLik) {
        int n = logLik.length;
        int k = initial.length;
        double[][] predicted = new double[n][k];
        double[][] filtered = new double[n][k];
        double[][] scaledLik = new double[n][k];
        double[] logCond = new double[n];
        double[] norm = new double[n];
        double logMarginal = forward(initial, transition, logLik, predicted, filtered, scaledLik, logCond, norm);

        double[][] smoothed = new double[n][k];
        double[][] counts = new double[k][k];
        double[] beta = new double[k];
        double[] next = new double[k];
        java.util.Arrays.fill(beta, 1.0);
        System.arraycopy(filtered[n - 1], 0, smoothed[n - 1], 0, k);
        for (int t = n - 2; t >= 0; t--) {
            double[] e = scaledLik[t + 1];
            double c = norm[t + 1];
            for (int j = 0; j < k; j++) {
                next[j] = e[j] * beta[j] / c;
            }
            double[] f = filtered[t];
            double[] s = smoothed[t];
            for (int i = 0; i < k; i++) {
                double[] a = transition[i];
                double b = 0;
                for (int j = 0; j < k; j++) {
                    double w = a[j] * next[j];
                    b += w;
                    counts[i][j] += f[i] * w;
                }
                beta[i] = b;
                s[i] = f[i] * b;
            }
        }
        return new HmmPosterior(logMarginal, logCond, predicted, filtered, smoothed, counts);
    }

    /**
     * Runs only the forward pass: the causal quantities, cheaper than {@link #run}.
     *
     * @param initial    [K] initial state distribution π
     * @param transition [K][K] transition matrix
     * @param logLik     [T][K] emission log-likelihoods
     * @return a posterior whose {@code smoothed} and {@code expectedTransitions} are {@code null}
     */
    public static HmmPosterior filter(double[] initial, double[][] transition, double[][] logLik) {
        int n = logLik.length;
        int k = initial.length;
        double[][] predicted = new double[n][k];
        double[][] filtered = new double[n][k];
        double[] logCond = new double[n];
        double logMarginal = forward(initial, transition, logLik, predicted, filtered, null, logCond, new double[n]);
        return new HmmPosterior(logMarginal, logCond, predicted, filtered, null, null);
    }

    private static double forward(double[] initial, double[][] transition, double[][] logLik,
                                  double[][] predicted, double[][] filtered, double[][] scaledLik,
                                  double[] logCond, double[] norm) {
        int n = logLik.length;
        int k = initial.length;
        double logMarginal = 0;
        double[] e = new double[k];
        System.arraycopy(initial, 0, predicted[0], 0, k);
        for (int t = 0; t < n; t++) {
            double[] l = logLik[t];
            double m = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                m = Math.max(m, l[j]);
            }
            double[] p = predicted[t];
            double[] f = filtered[t];
            double[] el = scaledLik != null ? scaledLik[t] : e;
            double c = 0;
            for (int j = 0; j < k; j++) {
                el[j] = Math.exp(l[j] - m);
                f[j] = p[j] * el[j];
                c += f[j];
            }
            for (int j = 0; j < k; j++) {
                f[j] /= c;
            }
            norm[t] = c;
            logCond[t] = Math.log(c) + m;
            logMarginal += logCond[t];
            if (t + 1 < n) {
                double[] q = predicted[t + 1];
                for (int i = 0; i < k; i++) {
                    double fi = f[i];
                    double[] a = transition[i];
                    for (int j = 0; j < k; j++) {
                        q[j] += fi * a[j];
                    }
                }
            }
        }
        return logMarginal;
    }
}
