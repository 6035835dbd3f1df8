package io.github.hmmrnn.rnn;

import static io.github.hmmrnn.rnn.GruMath.EXP_LIMIT;
import static io.github.hmmrnn.rnn.GruMath.INV_LN2;
import static io.github.hmmrnn.rnn.GruMath.LN2_HI;
import static io.github.hmmrnn.rnn.GruMath.LN2_LO;
import static io.github.hmmrnn.rnn.GruMath.MAGIC;
import static io.github.hmmrnn.rnn.GruMath.P1;
import static io.github.hmmrnn.rnn.GruMath.P2;
import static io.github.hmmrnn.rnn.GruMath.P3;
import static io.github.hmmrnn.rnn.GruMath.P4;
import static io.github.hmmrnn.rnn.GruMath.P5;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API half of {@link GruMath}: the same operations in the same order, lane by lane,
 * so the same bits. Loaded only when {@code jdk.incubator.vector} is in the boot layer. The exp
 * stays written out inside each loop: as a method of its own taking and returning a vector it
 * would exceed the JIT's inlining size and box every vector crossing the call.
 */
final class GruVectorMath {

    private static final VectorSpecies<Double> SPECIES = speciesDividing(GruMath.PAD);

    private GruVectorMath() {
    }

    /** The preferred species, narrowed until its lane count divides {@code pad}. */
    private static VectorSpecies<Double> speciesDividing(int pad) {
        VectorSpecies<Double> s = DoubleVector.SPECIES_PREFERRED;
        return pad % s.length() == 0 ? s : DoubleVector.SPECIES_64;
    }

    /** {@link GruMath#sigmoid}. */
    static void sigmoid(double[] a, int from, int n) {
        for (int i = from; i < from + n; i += SPECIES.length()) {
            DoubleVector x = DoubleVector.fromArray(SPECIES, a, i).neg().max(-EXP_LIMIT).min(EXP_LIMIT);
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
            DoubleVector e = y.mul(scale);
            e.broadcast(1.0).div(e.add(1.0)).intoArray(a, i);
        }
    }

    /** {@link GruMath#tanh}. */
    static void tanh(double[] a, int from, int n) {
        for (int i = from; i < from + n; i += SPECIES.length()) {
            DoubleVector x = DoubleVector.fromArray(SPECIES, a, i).mul(-2.0).max(-EXP_LIMIT).min(EXP_LIMIT);
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
            DoubleVector e = y.mul(scale);
            e.broadcast(2.0).div(e.add(1.0)).sub(1.0).intoArray(a, i);
        }
    }
}
