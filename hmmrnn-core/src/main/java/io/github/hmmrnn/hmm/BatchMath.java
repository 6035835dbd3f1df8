package io.github.hmmrnn.hmm;

/**
 * Element-wise exp and log over arrays for {@link BatchMajorKernel}, defined by a fixed
 * sequence of IEEE additions, multiplications, divisions and bit operations (fdlibm's
 * algorithms, accurate to within about one ulp of {@link Math#exp} and {@link Math#log}), so
 * that the scalar loop here and the Vector API loop in {@link VectorMath} return the same bits.
 *
 * <p>Why not {@link Math#exp}: it is a call per value (about 4 ns each on this project's
 * machine, a third of the forward–backward), and the Vector API's own EXP and LOG return
 * different bits interpreted and compiled, which would make results depend on JIT timing. With
 * {@code jdk.incubator.vector} in the boot layer ({@code --add-modules jdk.incubator.vector},
 * as {@code ./hmmrnn} and the tests run) the arrays go through {@link VectorMath}; without it,
 * through the scalar loops; the numbers are identical either way, and a value's result never
 * depends on its position in the array.
 *
 * <p>Domain: exp is used for x ≤ 0 (x = log-likelihood minus the step's maximum) and returns 0
 * below −708 (where exp is subnormal or zero) and for −∞; log is used for normalisers in
 * (0, ∞) (zero normalisers are rejected by the kernel before their log is used).
 */
final class BatchMath {

    /** Whether the Vector API module is in the boot layer (decided once, at class initialisation). */
    static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    /** Array lengths passed to {@link #exp} and {@link #log} are multiples of this. */
    static final int PAD = VECTOR ? VectorMath.lanes() : 1;

    static final double EXP_MIN = -708.0;
    static final double MAGIC = 0x1.8p52;
    static final double INV_LN2 = 1.44269504088896338700e+00;
    static final double LN2_HI = 6.93147180369123816490e-01;
    static final double LN2_LO = 1.90821492927058770002e-10;
    static final double P1 = 1.66666666666666019037e-01;
    static final double P2 = -2.77777777770155933842e-03;
    static final double P3 = 6.61375632143793436117e-05;
    static final double P4 = -1.65339022054652515390e-06;
    static final double P5 = 4.13813679705723846039e-08;
    static final double LG1 = 6.666666666666735130e-01;
    static final double LG2 = 3.999999999940941908e-01;
    static final double LG3 = 2.857142874366239149e-01;
    static final double LG4 = 2.222219843214978396e-01;
    static final double LG5 = 1.818357216161805012e-01;
    static final double LG6 = 1.531383769920937332e-01;
    static final double LG7 = 1.479819860511658591e-01;
    static final double TWO54 = 0x1p54;
    static final double MIN_NORMAL = 0x1p-1022;

    private BatchMath() {
    }

    /** @return {@code n} rounded up to a multiple of {@link #PAD} */
    static int padded(int n) {
        return (n + PAD - 1) / PAD * PAD;
    }

    /** Replaces a[0..n) by exp(a), n a multiple of {@link #PAD}. */
    static void exp(double[] a, int n) {
        if (VECTOR) {
            VectorMath.exp(a, n);
        } else {
            for (int i = 0; i < n; i++) {
                a[i] = exp(a[i]);
            }
        }
    }

    /** Replaces a[0..n) by log(a), n a multiple of {@link #PAD}. */
    static void log(double[] a, int n) {
        if (VECTOR) {
            VectorMath.log(a, n);
        } else {
            for (int i = 0; i < n; i++) {
                a[i] = log(a[i]);
            }
        }
    }

    /**
     * exp(x) for x ≤ 0: x = k·ln 2 + r, |r| ≤ ln2/2, exp(r) by fdlibm's rational approximation,
     * times 2^k built in the exponent bits.
     */
    static double exp(double x) {
        double t = x * INV_LN2 + MAGIC;
        double kd = t - MAGIC;
        double hi = x - kd * LN2_HI;
        double lo = kd * LN2_LO;
        double r = hi - lo;
        double rr = r * r;
        double c = r - rr * (P1 + rr * (P2 + rr * (P3 + rr * (P4 + rr * P5))));
        double y = 1.0 - ((lo - (r * c) / (2.0 - c)) - hi);
        double scale = Double.longBitsToDouble((Double.doubleToRawLongBits(t) + 1023L) << 52);
        double v = y * scale;
        return x < EXP_MIN ? 0.0 : v;
    }

    /** log(x) for x &gt; 0: x = 2^k·(1 + f) with √2/2 ≤ 1 + f &lt; √2, then fdlibm's log1p kernel. */
    static double log(double x) {
        boolean sub = x < MIN_NORMAL;
        double xs = sub ? x * TWO54 : x;
        long bits = Double.doubleToRawLongBits(xs);
        long mant = bits & 0x000fffffffffffffL;
        long i = ((mant >>> 32) + 0x95f64L) & 0x100000L;
        long k = (bits >>> 52) - 1023L + (i >>> 20) - (sub ? 54L : 0L);
        double m = Double.longBitsToDouble(mant | ((i ^ 0x3ff00000L) << 32));
        double f = m - 1.0;
        double kd = (double) k;
        double s = f / (2.0 + f);
        double z = s * s;
        double w = z * z;
        double t1 = w * (LG2 + w * (LG4 + w * LG6));
        double t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
        double r = t2 + t1;
        double hfsq = 0.5 * f * f;
        return kd * LN2_HI - ((hfsq - (s * (hfsq + r) + kd * LN2_LO)) - f);
    }
}
