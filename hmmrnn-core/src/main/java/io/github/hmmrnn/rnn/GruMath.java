package io.github.hmmrnn.rnn;

import static io.github.hmmrnn.numeric.Fdlibm.EXP_LIMIT;

import io.github.hmmrnn.numeric.Fdlibm;

/**
 * Element-wise logistic sigmoid and tanh over arrays for {@link FusedRnnPass}, each through one
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

    /** y[yo + i] += x[xo + i] · a for i &lt; n; n a multiple of {@link #PAD}. */
    static void axpy(double a, double[] x, int xo, double[] y, int yo, int n) {
        if (VECTOR) {
            GruVectorMath.axpy(a, x, xo, y, yo, n);
        } else {
            for (int i = 0; i < n; i++) {
                y[yo + i] += x[xo + i] * a;
            }
        }
    }

    /** acc[ao + i] += x[xo + i] · y[yo + i] for i &lt; n; n a multiple of {@link #PAD}. */
    static void addProduct(double[] x, int xo, double[] y, int yo, double[] acc, int ao, int n) {
        if (VECTOR) {
            GruVectorMath.addProduct(x, xo, y, yo, acc, ao, n);
        } else {
            for (int i = 0; i < n; i++) {
                acc[ao + i] += x[xo + i] * y[yo + i];
            }
        }
    }

    /**
     * acc[ao + l] += Σ_c x[xo + 8c + l] · y[yo + 8c + l] for the lanes l &lt; 8, the chunks c in
     * order: a gradient sum over batch rows kept as 8 partial sums (one per row mod 8) that stay
     * in L1 across time steps, in an order that does not depend on the vector width; n a multiple
     * of {@link #PAD}.
     */
    static void addDot(double[] x, int xo, double[] y, int yo, double[] acc, int ao, int n) {
        if (VECTOR) {
            GruVectorMath.addDot(x, xo, y, yo, acc, ao, n);
        } else {
            for (int c = 0; c < n; c += PAD) {
                for (int l = 0; l < PAD; l++) {
                    acc[ao + l] += x[xo + c + l] * y[yo + c + l];
                }
            }
        }
    }

    /** y[yo + i] += x[xo + i] for i &lt; n; n a multiple of {@link #PAD}. */
    static void add(double[] x, int xo, double[] y, int yo, int n) {
        if (VECTOR) {
            GruVectorMath.add(x, xo, y, yo, n);
        } else {
            for (int i = 0; i < n; i++) {
                y[yo + i] += x[xo + i];
            }
        }
    }

    /**
     * The GRU's new state h[ho + i] = (1 − z) · n + z · h[hp + i], z and n at co + i, for
     * i &lt; count; count a multiple of {@link #PAD}.
     */
    static void update(double[] z, double[] n, int co, double[] h, int hp, int ho, int count) {
        if (VECTOR) {
            GruVectorMath.update(z, n, co, h, hp, ho, count);
        } else {
            for (int i = 0; i < count; i++) {
                double zi = z[co + i];
                h[ho + i] = (1.0 - zi) * n[co + i] + zi * h[hp + i];
            }
        }
    }

    /**
     * One step of the GRU's backward pass through the gates, for the cells i &lt; count (units ×
     * padded rows, gate values at co + i, h_{t−1} at hp + i): from dh (= the error from above plus
     * the error carried back from step t + 1) writes the pre-activation errors da_r, da_z, da_n
     * and the recurrent n-gate error da_n ⊙ r into da's four blocks of {@code count}, and the part
     * z ⊙ dh of the error carried to step t − 1 into dhNext; count a multiple of {@link #PAD}.
     */
    static void gatesBackward(double[] dh, double[] dhNext, double[] r, double[] z, double[] n, double[] hn, int co,
                              double[] h, int hp, double[] da, int count) {
        if (VECTOR) {
            GruVectorMath.gatesBackward(dh, dhNext, r, z, n, hn, co, h, hp, da, count);
        } else {
            for (int k = 0; k < count; k++) {
                double dhk = dh[k] + dhNext[k];
                double rg = r[co + k];
                double zg = z[co + k];
                double ng = n[co + k];
                double dn = dhk * (1.0 - zg);
                double dz = dhk * (h[hp + k] - ng);
                double dan = dn * (1.0 - ng * ng);
                double dr = dan * hn[co + k];
                da[k] = dr * rg * (1.0 - rg);
                da[count + k] = dz * zg * (1.0 - zg);
                da[2 * count + k] = dan;
                da[3 * count + k] = dan * rg;
                dhNext[k] = dhk * zg;
            }
        }
    }

    /**
     * Log-probabilities of a two-way softmax, element-wise over rows of logits: for i &lt; n,
     * with d = a1 − a0 (a0 = a[r0 + i], a1 = a[r1 + i]) and L = log(1 + exp(−|d|)),
     * out[o0 + i] = −(max(d, 0) + L) and out[o1 + i] = −(max(−d, 0) + L): exact to rounding for
     * any logits (no overflow), any n (a tail shorter than a vector runs through the scalar loop,
     * same operations).
     */
    static void logSoftmax2(double[] a, int r0, int r1, double[] out, int o0, int o1, int n) {
        int from = VECTOR ? GruVectorMath.logSoftmax2(a, r0, r1, out, o0, o1, n) : 0;
        for (int i = from; i < n; i++) {
            double d = a[r1 + i] - a[r0 + i];
            double l = log(1.0 + exp(-Math.abs(d)));
            out[o0 + i] = -(Math.max(d, 0.0) + l);
            out[o1 + i] = -(Math.max(-d, 0.0) + l);
        }
    }

    /** Replaces a[from..from+n) by {@link #exp(double)} of each (any n; the same bits either way). */
    static void exp(double[] a, int from, int n) {
        int done = VECTOR ? GruVectorMath.exp(a, from, n) : 0;
        for (int i = from + done; i < from + n; i++) {
            a[i] = exp(a[i]);
        }
    }

    /** {@link Fdlibm#log}; used for x in [1, 2] (x = 1 + exp(−|d|)). */
    static double log(double x) {
        return Fdlibm.log(x);
    }

    /** {@link Fdlibm#exp} of v clamped to [−708, 708] (NaN stays NaN). */
    static double exp(double v) {
        return Fdlibm.exp(Math.min(EXP_LIMIT, Math.max(-EXP_LIMIT, v)));
    }
}
