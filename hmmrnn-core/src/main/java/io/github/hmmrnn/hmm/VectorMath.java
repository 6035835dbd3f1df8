package io.github.hmmrnn.hmm;

import static io.github.hmmrnn.hmm.BatchMath.EXP_MIN;
import static io.github.hmmrnn.numeric.Fdlibm.INV_LN2;
import static io.github.hmmrnn.numeric.Fdlibm.LG1;
import static io.github.hmmrnn.numeric.Fdlibm.LG2;
import static io.github.hmmrnn.numeric.Fdlibm.LG3;
import static io.github.hmmrnn.numeric.Fdlibm.LG4;
import static io.github.hmmrnn.numeric.Fdlibm.LG5;
import static io.github.hmmrnn.numeric.Fdlibm.LG6;
import static io.github.hmmrnn.numeric.Fdlibm.LG7;
import static io.github.hmmrnn.numeric.Fdlibm.LN2_HI;
import static io.github.hmmrnn.numeric.Fdlibm.LN2_LO;
import static io.github.hmmrnn.numeric.Fdlibm.MAGIC;
import static io.github.hmmrnn.numeric.Fdlibm.MIN_NORMAL;
import static io.github.hmmrnn.numeric.Fdlibm.P1;
import static io.github.hmmrnn.numeric.Fdlibm.P2;
import static io.github.hmmrnn.numeric.Fdlibm.P3;
import static io.github.hmmrnn.numeric.Fdlibm.P4;
import static io.github.hmmrnn.numeric.Fdlibm.P5;
import static io.github.hmmrnn.numeric.Fdlibm.TWO54;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API half of {@link BatchMath}: the same operations in the same order, lane by
 * lane, so the same bits. Loaded only when {@code jdk.incubator.vector} is in the boot layer,
 * so the rest of the library runs without the module.
 */
final class VectorMath {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final long MAGIC_BITS = Double.doubleToRawLongBits(MAGIC);
    private static final long MIN_NORMAL_BITS = Double.doubleToRawLongBits(MIN_NORMAL);

    private VectorMath() {
    }

    /** @return doubles per vector */
    static int lanes() {
        return SPECIES.length();
    }

    /**
     * Replaces a[0..n) by {@link BatchMath#exp(double)} of each, n a multiple of {@link #lanes()}.
     * The body stays inside the loop: as a method of its own taking and returning a vector it
     * exceeds the JIT's inlining size and every vector crossing the call would be boxed.
     */
    static void exp(double[] a, int n) {
        for (int i = 0; i < n; i += SPECIES.length()) {
            DoubleVector x = DoubleVector.fromArray(SPECIES, a, i);
            DoubleVector t = x.mul(INV_LN2).add(MAGIC);
            DoubleVector kd = t.sub(MAGIC);
            DoubleVector hi = x.sub(kd.mul(LN2_HI));
            DoubleVector lo = kd.mul(LN2_LO);
            DoubleVector r = hi.sub(lo);
            DoubleVector rr = r.mul(r);
            DoubleVector p = rr.mul(P5).add(P4).mul(rr).add(P3).mul(rr).add(P2).mul(rr).add(P1);
            DoubleVector c = r.sub(rr.mul(p));
            DoubleVector q = r.mul(c).div(c.neg().add(2.0));
            DoubleVector y = lo.sub(q).sub(hi).neg().add(1.0);
            LongVector bits = (LongVector) t.reinterpretAsLongs();
            DoubleVector scale = (DoubleVector) bits.add(1023L).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
            DoubleVector v = y.mul(scale);
            VectorMask<Double> under = x.compare(VectorOperators.LT, EXP_MIN);
            v.blend(0.0, under).intoArray(a, i);
        }
    }

    /** Replaces a[0..n) by {@link BatchMath#log(double)} of each, n a multiple of {@link #lanes()}. */
    static void log(double[] a, int n) {
        for (int i = 0; i < n; i += SPECIES.length()) {
            DoubleVector x = DoubleVector.fromArray(SPECIES, a, i);
            VectorMask<Double> sub = x.compare(VectorOperators.LT, MIN_NORMAL);
            // the same test on the bits (equal for every double, NaN and signed zeros included):
            // a long mask without a mask cast, which C2 does not intrinsify here
            VectorMask<Long> subBits = ((LongVector) x.reinterpretAsLongs()).compare(VectorOperators.LT, MIN_NORMAL_BITS);
            DoubleVector xs = x.blend(x.mul(TWO54), sub);
            LongVector bits = (LongVector) xs.reinterpretAsLongs();
            LongVector mant = bits.and(0x000fffffffffffffL);
            LongVector ib = mant.lanewise(VectorOperators.LSHR, 32).add(0x95f64L).and(0x100000L);
            LongVector adj = LongVector.zero(bits.species()).blend(54L, subBits);
            LongVector k = bits.lanewise(VectorOperators.LSHR, 52).sub(1023L)
                    .add(ib.lanewise(VectorOperators.LSHR, 20)).sub(adj);
            DoubleVector m = (DoubleVector) mant.or(ib.lanewise(VectorOperators.XOR, 0x3ff00000L)
                    .lanewise(VectorOperators.LSHL, 32)).reinterpretAsDoubles();
            DoubleVector f = m.sub(1.0);
            // (double) k through the bits of 1.5·2^52 + k (exact for |k| < 2^51): the L2D convert is
            // not intrinsified here and would box every vector of the loop
            DoubleVector kd = ((DoubleVector) k.add(MAGIC_BITS).reinterpretAsDoubles()).sub(MAGIC);
            DoubleVector s = f.div(f.add(2.0));
            DoubleVector z = s.mul(s);
            DoubleVector w = z.mul(z);
            DoubleVector t1 = w.mul(w.mul(w.mul(LG6).add(LG4)).add(LG2));
            DoubleVector t2 = z.mul(w.mul(w.mul(w.mul(LG7).add(LG5)).add(LG3)).add(LG1));
            DoubleVector r = t2.add(t1);
            DoubleVector hfsq = f.mul(0.5).mul(f);
            DoubleVector inner = s.mul(hfsq.add(r)).add(kd.mul(LN2_LO));
            kd.mul(LN2_HI).sub(hfsq.sub(inner).sub(f)).intoArray(a, i);
        }
    }
}
