package io.github.hmmrnn.metrics;

import io.github.hmmrnn.data.Session;
import io.github.hmmrnn.data.TwoStepDataset;
import java.util.List;

/**
 * Permutation-invariant phase recovery for any number of states: the confusion matrix between
 * decoded states and true phases, and the relabelling that maximises agreement, found by the
 * Hungarian algorithm in O(max(K, P)³) (not by enumerating K! permutations).
 */
public final class PhaseRecovery {

    private PhaseRecovery() {
    }

    /**
     * Scores decoded state labels against true phases.
     *
     * @param decoded   [N] decoded states in [0, numStates)
     * @param truth     [N] true phases, each &gt;= 0
     * @param numStates K
     * @return accuracy after the best relabelling, the mapping and the confusion matrix
     * @throws IllegalArgumentException if lengths differ, arrays are empty, or a label is out of
     *                                  range (the message names the position)
     */
    public static PhaseRecoveryResult evaluate(int[] decoded, int[] truth, int numStates) {
        if (decoded == null || truth == null || decoded.length != truth.length || decoded.length == 0) {
            throw new IllegalArgumentException("decoded and truth must be non-empty and of equal length, got "
                    + (decoded == null ? "null" : decoded.length) + " and " + (truth == null ? "null" : truth.length));
        }
        if (numStates < 1) {
            throw new IllegalArgumentException("numStates must be >= 1, got " + numStates);
        }
        int p = 0;
        for (int t = 0; t < truth.length; t++) {
            if (truth[t] < 0) {
                throw new IllegalArgumentException("truth[" + t + "] = " + truth[t] + " must be >= 0");
            }
            if (decoded[t] < 0 || decoded[t] >= numStates) {
                throw new IllegalArgumentException("decoded[" + t + "] = " + decoded[t] + " not in [0, " + numStates + ")");
            }
            p = Math.max(p, truth[t] + 1);
        }
        long[][] c = new long[numStates][p];
        for (int t = 0; t < truth.length; t++) {
            c[decoded[t]][truth[t]]++;
        }
        return fromConfusion(c);
    }

    /**
     * Best relabelling for a confusion matrix.
     *
     * @param confusion [K][P] counts C[i][j] = #(decoded i, true j), non-negative, not all zero
     * @return the accuracy, mapping and confusion
     * @throws IllegalArgumentException if the matrix is empty, ragged, negative or all zero
     */
    public static PhaseRecoveryResult fromConfusion(long[][] confusion) {
        if (confusion == null || confusion.length == 0 || confusion[0] == null || confusion[0].length == 0) {
            throw new IllegalArgumentException("confusion must be a non-empty matrix");
        }
        int k = confusion.length;
        int p = confusion[0].length;
        int n = Math.max(k, p);
        double[][] w = new double[n][n];
        long total = 0;
        for (int i = 0; i < k; i++) {
            if (confusion[i] == null || confusion[i].length != p) {
                throw new IllegalArgumentException("confusion row " + i + " must have " + p + " entries");
            }
            for (int j = 0; j < p; j++) {
                if (confusion[i][j] < 0) {
                    throw new IllegalArgumentException("confusion[" + i + "][" + j + "] = " + confusion[i][j]
                            + " is negative");
                }
                w[i][j] = confusion[i][j];
                total += confusion[i][j];
            }
        }
        if (total == 0) {
            throw new IllegalArgumentException("confusion has no counts");
        }
        int[] assign = Hungarian.maximize(w);
        int[] mapping = new int[k];
        long hits = 0;
        for (int i = 0; i < k; i++) {
            mapping[i] = assign[i] < p ? assign[i] : -1;
            if (mapping[i] >= 0) {
                hits += confusion[i][mapping[i]];
            }
        }
        return new PhaseRecoveryResult((double) hits / total, mapping, confusion, total);
    }

    /**
     * Phase recovery of posterior state probabilities on a dataset with true phases: each trial
     * is decoded as argmax_k posterior[t][k] (lowest index on ties) and all sessions are pooled.
     *
     * @param data       sessions with ground-truth phases
     * @param posteriors one [T][K] posterior per session (typically smoothed γ)
     * @return the pooled result over every trial
     * @throws IllegalArgumentException if the data have no phases, or counts or shapes disagree
     */
    public static PhaseRecoveryResult evaluate(TwoStepDataset data, List<double[][]> posteriors) {
        List<Session> sessions = data.sessions();
        if (!data.hasPhases()) {
            throw new IllegalArgumentException("data have no ground-truth phases");
        }
        if (posteriors == null || posteriors.size() != sessions.size()) {
            throw new IllegalArgumentException("posteriors has " + (posteriors == null ? "no" : posteriors.size())
                    + " sessions, data has " + sessions.size());
        }
        int k = -1;
        int total = data.numTrials();
        int[] decoded = new int[total];
        int[] truth = new int[total];
        int pos = 0;
        for (int b = 0; b < sessions.size(); b++) {
            Session s = sessions.get(b);
            double[][] g = posteriors.get(b);
            if (g == null || g.length != s.length()) {
                throw new IllegalArgumentException("posteriors of session " + b + " has "
                        + (g == null ? "no" : String.valueOf(g.length)) + " trials, expected " + s.length());
            }
            for (int t = 0; t < g.length; t++) {
                if (k < 0) {
                    k = g[t].length;
                }
                if (g[t].length != k) {
                    throw new IllegalArgumentException("posteriors of session " + b + ", trial " + t + " has "
                            + g[t].length + " states, expected " + k);
                }
                decoded[pos] = argmax(g[t]);
                truth[pos] = s.phase(t);
                pos++;
            }
        }
        return evaluate(decoded, truth, k);
    }

    /**
     * @param p values
     * @return index of the largest value, lowest index on ties
     * @throws IllegalArgumentException if a value is NaN
     */
    public static int argmax(double[] p) {
        int best = 0;
        for (int i = 0; i < p.length; i++) {
            if (Double.isNaN(p[i])) {
                throw new IllegalArgumentException("value[" + i + "] is NaN");
            }
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }
}
