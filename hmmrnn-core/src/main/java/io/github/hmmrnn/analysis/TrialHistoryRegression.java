package io.github.hmmrnn.analysis;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.github.hmmrnn.data.Session;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.numeric.Logistic;
import java.util.Arrays;

/**
 * Trial-history analyses of two-step behaviour (Miller, Botvinick &amp; Brody 2017): stay
 * probabilities after each trial type, and a logistic regression of the choice on lagged
 * choice × trial-type regressors.
 *
 * <p>For lag l and type y the regressor on trial t is +1 if trial t−l was of type y and its choice
 * was 1 (right), −1 if it was of type y and its choice was 0, and 0 otherwise (also when t−l lies
 * before the session start). Positive weights mean "repeat choices followed by this type".
 * Targets can be observed choices or a model's causal predictions p(choice_t = 1 | trials &lt; t)
 * (soft targets), so a fitted model's signature can be drawn beside the data's. Only scored trials
 * with a scored predecessor enter as targets.
 */
public final class TrialHistoryRegression {

    private TrialHistoryRegression() {
    }

    /**
     * Stay probability after each trial type at lag 1.
     *
     * @param data          sessions
     * @param choiceProb1   per session [T] probability that choice_t = 1, or {@code null} to use
     *                      the observed choices
     * @return P(repeat previous choice | previous trial's type)
     * @throws IllegalArgumentException if no trial of some type exists
     */
    public static Map<TrialType, Double> stayProbabilities(TwoStepDataset data, List<double[]> choiceProb1) {
        Map<TrialType, double[]> acc = new EnumMap<>(TrialType.class);
        for (TrialType y : TrialType.values()) {
            acc.put(y, new double[2]);
        }
        List<Session> sessions = data.sessions();
        checkShapes(sessions, choiceProb1);
        for (int i = 0; i < sessions.size(); i++) {
            Session s = sessions.get(i);
            for (int t = 1; t < s.length(); t++) {
                if (!s.scored(t) || !s.scored(t - 1)) {
                    continue;
                }
                double p1 = choiceProb1 == null ? s.choice(t) : choiceProb1.get(i)[t];
                double stay = s.choice(t - 1) == 1 ? p1 : 1 - p1;
                double[] a = acc.get(TrialType.of(s.common(t - 1), s.reward(t - 1)));
                a[0] += stay;
                a[1]++;
            }
        }
        Map<TrialType, Double> out = new EnumMap<>(TrialType.class);
        for (var e : acc.entrySet()) {
            if (e.getValue()[1] == 0) {
                throw new IllegalArgumentException("no scored trial follows a " + e.getKey() + " trial");
            }
            out.put(e.getKey(), e.getValue()[0] / e.getValue()[1]);
        }
        return out;
    }

    /**
     * Fits the lagged logistic regression by Newton's method (IRLS) with a small ridge penalty
     * (1e-6) that only matters when a regressor is absent.
     *
     * @param data        sessions
     * @param choiceProb1 per session [T] target probabilities, or {@code null} for observed choices
     * @param lags        number of lags, at least 1
     * @return the weights
     * @throws IllegalArgumentException if {@code lags < 1} or shapes mismatch
     */
    public static LaggedWeights fit(TwoStepDataset data, List<double[]> choiceProb1, int lags) {
        if (lags < 1) {
            throw new IllegalArgumentException("lags must be >= 1, got " + lags);
        }
        List<Session> sessions = data.sessions();
        checkShapes(sessions, choiceProb1);
        int types = TrialType.values().length;
        int dim = 1 + types * lags;
        double[] w = new double[dim];
        double[] x = new double[dim];
        for (int iter = 0; iter < 50; iter++) {
            double[] grad = new double[dim];
            double[][] hess = new double[dim][dim];
            for (int d = 0; d < dim; d++) {
                grad[d] = -1e-6 * w[d];
                hess[d][d] = 1e-6;
            }
            for (int i = 0; i < sessions.size(); i++) {
                Session s = sessions.get(i);
                for (int t = 1; t < s.length(); t++) {
                    if (!s.scored(t)) {
                        continue;
                    }
                    regressors(s, t, lags, x);
                    double eta = 0;
                    for (int d = 0; d < dim; d++) {
                        eta += w[d] * x[d];
                    }
                    double mu = Logistic.sigmoid(eta);
                    double y = choiceProb1 == null ? s.choice(t) : choiceProb1.get(i)[t];
                    double r = y - mu;
                    double v = mu * (1 - mu);
                    for (int a = 0; a < dim; a++) {
                        if (x[a] == 0) {
                            continue;
                        }
                        grad[a] += r * x[a];
                        for (int b = 0; b < dim; b++) {
                            hess[a][b] += v * x[a] * x[b];
                        }
                    }
                }
            }
            double[] step = solve(hess, grad);
            double max = 0;
            for (int d = 0; d < dim; d++) {
                w[d] += step[d];
                max = Math.max(max, Math.abs(step[d]));
            }
            if (max < 1e-9) {
                break;
            }
        }
        double[][] byType = new double[types][lags];
        for (int y = 0; y < types; y++) {
            for (int l = 0; l < lags; l++) {
                byType[y][l] = w[1 + y * lags + l];
            }
        }
        return new LaggedWeights(w[0], byType);
    }

