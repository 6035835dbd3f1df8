package io.github.hmmrnn.hmm;

import java.util.Arrays;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The two-state lockstep forward–backward of {@link BatchMajorKernel} written with the Vector
 * API: one vector holds one step of as many chains as it has lanes, and the whole recursion of
 * those chains (prediction, scaled likelihoods, normaliser, filtering, its log, β, the ξ sums and
 * the smoothed posteriors) runs on whole vectors. While every lane's chain is running, inputs are
 * gathered from and outputs scattered into the flat chain-major arrays directly; the ragged tail
 * of a group goes through small batch-major blocks and scalar transpositions.
 *
 * <p>Why: C2 does not vectorise the lockstep rows of {@link BatchMajorKernel} (a row is one or
 * two vectors wide, shorter than its unrolled main loop), so those rows ran in scalar code.
 *
 * <p>JDK 17's C2 boxes a vector that crosses a loop's back edge in a local, and one passed to or
 * returned from a method too large to inline: each box is an allocation and a call into the
 * Vector API's Java fallback. So the recursion's state (filtered posteriors, β, ξ sums, log
 * likelihoods) is stored and reloaded each step, and exp and log run as {@link VectorMath}'s array
 * loops over a block of steps rather than as vector functions.
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
    private final double[] mx;
    private final double[] lengths = new double[L];
    /** Loop-carried vectors (log likelihoods; β and ξ sums), kept in memory. */
    private final double[] acc = new double[6 * L];
    /** [lane]: first cell of the lane's chain in the flat outputs (×2: state cells, ×1: steps). */
    private final int[] cellIndex = new int[L];
    private final int[] stepIndex = new int[L];
    /**
     * Steps [0, full) of the current group have every lane running: there the flat inputs and
     * outputs are gathered and scattered directly as vectors; the ragged rest goes through the
     * scalar transpositions.
     */
    private int full;

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
        mx = new double[BLOCK * L];
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
                v.cellIndex[lane] = lane < width ? 2 * kern.outOffset[g + lane] : 0;
                v.stepIndex[lane] = lane < width ? kern.outOffset[g + lane] : 0;
            }
            // slots are sorted longest first: the group's last slot is its shortest chain
            v.full = width == L ? kern.lengthOfSlot[g + L - 1] : 0;
            v.pack(g, width, flat, bySlot);
            v.forward(g, width, len);
            if (kern.smoothed != null) {
                v.backward(g, width, len);
            }
        }
    }

    /** Transposes the group's chain-major log-likelihoods into e0/e1 (batch-major). */
    private void pack(int g, int width, double[] flat, double[][][] bySlot) {
        int from = 0;
        if (flat != null) {
            for (int t = 0; t < full; t++) {
                DoubleVector.fromArray(SPECIES, flat, 2 * t, cellIndex, 0).intoArray(e0, t * L);
                DoubleVector.fromArray(SPECIES, flat, 2 * t + 1, cellIndex, 0).intoArray(e1, t * L);
            }
            from = full;
        }
        for (int lane = 0; lane < width; lane++) {
            int s = g + lane;
            int n = kern.lengthOfSlot[s];
            if (flat != null) {
                int at = 2 * kern.outOffset[s];
                for (int t = from; t < n; t++) {
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
        // no vector is carried from one iteration to the next in a local: C2 (JDK 17) boxes vectors
        // that cross a loop's back edge, so the recursion's state goes through memory
        Arrays.fill(acc, 0.0);
        for (int t0 = 0; t0 < len; t0 += BLOCK) {
            int t1 = Math.min(len, t0 + BLOCK);
            int cells = (t1 - t0) * L;
            // exps of the block first (they do not depend on the recursion): exp(l - max) is
            // exactly 1 for the larger of the two log-likelihoods, exp(min - max) for the other.
            // exp and log run as array loops of their own: inlined into this loop they exceed the
            // JIT's inlining limit and their vectors would be boxed.
            for (int t = t0; t < t1; t++) {
                int i = t * L;
                int j = (t - t0) * L;
                DoubleVector l0 = DoubleVector.fromArray(SPECIES, e0, i);
                DoubleVector l1 = DoubleVector.fromArray(SPECIES, e1, i);
                DoubleVector m = l0.max(l1);
                m.intoArray(mx, j);
                l0.min(l1).sub(m).intoArray(q1, j);
            }
            VectorMath.exp(q1, cells);
            for (int t = t0; t < t1; t++) {
                int i = t * L;
                int j = (t - t0) * L;
                DoubleVector l0 = DoubleVector.fromArray(SPECIES, e0, i);
                DoubleVector l1 = DoubleVector.fromArray(SPECIES, e1, i);
                DoubleVector e = DoubleVector.fromArray(SPECIES, q1, j);
                DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
                VectorMask<Double> first = l0.compare(VectorOperators.GE, l1);
                DoubleVector s0 = e.blend(one, first);
                DoubleVector s1 = one.blend(e, first);
                DoubleVector p0;
                DoubleVector p1;
                if (t == 0) {
                    p0 = DoubleVector.broadcast(SPECIES, pi0);
                    p1 = DoubleVector.broadcast(SPECIES, pi1);
                } else {
                    DoubleVector g0 = DoubleVector.fromArray(SPECIES, f0, i - L);
                    DoubleVector g1 = DoubleVector.fromArray(SPECIES, f1, i - L);
                    p0 = g0.mul(a00).add(g1.mul(a10));
                    p1 = g0.mul(a01).add(g1.mul(a11));
                }
                DoubleVector h0 = p0.mul(s0);
                DoubleVector h1 = p1.mul(s1);
                DoubleVector c = h0.add(h1);
                DoubleVector inv = one.div(c);
                s0.intoArray(e0, i);
                s1.intoArray(e1, i);
                h0.mul(inv).intoArray(f0, i);
                h1.mul(inv).intoArray(f1, i);
                c.intoArray(norm, i);
                c.intoArray(lc, j);
                if (t < full) {
                    p0.intoArray(kern.predicted, 2 * t, cellIndex, 0);
                    p1.intoArray(kern.predicted, 2 * t + 1, cellIndex, 0);
                    h0.mul(inv).intoArray(kern.filtered, 2 * t, cellIndex, 0);
                    h1.mul(inv).intoArray(kern.filtered, 2 * t + 1, cellIndex, 0);
                } else {
                    p0.intoArray(q0, j);
                    p1.intoArray(q1, j);
                }
            }
            VectorMath.log(lc, cells);
            for (int t = t0; t < t1; t++) {
                int j = (t - t0) * L;
                DoubleVector v = DoubleVector.fromArray(SPECIES, lc, j).add(DoubleVector.fromArray(SPECIES, mx, j));
                if (t < full) {
                    v.intoArray(kern.logCond, t, stepIndex, 0);
                    if (!DoubleVector.fromArray(SPECIES, norm, t * L).compare(VectorOperators.GT, 0.0).allTrue()) {
                        throwZero(g, t);
                    }
                } else {
                    v.intoArray(lc, j);
                }
                VectorMask<Double> active = DoubleVector.fromArray(SPECIES, lengths, 0)
                        .compare(VectorOperators.GT, (double) t);
                DoubleVector chainLog = DoubleVector.fromArray(SPECIES, acc, 0);
                chainLog.blend(chainLog.add(v), active).intoArray(acc, 0);
            }
            unpackForward(g, width, t0, t1);
        }
        for (int lane = 0; lane < width; lane++) {
            kern.chainLog[g + lane] = acc[lane];
        }
    }

    private void throwZero(int g, int t) {
        for (int lane = 0; lane < L; lane++) {
            if (!(norm[t * L + lane] > 0)) {
                throwZero(g, lane, t);
            }
        }
        throw new IllegalStateException("no zero normaliser found at step " + t);
    }

    private void throwZero(int g, int lane, int t) {
        throw new IllegalArgumentException("chain " + kern.chainOfSlot[g + lane] + ": observation at step " + t
                + " has probability zero under the model (emission likelihood is zero in every"
                + " state the chain can reach)");
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
            for (int t = Math.max(t0, full); t < end; t++) {
                int i = t * L + lane;
                int j = (t - t0) * L + lane;
                if (!(norm[i] > 0)) {
                    throwZero(g, lane, t);
                }
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
        // β in acc[0, 2L), the ξ sums in acc[2L, 6L): through memory, as in forward
        Arrays.fill(acc, 0, 2 * L, 1.0);
        Arrays.fill(acc, 2 * L, 6 * L, 0.0);
        int lastBlock = (len - 1) / BLOCK * BLOCK;
        for (int t0 = lastBlock; t0 >= 0; t0 -= BLOCK) {
            int t1 = Math.min(len, t0 + BLOCK);
            for (int t = t1 - 1; t >= t0; t--) {
                int i = t * L;
                DoubleVector h0 = DoubleVector.fromArray(SPECIES, f0, i);
                DoubleVector h1 = DoubleVector.fromArray(SPECIES, f1, i);
                DoubleVector b0 = DoubleVector.fromArray(SPECIES, acc, 0);
                DoubleVector b1 = DoubleVector.fromArray(SPECIES, acc, L);
                if (t + 1 < len) {
                    int nx = i + L;
                    // lanes whose chain has a step t + 1: the others keep β = 1 (last step or ended)
                    VectorMask<Double> inner = DoubleVector.fromArray(SPECIES, lengths, 0)
                            .compare(VectorOperators.GT, (double) (t + 1));
                    DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
                    DoubleVector x00 = DoubleVector.fromArray(SPECIES, acc, 2 * L);
                    DoubleVector x01 = DoubleVector.fromArray(SPECIES, acc, 3 * L);
                    DoubleVector x10 = DoubleVector.fromArray(SPECIES, acc, 4 * L);
                    DoubleVector x11 = DoubleVector.fromArray(SPECIES, acc, 5 * L);
                    DoubleVector c = DoubleVector.fromArray(SPECIES, norm, nx);
                    DoubleVector n0 = DoubleVector.fromArray(SPECIES, e0, nx).mul(b0).div(c);
                    DoubleVector n1 = DoubleVector.fromArray(SPECIES, e1, nx).mul(b1).div(c);
                    DoubleVector w00 = n0.mul(a00);
                    DoubleVector w01 = n1.mul(a01);
                    DoubleVector w10 = n0.mul(a10);
                    DoubleVector w11 = n1.mul(a11);
                    x00.blend(x00.add(h0.mul(w00)), inner).intoArray(acc, 2 * L);
                    x01.blend(x01.add(h0.mul(w01)), inner).intoArray(acc, 3 * L);
                    x10.blend(x10.add(h1.mul(w10)), inner).intoArray(acc, 4 * L);
                    x11.blend(x11.add(h1.mul(w11)), inner).intoArray(acc, 5 * L);
                    b0 = one.blend(w00.add(w01), inner);
                    b1 = one.blend(w10.add(w11), inner);
                    b0.intoArray(acc, 0);
                    b1.intoArray(acc, L);
                }
                int j = (t - t0) * L;
                if (t < full) {
                    h0.mul(b0).intoArray(kern.smoothed, 2 * t, cellIndex, 0);
                    h1.mul(b1).intoArray(kern.smoothed, 2 * t + 1, cellIndex, 0);
                } else {
                    h0.mul(b0).intoArray(q0, j);
                    h1.mul(b1).intoArray(q1, j);
                }
            }
            unpackSmoothed(g, width, t0, t1);
        }
        double[] counts = kern.counts;
        int cn = kern.numChains;
        for (int lane = 0; lane < width; lane++) {
            int s = g + lane;
            counts[s] = acc[2 * L + lane];
            counts[cn + s] = acc[3 * L + lane];
            counts[2 * cn + s] = acc[4 * L + lane];
            counts[3 * cn + s] = acc[5 * L + lane];
        }
    }

    /** Writes the smoothed posteriors of steps [t0, t1) into the chain-major output. */
    private void unpackSmoothed(int g, int width, int t0, int t1) {
        double[] smoothed = kern.smoothed;
        for (int lane = 0; lane < width; lane++) {
            int s = g + lane;
            int end = Math.min(t1, kern.lengthOfSlot[s]);
            int off = kern.outOffset[s];
            for (int t = Math.max(t0, full); t < end; t++) {
                int j = (t - t0) * L + lane;
                int out = 2 * (off + t);
                smoothed[out] = q0[j];
                smoothed[out + 1] = q1[j];
            }
        }
    }
}
