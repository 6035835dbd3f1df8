package io.github.hmmrnn.rnn;

/**
 * Element-wise logistic sigmoid and tanh over arrays for {@link BatchGru}, each through one
 * exp computed by a fixed sequence of IEEE operations (fdlibm's exp algorithm, within about one
 * ulp of {@link Math#exp}), so that the scalar loops here and the Vector API loops of
 * {@link GruVectorMath} return the same bits, whichever runs and whether the JIT has compiled
 * them or not.
 *
 * <p>Why not {@link Math#exp}: a call per value (several nanoseconds), three per unit and step,
 * was most of the GRU's time. With {@code jdk.incubator.vector} in the boot layer
 * ({@code --add-modules jdk.incubator.vector}, as {@code ./hmmrnn} and the tests run) the arrays
 * go through {@link GruVectorMath}; without it, through the scalar loops here, with identical
 * numbers; a value's result never depends on its position in the array.
 *
 * <p>The exponent is clamped to [−708, 708] first: beyond it the sigmoid and tanh are 0, 1 or ±1
 * to double precision anyway, and the clamp keeps the 2^k scaling in the normal range. NaN stays
 * NaN (a diverged network is reported by the trainer).
 */
final class GruMath {

    /** Whether the Vector API module is in the boot layer (decided once, at class initialisation). */
    static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    /** Array ranges passed to {@link #sigmoid} and {@link #tanh} are multiples of this (8: any lane count up to 8 divides it). */
    static final int PAD = 8;

    static final double EXP_LIMIT = 708.0;
    static final double MAGIC = 0x1.8p52;
    static final double INV_LN2 = 1.44269504088896338700e+00;
    static final double LN2_HI = 6.93147180369123816490e-01;
    static final double LN2_LO = 1.90821492927058770002e-10;
    static final double P1 = 1.66666666666666019037e-01;
    static final double P2 = -2.77777777770155933842e-03;
    static final double P3 = 6.61375632143793436117e-05;
    static final double P4 = -1.65339022054652515390e-06;
    static final double P5 = 4.13813679705723846039e-08;

    private GruMath() {
    }

    /** @return {@code n} rounded up to a multiple of {@link #PAD} */
    static int padded(int n) {
        return (n + PAD - 1) / PAD * PAD;
    }

    /** Replaces a[from..from+n) by σ(a) = 1 / (1 + exp(−a)); n a multiple of {@link #PAD}. */
    static void sigmoid(double[] a, int from, int n) {
        if (VECTOR) {
            GruVectorMath.sigmoid(a, from, n);
        } else {
            for (int i = from; i < from + n; i++) {
                a[i] = 1.0 / (1.0 + exp(-a[i]));
            }
        }
    }

    /** Replaces a[from..from+n) by tanh(a) = 2 / (1 + exp(−2a)) − 1; n a multiple of {@link #PAD}. */
    static void tanh(double[] a, int from, int n) {
        if (VECTOR) {
            GruVectorMath.tanh(a, from, n);
        } else {
            for (int i = from; i < from + n; i++) {
                a[i] = 2.0 / (1.0 + exp(-2.0 * a[i])) - 1.0;
            }
        }
    }

    /**
     * exp(x) for x clamped to [−708, 708]: x = k·ln 2 + r, |r| ≤ ln2/2, exp(r) by fdlibm's
     * rational approximation, times 2^k built in the exponent bits.
     */
    static double exp(double v) {
        double x = Math.min(EXP_LIMIT, Math.max(-EXP_LIMIT, v));
        double t = x * INV_LN2 + MAGIC;
        double kd = t - MAGIC;
        double hi = x - kd * LN2_HI;
        double lo = kd * LN2_LO;
        double r = hi - lo;
        double rr = r * r;
        double c = r - rr * (P1 + rr * (P2 + rr * (P3 + rr * (P4 + rr * P5))));
        double y = 1.0 - ((lo - (r * c) / (2.0 - c)) - hi);
        double scale = Double.longBitsToDouble((Double.doubleToRawLongBits(t) + 1023L) << 52);
        return y * scale;
    }
}
