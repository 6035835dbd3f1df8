package io.github.hmmrnn.emulation.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.github.hmmrnn.emulation.rnn.EmulatorWeights;
import io.github.hmmrnn.emulation.rnn.RnnEmulator;

class ResidencyAndContourTest {

    /**
     * Two decoupled units h1, h2 with W_hh = diag(a, b), readout "output = argmax(h1, h2)" and input weights
     * 0 (the noise cannot move the state): from (1, c) the output switches from 0 to 1 at the first t with
     * a^t &lt; c b^t, i.e. t = ceil(log c / log(a / b)) when that is not an integer.
     */
    @Test
    void residencyTimes_matchClosedForm() {
        double a = 0.5;
        double b = 0.9;
        EmulatorWeights w = new EmulatorWeights(2, 1, 2, 1.0, new double[] {0, 0}, new double[] {a, 0, 0, b},
                new double[] {1, 0, 0, 1});
        RnnEmulator net = RnnEmulator.of(w);
        double[][] states = {{1, 0.1}, {1, 0.5}, {1, 0}, {0.2, 1}};
        double[] expected = {Math.ceil(Math.log(0.1) / Math.log(a / b)), Math.ceil(Math.log(0.5) / Math.log(a / b)),
            60, 60};
        assertEquals(4, expected[0]);
        assertEquals(2, expected[1]);
        double[] rt = ResidencyTimes.compute(net, states, 5, 60, new SplittableRandom(1));
        assertArrayEquals(expected, rt, 0);
        assertArrayEquals(new int[] {0, 2, 2}, ResidencyTimes.groups(rt));
        assertArrayEquals(new int[] {1, 1, 1}, ResidencyTimes.groups(new double[] {1.5, 8, 8.5}));
    }

    /** With input noise the switch time is random; its mean over many rollouts matches a direct simulation. */
    @Test
    void residencyTimes_noisyMeanMatchesIndependentSimulation() {
        // h1 <- relu(0.9 h1 + x), h2 <- relu(0.9 h2 - x): the output flips once x drives h2 above h1.
        EmulatorWeights w = new EmulatorWeights(2, 1, 2, 1.0, new double[] {1, -1}, new double[] {0.9, 0, 0, 0.9},
                new double[] {1, 0, 0, 1});
        RnnEmulator net = RnnEmulator.of(w);
        double[] rt = ResidencyTimes.compute(net, new double[][] {{1, 0}}, 4000, 60, new SplittableRandom(3));
        SplittableRandom rng = new SplittableRandom(99);
        double total = 0;
        int reps = 4000;
        for (int r = 0; r < reps; r++) {
            double h1 = 1;
            double h2 = 0;
            int steps = 60;
            for (int t = 1; t <= 60; t++) {
                double x = rng.nextGaussian();
                h1 = Math.max(0, 0.9 * h1 + x);
                h2 = Math.max(0, 0.9 * h2 - x);
                if (h2 > h1) {
                    steps = t;
                    break;
                }
            }
            total += steps;
        }
        double direct = total / reps;
        assertTrue(rt[0] > 1 && rt[0] < 60);
        assertEquals(direct, rt[0], 0.1 * direct, "library " + rt[0] + " vs direct " + direct);
    }

    @Test
    void densityContour_gaussian_holdsMassAndHasChiSquareRadius() {
        SplittableRandom rng = new SplittableRandom(5);
        double[][] p = new double[20000][];
        for (int i = 0; i < p.length; i++) {
            p[i] = new double[] {3 + 2 * rng.nextGaussian(), -1 + 2 * rng.nextGaussian()};
        }
        DensityContour.Contour c = DensityContour.of(2.0, p, 0.95, 40);
        assertTrue(c.mass() >= 0.95 && c.mass() < 0.97, "mass " + c.mass());
        assertEquals(3, c.centre()[0], 0.05);
        double meanRadius = 0;
        for (double[] q : c.boundary()) {
            meanRadius += Math.hypot(q[0] - 3, q[1] + 1) / c.boundary().length;
        }
        // 95 % of a 2-D standard normal lies within sqrt(chi2_2(0.95)) = 2.448 standard deviations; the boundary
        // cells sit just inside that circle.
        assertEquals(2 * 2.448, meanRadius, 0.15 * 2 * 2.448);
        assertEquals(Math.PI * Math.pow(2 * 2.448, 2), c.area(), 0.15 * Math.PI * Math.pow(2 * 2.448, 2));
        assertThrows(IllegalArgumentException.class, () -> DensityContour.of(1, p, 1.5, 40));
    }
}
