package io.github.hmmrnn.emulation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
