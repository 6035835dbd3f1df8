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
}
