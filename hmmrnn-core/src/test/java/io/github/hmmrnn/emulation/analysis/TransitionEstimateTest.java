package io.github.hmmrnn.emulation.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.github.hmmrnn.emulation.EmulationHmm;
import io.github.hmmrnn.emulation.HmmPreset;

class TransitionEstimateTest {

    @Test
    void onePairPerSequence_givesTheBinomialStandardError() {
        // 7 of 20 pairs 0 -> 1, 13 of 20 pairs 0 -> 0, and 5 pairs from 1: p(1 - p) / n exactly.
        int[][] seqs = new int[25][];
        for (int s = 0; s < 25; s++) {
            seqs[s] = s < 7 ? new int[] {0, 1} : s < 20 ? new int[] {0, 0} : new int[] {1, 0};
        }
        TransitionEstimate e = TransitionEstimate.of(seqs, 3);
        assertArrayEquals(new double[] {13 / 20.0, 7 / 20.0, 0}, e.matrix()[0], 1e-15);
        assertEquals(Math.sqrt(0.35 * 0.65 / 20), e.standardErrors()[0][1], 1e-15);
        assertEquals(Math.sqrt(0.35 * 0.65 / 20), e.standardErrors()[0][0], 1e-15);
        assertEquals(0, e.standardErrors()[1][0], 0);
        assertArrayEquals(new double[] {0, 0, 0}, e.matrix()[2], 0);
        assertArrayEquals(new long[] {20, 5, 0}, e.rowCounts());
        assertEquals(25, e.sequences());
    }

    @Test
    void pairsOfOneSequence_areClustered() {
        // 10 x (0 0 0): n = 2, c00 = 2; 10 x (0 2 2): n = 1, c02 = 1. p00 = 2/3 and
        // sum_s (c - p n)^2 = 10 (2 - 4/3)^2 + 10 (2/3)^2 = 80/9, so se = sqrt(80/9) / 30 (binomial: 0.086).
        int[][] seqs = new int[20][];
        for (int s = 0; s < 20; s++) {
            seqs[s] = s < 10 ? new int[] {0, 0, 0} : new int[] {0, 2, 2};
        }
        TransitionEstimate e = TransitionEstimate.accumulator(3).add(Arrays.copyOf(seqs, 7))
                .add(Arrays.copyOfRange(seqs, 7, 20)).estimate();
        assertEquals(2 / 3.0, e.matrix()[0][0], 1e-15);
        assertEquals(Math.sqrt(80 / 9.0) / 30, e.standardErrors()[0][0], 1e-14);
        assertEquals(Math.sqrt(80 / 9.0) / 30, e.standardErrors()[0][2], 1e-14);
    }

    @Test
    void standardErrorOfTheRareRow_matchesTheSpreadOverRepeatedSamples() {
        // Four, T = 30: the middle symbol's row rests on ~90 pairs per 300 sequences. Over 300 independent
        // samples the spread of the estimate must match the mean stated standard error (within 15 %, where
        // the sd of 300 draws is uncertain by ~4 %), and the estimates must centre on the exact matrix.
        EmulationHmm hmm = HmmPreset.FOUR.hmm();
        double[][] exact = hmm.outputTransitionMatrix(30);
        SplittableRandom rng = new SplittableRandom(11);
        int reps = 300;
        double sum = 0;
        double sumSq = 0;
        double seSum = 0;
        for (int r = 0; r < reps; r++) {
            TransitionEstimate e = TransitionEstimate.of(hmm.sample(300, 30, rng).outputs(), 3);
            double p = e.matrix()[1][0];
            sum += p;
            sumSq += p * p;
            seSum += e.standardErrors()[1][0];
        }
        double mean = sum / reps;
        double sd = Math.sqrt((sumSq - reps * mean * mean) / (reps - 1));
        double se = seSum / reps;
        assertEquals(1, sd / se, 0.15, "sd " + sd + " vs stated se " + se);
        assertEquals(exact[1][0], mean, 3 * sd / Math.sqrt(reps));
    }

    @Test
    void maxDeviation_findsTheWorstEntryOfTheComparedRows() {
        TransitionEstimate e = new TransitionEstimate(new double[][] {{0.5, 0.5}, {0.1, 0.9}},
                new double[][] {{0.01, 0.01}, {0.03, 0.03}}, new long[] {10, 10}, 5);
        double[][] ref = {{0.45, 0.55}, {0.3, 0.7}};
        TransitionEstimate.Deviation all = e.maxDeviation(ref, null);
        assertEquals(0.2, all.error(), 1e-12);
        assertEquals(1, all.row());
        assertEquals(0.03, all.standardError(), 0);
        TransitionEstimate.Deviation first = e.maxDeviation(ref, new int[] {0});
        assertEquals(0.05, first.error(), 1e-12);
        assertEquals(0, first.row());
        assertThrows(IllegalArgumentException.class, () -> e.maxDeviation(ref, new int[] {2}));
        assertThrows(IllegalArgumentException.class, () -> TransitionEstimate.accumulator(3).estimate());
        assertThrows(IllegalArgumentException.class, () -> TransitionEstimate.of(new int[][] {{0, 3}}, 3));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TransitionEstimate.accumulator(1))
                .getMessage().contains("numOutputs"));
    }
}
