package io.github.hmmrnn.emulation.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class FixedPointFinderTest {

    @Test
    void find_contractiveLinearRegion_singleStablePoint() {
        // h = ReLU(0.5 h + 1) has the unique fixed point h = 2 per unit; J = 0.5 I.
        FixedPointFinder f = new FixedPointFinder(new double[][] {{0.5, 0}, {0, 0.5}}, new double[] {1, 1}, 100,
                1e-14);
        List<FixedPoint> fps = f.find(starts(20, 2, 5, new SplittableRandom(1)), 1e-4);
        assertEquals(1, fps.size());
        assertArrayEquals(new double[] {2, 2}, fps.get(0).state(), 1e-6);
        assertTrue(fps.get(0).stable());
        assertEquals(0.5, fps.get(0).spectralRadius(), 1e-9);
    }

    @Test
    void find_handBuiltRelu_stableAndUnstablePoints() {
        // h1 = ReLU(2 h1 - 1): fixed at 1 (slope 2, unstable) and at 0 (ReLU off, stable); h2 = ReLU(0.5 h2 + 1) = 2.
        FixedPointFinder f = new FixedPointFinder(new double[][] {{2, 0}, {0, 0.5}}, new double[] {-1, 1}, 200,
                1e-14);
        List<FixedPoint> fps = f.find(starts(60, 2, 3, new SplittableRandom(2)), 1e-4);
        assertEquals(2, fps.size());
        FixedPoint unstable = fps.get(0);
        FixedPoint stable = fps.get(1);
        assertArrayEquals(new double[] {1, 2}, unstable.state(), 1e-6);
        assertFalse(unstable.stable());
        assertEquals(2, unstable.spectralRadius(), 1e-9);
        assertArrayEquals(new double[] {0, 2}, stable.state(), 1e-6);
        assertTrue(stable.stable());
    }

    @Test
    void find_rotation_complexEigenvalues() {
        // Positive-quadrant rotation-like map with a known fixed point h* = (1, 1): W h* + b = h*.
        double a = 0.6;
        double s = 0.3;
        double[][] w = {{a, -s}, {s, a}};
        double[] b = {1 - a + s, 1 - s - a};
        FixedPointFinder f = new FixedPointFinder(w, b, 100, 1e-14);
        List<FixedPoint> fps = f.find(new double[][] {{0.5, 0.7}, {1.5, 1.2}}, 1e-4);
        assertEquals(1, fps.size());
        assertArrayEquals(new double[] {1, 1}, fps.get(0).state(), 1e-6);
        assertEquals(s, Math.abs(fps.get(0).eigenImag()[0]), 1e-9);
        assertEquals(Math.hypot(a, s), fps.get(0).spectralRadius(), 1e-9);
    }

    private static double[][] starts(int count, int n, double scale, SplittableRandom rng) {
        double[][] s = new double[count][n];
        for (double[] p : s) {
            for (int i = 0; i < n; i++) {
                p[i] = rng.nextDouble() * scale;
            }
        }
        return s;
    }
}
