package io.github.hmmrnn.numeric;

import static io.github.hmmrnn.numeric.Fdlibm.LG1;
import static io.github.hmmrnn.numeric.Fdlibm.LG2;
import static io.github.hmmrnn.numeric.Fdlibm.LG3;
import static io.github.hmmrnn.numeric.Fdlibm.LG4;
import static io.github.hmmrnn.numeric.Fdlibm.LG5;
import static io.github.hmmrnn.numeric.Fdlibm.LG6;
import static io.github.hmmrnn.numeric.Fdlibm.LG7;
import static io.github.hmmrnn.numeric.Fdlibm.LN2_HI;
import static io.github.hmmrnn.numeric.Fdlibm.LN2_LO;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API half of {@link Fdlibm#log1pInPlace}: {@link Fdlibm#log1p} lane by lane for
 * x in [0, 1], the same operations in the same order on each of that interval's paths, so the
 * same bits. Loaded only when {@code jdk.incubator.vector} is in the boot layer.
 */
final class VectorLog1p {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    /**
     * fdlibm's thresholds on the high word, as doubles (for x ≥ 0 the order of the bits is the
     * order of the values): 2^−54, 2^−29 and just above √2 − 1.
     */
    private static final double TINY = Double.longBitsToDouble(0x3c900000L << 32);
    private static final double SMALL = Double.longBitsToDouble(0x3e200000L << 32);
    private static final double REDUCE = Double.longBitsToDouble(0x3FDA827AL << 32);

    private VectorLog1p() {
    }

    /**
     * Replaces a[from..to) by log1p of each, vector by vector while every lane is in [0, 1];
     * any other vector, and the tail, go through the scalar {@link Fdlibm#log1p}.
     */
    static void log1pUnit(double[] a, int from, int to) {
        int lanes = SPECIES.length();
        int i = from;
        for (; i + lanes <= to; i += lanes) {
            DoubleVector x = DoubleVector.fromArray(SPECIES, a, i);
            // NaN fails both comparisons, so it takes the scalar path too
            if (!x.compare(VectorOperators.GE, 0.0).and(x.compare(VectorOperators.LE, 1.0)).allTrue()) {
                for (int j = i; j < i + lanes; j++) {
                    a[j] = Fdlibm.log1p(a[j]);
                }
                continue;
            }
            // x < √2 − 1: no reduction, k = 0 and f = x
            DoubleVector f0 = x;
            DoubleVector h0 = f0.mul(0.5).mul(f0);
            DoubleVector s0 = f0.div(f0.add(2.0));
            DoubleVector z0 = s0.mul(s0);
            DoubleVector r0 = z0.mul(LG7).add(LG6).mul(z0).add(LG5).mul(z0).add(LG4).mul(z0).add(LG3).mul(z0).add(LG2)
                    .mul(z0).add(LG1).mul(z0);
            DoubleVector low = f0.sub(h0.sub(s0.mul(h0.add(r0))));
            // √2 − 1 ≤ x < 1: u = 1 + x in [√2, 2), so k = 1, f = u/2 − 1, c = (x − (u − 1)) / u
            DoubleVector u = x.add(1.0);
            DoubleVector c = x.sub(u.sub(1.0)).div(u);
            DoubleVector f1 = u.mul(0.5).sub(1.0);
            DoubleVector h1 = f1.mul(0.5).mul(f1);
            DoubleVector s1 = f1.div(f1.add(2.0));
            DoubleVector z1 = s1.mul(s1);
            DoubleVector r1 = z1.mul(LG7).add(LG6).mul(z1).add(LG5).mul(z1).add(LG4).mul(z1).add(LG3).mul(z1).add(LG2)
                    .mul(z1).add(LG1).mul(z1);
            DoubleVector high = h1.sub(s1.mul(h1.add(r1)).add(c.add(LN2_LO))).sub(f1).neg().add(LN2_HI);
            // x = 1: u = 2 exactly, f = 0, c = 0, and log1p = ln2_hi + ln2_lo
            DoubleVector one = DoubleVector.broadcast(SPECIES, LN2_HI + LN2_LO);
            // |x| < 2^−29: x − x²/2, and x itself below 2^−54
            DoubleVector tiny = x.sub(x.mul(x).mul(0.5));
            DoubleVector v = low.blend(high, x.compare(VectorOperators.GE, REDUCE))
                    .blend(one, x.compare(VectorOperators.EQ, 1.0))
                    .blend(tiny, x.compare(VectorOperators.LT, SMALL))
                    .blend(x, x.compare(VectorOperators.LT, TINY));
            v.intoArray(a, i);
        }
        for (; i < to; i++) {
            a[i] = Fdlibm.log1p(a[i]);
        }
    }
}
