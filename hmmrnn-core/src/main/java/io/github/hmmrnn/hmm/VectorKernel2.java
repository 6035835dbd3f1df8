package io.github.hmmrnn.hmm;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The two-state lockstep forward–backward of {@link BatchMajorKernel} written with the Vector
 * API: one vector holds one step of as many chains as it has lanes, and the whole recursion of
 * those chains (prediction, scaled likelihoods, normaliser, filtering, its log, β, the ξ sums and
 * the smoothed posteriors) runs on whole vectors, with π, A, β and the ξ sums in registers.
 *
 * <p>Why: C2 does not vectorise the lockstep rows of {@link BatchMajorKernel} (a row is one or
 * two vectors wide, shorter than its unrolled main loop), so those rows ran in scalar code. Here
 * every step of a group is a handful of vector instructions and only the transposition between
 * the chain-major inputs and outputs and the group's batch-major work arrays is scalar.
 *
 * <p>Same numbers: each lane does exactly the operations of {@link ForwardBackward#run}, in the
 * same order, with exp and log from {@link VectorMath} (the bits of {@link BatchMath}). The one
 * difference in form is that the exp of each step's most likely state is not computed: it is
 * exp(0), which {@link BatchMath#exp(double)} returns as exactly 1. Lanes whose chain has ended
 * (or that hold no chain) compute values nobody reads; β, the ξ sums and the log likelihood of
 * such a lane are frozen with blends, never by adding zeros. So results are bit-identical to the
 * per-chain kernel whatever the batching, the lane count or the thread count.
 *
 * <p>Loaded only when {@code jdk.incubator.vector} is in the boot layer ({@link BatchMath#VECTOR}).
 */
final class VectorKernel2 {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    /** Lanes per vector = chains per group. */
    static final int L = SPECIES.length();

    /** Steps per block of the forward and backward output transpositions. */
    private static final int BLOCK = 64;

    private final BatchMajorKernel kern;
    private final double a00;
    private final double a01;
    private final double a10;
    private final double a11;
    private final double pi0;
    private final double pi1;
    /** [t·L + lane]: emission log-likelihoods, replaced in the forward pass by the scaled likelihoods. */
    private final double[] e0;
    private final double[] e1;
    /** [t·L + lane]: filtered posteriors. */
    private final double[] f0;
    private final double[] f1;
    /** [t·L + lane]: normalisers c_t. */
    private final double[] norm;
    /** [(t - t0)·L + lane]: one block of outputs on their way to the chain-major arrays. */
    private final double[] q0;
    private final double[] q1;
    private final double[] lc;
    private final double[] lengths = new double[L];

    private VectorKernel2(BatchMajorKernel kern, double[] pi, double[] a, int maxLength) {
        this.kern = kern;
        a00 = a[0];
        a01 = a[1];
        a10 = a[2];
        a11 = a[3];
        pi0 = pi[0];
        pi1 = pi[1];
        int cells = Math.multiplyExact(maxLength, L);
        e0 = new double[cells];
        e1 = new double[cells];
        f0 = new double[cells];
        f1 = new double[cells];
        norm = new double[cells];
        q0 = new double[BLOCK * L];
        q1 = new double[BLOCK * L];
        lc = new double[BLOCK * L];
    }

    /**
     * Runs every group of {@code kern} (K = 2), reading the log-likelihoods of slot s at step t
     * from {@code flat[2·(outOffset[s] + t) + j]} or, when {@code flat} is null, from
     * {@code bySlot[s][t][j]}.
     */
    static void run(BatchMajorKernel kern, double[] pi, double[] a, double[] flat, double[][][] bySlot) {
        int n = kern.numChains;
        VectorKernel2 v = new VectorKernel2(kern, pi, a, kern.lengthOfSlot[0]);
        for (int g = 0; g < n; g += L) {
            int width = Math.min(L, n - g);
            int len = kern.lengthOfSlot[g];
            for (int lane = 0; lane < L; lane++) {
                v.lengths[lane] = lane < width ? kern.lengthOfSlot[g + lane] : 0;
            }
            v.pack(g, width, flat, bySlot);
            v.forward(g, width, len);
            if (kern.smoothed != null) {
                v.backward(g, width, len);
            }
        }
    }

    /** Transposes the group's chain-major log-likelihoods into e0/e1 (batch-major). */
    private void pack(int g, int width, double[] flat, double[][][] bySlot) {
        for (int lane = 0; lane < width; lane++) {
            int s = g + lane;
            int n = kern.lengthOfSlot[s];
            if (flat != null) {
                int at = 2 * kern.outOffset[s];
                for (int t = 0; t < n; t++) {
                    e0[t * L + lane] = flat[at + 2 * t];
                    e1[t * L + lane] = flat[at + 2 * t + 1];
                }
            } else {
                double[][] rows = bySlot[s];
                for (int t = 0; t < n; t++) {
                    double[] row = rows[t];
                    e0[t * L + lane] = row[0];
                    e1[t * L + lane] = row[1];
                }
            }
        }
    }

    private void forward(int g, int width, int len) {
        DoubleVector lenV = DoubleVector.fromArray(SPECIES, lengths, 0);
        DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
        DoubleVector g0 = DoubleVector.zero(SPECIES);
        DoubleVector g1 = DoubleVector.zero(SPECIES);
        DoubleVector chainLog = DoubleVector.zero(SPECIES);
        for (int t0 = 0; t0 < len; t0 += BLOCK) {
            int t1 = Math.min(len, t0 + BLOCK);
            for (int t = t0; t < t1; t++) {
                int i = t * L;
                int j = (t - t0) * L;
                DoubleVector l0 = DoubleVector.fromArray(SPECIES, e0, i);
                DoubleVector l1 = DoubleVector.fromArray(SPECIES, e1, i);
                DoubleVector m = l0.max(l1);
                // exp(l - max) is exactly 1 for the larger of the two, exp(min - max) for the other
                DoubleVector e = VectorMath.exp(l0.min(l1).sub(m));
                VectorMask<Double> first = l0.compare(VectorOperators.GE, l1);
                DoubleVector s0 = e.blend(one, first);
                DoubleVector s1 = one.blend(e, first);
                DoubleVector p0;
                DoubleVector p1;
                if (t == 0) {
                    p0 = DoubleVector.broadcast(SPECIES, pi0);
                    p1 = DoubleVector.broadcast(SPECIES, pi1);
                } else {
                    p0 = g0.mul(a00).add(g1.mul(a10));
                    p1 = g0.mul(a01).add(g1.mul(a11));
                }
                DoubleVector h0 = p0.mul(s0);
                DoubleVector h1 = p1.mul(s1);
                DoubleVector c = h0.add(h1);
                DoubleVector inv = one.div(c);
                g0 = h0.mul(inv);
                g1 = h1.mul(inv);
                s0.intoArray(e0, i);
                s1.intoArray(e1, i);
                g0.intoArray(f0, i);
                g1.intoArray(f1, i);
                c.intoArray(norm, i);
                p0.intoArray(q0, j);
                p1.intoArray(q1, j);
                DoubleVector v = VectorMath.log(c).add(m);
                v.intoArray(lc, j);
                VectorMask<Double> active = lenV.compare(VectorOperators.GT, (double) t);
                if (active.andNot(c.compare(VectorOperators.GT, 0.0)).anyTrue()) {
                    throwZero(g, width, t, i);
                }
                chainLog = chainLog.blend(chainLog.add(v), active);
            }
            unpackForward(g, width, t0, t1);
        }
        for (int lane = 0; lane < width; lane++) {
            kern.chainLog[g + lane] = chainLog.lane(lane);
        }
    }

    private void throwZero(int g, int width, int t, int i) {
        for (int lane = 0; lane < width; lane++) {
            if (t < lengths[lane] && !(norm[i + lane] > 0)) {
                throw new IllegalArgumentException("chain " + kern.chainOfSlot[g + lane] + ": observation at step " + t
                        + " has probability zero under the model (emission likelihood is zero in every"
                        + " state the chain can reach)");
            }
        }
        throw new IllegalStateException("no zero normaliser found at step " + t);
    }

    /** Writes predicted, filtered and log-conditionals of steps [t0, t1) into the chain-major outputs. */
    private void unpackForward(int g, int width, int t0, int t1) {
        double[] predicted = kern.predicted;
        double[] filtered = kern.filtered;
        double[] logCond = kern.logCond;
        for (int lane = 0; lane < width; lane++) {
            int s = g + lane;
            int end = Math.min(t1, kern.lengthOfSlot[s]);
            int off = kern.outOffset[s];
            for (int t = t0; t < end; t++) {
                int i = t * L + lane;
                int j = (t - t0) * L + lane;
                int out = 2 * (off + t);
                predicted[out] = q0[j];
                predicted[out + 1] = q1[j];
                filtered[out] = f0[i];
                filtered[out + 1] = f1[i];
                logCond[off + t] = lc[j];
            }
        }
    }

    private void backward(int g, int width, int len) {
        DoubleVector lenV = DoubleVector.fromArray(SPECIES, lengths, 0);
        DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
        DoubleVector b0 = one;
        DoubleVector b1 = one;
        DoubleVector x00 = DoubleVector.zero(SPECIES);
        DoubleVector x01 = x00;
        DoubleVector x10 = x00;
        DoubleVector x11 = x00;
        int lastBlock = (len - 1) / BLOCK * BLOCK;
        for (int t0 = lastBlock; t0 >= 0; t0 -= BLOCK) {
            int t1 = Math.min(len, t0 + BLOCK);
            for (int t = t1 - 1; t >= t0; t--) {
                int i = t * L;
                DoubleVector h0 = DoubleVector.fromArray(SPECIES, f0, i);
                DoubleVector h1 = DoubleVector.fromArray(SPECIES, f1, i);
                if (t + 1 < len) {
                    int nx = i + L;
                    // lanes whose chain has a step t + 1: the others keep β = 1 (last step or ended)
                    VectorMask<Double> inner = lenV.compare(VectorOperators.GT, (double) (t + 1));
                    DoubleVector c = DoubleVector.fromArray(SPECIES, norm, nx);
                    DoubleVector n0 = DoubleVector.fromArray(SPECIES, e0, nx).mul(b0).div(c);
                    DoubleVector n1 = DoubleVector.fromArray(SPECIES, e1, nx).mul(b1).div(c);
                    DoubleVector w00 = n0.mul(a00);
                    DoubleVector w01 = n1.mul(a01);
                    DoubleVector w10 = n0.mul(a10);
                    DoubleVector w11 = n1.mul(a11);
                    x00 = x00.blend(x00.add(h0.mul(w00)), inner);
                    x01 = x01.blend(x01.add(h0.mul(w01)), inner);
                    x10 = x10.blend(x10.add(h1.mul(w10)), inner);
                    x11 = x11.blend(x11.add(h1.mul(w11)), inner);
                    b0 = one.blend(w00.add(w01), inner);
                    b1 = one.blend(w10.add(w11), inner);
                }
                int j = (t - t0) * L;
                h0.mul(b0).intoArray(q0, j);
                h1.mul(b1).intoArray(q1, j);
            }
            unpackSmoothed(g, width, t0, t1);
        }
        double[] counts = kern.counts;
        int cn = kern.numChains;
        for (int lane = 0; lane < width; lane++) {
            int s = g + lane;
            counts[s] = x00.lane(lane);
            counts[cn + s] = x01.lane(lane);
            counts[2 * cn + s] = x10.lane(lane);
            counts[3 * cn + s] = x11.lane(lane);
        }
    }

    /** Writes the smoothed posteriors of steps [t0, t1) into the chain-major output. */
    private void unpackSmoothed(int g, int width, int t0, int t1) {
        double[] smoothed = kern.smoothed;
        for (int lane = 0; lane < width; lane++) {
            int s = g + lane;
            int end = Math.min(t1, kern.lengthOfSlot[s]);
            int off = kern.outOffset[s];
            for (int t = t0; t < end; t++) {
                int j = (t - t0) * L + lane;
                int out = 2 * (off + t);
                smoothed[out] = q0[j];
                smoothed[out + 1] = q1[j];
            }
        }
    }
}
