package io.github.hmmrnn.hmm;

import io.github.hmmrnn.numeric.Fdlibm;

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

    static final double EXP_MIN = -Fdlibm.EXP_LIMIT;

    private BatchMath() {
    }

    /** @return {@code n} rounded up to a multiple of {@link #PAD} */
    static int padded(int n) {
        return (n + PAD - 1) / PAD * PAD;
    }

    /** Replaces a[0..n) by exp(a), n a multiple of {@link #PAD}. */
    static void exp(double[] a, int n) {
        exp(a, n, VECTOR);
    }

    /** Replaces a[0..n) by exp(a), n a multiple of {@link #PAD}, on the Vector API if {@code vector} (same bits). */
    static void exp(double[] a, int n, boolean vector) {
        if (vector && VECTOR) {
            VectorMath.exp(a, n);
        } else {
            for (int i = 0; i < n; i++) {
                a[i] = exp(a[i]);
            }
        }
    }

    /** Replaces a[0..n) by log(a), n a multiple of {@link #PAD}. */
    static void log(double[] a, int n) {
        log(a, n, VECTOR);
    }

    /** Replaces a[0..n) by log(a), n a multiple of {@link #PAD}, on the Vector API if {@code vector} (same bits). */
    static void log(double[] a, int n, boolean vector) {
        if (vector && VECTOR) {
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
        // the kernel's value below −708 is discarded, as the vector loop's is
        double v = Fdlibm.exp(x);
        return x < EXP_MIN ? 0.0 : v;
    }

    /** log(x) for x &gt; 0: x = 2^k·(1 + f) with √2/2 ≤ 1 + f &lt; √2, then fdlibm's log1p kernel. */
    static double log(double x) {
        return Fdlibm.log(x);
    }
}
