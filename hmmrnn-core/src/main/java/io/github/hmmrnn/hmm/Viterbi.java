package io.github.hmmrnn.hmm;

/**
 * Viterbi decoding in log space: the single most likely hidden path, argmax over z_1..T of
 * p(z_1..T, y_1..T).
 *
 * <p>Tie breaking is deterministic: when two predecessors give exactly the same score the one
 * with the smaller state index wins, and when two final states tie the smaller index wins. The
 * returned path is therefore the lexicographically-smallest-by-backtrace maximiser.
 */
public final class Viterbi {

    private Viterbi() {
    }

    /**
     * Decodes one chain; inputs are validated first.
     *
     * @param parameters π and A
     * @param logLik     [T][K] emission log-likelihoods
     * @return the most likely path and its log joint probability
     * @throws IllegalArgumentException if {@code logLik} is malformed (see
     *                                  {@link HmmValidation#requireLogLikelihoods}) or every path
     *                                  has probability zero
     */
    public static ViterbiPath decode(HmmParameters parameters, double[][] logLik) {
        HmmValidation.requireLogLikelihoods(logLik, parameters.numStates(), "logLik");
        return decode(parameters.initialArray(), parameters.transitionArray(), logLik);
    }

    /**
     * The most likely state path; shorthand for {@code decode(parameters, logLik).states()}.
     *
     * @param parameters π and A
     * @param logLik     [T][K] emission log-likelihoods
     * @return [T] the most likely path
     * @throws IllegalArgumentException as {@link #decode(HmmParameters, double[][])}
     */
    public static int[] mostLikelyStates(HmmParameters parameters, double[][] logLik) {
        return decode(parameters, logLik).states();
    }

    /**
     * Unvalidated kernel.
     *
     * @param initial    [K] π
     * @param transition [K][K] A
     * @param logLik     [T][K] emission log-likelihoods
     * @return the most likely path and its log joint probability
     * @throws IllegalArgumentException if every path has probability zero
     */
    public static ViterbiPath decode(double[] initial, double[][] transition, double[][] logLik) {
        int n = logLik.length;
        int k = initial.length;
        double[][] logA = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                logA[i][j] = Math.log(transition[i][j]);
            }
        }
        int[][] back = new int[n][k];
        double[] delta = new double[k];
        double[] next = new double[k];
        for (int j = 0; j < k; j++) {
            delta[j] = Math.log(initial[j]) + logLik[0][j];
        }
        for (int t = 1; t < n; t++) {
            double[] l = logLik[t];
            int[] bt = back[t];
            for (int j = 0; j < k; j++) {
                double best = Double.NEGATIVE_INFINITY;
                int arg = 0;
                for (int i = 0; i < k; i++) {
                    double v = delta[i] + logA[i][j];
                    if (v > best) {
                        best = v;
                        arg = i;
                    }
                }
                next[j] = best + l[j];
                bt[j] = arg;
            }
            double[] tmp = delta;
            delta = next;
            next = tmp;
        }
        double best = Double.NEGATIVE_INFINITY;
        int arg = -1;
        for (int j = 0; j < k; j++) {
            if (delta[j] > best) {
                best = delta[j];
                arg = j;
            }
        }
        if (arg < 0) {
            throw new IllegalArgumentException("every state path has probability zero under the model");
        }
        int[] path = new int[n];
        path[n - 1] = arg;
        for (int t = n - 1; t > 0; t--) {
            path[t - 1] = back[t][path[t]];
        }
        return new ViterbiPath(path, best);
    }
}
