package io.github.hmmrnn.hmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ViterbiAndSamplerTest {

    @Test
    void mostLikelyStates_exactTies_choosesLowestIndex() {
        HmmParameters p = HmmParameters.of(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3},
                new TransitionStructure.Free().initialTransition(3));
        assertArrayEquals(new int[] {0, 0, 0, 0}, Viterbi.mostLikelyStates(p, new double[4][3]));
    }

    @Test
    void samplePosterior_manyDraws_matchSmoothedMarginalsAndPairs() {
        SplittableRandom rng = new SplittableRandom(12);
        HmmParameters p = ForwardBackwardTest.randomParameters(3, rng);
        double[][] l = ForwardBackwardTest.randomLogLik(6, 3, 2.0, rng);
        HmmPosterior post = ForwardBackward.run(p.initial(), p.transition(), l);
        int draws = 40_000;
        double[][] freq = new double[6][3];
        double[][] pairs = new double[3][3];
        for (int d = 0; d < draws; d++) {
            int[] z = StateSampler.samplePosterior(p, l, rng);
            for (int t = 0; t < 6; t++) {
                freq[t][z[t]] += 1.0 / draws;
                if (t > 0) {
                    pairs[z[t - 1]][z[t]] += 1.0 / draws;
                }
            }
        }
        for (int t = 0; t < 6; t++) {
            assertArrayEquals(post.smoothed()[t], freq[t], 0.012, "t=" + t);
        }
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(post.expectedTransitions()[i], pairs[i], 0.04, "pairs row " + i);
        }
    }

    @Test
    void sampleForward_sameSeed_identicalAndStartsFromInitial() {
        HmmParameters p = HmmParameters.of(new double[] {0, 1}, new double[][] {{0.5, 0.5}, {0.2, 0.8}});
        int[] a = StateSampler.sampleForward(p, 500, new SplittableRandom(3));
        int[] b = StateSampler.sampleForward(p, 500, new SplittableRandom(3));
        assertArrayEquals(a, b);
        assertEquals(1, a[0]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StateSampler.sampleForward(p, 0, new SplittableRandom(1)));
        assertTrue(e.getMessage().contains("length"), e.getMessage());
    }
}
