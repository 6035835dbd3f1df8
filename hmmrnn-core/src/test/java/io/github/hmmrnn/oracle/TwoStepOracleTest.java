package io.github.hmmrnn.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hmmrnn.data.Session;
import io.github.hmmrnn.data.Subject;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.metrics.PredictiveScore;
import io.github.hmmrnn.synthetic.Dwell;
import io.github.hmmrnn.synthetic.TwoStepGenerator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TwoStepOracleTest {

    @Test
    void predict_defaultGenerator_matchesBayesLimits() {
        TwoStepGenerator gen = TwoStepGenerator.builder().sequences(256).trials(400).seed(11).build();
        OracleResult r = TwoStepOracle.forGenerator(gen).predict(gen.generate());
        PredictiveScore s = r.score();
        assertEquals(102_400, s.numScored());
        // Spec §4: exact semi-Markov filter on past a, r, tran at T = 400 gives .563/.748.
        assertEquals(0.5625, s.nll(), 0.006, s.toString());
        assertEquals(0.748, s.accuracy(), 0.006, s.toString());
        PredictiveScore known = r.phaseKnownScore().orElseThrow();
        assertEquals(0.5579, known.nll(), 0.006, known.toString());
        assertEquals(0.7540, known.accuracy(), 0.006, known.toString());
        assertTrue(known.nll() < s.nll(), "phase knowledge must help");
        assertTrue(r.smoothedPhaseAccuracy().orElseThrow() > 0.99, "smoothed ceiling " + r.smoothedPhaseAccuracy());
    }

    @Test
    void predict_markovDwell_betweenPhaseKnownAndChance() {
        TwoStepGenerator gen = TwoStepGenerator.builder().sequences(32).trials(400)
                .dwell(new Dwell.Markov(0.98)).seed(3).build();
        OracleResult r = TwoStepOracle.forGenerator(gen).predict(gen.generate());
        double known = r.phaseKnownScore().orElseThrow().nll();
        assertTrue(r.score().nll() > known - 0.02 && r.score().nll() < Math.log(2), r.score().toString());
        assertTrue(r.smoothedPhaseAccuracy().orElseThrow() > 0.9);
    }

    /**
     * Brute force: enumerate every first phase and sequence of block lengths for a short session,
     * and compare predictive and smoothed phase marginals with the semi-Markov filter.
     */
    @Test
    void predict_blockDwell_matchesEnumerationOfBlockLengths() {
        int k = 3;
        int n = 9;
        Dwell.Block block = new Dwell.Block(3, 1);
        double[][] pi = {{0.8, 0.2}, {0.3, 0.7}, {0.55, 0.45}};
        double[][] rew = {{0.9, 0.1}, {0.2, 0.6}, {0.5, 0.35}};
        TwoStepOracle oracle = TwoStepOracle.of(pi, rew, block);
        SplittableRandom rng = new SplittableRandom(5);
        int[] c = new int[n];
        int[] o = new int[n];
        int[] rw = new int[n];
        boolean[] common = new boolean[n];
        boolean[] scored = new boolean[n];
        Arrays.fill(scored, true);
        for (int t = 0; t < n; t++) {
            c[t] = rng.nextInt(2);
            o[t] = rng.nextInt(2);
            rw[t] = rng.nextInt(2);
            common[t] = c[t] == o[t];
        }
        Session s = Session.of("x", 0, c, o, rw, common, scored, null);
        TwoStepDataset data = TwoStepDataset.of(List.of(new Subject("x", 0.7, n)), List.of(s));
        OracleResult r = oracle.predict(data);

        List<int[]> paths = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (int z0 = 0; z0 < k; z0++) {
            enumerate(new int[n], 0, z0, 1.0 / k, block, k, paths, weights);
        }
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        assertEquals(1.0, total, 1e-12, "path prior must sum to 1");
        for (int t = 0; t < n; t++) {
            double[] pred = new double[k];
            double[] smooth = new double[k];
            double predNorm = 0;
            double smoothNorm = 0;
            for (int p = 0; p < paths.size(); p++) {
                int[] z = paths.get(p);
                double past = weights.get(p);
                for (int u = 0; u < t; u++) {
                    past *= lik(pi, rew, z[u], c[u], o[u], rw[u]);
                }
                double all = weights.get(p);
                for (int u = 0; u < n; u++) {
                    all *= lik(pi, rew, z[u], c[u], o[u], rw[u]);
                }
                pred[z[t]] += past;
                predNorm += past;
                smooth[z[t]] += all;
                smoothNorm += all;
            }
            double p1 = 0;
            for (int z = 0; z < k; z++) {
                assertEquals(pred[z] / predNorm, r.predictedPhases().get(0)[t][z], 1e-12, "predicted t=" + t);
                assertEquals(smooth[z] / smoothNorm, r.smoothedPhases().get(0)[t][z], 1e-12, "smoothed t=" + t);
                p1 += pred[z] / predNorm * pi[z][1];
            }
            assertEquals(p1, r.choiceProbabilities().get(0)[t], 1e-12);
        }
    }

    private static double lik(double[][] pi, double[][] rew, int z, int c, int o, int r) {
        return pi[z][c] * (r == 1 ? rew[z][o] : 1 - rew[z][o]);
    }

    private static void enumerate(int[] z, int t, int phase, double w, Dwell.Block b, int k,
                                  List<int[]> paths, List<Double> weights) {
        if (t >= z.length) {
            paths.add(z.clone());
            weights.add(w);
            return;
        }
        int lengths = 2 * b.jitter() + 1;
        for (int len = b.mean() - b.jitter(); len <= b.mean() + b.jitter(); len++) {
            int end = Math.min(z.length, t + len);
            Arrays.fill(z, t, end, phase);
            if (end == z.length) {
                // Lengths that overrun the end are indistinguishable: their probabilities add up.
                paths.add(z.clone());
                weights.add(w / lengths);
            } else {
                enumerate(z, end, (phase + 1) % k, w / lengths, b, k, paths, weights);
            }
        }
    }

    @Test
    void of_badChoiceProbability_namesEntry() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TwoStepOracle.of(new double[][] {{0.5, 0.6}}, new double[][] {{0.5, 0.5}}, new Dwell.Markov(0.9)));
        assertTrue(e.getMessage().contains("choiceProbability[0]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TwoStepOracle.of(new double[][] {{0.5, 0.5}}, new double[][] {{0.5, 1.5}}, new Dwell.Markov(0.9)));
        assertTrue(e.getMessage().contains("rewardProbability[0][1]"), e.getMessage());
    }
}
