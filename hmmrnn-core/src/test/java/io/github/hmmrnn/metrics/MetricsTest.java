package io.github.hmmrnn.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hmmrnn.data.Session;
import io.github.hmmrnn.data.Subject;
import io.github.hmmrnn.data.TwoStepDataset;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MetricsTest {

    private static TwoStepDataset dataset() {
        Session a = Session.of("s", 0, new int[] {1, 0, 1}, new int[] {1, 0, 1}, new int[] {1, 0, 0},
                new boolean[] {true, true, true}, new boolean[] {true, false, true}, new int[] {0, 1, 1});
        Session b = Session.of("s", 1, new int[] {0, 0}, new int[] {0, 1}, new int[] {1, 1},
                new boolean[] {true, false}, new boolean[] {true, true}, new int[] {2, 2});
        return TwoStepDataset.of(List.of(new Subject("s", 0.7, 5)), List.of(a, b));
    }

    @Test
    void evaluate_handComputed_skipsUnscoredTrials() {
        // Scored: (choice 1, p .8), (choice 1, p .5), (choice 0, p .3), (choice 0, p .6).
        PredictiveScore s = PredictiveMetrics.evaluate(dataset(),
                List.of(new double[] {0.8, Double.NaN, 0.5}, new double[] {0.3, 0.6}));
        double nll = -(Math.log(0.8) + Math.log(0.5) + Math.log(0.7) + Math.log(0.4)) / 4;
        assertEquals(nll, s.nll(), 1e-15);
        assertEquals(nll / Math.log(2), s.nllBits(), 1e-15);
        assertEquals((1 + 0.5 + 1 + 0) / 4, s.accuracy(), 1e-15);
        assertEquals(4, s.numScored());
    }

    @Test
    void evaluate_badProbabilities_namesSessionAndTrial() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PredictiveMetrics.evaluate(dataset(), List.of(new double[] {0.8, 0.1, Double.NaN}, new double[] {0.3, 0.6})));
        assertTrue(e.getMessage().contains("session 0, trial 2 = NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> PredictiveMetrics.evaluate(dataset(), List.of(new double[] {0.8, 0.1, 0.5}, new double[] {1.3, 0.6})));
        assertTrue(e.getMessage().contains("session 1, trial 0 = 1.3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> PredictiveMetrics.evaluate(dataset(), List.of(new double[] {0.8, 0.1, 0.5}, new double[] {0.3})));
        assertTrue(e.getMessage().contains("session 1 has 1 trials, expected 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> PredictiveMetrics.evaluate(dataset(), List.of(new double[] {0.8, 0.1, 0.5})));
        assertTrue(e.getMessage().contains("1 sessions, data has 2"), e.getMessage());
    }

    @Test
    void maximize_randomMatrices_matchesBruteForceOverPermutations() {
        SplittableRandom rng = new SplittableRandom(4);
        for (int n = 1; n <= 7; n++) {
            for (int rep = 0; rep < 20; rep++) {
                double[][] w = new double[n][n];
                for (double[] row : w) {
                    for (int j = 0; j < n; j++) {
                        row[j] = rng.nextInt(10) - 3 + rng.nextDouble();
                    }
                }
                int[] a = Hungarian.maximize(w);
                double got = 0;
                boolean[] used = new boolean[n];
                for (int i = 0; i < n; i++) {
                    assertTrue(!used[a[i]], "assignment must be a permutation");
                    used[a[i]] = true;
                    got += w[i][a[i]];
                }
                assertEquals(bestByEnumeration(w, new int[n], new boolean[n], 0), got, 1e-9, "n=" + n);
            }
        }
    }

    private static double bestByEnumeration(double[][] w, int[] perm, boolean[] used, int i) {
        if (i == w.length) {
            double s = 0;
            for (int r = 0; r < w.length; r++) {
                s += w[r][perm[r]];
            }
            return s;
        }
        double best = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < w.length; j++) {
            if (!used[j]) {
                used[j] = true;
                perm[i] = j;
                best = Math.max(best, bestByEnumeration(w, perm, used, i + 1));
                used[j] = false;
            }
        }
        return best;
    }

    @Test
    void evaluate_relabelledStates_recoversMappingAndConfusion() {
        int[] truth = {0, 0, 1, 1, 2, 2, 2, 0};
        int[] decoded = {1, 1, 2, 2, 0, 0, 1, 1}; // state k ↦ phase: 1→0, 2→1, 0→2; one error
        PhaseRecoveryResult r = PhaseRecovery.evaluate(decoded, truth, 3);
        assertArrayEquals(new int[] {2, 0, 1}, r.mapping());
        assertEquals(7.0 / 8, r.accuracy(), 1e-15);
        assertEquals(2, r.confusion()[0][2]);
        assertEquals(3, r.confusion()[1][0]);
        assertEquals(1, r.confusion()[1][2]);
    }

    @Test
    void evaluate_moreStatesThanPhases_leavesStateUnmatched() {
        PhaseRecoveryResult r = PhaseRecovery.evaluate(new int[] {0, 1, 2, 2}, new int[] {0, 0, 1, 1}, 3);
        assertEquals(0.75, r.accuracy(), 1e-15);
        assertEquals(-1, r.mapping()[1]);
        assertEquals(1, r.mapping()[2]);
    }

    @Test
    void evaluate_posteriorsOnDataset_poolsSessions() {
        List<double[][]> post = List.of(new double[][] {{0.1, 0.2, 0.7}, {0.6, 0.3, 0.1}, {0.5, 0.4, 0.1}},
                new double[][] {{0.2, 0.7, 0.1}, {0.3, 0.6, 0.1}});
        PhaseRecoveryResult r = PhaseRecovery.evaluate(dataset(), post);
        // decoded 2,0,0 | 1,1 against truth 0,1,1 | 2,2
        assertArrayEquals(new int[] {1, 2, 0}, r.mapping());
        assertEquals(1.0, r.accuracy(), 1e-15);
    }

    /**
     * A 3-cycle: the other fit calls reference state j by the label σ(j) = (j + 1) mod 3. The map
     * must send other state σ(j) back to j, and applying it must reproduce the reference; the
     * inverse (what the original Python code applied) must not.
     */
    @Test
    void applyToColumns_threeCycle_appliesPermutationTheRightWayRound() {
        int[] truth = {0, 0, 1, 2, 2, 1, 0, 2, 1, 1};
        int[] sigma = {1, 2, 0};
        double[][] ref = new double[truth.length][3];
        double[][] other = new double[truth.length][3];
        for (int t = 0; t < truth.length; t++) {
            ref[t][truth[t]] = 0.8;
            ref[t][(truth[t] + 1) % 3] = 0.15;
            ref[t][(truth[t] + 2) % 3] = 0.05;
            for (int j = 0; j < 3; j++) {
                other[t][sigma[j]] = ref[t][j];
            }
        }
        int[] map = StateAlignment.align(List.<double[][]>of(ref), List.<double[][]>of(other));
        assertArrayEquals(new int[] {2, 0, 1}, map);
        double[][] aligned = StateAlignment.applyToColumns(other, map);
        for (int t = 0; t < truth.length; t++) {
            assertArrayEquals(ref[t], aligned[t], 0.0);
        }
        double[][] wrongWay = StateAlignment.applyToColumns(other, StateAlignment.inverse(map));
        assertTrue(wrongWay[0][0] != ref[0][0], "the inverse permutation must not align a 3-cycle");
        int[] decoded = new int[truth.length];
        for (int t = 0; t < truth.length; t++) {
            decoded[t] = PhaseRecovery.argmax(other[t]);
        }
        assertArrayEquals(truth, StateAlignment.applyToLabels(decoded, map));
        double[][] a = {{0.9, 0.1, 0.0}, {0.0, 0.8, 0.2}, {0.3, 0.0, 0.7}};
        double[][] relabelled = StateAlignment.applyToMatrix(a, sigma);
        assertArrayEquals(a[0], StateAlignment.applyToMatrix(relabelled, StateAlignment.inverse(sigma))[0], 0.0);
        assertEquals(0.1, relabelled[1][2], 0.0); // A[0][1] moves to [σ0][σ1]
    }

    @Test
    void applyToColumns_notAPermutation_namesEntry() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StateAlignment.applyToColumns(new double[][] {{0.5, 0.5}}, new int[] {1, 1}));
        assertTrue(e.getMessage().contains("map[1] = 1"), e.getMessage());
    }
}