    private static void regressors(Session s, int t, int lags, double[] x) {
        Arrays.fill(x, 0);
        x[0] = 1;
        for (int l = 1; l <= lags && t - l >= 0; l++) {
            int prev = t - l;
            int y = TrialType.of(s.common(prev), s.reward(prev)).ordinal();
            x[1 + y * lags + (l - 1)] = s.choice(prev) == 1 ? 1 : -1;
        }
    }

    private static void checkShapes(List<Session> sessions, List<double[]> p) {
        if (p == null) {
            return;
        }
        if (p.size() != sessions.size()) {
            throw new IllegalArgumentException("choiceProb1 has " + p.size() + " sessions, data has " + sessions.size());
        }
        for (int i = 0; i < p.size(); i++) {
            if (p.get(i).length != sessions.get(i).length()) {
                throw new IllegalArgumentException("choiceProb1 session " + i + " has " + p.get(i).length
                        + " trials, data has " + sessions.get(i).length());
            }
            for (int t = 0; t < p.get(i).length; t++) {
                double v = p.get(i)[t];
                if (!(v >= 0 && v <= 1)) {
                    throw new IllegalArgumentException(
                            "choiceProb1 session " + i + ", trial " + t + ": " + v + " not in [0, 1]");
                }
            }
        }
    }

    /** Solves H d = g by Gaussian elimination with partial pivoting (H is small and SPD). */
    private static double[] solve(double[][] h, double[] g) {
        int n = g.length;
        double[][] a = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(h[i], 0, a[i], 0, n);
            a[i][n] = g[i];
        }
        for (int c = 0; c < n; c++) {
            int piv = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) {
                    piv = r;
                }
            }
            double[] tmp = a[c];
            a[c] = a[piv];
            a[piv] = tmp;
            for (int r = c + 1; r < n; r++) {
                double f = a[r][c] / a[c][c];
                for (int k = c; k <= n; k++) {
                    a[r][k] -= f * a[c][k];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = a[r][n];
            for (int k = r + 1; k < n; k++) {
                s -= a[r][k] * x[k];
            }
            x[r] = s / a[r][r];
        }
        return x;
    }

    /**
     * Fitted lagged weights.
     *
     * @param intercept bias towards choice 1
     * @param weights   [type ordinal][lag−1] weight of each trial type at each lag
     */
    public record LaggedWeights(double intercept, double[][] weights) {

        /**
         * @param type trial type
         * @param lag  lag, 1-based
         * @return the weight
         */
        public double weight(TrialType type, int lag) {
            return weights[type.ordinal()][lag - 1];
        }

        /** @return number of lags */
        public int lags() {
            return weights[0].length;
        }

        /**
         * Model-based index at a lag: (CR − CO − UR + UO)/2, positive for planning.
         *
         * @param lag lag, 1-based
         * @return the interaction weight
         */
        public double modelBasedIndex(int lag) {
            return (weight(TrialType.COMMON_REWARDED, lag) - weight(TrialType.COMMON_OMITTED, lag)
                    - weight(TrialType.RARE_REWARDED, lag) + weight(TrialType.RARE_OMITTED, lag)) / 2;
        }

        /**
         * Model-free (reward) index at a lag: (CR + UR − CO − UO)/2.
         *
         * @param lag lag, 1-based
         * @return the reward main-effect weight
         */
        public double rewardIndex(int lag) {
            return (weight(TrialType.COMMON_REWARDED, lag) + weight(TrialType.RARE_REWARDED, lag)
                    - weight(TrialType.COMMON_OMITTED, lag) - weight(TrialType.RARE_OMITTED, lag)) / 2;
        }
    }
}
