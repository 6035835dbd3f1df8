package io.github.hmmrnn.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FdlibmTest {

    private static void assertWithinUlps(double expected, double actual, int ulps, String what) {
        assertTrue(Math.abs(expected - actual) <= ulps * Math.ulp(expected),
                what + ": expected " + expected + " got " + actual);
    }

    @Test
    void exp_matchesMathExpWithinTwoUlpsOverItsDomain() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 200_000; i++) {
            double x = (rng.nextDouble() * 2 - 1) * Fdlibm.EXP_LIMIT;
            assertWithinUlps(Math.exp(x), Fdlibm.exp(x), 2, "exp(" + x + ")");
        }
        assertEquals(1.0, Fdlibm.exp(0.0), 0.0);
        assertWithinUlps(Math.exp(Fdlibm.EXP_LIMIT), Fdlibm.exp(Fdlibm.EXP_LIMIT), 2, "exp(708)");
        assertWithinUlps(Math.exp(-Fdlibm.EXP_LIMIT), Fdlibm.exp(-Fdlibm.EXP_LIMIT), 2, "exp(-708)");
    }

    @Test
    void log_matchesMathLogWithinTwoUlpsIncludingSubnormals() {
        SplittableRandom rng = new SplittableRandom(4);
        for (int i = 0; i < 200_000; i++) {
            // log-uniform over the whole positive range, subnormals included
            double x = Math.pow(2, rng.nextDouble() * 2098 - 1074) * (1 + rng.nextDouble());
            if (x > 0 && Double.isFinite(x)) {
                assertWithinUlps(Math.log(x), Fdlibm.log(x), 2, "log(" + x + ")");
            }
        }
        assertEquals(0.0, Fdlibm.log(1.0), 0.0);
        assertWithinUlps(Math.log(Double.MIN_VALUE), Fdlibm.log(Double.MIN_VALUE), 2, "log(MIN_VALUE)");
        assertWithinUlps(Math.log(Double.MAX_VALUE), Fdlibm.log(Double.MAX_VALUE), 2, "log(MAX_VALUE)");
    }
    private static void assertSameBits(double x) {
        long expected = Double.doubleToLongBits(StrictMath.log1p(x));
        long actual = Double.doubleToLongBits(Fdlibm.log1p(x));
        if (expected != actual) {
            throw new AssertionError("log1p(" + x + " = 0x" + Long.toHexString(Double.doubleToRawLongBits(x))
                    + "): StrictMath " + StrictMath.log1p(x) + ", Fdlibm " + Fdlibm.log1p(x));
        }
    }

    @Test
    void log1p_equalsStrictMathBitForBit() {
        SplittableRandom rng = new SplittableRandom(5);
        for (int i = 0; i < 400_000; i++) {
            assertSameBits(rng.nextDouble());                                  // e^-|eta| of the MoA fit
            assertSameBits(Math.exp(-40 * rng.nextDouble()));
            assertSameBits(rng.nextDouble() * 2.2 - 1.1);                      // both reductions, x near -1
            assertSameBits(Math.pow(2, rng.nextDouble() * 2100 - 1075) * (rng.nextBoolean() ? 1 : -1));
            assertSameBits(Double.longBitsToDouble(rng.nextLong()));            // any bit pattern, NaNs too
        }
        double[] edges = {0.0, -0.0, -1.0, -1.0 + 0x1p-53, -1.0 - 0x1p-52, 1.0, 0x1p-29, -0x1p-29, 0x1p-54, 0x1p-55,
            0.41422, 0.41421356237309503, -0.2929, -0.29289321881345254, 0x1p53, 0x1p54, Double.MAX_VALUE,
            Double.MIN_VALUE, Double.MIN_NORMAL, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};
        for (double x : edges) {
            assertSameBits(x);
            assertSameBits(Math.nextUp(x));
            assertSameBits(Math.nextDown(x));
        }
        // the thresholds of the code, bit patterns around each high word
        int[] highWords = {0x3FDA827A, 0x3ff00000, 0x3e200000, 0x3c900000, 0xbfd2bec3, 0x7ff00000, 0x43400000,
            0x3ff6a09e, 0x3fe6a09e};
        for (int hw : highWords) {
            for (int d = -2; d <= 2; d++) {
                long bits = ((long) (hw + d) << 32) | (rng.nextLong() & 0xffffffffL);
                assertSameBits(Double.longBitsToDouble(bits));
            }
        }
        assertEquals(Double.NEGATIVE_INFINITY, Fdlibm.log1p(-1.0), 0.0);
        assertTrue(Double.isNaN(Fdlibm.log1p(-2.0)));
    }
}
