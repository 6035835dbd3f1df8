package io.github.hmmrnn.hmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BatchMathTest {

    /** Inputs of both signs of magnitude, exact points and the ends of the domain. */
    private static double[] expInputs() {
        SplittableRandom rng = new SplittableRandom(5);
        double[] x = new double[4096];
        for (int i = 0; i < x.length; i++) {
            x[i] = switch (i % 4) {
                case 0 -> -rng.nextDouble() * 3;
                case 1 -> -rng.nextDouble() * 708;
                case 2 -> -Math.exp(-rng.nextDouble() * 40);
                default -> -rng.nextDouble() * 1e-3;
            };
        }
        x[0] = 0.0;
        x[1] = Double.NEGATIVE_INFINITY;
        x[2] = -707.9;
        x[3] = -709.0;
        x[5] = -1e4;
        x[6] = -0.5 * Math.log(2);
        return x;
    }

    private static double[] logInputs() {
        SplittableRandom rng = new SplittableRandom(6);
        double[] x = new double[4096];
        for (int i = 0; i < x.length; i++) {
            x[i] = switch (i % 4) {
                case 0 -> rng.nextDouble();
                case 1 -> Math.exp(-rng.nextDouble() * 700);
                case 2 -> 1.0 + (rng.nextDouble() - 0.5) * 1e-6;
                default -> rng.nextDouble() * 8;
            };
        }
        x[0] = 1.0;
        x[1] = Double.MIN_VALUE;
        x[2] = 3e-310;
        x[3] = Math.sqrt(2);
        x[5] = Math.sqrt(0.5);
        x[6] = 0x1p-1022;
        return x;
    }

    @Test
    void exp_matchesMathExpWithinTwoUlp_exactAtZero_zeroBelowDomain() {
        for (double x : expInputs()) {
            double got = BatchMath.exp(x);
            if (x < BatchMath.EXP_MIN) {
                assertEquals(0.0, got, "exp(" + x + ")");
            } else {
                double want = Math.exp(x);
                assertTrue(Math.abs(got - want) <= 2 * Math.ulp(want), "exp(" + x + ") = " + got + ", Math.exp " + want);
            }
        }
        assertEquals(1.0, BatchMath.exp(0.0));
        assertEquals(1.0, BatchMath.exp(-0.0));
    }

    @Test
    void log_matchesMathLogWithinTwoUlp_includingSubnormals() {
        for (double x : logInputs()) {
            double got = BatchMath.log(x);
            double want = Math.log(x);
            assertTrue(Math.abs(got - want) <= 2 * Math.ulp(want) || Math.abs(got - want) <= 1e-300,
                    "log(" + x + ") = " + got + ", Math.log " + want);
        }
        assertEquals(0.0, BatchMath.log(1.0));
    }

    /** Vector and scalar paths must agree bit for bit, whatever the position in the array. */
    @Test
    void arrays_equalScalarBitForBit() {
        double[] x = expInputs();
        double[] y = x.clone();
        BatchMath.exp(y, y.length - y.length % BatchMath.PAD);
        for (int i = 0; i < y.length - y.length % BatchMath.PAD; i++) {
            assertEquals(Double.doubleToRawLongBits(BatchMath.exp(x[i])), Double.doubleToRawLongBits(y[i]),
                    "exp(" + x[i] + ") at " + i + ", vector path " + BatchMath.VECTOR);
        }
        double[] u = logInputs();
        double[] v = u.clone();
        BatchMath.log(v, v.length - v.length % BatchMath.PAD);
        for (int i = 0; i < v.length - v.length % BatchMath.PAD; i++) {
            assertEquals(Double.doubleToRawLongBits(BatchMath.log(u[i])), Double.doubleToRawLongBits(v[i]),
                    "log(" + u[i] + ") at " + i + ", vector path " + BatchMath.VECTOR);
        }
    }

    /** The test JVM runs with the module (surefire argLine), so the vector path is what is tested. */
    @Test
    void testJvm_hasVectorModule() {
        assertTrue(BatchMath.VECTOR, "surefire should pass --add-modules jdk.incubator.vector");
    }
}
