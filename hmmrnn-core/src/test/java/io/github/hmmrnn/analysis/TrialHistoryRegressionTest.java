package io.github.hmmrnn.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.github.hmmrnn.data.Session;
import io.github.hmmrnn.data.Subject;
import io.github.hmmrnn.data.TwoStepDataset;

class TrialHistoryRegressionTest {

    /**
     * Simulates a lag-1 logistic chooser with known weights, so the regression must recover them.
     */
    private static TwoStepDataset simulate(double[] typeWeights, double bias, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Session> ss = new ArrayList<>();
        for (int b = 0; b < 40; b++) {
            int n = 500;
            int[] c = new int[n];
            int[] o = new int[n];
            int[] r = new int[n];
            boolean[] com = new boolean[n];
            boolean[] sc = new boolean[n];
            Arrays.fill(sc, true);
            for (int t = 0; t < n; t++) {
                double eta = bias;
                if (t > 0) {
                    int y = TrialType.of(com[t - 1], r[t - 1]).ordinal();
                    eta += typeWeights[y] * (c[t - 1] == 1 ? 1 : -1);
                }
                c[t] = rng.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
                com[t] = rng.nextDouble() < 0.7;
                o[t] = com[t] ? c[t] : 1 - c[t];
                r[t] = rng.nextDouble() < 0.5 ? 1 : 0;
            }
            ss.add(Session.of("s", b, c, o, r, com, sc, null));
        }
        return TwoStepDataset.of(List.of(new Subject("s", 0.7, 20000)), ss);
    }

    @Test
    void fit_recoversKnownLagOneWeights() {
        double[] truth = {1.5, -0.5, -1.0, 0.8};
        TwoStepDataset d = simulate(truth, 0.3, 1);
        TrialHistoryRegression.LaggedWeights w = TrialHistoryRegression.fit(d, null, 3);
        assertEquals(0.3, w.intercept(), 0.06);
        for (TrialType y : TrialType.values()) {
            assertEquals(truth[y.ordinal()], w.weight(y, 1), 0.1, y.toString());
            assertEquals(0, w.weight(y, 2), 0.1, y + " lag 2");
        }
        assertEquals((1.5 + 0.5 + 1.0 + 0.8) / 2, w.modelBasedIndex(1), 0.1);
    }

    @Test
    void fit_softTargetsEqualToTrueProbabilitiesRecoverSameWeights() {
        double[] truth = {1.0, 0.0, 0.0, 1.0};
        TwoStepDataset d = simulate(truth, 0.0, 2);
        List<double[]> probs = new ArrayList<>();
        for (Session s : d.sessions()) {
            double[] p = new double[s.length()];
            for (int t = 0; t < s.length(); t++) {
                double eta = 0;
                if (t > 0) {
                    eta = truth[TrialType.of(s.common(t - 1), s.reward(t - 1)).ordinal()] * (s.choice(t - 1) == 1 ? 1 : -1);
                }
                p[t] = 1 / (1 + Math.exp(-eta));
            }
            probs.add(p);
        }
        TrialHistoryRegression.LaggedWeights w = TrialHistoryRegression.fit(d, probs, 1);
        // With the exact probabilities as targets the MLE is the truth (up to the tiny ridge).
        for (TrialType y : TrialType.values()) {
            assertEquals(truth[y.ordinal()], w.weight(y, 1), 1e-3, y.toString());
        }
    }

    @Test
    void stayProbabilities_matchLogisticOfWeight() {
        double[] truth = {2.0, -1.0, 0.0, 1.0};
        Map<TrialType, Double> stay = TrialHistoryRegression.stayProbabilities(simulate(truth, 0, 3), null);
        for (TrialType y : TrialType.values()) {
            assertEquals(1 / (1 + Math.exp(-truth[y.ordinal()])), stay.get(y), 0.03, y.toString());
        }
    }

    @Test
    void fit_rejectsBadProbabilities() {
        TwoStepDataset d = simulate(new double[4], 0, 4);
        List<double[]> probs = new ArrayList<>();
        for (Session s : d.sessions()) {
            probs.add(new double[s.length()]);
        }
        probs.get(2)[7] = Double.NaN;
        var e = assertThrows(IllegalArgumentException.class, () -> TrialHistoryRegression.fit(d, probs, 2));
        assertTrue(e.getMessage().contains("session 2, trial 7"), e.getMessage());
    }
}
