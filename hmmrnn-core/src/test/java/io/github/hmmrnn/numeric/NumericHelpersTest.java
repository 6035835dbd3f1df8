package io.github.hmmrnn.numeric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NumericHelpersTest {

    @Test
    void adam_firstStepMovesEachParameterByTheLearningRate() {
        // after one step m̂ = g and v̂ = g², so each parameter moves by lr·g/(|g| + ε)
        Adam adam = new Adam(3, 0.1);
        double[] theta = {1, 2, 3};
        double[] g = {0.5, -2, 0};
        adam.step(theta, g);
        assertEquals(1 - 0.1 * 0.5 / (0.5 + 1e-8), theta[0], 1e-15);
        assertEquals(2 + 0.1 * 2 / (2 + 1e-8), theta[1], 1e-15);
        assertEquals(3, theta[2]);
    }

    @Test
    void adam_matchesTheRecurrenceOverSeveralSteps() {
        Adam adam = new Adam(1, 0.01);
        double[] theta = {0.3};
        double m = 0;
        double v = 0;
        double x = 0.3;
        for (int t = 1; t <= 5; t++) {
            double g = Math.sin(t) * 3;
            adam.step(theta, new double[] {g});
            m = 0.9 * m + 0.1 * g;
            v = 0.999 * v + 0.001 * g * g;
            x -= 0.01 * (m / (1 - Math.pow(0.9, t))) / (Math.sqrt(v / (1 - Math.pow(0.999, t))) + 1e-8);
            assertEquals(x, theta[0], 1e-15);
        }
    }

    @Test
    void adam_clipsToTheGlobalNormAndReportsTheNormBeforeClipping() {
        Adam clipped = new Adam(2, 0.1);
        Adam scaled = new Adam(2, 0.1);
        double[] a = {1, 1};
        double[] b = {1, 1};
        double norm = clipped.step(a, new double[] {3, 4}, 1.0);
        assertEquals(5, norm, 0);
        scaled.step(b, new double[] {0.6, 0.8});
        assertArrayEquals(b, a, 1e-15);
    }

    @Test
    void adam_unclippedIsTheSameWithAndWithoutThreshold() {
        Adam a = new Adam(2, 0.05);
        Adam b = new Adam(2, 0.05);
        double[] x = {0.1, -0.2};
        double[] y = {0.1, -0.2};
        a.step(x, new double[] {0.3, 0.4}, 10);
        b.step(y, new double[] {0.3, 0.4});
        assertArrayEquals(y, x, 0);
    }

    @Test
    void adam_badArguments() {
        assertThrows(IllegalArgumentException.class, () -> new Adam(0, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new Adam(2, 0));
        assertThrows(IllegalArgumentException.class, () -> new Adam(2, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new Adam(2, 0.1).step(new double[3], new double[3]));
    }

    @Test
    void sigmoid_closedFormsAndTails() {
        assertEquals(0.5, Logistic.sigmoid(0), 0);
        assertEquals(Math.E / (1 + Math.E), Logistic.sigmoid(1), 1e-16);
        assertEquals(1 - Logistic.sigmoid(2.5), Logistic.sigmoid(-2.5), 1e-16);
        assertEquals(0, Logistic.sigmoid(-1000), 0);
        assertEquals(1, Logistic.sigmoid(1000), 0);
    }

    @Test
    void logSigmoid_isTheLogOfSigmoidAndStaysFinite() {
        for (double z : new double[] {-30, -3, -0.5, 0, 0.5, 3, 30}) {
            assertEquals(Math.log(Logistic.sigmoid(z)), Logistic.logSigmoid(z), 1e-13 * Math.max(1, Math.abs(z)));
        }
        assertEquals(-1000, Logistic.logSigmoid(-1000), 1e-12);
        assertEquals(0, Logistic.logSigmoid(1000), 0);
    }

    @Test
    void copy_isDeepAndKeepsRaggedRows() {
        double[][] a = {{1, 2}, {3}, {}};
        double[][] c = DoubleArrays.copy(a);
        assertNotSame(a, c);
        for (int i = 0; i < a.length; i++) {
            assertNotSame(a[i], c[i]);
            assertArrayEquals(a[i], c[i], 0);
        }
        c[0][0] = 9;
        assertEquals(1, a[0][0]);
    }
}
