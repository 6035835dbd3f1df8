package io.github.hmmrnn.emulation.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class SequenceAnalysisTest {

    @Test
    void statistics_handSequences_exactCounts() {
        int[][] s = {{0, 0, 1, 1, 1, 2}, {2, 2, 2, 2, 0, 0}};
        SequenceStatistics st = SequenceStatistics.of(s, 3, 1);
        assertEquals(1.5, st.meanSwitches(), 1e-12);
        assertEquals(0.5, st.stdSwitches(), 1e-12);
        assertArrayEquals(new double[] {4 / 12.0, 3 / 12.0, 5 / 12.0}, st.frequencies(), 1e-12);
        // pairs: 0->0 x2, 0->1, 1->1 x2, 1->2, 2->2 x3, 2->0
        assertArrayEquals(new double[] {2 / 3.0, 1 / 3.0, 0}, st.transitionMatrix()[0], 1e-12);
        assertArrayEquals(new double[] {0, 2 / 3.0, 1 / 3.0}, st.transitionMatrix()[1], 1e-12);
        assertArrayEquals(new double[] {1 / 4.0, 0, 3 / 4.0}, st.transitionMatrix()[2], 1e-12);
        // runs of 0: 2, 2; of 1: 3; of 2: 1, 4
        assertArrayEquals(new double[] {2, 3, 2.5}, st.meanRunLength(), 1e-12);
    }

    @Test
    void statistics_alternating_autocorrelationMinusOne() {
        int[][] s = {{0, 2, 0, 2, 0, 2, 0, 2}};
        SequenceStatistics st = SequenceStatistics.of(s, 3, 2);
        assertEquals(-1, st.autocorrelation()[0], 1e-12);
        assertEquals(1, st.autocorrelation()[1], 1e-12);
    }

    @Test
    void statistics_badLag_rejected() {
        assertThrows(IllegalArgumentException.class, () -> SequenceStatistics.of(new int[][] {{0, 1}}, 3, 2));
    }

    @Test
    void assignment_smallSets_matchesBruteForce() {
        SplittableRandom rng = new SplittableRandom(4);
        for (int trial = 0; trial < 5; trial++) {
            int n = 6;
            int[][] a = new int[n][8];
            int[][] b = new int[n][8];
            for (int i = 0; i < n; i++) {
                for (int t = 0; t < 8; t++) {
                    a[i][t] = rng.nextInt(3);
                    b[i][t] = rng.nextInt(3);
                }
            }
            int[] m = SequenceMatching.assignment(a, b);
            int cost = 0;
            boolean[] used = new boolean[n];
            for (int i = 0; i < n; i++) {
                cost += SequenceMatching.hamming(a[i], b[m[i]]);
                used[m[i]] = true;
            }
            for (boolean u : used) {
                assertEquals(true, u);
            }
            assertEquals(bruteForce(a, b, 0, new boolean[n]), cost);
        }
    }

    private static int bruteForce(int[][] a, int[][] b, int i, boolean[] used) {
        if (i == a.length) {
            return 0;
        }
        int best = Integer.MAX_VALUE;
        for (int j = 0; j < b.length; j++) {
            if (!used[j]) {
                used[j] = true;
                best = Math.min(best, SequenceMatching.hamming(a[i], b[j]) + bruteForce(a, b, i + 1, used));
                used[j] = false;
            }
        }
        return best;
    }

    @Test
    void pca_pointsOnLine_oneComponent() {
        double[][] x = new double[50][3];
        for (int i = 0; i < 50; i++) {
            x[i] = new double[] {i, 2 * i, -i};
        }
        PrincipalComponents p = PrincipalComponents.fit(x, 2);
        assertEquals(1, p.explainedVarianceRatio()[0], 1e-9);
        assertEquals(1 / Math.sqrt(6), Math.abs(p.components()[0][0]), 1e-9);
    }
}
