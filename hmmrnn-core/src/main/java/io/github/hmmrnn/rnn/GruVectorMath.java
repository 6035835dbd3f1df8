package io.github.hmmrnn.rnn;

import static io.github.hmmrnn.numeric.Fdlibm.EXP_LIMIT;
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
import static io.github.hmmrnn.numeric.Fdlibm.P1;
import static io.github.hmmrnn.numeric.Fdlibm.P2;
import static io.github.hmmrnn.numeric.Fdlibm.P3;
import static io.github.hmmrnn.numeric.Fdlibm.P4;
import static io.github.hmmrnn.numeric.Fdlibm.P5;

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

    private static final long MAGIC_BITS = Double.doubleToRawLongBits(MAGIC);

    /** {@link GruMath#logSoftmax2} on whole vectors; @return how many elements it did (the rest go through the scalar loop) */
    static int logSoftmax2(double[] a, int r0, int r1, double[] out, int o0, int o1, int n) {
        int lanes = SPECIES.length();
        int end = n - n % lanes;
        for (int i = 0; i < end; i += lanes) {
            DoubleVector d = DoubleVector.fromArray(SPECIES, a, r1 + i).sub(DoubleVector.fromArray(SPECIES, a, r0 + i));
            // exp(−|d|), as GruMath.exp
            DoubleVector x = d.abs().neg().max(-EXP_LIMIT).min(EXP_LIMIT);
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
            LongVector ebits = (LongVector) t.reinterpretAsLongs();
            DoubleVector scale = (DoubleVector) ebits.add(1023L).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
            DoubleVector u = y.mul(scale).add(1.0);
            // log(u) for u in [1, 2], as GruMath.log
            LongVector bits = (LongVector) u.reinterpretAsLongs();
            LongVector mant = bits.and(0x000fffffffffffffL);
            LongVector ib = mant.lanewise(VectorOperators.LSHR, 32).add(0x95f64L).and(0x100000L);
            LongVector k = bits.lanewise(VectorOperators.LSHR, 52).sub(1023L).add(ib.lanewise(VectorOperators.LSHR, 20));
            DoubleVector m = (DoubleVector) mant.or(ib.lanewise(VectorOperators.XOR, 0x3ff00000L)
                    .lanewise(VectorOperators.LSHL, 32)).reinterpretAsDoubles();
            DoubleVector f = m.sub(1.0);
            // (double) k through the bits of 1.5·2^52 + k (exact for |k| < 2^51)
            DoubleVector kf = ((DoubleVector) k.add(MAGIC_BITS).reinterpretAsDoubles()).sub(MAGIC);
            DoubleVector s = f.div(f.add(2.0));
            DoubleVector z = s.mul(s);
            DoubleVector w = z.mul(z);
            DoubleVector t1 = w.mul(w.mul(w.mul(LG6).add(LG4)).add(LG2));
            DoubleVector t2 = z.mul(w.mul(w.mul(w.mul(LG7).add(LG5)).add(LG3)).add(LG1));
            DoubleVector rl = t2.add(t1);
            DoubleVector hfsq = f.mul(0.5).mul(f);
            DoubleVector inner = s.mul(hfsq.add(rl)).add(kf.mul(LN2_LO));
            DoubleVector l = kf.mul(LN2_HI).sub(hfsq.sub(inner).sub(f));
            d.max(0.0).add(l).neg().intoArray(out, o0 + i);
            d.neg().max(0.0).add(l).neg().intoArray(out, o1 + i);
        }
        return end;
    }

    /** {@link GruMath#exp(double[], int, int)} on whole vectors; @return how many elements it did */
    static int exp(double[] a, int from, int n) {
        int lanes = SPECIES.length();
        int end = n - n % lanes;
        for (int i = from; i < from + end; i += lanes) {
            DoubleVector x = DoubleVector.fromArray(SPECIES, a, i).max(-EXP_LIMIT).min(EXP_LIMIT);
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
            y.mul(scale).intoArray(a, i);
        }
        return end;
    }

    /** {@link GruMath#axpy}. */
    static void axpy(double a, double[] x, int xo, double[] y, int yo, int n) {
        for (int i = 0; i < n; i += SPECIES.length()) {
            DoubleVector.fromArray(SPECIES, y, yo + i).add(DoubleVector.fromArray(SPECIES, x, xo + i).mul(a))
                    .intoArray(y, yo + i);
        }
    }

    /** {@link GruMath#addProduct}. */
    static void addProduct(double[] x, int xo, double[] y, int yo, double[] acc, int ao, int n) {
        for (int i = 0; i < n; i += SPECIES.length()) {
            DoubleVector p = DoubleVector.fromArray(SPECIES, x, xo + i).mul(DoubleVector.fromArray(SPECIES, y, yo + i));
            DoubleVector.fromArray(SPECIES, acc, ao + i).add(p).intoArray(acc, ao + i);
        }
    }

    /** {@link GruMath#addDot}: the accumulator goes through memory (a vector carried across the loop's back edge would be boxed). */
    static void addDot(double[] x, int xo, double[] y, int yo, double[] acc, int ao, int n) {
        int lanes = SPECIES.length();
        for (int c = 0; c < n; c += GruMath.PAD) {
            for (int l = 0; l < GruMath.PAD; l += lanes) {
                DoubleVector p = DoubleVector.fromArray(SPECIES, x, xo + c + l)
                        .mul(DoubleVector.fromArray(SPECIES, y, yo + c + l));
                DoubleVector.fromArray(SPECIES, acc, ao + l).add(p).intoArray(acc, ao + l);
            }
        }
    }

    /** {@link GruMath#add}. */
    static void add(double[] x, int xo, double[] y, int yo, int n) {
        for (int i = 0; i < n; i += SPECIES.length()) {
            DoubleVector.fromArray(SPECIES, y, yo + i).add(DoubleVector.fromArray(SPECIES, x, xo + i))
                    .intoArray(y, yo + i);
        }
    }

    /** {@link GruMath#update}. */
    static void update(double[] z, double[] n, int co, double[] h, int hp, int ho, int count) {
        for (int i = 0; i < count; i += SPECIES.length()) {
            DoubleVector zi = DoubleVector.fromArray(SPECIES, z, co + i);
            DoubleVector a = zi.neg().add(1.0).mul(DoubleVector.fromArray(SPECIES, n, co + i));
            a.add(zi.mul(DoubleVector.fromArray(SPECIES, h, hp + i))).intoArray(h, ho + i);
        }
    }

    /** {@link GruMath#gatesBackward}. */
    static void gatesBackward(double[] dh, double[] dhNext, double[] r, double[] z, double[] n, double[] hn, int co,
                              double[] h, int hp, double[] da, int count) {
        for (int k = 0; k < count; k += SPECIES.length()) {
            DoubleVector dhk = DoubleVector.fromArray(SPECIES, dh, k).add(DoubleVector.fromArray(SPECIES, dhNext, k));
            DoubleVector rg = DoubleVector.fromArray(SPECIES, r, co + k);
            DoubleVector zg = DoubleVector.fromArray(SPECIES, z, co + k);
            DoubleVector ng = DoubleVector.fromArray(SPECIES, n, co + k);
            DoubleVector dn = dhk.mul(zg.neg().add(1.0));
            DoubleVector dz = dhk.mul(DoubleVector.fromArray(SPECIES, h, hp + k).sub(ng));
            DoubleVector dan = dn.mul(ng.mul(ng).neg().add(1.0));
            DoubleVector dr = dan.mul(DoubleVector.fromArray(SPECIES, hn, co + k));
            dr.mul(rg).mul(rg.neg().add(1.0)).intoArray(da, k);
            dz.mul(zg).mul(zg.neg().add(1.0)).intoArray(da, count + k);
            dan.intoArray(da, 2 * count + k);
            dan.mul(rg).intoArray(da, 3 * count + k);
            dhk.mul(zg).intoArray(dhNext, k);
        }
    }
}
