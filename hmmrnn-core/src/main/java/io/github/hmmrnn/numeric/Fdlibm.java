package io.github.hmmrnn.numeric;

/**
 * fdlibm's exp and log written as a fixed sequence of IEEE additions, multiplications, divisions
 * and bit operations, with their constants: the one scalar definition behind the batch kernels'
 * element-wise exp and log (forward–backward, the fused GRU pass), whose Vector API loops repeat
 * the same operations lane by lane so that scalar and vector paths give the same bits.
 *
 * <p>Why not {@link Math#exp}/{@link Math#log}: a call per value costs several nanoseconds, and
 * the Vector API's own EXP and LOG give different bits interpreted and compiled, which would make
 * results depend on JIT timing. Accuracy: within about one ulp of {@code Math.exp}/{@code Math.log}.
 */
public final class Fdlibm {

    /** 1.5·2^52: adding and subtracting it rounds to the nearest integer (and leaves it in the low bits). */
    public static final double MAGIC = 0x1.8p52;
    /** 1 / ln 2. */
    public static final double INV_LN2 = 1.44269504088896338700e+00;
    /** High part of ln 2 (its low 32 bits zero, so k·LN2_HI is exact). */
    public static final double LN2_HI = 6.93147180369123816490e-01;
    /** ln 2 − LN2_HI. */
    public static final double LN2_LO = 1.90821492927058770002e-10;
    /** Coefficients of fdlibm's rational approximation of exp on [−ln2/2, ln2/2]. */
    public static final double P1 = 1.66666666666666019037e-01;
    /** See {@link #P1}. */
    public static final double P2 = -2.77777777770155933842e-03;
    /** See {@link #P1}. */
    public static final double P3 = 6.61375632143793436117e-05;
    /** See {@link #P1}. */
    public static final double P4 = -1.65339022054652515390e-06;
    /** See {@link #P1}. */
    public static final double P5 = 4.13813679705723846039e-08;
    /** Coefficients of fdlibm's log1p kernel. */
    public static final double LG1 = 6.666666666666735130e-01;
    /** See {@link #LG1}. */
    public static final double LG2 = 3.999999999940941908e-01;
    /** See {@link #LG1}. */
    public static final double LG3 = 2.857142874366239149e-01;
    /** See {@link #LG1}. */
    public static final double LG4 = 2.222219843214978396e-01;
    /** See {@link #LG1}. */
    public static final double LG5 = 1.818357216161805012e-01;
    /** See {@link #LG1}. */
    public static final double LG6 = 1.531383769920937332e-01;
    /** See {@link #LG1}. */
    public static final double LG7 = 1.479819860511658591e-01;
    /** 2^54, which lifts a subnormal into the normal range. */
    public static final double TWO54 = 0x1p54;
    /** The smallest normal double, 2^−1022. */
    public static final double MIN_NORMAL = 0x1p-1022;
    /** Bound of {@link #exp}'s domain: beyond ±708 the result leaves the normal range. */
    public static final double EXP_LIMIT = 708.0;

    private Fdlibm() {
    }

    /**
     * exp(x) for x in [−708, 708]: x = k·ln 2 + r, |r| ≤ ln2/2, exp(r) by fdlibm's rational
     * approximation, times 2^k built in the exponent bits. Outside the interval the result is
     * meaningless: callers clamp or mask first.
     *
     * @param x the exponent, in [−{@value #EXP_LIMIT}, {@value #EXP_LIMIT}]
     * @return exp(x)
     */
    public static double exp(double x) {
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

    /**
     * log(x) for finite x &gt; 0, subnormals included: x = 2^k·(1 + f) with √2/2 ≤ 1 + f &lt; √2,
     * then fdlibm's log1p kernel.
     *
     * @param x a positive finite number
     * @return log(x)
     */
    public static double log(double x) {
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
    /**
     * log(1 + x), bit for bit {@link StrictMath#log1p} (fdlibm's s_log1p.c written out), for every
     * double. Why: {@code Math.log1p} is not a JIT intrinsic in Java 17 but a native call of
     * several tens of nanoseconds, and the HMM-MoA fit takes one per trial and state at every
     * point it visits (log(1 + e^−|η|) of its logistic emissions); written in Java it is inlined.
     * 1 + x = 2^k·(1 + f) with √2/2 ≤ 1 + f &lt; √2 and a correction c for the rounding of 1 + x,
     * then the log1p kernel in s = f / (2 + f).
     *
     * @param x any double
     * @return log(1 + x): −∞ at −1, NaN below −1 and for NaN, x itself for |x| &lt; 2^−54
     */
    public static double log1p(double x) {
        int hx = (int) (Double.doubleToRawLongBits(x) >>> 32);
        int ax = hx & 0x7fffffff;
        int k = 1;
        int hu = 0;
        double f = 0;
        double c = 0;
        if (hx < 0x3FDA827A) {                          // x < 0.41422
            if (ax >= 0x3ff00000) {                     // x <= -1
                return x == -1.0 ? Double.NEGATIVE_INFINITY : Double.NaN;
            }
            if (ax < 0x3e200000) {                      // |x| < 2^-29
                if (TWO54 + x > 0 && ax < 0x3c900000) { // |x| < 2^-54
                    return x;
                }
                return x - x * x * 0.5;
            }
            if (hx > 0 || hx <= (int) 0xbfd2bec3) {     // -0.2929 < x < 0.41422: no reduction
                k = 0;
                f = x;
                hu = 1;
            }
        }
        if (hx >= 0x7ff00000) {
            return x + x;
        }
        if (k != 0) {
            double u;
            if (hx < 0x43400000) {
                u = 1.0 + x;
                hu = (int) (Double.doubleToRawLongBits(u) >>> 32);
                k = (hu >> 20) - 1023;
                c = k > 0 ? 1.0 - (u - x) : x - (u - 1.0);   // the rounding error of 1 + x
                c /= u;
            } else {
                u = x;
                hu = (int) (Double.doubleToRawLongBits(u) >>> 32);
                k = (hu >> 20) - 1023;
                c = 0;
            }
            hu &= 0x000fffff;
            long low = Double.doubleToRawLongBits(u) & 0xffffffffL;
            if (hu < 0x6a09e) {
                u = Double.longBitsToDouble(((long) (hu | 0x3ff00000) << 32) | low);
            } else {
                k += 1;
                u = Double.longBitsToDouble(((long) (hu | 0x3fe00000) << 32) | low);
                hu = (0x00100000 - hu) >> 2;
            }
            f = u - 1.0;
        }
        double hfsq = 0.5 * f * f;
        if (hu == 0) {                                  // |f| < 2^-20
            if (f == 0) {
                if (k == 0) {
                    return 0;
                }
                c += k * LN2_LO;
                return k * LN2_HI + c;
            }
            double r = hfsq * (1.0 - 0.66666666666666666 * f);
            return k == 0 ? f - r : k * LN2_HI - ((r - (k * LN2_LO + c)) - f);
        }
        double s = f / (2.0 + f);
        double z = s * s;
        double r = z * (LG1 + z * (LG2 + z * (LG3 + z * (LG4 + z * (LG5 + z * (LG6 + z * LG7))))));
        return k == 0 ? f - (hfsq - s * (hfsq + r)) : k * LN2_HI - ((hfsq - (s * (hfsq + r) + (k * LN2_LO + c))) - f);
    }
}
