package io.github.hmmrnn.emulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class SinkhornDivergenceTest {

    private static final SinkhornDivergence REF = new SinkhornDivergence(SinkhornOptions.REFERENCE);

    @Test
    void between_sameCloud_zero() {
        double[][] x = PointClouds.cloud(30, 4, 0, new SplittableRandom(1));
        assertEquals(0, REF.between(x, x).value(), 1e-5);
        int[][] s = HmmPreset.THREE.hmm().sample(50, 30, new SplittableRandom(2)).outputs();
        assertEquals(0, REF.betweenSequences(s, s, 3, false).value(), 1e-5);
    }

    @Test
    void between_swapped_symmetric() {
        SplittableRandom rng = new SplittableRandom(4);
        double[][] x = PointClouds.cloud(20, 3, 0, rng);
        double[][] y = PointClouds.cloud(25, 3, 0.7, rng);
        assertEquals(REF.between(x, y).value(), REF.between(y, x).value(), 1e-9);
    }

    @Test
    void between_singlePoints_halfSquaredDistance() {
        double[][] a = {{0, 1, 2}};
        double[][] b = {{1, -1, 2.5}};
        assertEquals(0.5 * (1 + 4 + 0.25), REF.between(a, b).value(), 1e-9);
    }

    @Test
    void betweenSequences_kMismatches_costK() {
        int[] base = new int[40];
        for (int k = 0; k <= 6; k++) {
            int[] other = base.clone();
            for (int t = 0; t < k; t++) {
                other[3 * t] = 1 + t % 2;
            }
            assertEquals(k, REF.betweenSequences(new int[][] {base}, new int[][] {other}, 3, false).value(), 1e-3);
        }
    }

    @Test
    void epsilonSchedule_matchesGeomloss() {
        double[] eps = SinkhornDivergence.epsilonSchedule(Math.sqrt(300), 0.2, 0.5);
        assertEquals(9, eps.length);
        assertEquals(300, eps[0], 1e-9);
        assertEquals(300, eps[1], 1e-9);
        assertEquals(75, eps[2], 1e-9);
        assertEquals(0.04, eps[8], 1e-12);
    }

    @Test
    void between_gradient_matchesFiniteDifferences() {
        SinkhornDivergence converged = new SinkhornDivergence(new SinkhornOptions(0.5, 0.5, 400));
        SplittableRandom rng = new SplittableRandom(7);
        double[][] x = PointClouds.cloud(6, 3, 0, rng);
        double[][] y = PointClouds.cloud(7, 3, 0.5, rng);
        double[][] g = converged.between(x, y).gradient();
        double[][] fds = PointClouds.centralDifferences(x, 1e-5, xs -> converged.between(xs, y).value());
        double maxErr = 0;
        double maxG = 0;
        for (int i = 0; i < x.length; i++) {
            for (int k = 0; k < 3; k++) {
                double fd = fds[i][k];
                maxErr = Math.max(maxErr, Math.abs(fd - g[i][k]));
                maxG = Math.max(maxG, Math.abs(g[i][k]));
            }
        }
        assertTrue(maxErr / maxG < 1e-4, "relative error " + maxErr / maxG);
    }

    @Test
    void betweenSequences_gradient_equalsDenseGradient() {
        SplittableRandom rng = new SplittableRandom(11);
        EmulationHmm hmm = HmmPreset.THREE.hmm();
        int[][] a = hmm.sample(12, 10, rng).outputs();
        int[][] b = hmm.sample(9, 10, rng).outputs();
        SinkhornResult fast = REF.betweenSequences(a, b, 3, true);
        SinkhornResult dense = REF.between(oneHot(a), oneHot(b));
        assertEquals(dense.value(), fast.value(), 1e-9);
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < 30; k++) {
                assertEquals(dense.gradient()[i][k], fast.gradient()[i][k], 1e-9);
            }
        }
    }

    @Test
    void betweenSequences_badSymbol_rejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> REF.betweenSequences(new int[][] {{0, 3}}, new int[][] {{0, 1}}, 3, false));
        assertTrue(e.getMessage().contains("x[0][1]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SinkhornOptions(0, 0.5, 0));
    }

    private static double[][] oneHot(int[][] s) {
        double[][] x = new double[s.length][s[0].length * 3];
        for (int i = 0; i < s.length; i++) {
            for (int t = 0; t < s[i].length; t++) {
                x[i][t * 3 + s[i][t]] = 1;
            }
        }
        return x;
    }
}
