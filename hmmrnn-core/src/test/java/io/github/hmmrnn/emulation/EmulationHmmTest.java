package io.github.hmmrnn.emulation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.github.hmmrnn.emulation.analysis.SequenceStatistics;

class EmulationHmmTest {

    @Test
    void outputTransitionMatrix_matchesReferenceNumbers() {
        double[][] two = HmmPreset.TWO.hmm().outputTransitionMatrix();
        assertEquals(0.9405, two[0][0], 1e-4);
        assertEquals(0.0495, two[0][2], 1e-4);
        assertArrayEquals(new double[] {0.495, 0.01, 0.495}, two[1], 1e-4);
        assertEquals(0.7512, HmmPreset.THREE.hmm().outputTransitionMatrix()[0][0], 1e-4);
        assertEquals(0.2808, HmmPreset.FOUR.hmm().outputTransitionMatrix()[0][2], 1e-4);
        assertEquals(0.6957, HmmPreset.FIVE.hmm().outputTransitionMatrix()[2][2], 1e-4);
        assertEquals(0.9136, HmmPreset.FULLY.hmm().outputTransitionMatrix()[1][1], 1e-4);
        assertArrayEquals(new double[] {0.7835, 0.212, 0.0045}, HmmPreset.CYCLIC.hmm().outputTransitionMatrix()[0],
                1e-4);
        assertArrayEquals(new double[] {0.25, 0.5, 0.25}, HmmPreset.CYCLIC.hmm().outputFrequencies(), 1e-9);
    }

    @Test
    void expectedSwitches_matchReference() {
        double[] ref = {6.81, 7.43, 8.64, 12.14, 2.51, 8.36};
        HmmPreset[] p = HmmPreset.values();
        for (int i = 0; i < p.length; i++) {
            assertEquals(ref[i], p[i].hmm().expectedSwitches(p[i].sequenceLength()), 0.01, p[i].toString());
        }
    }

    @Test
    void sample_twoPreset_statisticsMatchAnalytic() {
        EmulationHmm hmm = HmmPreset.TWO.hmm();
        int[][] seqs = hmm.sample(5000, 100, new SplittableRandom(3)).outputs();
        SequenceStatistics s = SequenceStatistics.of(seqs, 3, 10);
        double[][] p = hmm.outputTransitionMatrix();
        for (int i : new int[] {0, 2}) {
            assertArrayEquals(p[i], s.transitionMatrix()[i], 0.01);
        }
        assertArrayEquals(hmm.outputFrequencies(), s.frequencies(), 0.005);
        assertEquals(hmm.expectedSwitches(100), s.meanSwitches(), 0.02 * hmm.expectedSwitches(100));
    }

    @Test
    void sample_sameSeed_identical() {
        EmulationHmm hmm = HmmPreset.FIVE.hmm();
        assertArrayEquals(hmm.sample(20, 40, new SplittableRandom(9)).outputs(),
                hmm.sample(20, 40, new SplittableRandom(9)).outputs());
    }

    @Test
    void outputTransitionMatrixOfLength_equalsBruteForceEnumeration_fromANonStationaryStart() {
        // M = 2, K = 2, T = 4 with a start far from stationarity: the per-step state marginals change with t,
        // so the pooled matrix differs from the stationary one and every path must be weighted.
        EmulationHmm hmm = EmulationHmm.builder().startProbabilities(new double[] {0.9, 0.1})
                .transitions(new double[][] {{0.7, 0.3}, {0.2, 0.8}})
                .emissions(new double[][] {{0.8, 0.2}, {0.35, 0.65}}).build();
        int len = 4;
        double[][] pairs = new double[2][2];
        for (int states = 0; states < 16; states++) {
            for (int outs = 0; outs < 16; outs++) {
                int[] z = new int[len];
                int[] o = new int[len];
                double p = 1;
                for (int t = 0; t < len; t++) {
                    z[t] = (states >> t) & 1;
                    o[t] = (outs >> t) & 1;
                    p *= (t == 0 ? hmm.startProbabilities()[z[0]] : hmm.transitions()[z[t - 1]][z[t]])
                            * hmm.emissions()[z[t]][o[t]];
                }
                for (int t = 0; t + 1 < len; t++) {
                    pairs[o[t]][o[t + 1]] += p;
                }
            }
        }
        double[][] exact = hmm.outputTransitionMatrix(len);
        for (int i = 0; i < 2; i++) {
            double row = pairs[i][0] + pairs[i][1];
            assertEquals(pairs[i][0] / row, exact[i][0], 1e-12);
            assertEquals(pairs[i][1] / row, exact[i][1], 1e-12);
        }
        assertTrue(Math.abs(exact[0][0] - hmm.outputTransitionMatrix()[0][0]) > 0.01);
        // A uniform start is stationary for the symmetric presets: the finite-length matrix is the stationary one.
        double[][] four = HmmPreset.FOUR.hmm().outputTransitionMatrix(30);
        double[][] stationary = HmmPreset.FOUR.hmm().outputTransitionMatrix();
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(stationary[i], four[i], 1e-12);
        }
        assertThrows(IllegalArgumentException.class, () -> hmm.outputTransitionMatrix(1));
    }
}
