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
 * the smoothed posteriors) runs on whole vectors.
 *
 * <p>Why: C2 does not vectorise the lockstep rows of {@link BatchMajorKernel} (a row is one or
 * two vectors wide, shorter than its unrolled main loop), so those rows ran in scalar code.
 *
 * <p>Groups of up to {@link #REUSED_VECTORS} vectors run together, each step looping over the group's
 * vectors: one chain's step waits for its previous step (a division and a dozen dependent
 * operations), so a single vector per step left the core waiting; independent vectors in the
 * same step overlap. While every lane of a vector is running, inputs are gathered from and
 * outputs scattered into the flat chain-major arrays directly; the ragged ends of the chains go
 * through small batch-major blocks and scalar transpositions. The forward outputs that the
 * caller does not keep ({@link BatchMajorKernel#predicted} etc. null) are not written.
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
 * (or that hold no chain) compute values nobody reads, from log-likelihoods of 0; β, the ξ sums
 * and the log likelihood of such a lane are frozen with blends, never by adding zeros. So results
 * are bit-identical to the per-chain kernel whatever the batching, the group width, the lane
 * count or the thread count.
 *
 * <p>Reusable: the work arrays grow to the largest batch seen and are kept. Loaded only when
 * {@code jdk.incubator.vector} is in the boot layer ({@link BatchMath#VECTOR}).
 */
final class VectorKernel2 {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    /** Lanes per vector. */
    static final int L = SPECIES.length();

    /**
     * Vectors per group of a reused kernel: enough independent recursions to hide one step's
     * latency (B64·T400: 0.19 ms against 0.21 ms with one vector per group).
     */
    static final int REUSED_VECTORS = 4;

    /**
     * Vectors per group of a one-call kernel, whose work arrays are allocated for that call:
     * one vector keeps them 4× smaller, which costs less than the overlap gains (B64·T400 with
     * allocated outputs: 0.44 ms against 0.51 ms with four).
     */
    static final int ONE_CALL_VECTORS = 1;

    /** Steps per block of the exp and log passes and of the output transpositions. */
    private static final int BLOCK_STEPS = 32;

    /** Lanes per group (at most). */
    private final int maxW;

    private BatchMajorKernel kern;
    private double a00;
    private double a01;
    private double a10;
    private double a11;
    private double pi0;
    private double pi1;
    /**
     * [t·W + lane]: emission log-likelihoods where packed; in the forward pass the difference to
     * the step's maximum, then the scaled likelihoods.
     */
    private double[] e0 = new double[0];
    private double[] e1 = new double[0];
    /** [t·W + lane]: filtered posteriors. */
    private double[] f0 = new double[0];
    private double[] f1 = new double[0];
    /** [t·W + lane]: normalisers c_t. */
    private double[] norm = new double[0];
    /** [(t - t0)·W + lane]: one block of exps, logs and outputs on their way to the chain-major arrays. */
    private final double[] q0;
    private final double[] q1;
    private final double[] lc;
    private final double[] mx;
    /** [lane]: length of the lane's chain (0 for a lane without one), for the masks. */
    private final double[] lengths;
    /** Loop-carried vectors (log likelihoods; β and ξ sums) of every lane, kept in memory. */
    private final double[] acc;
    /** [lane]: first cell of the lane's chain in the flat outputs (×2: state cells, ×1: steps). */
    private final int[] cellIndex;
    private final int[] stepIndex;
    /**
     * [vector]: steps [0, full) of the vector have every lane running: there the flat inputs and
     * outputs are gathered and scattered directly; 0 when the vector has lanes without a chain.
     */
    private final int[] full;
    /** [vector]: length of its longest chain, i.e. the steps where the vector runs. */
    private final int[] vecLength;

    // the current group
    private int g;
    private int width;
    private int nv;
    private int w;
    private int len;
    private int blockSteps;
    private double[] flat;

    /** @param vectors vectors per group, at least 1 ({@link #REUSED_VECTORS} or {@link #ONE_CALL_VECTORS}) */
    VectorKernel2(int vectors) {
        maxW = vectors * L;
        q0 = new double[BLOCK_STEPS * maxW];
        q1 = new double[BLOCK_STEPS * maxW];
        lc = new double[BLOCK_STEPS * maxW];
        mx = new double[BLOCK_STEPS * maxW];
        lengths = new double[maxW];
        acc = new double[6 * maxW];
        cellIndex = new int[maxW];
        stepIndex = new int[maxW];
        full = new int[vectors];
        vecLength = new int[vectors];
    }

    /**
     * Runs every group of {@code kern} (K = 2, as prepared), reading the log-likelihoods of slot
     * s at step t from {@code flat[2·(outOffset[s] + t) + j]} or, when {@code flat} is null, from
     * {@code bySlot[s][t][j]}.
     */
    void run(BatchMajorKernel kern, double[] pi, double[] a, double[] flat, double[][][] bySlot) {
        this.kern = kern;
        this.flat = flat;
        a00 = a[0];
        a01 = a[1];
        a10 = a[2];
        a11 = a[3];
        pi0 = pi[0];
        pi1 = pi[1];
        int n = kern.numChains;
        int lanes = Math.min(maxW, (n + L - 1) / L * L);
        int cells = Math.multiplyExact(kern.lengthOfSlot[0], lanes);
        if (e0.length < cells) {
            e0 = new double[cells];
            e1 = new double[cells];
            f0 = new double[cells];
            f1 = new double[cells];
            norm = new double[cells];
        }
        try {
            for (g = 0; g < n; g += maxW) {
                startGroup(n);
                pack(bySlot);
                forward();
                if (kern.smooth) {
                    backward();
                }
            }
        } finally {
            this.kern = null;
            this.flat = null;
        }
    }

    private void startGroup(int n) {
        width = Math.min(maxW, n - g);
        nv = (width + L - 1) / L;
        w = nv * L;
        blockSteps = BLOCK_STEPS;
        len = kern.lengthOfSlot[g];
        for (int lane = 0; lane < w; lane++) {
            boolean real = lane < width;
            lengths[lane] = real ? kern.lengthOfSlot[g + lane] : 0;
            cellIndex[lane] = real ? 2 * kern.outOffset[g + lane] : 0;
            stepIndex[lane] = real ? kern.outOffset[g + lane] : 0;
        }
        for (int v = 0; v < nv; v++) {
            // slots are sorted longest first: a vector's first lane is its longest chain, its last its shortest
            vecLength[v] = kern.lengthOfSlot[g + v * L];
            full[v] = (v + 1) * L <= width ? kern.lengthOfSlot[g + v * L + L - 1] : 0;
        }
    }

    /**
     * Transposes into e0/e1 (batch-major) the log-likelihoods that are not gathered: all of them
     * for {@code bySlot} input, else the steps of each lane past its vector's {@code full}; lanes
     * past their chain's end (or without one) get log-likelihoods of 0, harmless values nobody reads.
     */
    private void pack(double[][][] bySlot) {
        for (int lane = 0; lane < w; lane++) {
            int v = lane / L;
            int from = flat != null ? full[v] : 0;
            int end = vecLength[v];
            int n = (int) lengths[lane];
            if (lane < width) {
                int s = g + lane;
                if (flat != null) {
                    int at = 2 * kern.outOffset[s];
                    for (int t = from; t < n; t++) {
                        e0[t * w + lane] = flat[at + 2 * t];
                        e1[t * w + lane] = flat[at + 2 * t + 1];
                    }
                } else {
                    double[][] rows = bySlot[s];
                    for (int t = 0; t < n; t++) {
                        double[] row = rows[t];
                        e0[t * w + lane] = row[0];
                        e1[t * w + lane] = row[1];
                    }
                }
            }
            for (int t = Math.max(from, n); t < end; t++) {
                e0[t * w + lane] = 0.0;
                e1[t * w + lane] = 0.0;
            }
        }
    }

    private void forward() {
        // no vector is carried from one iteration to the next in a local: C2 (JDK 17) boxes vectors
        // that cross a loop's back edge, so the recursion's state goes through memory
        Arrays.fill(acc, 0, w, 0.0);
        double[] predicted = kern.predicted;
        double[] filtered = kern.filtered;
        double[] logCond = kern.logCond;
        for (int t0 = 0; t0 < len; t0 += blockSteps) {
            int t1 = Math.min(len, t0 + blockSteps);
            int cells = (t1 - t0) * w;
            // exps of the block first (they do not depend on the recursion): exp(l - max) is
            // exactly 1 for the larger of the two log-likelihoods, exp(min - max) for the other;
            // e0 keeps l0 - max, which is 0 exactly when l0 is the larger (or equal).
            // exp and log run as array loops of their own: inlined into this loop they exceed the
            // JIT's inlining limit and their vectors would be boxed.
            for (int t = t0; t < t1; t++) {
                for (int v = 0; v < nv && t < vecLength[v]; v++) {
                    int o = v * L;
                    int i = t * w + o;
                    int j = (t - t0) * w + o;
                    // each branch complete: a vector merged from two branches (a phi) can be boxed
                    if (flat != null && t < full[v]) {
                        DoubleVector l0 = DoubleVector.fromArray(SPECIES, flat, 2 * t, cellIndex, o);
                        DoubleVector l1 = DoubleVector.fromArray(SPECIES, flat, 2 * t + 1, cellIndex, o);
                        DoubleVector m = l0.max(l1);
                        m.intoArray(mx, j);
                        l0.sub(m).intoArray(e0, i);
                        l0.min(l1).sub(m).intoArray(q1, j);
                    } else {
                        DoubleVector l0 = DoubleVector.fromArray(SPECIES, e0, i);
                        DoubleVector l1 = DoubleVector.fromArray(SPECIES, e1, i);
                        DoubleVector m = l0.max(l1);
                        m.intoArray(mx, j);
                        l0.sub(m).intoArray(e0, i);
                        l0.min(l1).sub(m).intoArray(q1, j);
                    }
                }
            }
            VectorMath.exp(q1, cells);
            for (int t = t0; t < t1; t++) {
                for (int v = 0; v < nv && t < vecLength[v]; v++) {
                    int o = v * L;
                    int i = t * w + o;
                    int j = (t - t0) * w + o;
                    DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
                    DoubleVector e = DoubleVector.fromArray(SPECIES, q1, j);
                    VectorMask<Double> first = DoubleVector.fromArray(SPECIES, e0, i).compare(VectorOperators.EQ, 0.0);
                    DoubleVector s0 = e.blend(one, first);
                    DoubleVector s1 = one.blend(e, first);
                    // p = π at the first step, else f_{t-1}·A: chosen by a blend, not by branches
                    // whose merged vectors (a phi) C2 can box; at t = 0 the f row read is row 0
                    // (stale, finite) and is blended away
                    int prev = Math.max(i - w, o);
                    DoubleVector g0 = DoubleVector.fromArray(SPECIES, f0, prev);
                    DoubleVector g1 = DoubleVector.fromArray(SPECIES, f1, prev);
                    VectorMask<Double> start = DoubleVector.broadcast(SPECIES, (double) t)
                            .compare(VectorOperators.EQ, 0.0);
                    DoubleVector p0 = g0.mul(a00).add(g1.mul(a10)).blend(pi0, start);
                    DoubleVector p1 = g0.mul(a01).add(g1.mul(a11)).blend(pi1, start);
                    DoubleVector h0 = p0.mul(s0);
                    DoubleVector h1 = p1.mul(s1);
                    DoubleVector c = h0.add(h1);
                    DoubleVector inv = one.div(c);
                    DoubleVector u0 = h0.mul(inv);
                    DoubleVector u1 = h1.mul(inv);
                    s0.intoArray(e0, i);
                    s1.intoArray(e1, i);
                    u0.intoArray(f0, i);
                    u1.intoArray(f1, i);
                    c.intoArray(norm, i);
                    c.intoArray(lc, j);
                    // lanes past their chain's end hold c ≈ 1 (log-likelihoods 0), so only a
                    // running chain can fail here
                    if (!c.compare(VectorOperators.GT, 0.0).allTrue()) {
                        throwZeroInVector(o, j, t);
                    }
                    if (t < full[v]) {
                        if (predicted != null) {
                            p0.intoArray(predicted, 2 * t, cellIndex, o);
                            p1.intoArray(predicted, 2 * t + 1, cellIndex, o);
                        }
                        if (filtered != null) {
                            u0.intoArray(filtered, 2 * t, cellIndex, o);
                            u1.intoArray(filtered, 2 * t + 1, cellIndex, o);
                        }
                    } else if (predicted != null) {
                        p0.intoArray(q0, j);
                        p1.intoArray(q1, j);
                    }
                }
            }
            VectorMath.log(lc, cells);
            for (int t = t0; t < t1; t++) {
                for (int v = 0; v < nv && t < vecLength[v]; v++) {
                    int o = v * L;
                    int j = (t - t0) * w + o;
                    DoubleVector x = DoubleVector.fromArray(SPECIES, lc, j).add(DoubleVector.fromArray(SPECIES, mx, j));
                    DoubleVector chainLog = DoubleVector.fromArray(SPECIES, acc, o);
                    if (t < full[v]) {
                        if (logCond != null) {
                            x.intoArray(logCond, t, stepIndex, o);
                        }
                        chainLog.add(x).intoArray(acc, o);
                    } else {
                        x.intoArray(lc, j);
                        VectorMask<Double> active = DoubleVector.fromArray(SPECIES, lengths, o)
                                .compare(VectorOperators.GT, (double) t);
                        chainLog.blend(chainLog.add(x), active).intoArray(acc, o);
                    }
                }
            }
            unpackForward(t0, t1);
        }
        for (int lane = 0; lane < width; lane++) {
            kern.chainLog[g + lane] = acc[lane];
        }
    }

    /**
     * Throws for the first lane of the vector at {@code o} whose normaliser at step t (in
     * {@code lc} from cell j) is not positive.
     */
    private void throwZeroInVector(int o, int j, int t) {
        for (int lane = 0; lane < L; lane++) {
            if (!(lc[j + lane] > 0)) {
                throwZero(o + lane, t);
            }
        }
        throw new IllegalStateException("no zero normaliser found at step " + t);
    }

    private void throwZero(int lane, int t) {
        throw new IllegalArgumentException("chain " + kern.chainOfSlot[g + lane] + ": observation at step " + t
                + " has probability zero under the model (emission likelihood is zero in every"
                + " state the chain can reach)");
    }

    /** Writes the kept forward outputs of the steps [t0, t1) that were not scattered into the chain-major arrays. */
    private void unpackForward(int t0, int t1) {
        double[] predicted = kern.predicted;
        double[] filtered = kern.filtered;
        double[] logCond = kern.logCond;
        for (int lane = 0; lane < width; lane++) {
            int s = g + lane;
            int end = Math.min(t1, kern.lengthOfSlot[s]);
            int off = kern.outOffset[s];
            for (int t = Math.max(t0, full[lane / L]); t < end; t++) {
                int i = t * w + lane;
                int j = (t - t0) * w + lane;
                int out = 2 * (off + t);
                if (predicted != null) {
                    predicted[out] = q0[j];
                    predicted[out + 1] = q1[j];
                }
                if (filtered != null) {
                    filtered[out] = f0[i];
                    filtered[out + 1] = f1[i];
                }
                if (logCond != null) {
                    logCond[off + t] = lc[j];
                }
            }
        }
    }

    private void backward() {
        // β in acc[0, 2W), the ξ sums in acc[2W, 6W): through memory, as in forward
        Arrays.fill(acc, 0, 2 * w, 1.0);
        Arrays.fill(acc, 2 * w, 6 * w, 0.0);
        double[] smoothed = kern.smoothed;
        int lastBlock = (len - 1) / blockSteps * blockSteps;
        for (int t0 = lastBlock; t0 >= 0; t0 -= blockSteps) {
            int t1 = Math.min(len, t0 + blockSteps);
            for (int t = t1 - 1; t >= t0; t--) {
                for (int v = 0; v < nv && t < vecLength[v]; v++) {
                    int o = v * L;
                    int i = t * w + o;
                    DoubleVector h0 = DoubleVector.fromArray(SPECIES, f0, i);
                    DoubleVector h1 = DoubleVector.fromArray(SPECIES, f1, i);
                    if (t + 1 < vecLength[v]) {
                        // β of step t + 1 in, β of step t out through acc: no vector is merged
                        // from two branches (a phi), which C2 can box
                        DoubleVector b0 = DoubleVector.fromArray(SPECIES, acc, o);
                        DoubleVector b1 = DoubleVector.fromArray(SPECIES, acc, w + o);
                        int nx = i + w;
                        DoubleVector x00 = DoubleVector.fromArray(SPECIES, acc, 2 * w + o);
                        DoubleVector x01 = DoubleVector.fromArray(SPECIES, acc, 3 * w + o);
                        DoubleVector x10 = DoubleVector.fromArray(SPECIES, acc, 4 * w + o);
                        DoubleVector x11 = DoubleVector.fromArray(SPECIES, acc, 5 * w + o);
                        DoubleVector c = DoubleVector.fromArray(SPECIES, norm, nx);
                        DoubleVector n0 = DoubleVector.fromArray(SPECIES, e0, nx).mul(b0).div(c);
                        DoubleVector n1 = DoubleVector.fromArray(SPECIES, e1, nx).mul(b1).div(c);
                        DoubleVector w00 = n0.mul(a00);
                        DoubleVector w01 = n1.mul(a01);
                        DoubleVector w10 = n0.mul(a10);
                        DoubleVector w11 = n1.mul(a11);
                        if (t + 1 < full[v]) {
                            x00.add(h0.mul(w00)).intoArray(acc, 2 * w + o);
                            x01.add(h0.mul(w01)).intoArray(acc, 3 * w + o);
                            x10.add(h1.mul(w10)).intoArray(acc, 4 * w + o);
                            x11.add(h1.mul(w11)).intoArray(acc, 5 * w + o);
                            w00.add(w01).intoArray(acc, o);
                            w10.add(w11).intoArray(acc, w + o);
                        } else {
                            // lanes whose chain has a step t + 1: the others keep β = 1 (last step or ended)
                            DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
                            VectorMask<Double> inner = DoubleVector.fromArray(SPECIES, lengths, o)
                                    .compare(VectorOperators.GT, (double) (t + 1));
                            x00.blend(x00.add(h0.mul(w00)), inner).intoArray(acc, 2 * w + o);
                            x01.blend(x01.add(h0.mul(w01)), inner).intoArray(acc, 3 * w + o);
                            x10.blend(x10.add(h1.mul(w10)), inner).intoArray(acc, 4 * w + o);
                            x11.blend(x11.add(h1.mul(w11)), inner).intoArray(acc, 5 * w + o);
                            one.blend(w00.add(w01), inner).intoArray(acc, o);
                            one.blend(w10.add(w11), inner).intoArray(acc, w + o);
                        }
                    }
                    DoubleVector b0 = DoubleVector.fromArray(SPECIES, acc, o);
                    DoubleVector b1 = DoubleVector.fromArray(SPECIES, acc, w + o);
                    if (t < full[v]) {
                        h0.mul(b0).intoArray(smoothed, 2 * t, cellIndex, o);
                        h1.mul(b1).intoArray(smoothed, 2 * t + 1, cellIndex, o);
                    } else {
                        int j = (t - t0) * w + o;
                        h0.mul(b0).intoArray(q0, j);
                        h1.mul(b1).intoArray(q1, j);
                    }
                }
            }
            unpackSmoothed(t0, t1);
        }
        double[] counts = kern.counts;
        int cn = kern.numChains;
        for (int lane = 0; lane < width; lane++) {
            int s = g + lane;
            counts[s] = acc[2 * w + lane];
            counts[cn + s] = acc[3 * w + lane];
            counts[2 * cn + s] = acc[4 * w + lane];
            counts[3 * cn + s] = acc[5 * w + lane];
        }
    }

    /** Writes the smoothed posteriors of steps [t0, t1) that were not scattered into the chain-major output. */
    private void unpackSmoothed(int t0, int t1) {
        double[] smoothed = kern.smoothed;
        for (int lane = 0; lane < width; lane++) {
            int s = g + lane;
            int end = Math.min(t1, kern.lengthOfSlot[s]);
            int off = kern.outOffset[s];
            for (int t = Math.max(t0, full[lane / L]); t < end; t++) {
                int j = (t - t0) * w + lane;
                int out = 2 * (off + t);
                smoothed[out] = q0[j];
                smoothed[out + 1] = q1[j];
            }
        }
    }
}
