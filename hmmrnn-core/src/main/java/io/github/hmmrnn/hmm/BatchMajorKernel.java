package io.github.hmmrnn.hmm;

import java.util.Arrays;
import java.util.List;
import java.util.ArrayList;

/**
 * Scaled forward–backward over many chains in lockstep, the kernel behind
 * {@link ForwardBackward#runAll}, {@link ForwardBackward#filterAll} and
 * {@link ForwardBackward#runBatch}.
 *
 * <p>Why batch-major: one chain's recursion is a chain of dependent steps (each step's
 * normalisation waits for the previous step's division), so a chain-at-a-time loop runs at the
 * latency of that chain. Here every array is stored time step by time step, and within a step
 * state by state, with the chains innermost ([t][k][slot], unit stride over chains), so the
 * innermost loops run across independent chains: the CPU overlaps their exps, logs and
 * divisions, and the JIT vectorises the loops without calls.
 *
 * <p>Chains of unequal length are sorted longest first (stably), so that the chains still
 * running at step t are a prefix of the slots; row t holds only those. The chains run in groups
 * of {@link #GROUP} slots, so that a group's work arrays stay in the core's cache and are
 * reused by the next group.
 *
 * <p>Every chain's numbers are computed with exactly the operations, in exactly the order, of
 * the per-chain kernel {@link ForwardBackward#run} (including per-chain ξ sums that are then
 * added in chain order); exp and log go through {@link BatchMath}, which is {@link Math#exp} and
 * {@link Math#log} without the Vector API module (then the results are bit-identical to running
 * the chains one by one) and a vector routine within one ulp of them with it. Either way a
 * chain's numbers do not depend on how the chains are batched, nor on the thread count.
 *
 * <p>Outputs (predicted, filtered, smoothed, log-conditionals) are written straight into flat
 * chain-major arrays ((offset_b + t)·K + k, the {@link ChainBatch} layout); only the scaled
 * likelihoods, the filtered posteriors and the normalisers, which the backward pass reads, are
 * kept batch-major.
 *
 * <p>Reusable: {@link #prepare} lays out a call's chains and reallocates an array only when its
 * size changes, so a caller that runs batches of one shape in a loop (through
 * {@link ForwardBackwardWorkspace}) allocates nothing after the first call. The per-step outputs
 * a caller does not want ({@code predicted}, {@code filtered}, {@code logCond}) stay null and are
 * not written. An instance is not shared between threads.
 */
final class BatchMajorKernel {

    /** Chains run in lockstep: two AVX-512 vectors, and a group's work arrays fit in L2 at T = 400. */
    static final int GROUP = 16;

    private final boolean keepPredicted;
    private final boolean keepFiltered;
    private final boolean keepLogCond;
    /** Vectors per group of the K = 2 Vector API kernel. */
    private final int vectors;
    /** Whether exp, log and K = 2 run on the Vector API (never when the module is absent). */
    private final boolean vectorApi;

    private int k;
    int numChains;
    /** Total steps Σ T_b of the current call. */
    int numSteps;
    /** Whether the current call runs the backward pass. */
    boolean smooth;
    /** Slot → chain: chains sorted by length, longest first, ties in chain order. */
    int[] chainOfSlot = new int[0];
    /** Chain → slot. */
    private int[] slotOfChain = new int[0];
    /** Slot → length of its chain. */
    int[] lengthOfSlot = new int[0];
    /** Slot → first step of its chain in the flat chain-major outputs. */
    int[] outOffset = new int[0];
    /** Chain → first step in the flat outputs (chain order), with the total at the end. */
    private int[] chainOffsets = new int[1];
    /** Sort keys of {@link #prepare} (length descending, then chain). */
    private long[] sortKeys = new long[0];
    /** [slot]: log p(y_1..T) of each chain. */
    double[] chainLog = new double[0];
    /** [i·K + j][slot]: per-chain ξ sums; unused by a forward-only call. */
    double[] counts = new double[0];

    // the current group: slots [s0, s0 + width[0]), its rows, and its batch-major work arrays
    private int s0;
    private int groupLength;
    /** [t] number of the group's chains still running at step t. */
    private int[] width = new int[0];
    /** [t + 1] first step cell of row t; K·rowStart[t] is its first state cell. */
    private int[] rowStart = new int[1];
    /** [t][k][slot]: emission log-likelihoods, replaced in place by the scaled likelihoods. */
    private double[] lik = new double[0];
    /** [t][k][slot]: filtered posteriors. */
    private double[] filt = new double[0];
    /** [t][slot]: normaliser c_t (the scaled likelihood of step t). */
    private double[] norm = new double[0];
    /** Row buffers of {@link #forward}, {@link #forward2} and {@link #backward}. */
    private double[] rowA = new double[0];
    private double[] rowB = new double[0];
    private double[] rowM = new double[0];
    private double[] rowC = new double[0];
    private double[] rowD = new double[0];
    /** The Vector API kernel for K = 2, created on first use. */
    private VectorKernel2 vector;

    /**
     * Flat chain-major outputs. {@code smoothed} is null while no smoothing call has run;
     * {@code predicted}, {@code filtered} and {@code logCond} are null when not kept (they are
     * then not computed into memory at all).
     */
    double[] predicted;
    double[] filtered;
    double[] smoothed;
    double[] logCond;

    /**
     * @param keepPredicted whether calls write the predicted distributions
     * @param keepFiltered  whether calls write the filtered posteriors
     * @param keepLogCond   whether calls write the per-step log conditionals
     * @param reused        whether the kernel serves many calls (wider groups, larger work
     *                      arrays) rather than one
     */
    BatchMajorKernel(boolean keepPredicted, boolean keepFiltered, boolean keepLogCond, boolean reused) {
        this(keepPredicted, keepFiltered, keepLogCond, reused, BatchMath.VECTOR);
    }

    /**
     * @param vectorApi whether to use the Vector API when its module is present; the numbers
     *                  are the same either way
     */
    BatchMajorKernel(boolean keepPredicted, boolean keepFiltered, boolean keepLogCond, boolean reused,
                     boolean vectorApi) {
        this.vectorApi = vectorApi && BatchMath.VECTOR;
        this.vectors = reused ? VectorKernel2.REUSED_VECTORS : VectorKernel2.ONE_CALL_VECTORS;
        this.keepPredicted = keepPredicted;
        this.keepFiltered = keepFiltered;
        this.keepLogCond = keepLogCond;
    }

    /**
     * Lays out a call over chains of the given lengths: sorts them longest first, sizes the
     * outputs (an array is reallocated only when its size changes) and clears the per-chain sums.
     *
     * @param states  K
     * @param offsets [B + 1] first step of each chain in the flat layout, then the total
     * @param smooth  whether the call runs the backward pass
     */
    void prepare(int states, int[] offsets, boolean smooth) {
        this.k = states;
        this.smooth = smooth;
        int n = offsets.length - 1;
        numChains = n;
        if (chainOfSlot.length != n) {
            chainOfSlot = new int[n];
            slotOfChain = new int[n];
            lengthOfSlot = new int[n];
            outOffset = new int[n];
            chainOffsets = new int[n + 1];
            sortKeys = new long[n];
            chainLog = new double[n];
        }
        // longest first, ties in chain order (a stable order without boxing)
        for (int b = 0; b < n; b++) {
            int length = offsets[b + 1] - offsets[b];
            sortKeys[b] = ((long) (Integer.MAX_VALUE - length) << 32) | b;
        }
        Arrays.sort(sortKeys);
        System.arraycopy(offsets, 0, chainOffsets, 0, n + 1);
        for (int s = 0; s < n; s++) {
            int b = (int) sortKeys[s];
            chainOfSlot[s] = b;
            slotOfChain[b] = s;
            lengthOfSlot[s] = offsets[b + 1] - offsets[b];
            outOffset[s] = offsets[b];
        }
        Arrays.fill(chainLog, 0.0);
        int steps = offsets[n];
        numSteps = steps;
        int cells = Math.multiplyExact(steps, states);
        predicted = keepPredicted ? sized(predicted, cells) : null;
        filtered = keepFiltered ? sized(filtered, cells) : null;
        logCond = keepLogCond ? sized(logCond, steps) : null;
        if (smooth) {
            smoothed = sized(smoothed, cells);
            counts = sized(counts, Math.multiplyExact(states * states, n));
            Arrays.fill(counts, 0.0);
        }
    }

    /** @return {@code a} if it has length {@code n}, else a new array of that length */
    static double[] sized(double[] a, int n) {
        return a != null && a.length == n ? a : new double[n];
    }

    /** Sizes the scalar lockstep kernel's work arrays (the K = 2 vector kernel keeps its own). */
    private void prepareWork() {
        int maxLength = lengthOfSlot[0];
        long groupCells = 0;
        for (int g = 0; g < numChains; g += GROUP) {
            long cells = 0;
            for (int s = g; s < Math.min(numChains, g + GROUP); s++) {
                cells += lengthOfSlot[s];
            }
            groupCells = Math.max(groupCells, cells);
        }
        if (width.length < maxLength) {
            width = new int[maxLength];
            rowStart = new int[maxLength + 1];
        }
        int cells = Math.multiplyExact(Math.toIntExact(groupCells), k);
        if (lik.length < cells) {
            lik = new double[cells];
            filt = new double[cells];
        }
        if (norm.length < groupCells) {
            norm = new double[Math.toIntExact(groupCells)];
        }
        int pad = BatchMath.padded(GROUP);
        if (rowA.length < k * pad) {
            rowA = new double[k * pad];
            rowB = new double[k * pad];
            rowM = new double[pad];
            rowC = new double[pad];
            rowD = new double[k * pad];
        }
    }

    /** @return whether K states run on {@link VectorKernel2} (K = 2 with the Vector API module) */
    private boolean vectorKernel(int k) {
        return k == 2 && vectorApi;
    }

    /** @return the reusable Vector API kernel */
    private VectorKernel2 vector() {
        if (vector == null) {
            vector = new VectorKernel2(vectors);
        }
        return vector;
    }

    /**
     * Runs forward (and backward when {@code smooth}) over chains given as [T_b][K] arrays, on a
     * new kernel that keeps every output.
     *
     * @param pi     [K] initial distribution
     * @param a      [K·K] row-major transition matrix
     * @param chains validated log-likelihoods
     * @param smooth whether to run the backward pass too
     * @return the finished kernel, to be unpacked
     */
    static BatchMajorKernel ofChains(double[] pi, double[] a, List<double[][]> chains, boolean smooth) {
        return ofChains(pi, a, chains, smooth, BatchMath.VECTOR);
    }

    /** {@link #ofChains(double[], double[], List, boolean)}, on the Vector API only if {@code vectorApi} (same bits). */
    static BatchMajorKernel ofChains(double[] pi, double[] a, List<double[][]> chains, boolean smooth,
                                     boolean vectorApi) {
        int[] offsets = new int[chains.size() + 1];
        for (int b = 0; b < chains.size(); b++) {
            offsets[b + 1] = Math.addExact(offsets[b], chains.get(b).length);
        }
        BatchMajorKernel kern = new BatchMajorKernel(true, true, true, false, vectorApi);
        kern.prepare(pi.length, offsets, smooth);
        int k = kern.k;
        double[][][] bySlot = new double[kern.numChains][][];
        for (int s = 0; s < kern.numChains; s++) {
            bySlot[s] = chains.get(kern.chainOfSlot[s]);
        }
        if (kern.vectorKernel(k)) {
            kern.vector().run(kern, pi, a, null, bySlot);
            return kern;
        }
        kern.prepareWork();
        for (int g = 0; g < kern.numChains; g += GROUP) {
            kern.startGroup(g);
            // time outer, chains inner: sequential writes, one read stream per chain
            for (int t = 0; t < kern.groupLength; t++) {
                int w = kern.width[t];
                int base = k * kern.rowStart[t];
                for (int s = 0; s < w; s++) {
                    double[] row = bySlot[g + s][t];
                    for (int j = 0; j < k; j++) {
                        kern.lik[base + j * w + s] = row[j];
                    }
                }
            }
            kern.runGroup(pi, a);
        }
        return kern;
    }

    /**
     * Runs forward–backward over a packed batch in lockstep, after {@link #prepare} with
     * {@code smooth} set.
     *
     * @param pi    [K] initial distribution
     * @param a     [K·K] row-major transition matrix
     * @param batch validated packed log-likelihoods, laid out as prepared
     */
    void runBatch(double[] pi, double[] a, ChainBatch batch) {
        double[] src = batch.logLikArray();
        if (vectorKernel(k)) {
            vector().run(this, pi, a, src, null);
            return;
        }
        prepareWork();
        for (int g = 0; g < numChains; g += GROUP) {
            startGroup(g);
            if (k == 2) {
                // forward2 reads the chain-major input itself: no packing pass
                forward2(pi, a, src);
                backward(a);
                continue;
            }
            for (int t = 0; t < groupLength; t++) {
                int w = width[t];
                int base = k * rowStart[t];
                for (int s = 0; s < w; s++) {
                    int at = (outOffset[g + s] + t) * k;
                    for (int j = 0; j < k; j++) {
                        lik[base + j * w + s] = src[at + j];
                    }
                }
            }
            runGroup(pi, a);
        }
    }

    /**
     * Runs forward–backward over a packed batch one chain at a time on flat arrays, after
     * {@link #prepare} with {@code smooth} set: the path for few, long chains (lockstep rows one
     * chain wide cost more in loop overhead than they save). The same arithmetic as the lockstep
     * kernels and as {@link ForwardBackward#run}, so the same numbers.
     *
     * @param pi    [K] initial distribution
     * @param a     [K·K] row-major transition matrix
     * @param batch validated packed log-likelihoods, laid out as prepared
     */
    void runChainByChain(double[] pi, double[] a, ChainBatch batch) {
        double[] l = batch.logLikArray();
        int cells = numSteps * k;
        // the recursion reads the predicted and filtered rows back: work arrays when not kept
        double[] pred = predicted != null ? predicted : (chainPredicted = sized(chainPredicted, cells));
        double[] filt = filtered != null ? filtered : (chainFiltered = sized(chainFiltered, cells));
        chainScaled = sized(chainScaled, cells);
        chainNorm = sized(chainNorm, numSteps);
        if (chainBeta.length != k) {
            chainBeta = new double[k];
            chainNext = new double[k];
            chainCounts = new double[k * k];
        }
        for (int b = 0; b < numChains; b++) {
            int start = chainOffsets[b];
            int end = chainOffsets[b + 1];
            int s = slotOfChain[b];
            System.arraycopy(pi, 0, pred, start * k, k);
            chainLog[s] = ForwardBackward.forwardChain(b, start, end, k, a, l, pred, filt, chainScaled, chainNorm,
                    logCond, chainBlocks(), vectorApi);
            Arrays.fill(chainCounts, 0.0);
            ForwardBackward.backwardChain(start, end, k, a, filt, chainScaled, chainNorm, smoothed, chainCounts,
                    chainBeta, chainNext);
            for (int x = 0; x < k * k; x++) {
                counts[x * numChains + s] = chainCounts[x];
            }
        }
    }

    /** Work arrays of {@link #runChainByChain}. */
    private double[] chainPredicted;
    private double[] chainFiltered;
    private double[] chainScaled;
    private double[] chainNorm;
    private double[] chainBeta = new double[0];
    private double[] chainNext = new double[0];
    private double[] chainCounts = new double[0];
    private ForwardBackward.Blocks blocks;

    private ForwardBackward.Blocks chainBlocks() {
        if (blocks == null || blocks.k != k) {
            blocks = new ForwardBackward.Blocks(k);
        }
        return blocks;
    }

    /** Sets up the rows of the group starting at slot {@code first}. */
    private void startGroup(int first) {
        s0 = first;
        int last = Math.min(numChains, first + GROUP);
        groupLength = lengthOfSlot[first];
        int active = last - first;
        for (int t = 0; t < groupLength; t++) {
            while (lengthOfSlot[first + active - 1] <= t) {
                active--;
            }
            width[t] = active;
            rowStart[t + 1] = rowStart[t] + active;
        }
    }

    private void runGroup(double[] pi, double[] a) {
        if (k == 2) {
            forward2(pi, a, null);
        } else {
            forward(pi, a);
        }
        if (smooth) {
            backward(a);
        }
    }

    /**
     * Forward pass over the current group, one time step (row) at a time: the loops over slots
     * have no calls and unit stride (vectorisable); exp and log run over whole padded rows; the
     * chain-major output stores come last.
     */
    private void forward(double[] pi, double[] a) {
        for (int t = 0; t < groupLength; t++) {
            forwardRow(t, pi, a);
        }
    }

    /**
     * Row t of {@link #forward}: its own method, so that the JIT compiles it once as a whole
     * after a few thousand rows, where the loops of one method over all rows were compiled on
     * stack one loop at a time (a second of compilation in a short HMM-MoA fit).
     */
    private void forwardRow(int t, double[] pi, double[] a) {
        double[] pk = rowA;
        double[] x = rowB;
        double[] m = rowM;
        double[] c = rowC;
        int w = width[t];
        int wp = BatchMath.padded(w);
        int base = k * rowStart[t];
        int steps = rowStart[t];
        if (t == 0) {
            for (int j = 0; j < k; j++) {
                Arrays.fill(pk, j * wp, j * wp + w, pi[j]);
            }
        } else {
            int prev = k * rowStart[t - 1];
            int pw = width[t - 1];
            for (int j = 0; j < k; j++) {
                int pj = j * wp;
                double a0 = a[j];
                for (int s = 0; s < w; s++) {
                    pk[pj + s] = filt[prev + s] * a0;
                }
                for (int i = 1; i < k; i++) {
                    int fi = prev + i * pw;
                    double aij = a[i * k + j];
                    for (int s = 0; s < w; s++) {
                        pk[pj + s] += filt[fi + s] * aij;
                    }
                }
            }
        }
        System.arraycopy(lik, base, m, 0, w);
        for (int j = 1; j < k; j++) {
            int lj = base + j * w;
            for (int s = 0; s < w; s++) {
                m[s] = Math.max(m[s], lik[lj + s]);
            }
        }
        for (int j = 0; j < k; j++) {
            int lj = base + j * w;
            int xj = j * wp;
            for (int s = 0; s < w; s++) {
                x[xj + s] = lik[lj + s] - m[s];
            }
        }
        BatchMath.exp(x, k * wp, vectorApi);
        Arrays.fill(c, 0, w, 0.0);
        for (int j = 0; j < k; j++) {
            int lj = base + j * w;
            int xj = j * wp;
            for (int s = 0; s < w; s++) {
                double e = x[xj + s];
                lik[lj + s] = e;
                double f = pk[xj + s] * e;
                filt[lj + s] = f;
                c[s] += f;
            }
        }
        for (int s = 0; s < w; s++) {
            norm[steps + s] = c[s];
            x[s] = 1.0 / c[s];
        }
        for (int j = 0; j < k; j++) {
            int lj = base + j * w;
            for (int s = 0; s < w; s++) {
                filt[lj + s] *= x[s];
            }
        }
        BatchMath.log(c, wp, vectorApi);
        boolean ok = true;
        for (int s = 0; s < w; s++) {
            ok &= norm[steps + s] > 0;
            double lc = c[s] + m[s];
            if (logCond != null) {
                logCond[outOffset[s0 + s] + t] = lc;
            }
            chainLog[s0 + s] += lc;
        }
        if (!ok) {
            throwZero(t);
        }
        for (int s = 0; s < w; s++) {
            int out = (outOffset[s0 + s] + t) * k;
            for (int j = 0; j < k; j++) {
                if (predicted != null) {
                    predicted[out + j] = pk[j * wp + s];
                }
                if (filtered != null) {
                    filtered[out + j] = filt[base + j * w + s];
                }
            }
        }
    }

    /**
     * {@link #forward} for K = 2 with A in locals and three fused loops per row, the same
     * operations in the same order (short rows make many small loops cost more than their work).
     *
     * @param src the chain-major log-likelihoods to read instead of the packed {@code lik}, or null
     */
    private void forward2(double[] pi, double[] a, double[] src) {
        double a00 = a[0];
        double a01 = a[1];
        double a10 = a[2];
        double a11 = a[3];
        for (int t = 0; t < groupLength; t++) {
            forward2Row(t, pi, a00, a01, a10, a11, src);
        }
    }

    /** Row t of {@link #forward2}, its own method for the reason {@link #forwardRow} is. */
    private void forward2Row(int t, double[] pi, double a00, double a01, double a10, double a11, double[] src) {
        double[] p0 = rowA;
        double[] p1 = rowB;
        double[] x = rowD;
        double[] m = rowM;
        double[] c = rowC;
        int w = width[t];
        int wp = BatchMath.padded(w);
        int base = 2 * rowStart[t];
        int steps = rowStart[t];
        int prev = t > 0 ? 2 * rowStart[t - 1] : 0;
        int pw = t > 0 ? width[t - 1] : 0;
        for (int s = 0; s < w; s++) {
            double q0;
            double q1;
            if (t == 0) {
                q0 = pi[0];
                q1 = pi[1];
            } else {
                double g0 = filt[prev + s];
                double g1 = filt[prev + pw + s];
                q0 = g0 * a00 + g1 * a10;
                q1 = g0 * a01 + g1 * a11;
            }
            p0[s] = q0;
            p1[s] = q1;
            double l0;
            double l1;
            if (src == null) {
                l0 = lik[base + s];
                l1 = lik[base + w + s];
            } else {
                int at = 2 * (outOffset[s0 + s] + t);
                l0 = src[at];
                l1 = src[at + 1];
            }
            double mx = Math.max(l0, l1);
            m[s] = mx;
            x[s] = l0 - mx;
            x[wp + s] = l1 - mx;
        }
        BatchMath.exp(x, 2 * wp, vectorApi);
        for (int s = 0; s < w; s++) {
            double e0 = x[s];
            double e1 = x[wp + s];
            lik[base + s] = e0;
            lik[base + w + s] = e1;
            double f0 = p0[s] * e0;
            double f1 = p1[s] * e1;
            double cs = f0 + f1;
            double inv = 1.0 / cs;
            filt[base + s] = f0 * inv;
            filt[base + w + s] = f1 * inv;
            norm[steps + s] = cs;
            c[s] = cs;
        }
        BatchMath.log(c, wp, vectorApi);
        boolean ok = true;
        for (int s = 0; s < w; s++) {
            ok &= norm[steps + s] > 0;
            double lc = c[s] + m[s];
            int o = outOffset[s0 + s] + t;
            chainLog[s0 + s] += lc;
            int out = 2 * o;
            if (logCond != null) {
                logCond[o] = lc;
            }
            if (predicted != null) {
                predicted[out] = p0[s];
                predicted[out + 1] = p1[s];
            }
            if (filtered != null) {
                filtered[out] = filt[base + s];
                filtered[out + 1] = filt[base + w + s];
            }
        }
        if (!ok) {
            throwZero(t);
        }
    }

    private void throwZero(int t) {
        for (int s = 0; s < width[t]; s++) {
            if (!(norm[rowStart[t] + s] > 0)) {
                throw new IllegalArgumentException("chain " + chainOfSlot[s0 + s] + ": observation at step " + t
                        + " has probability zero under the model (emission likelihood is zero in every"
                        + " state the chain can reach)");
            }
        }
        throw new IllegalStateException("no zero normaliser found at step " + t);
    }

    /** Backward pass over the current group: β, smoothed posteriors and per-chain ξ sums. */
    private void backward(double[] a) {
        for (int t = groupLength - 1; t >= 0; t--) {
            backwardRow(t, a);
        }
    }

    /** Row t of {@link #backward}, its own method for the reason {@link #forwardRow} is. */
    private void backwardRow(int t, double[] a) {
        int n = GROUP;
        int cn = numChains;
        double[] beta = rowA;
        double[] next = rowB;
        int w = width[t];
        int wn = t + 1 < groupLength ? width[t + 1] : 0;
        int base = k * rowStart[t];
        for (int s = wn; s < w; s++) {
            // last step of this chain: β = 1, γ = filtered
            int out = (outOffset[s0 + s] + t) * k;
            for (int j = 0; j < k; j++) {
                beta[j * n + s] = 1.0;
                smoothed[out + j] = filt[base + j * w + s];
            }
        }
        if (wn == 0) {
            return;
        }
        int nb = k * rowStart[t + 1];
        int ns = rowStart[t + 1];
        if (k == 2) {
            // K = 2 with A in locals: the common case, one fused loop
            double a00 = a[0];
            double a01 = a[1];
            double a10 = a[2];
            double a11 = a[3];
            for (int s = 0; s < wn; s++) {
                double c = norm[ns + s];
                double n0 = lik[nb + s] * beta[s] / c;
                double n1 = lik[nb + wn + s] * beta[n + s] / c;
                double f0 = filt[base + s];
                double f1 = filt[base + w + s];
                double w00 = a00 * n0;
                double w01 = a01 * n1;
                double w10 = a10 * n0;
                double w11 = a11 * n1;
                int x = s0 + s;
                counts[x] += f0 * w00;
                counts[cn + x] += f0 * w01;
                counts[2 * cn + x] += f1 * w10;
                counts[3 * cn + x] += f1 * w11;
                beta[s] = w00 + w01;
                beta[n + s] = w10 + w11;
            }
            for (int s = 0; s < wn; s++) {
                int out = (outOffset[s0 + s] + t) * 2;
                smoothed[out] = filt[base + s] * beta[s];
                smoothed[out + 1] = filt[base + w + s] * beta[n + s];
            }
            return;
        }
        for (int j = 0; j < k; j++) {
            int bj = j * n;
            int ej = nb + j * wn;
            for (int s = 0; s < wn; s++) {
                next[bj + s] = lik[ej + s] * beta[bj + s] / norm[ns + s];
            }
        }
        for (int i = 0; i < k; i++) {
            int bi = i * n;
            int fi = base + i * w;
            Arrays.fill(beta, bi, bi + wn, 0.0);
            for (int j = 0; j < k; j++) {
                double aij = a[i * k + j];
                int nj = j * n;
                int xij = (i * k + j) * cn + s0;
                for (int s = 0; s < wn; s++) {
                    double v = aij * next[nj + s];
                    beta[bi + s] += v;
                    counts[xij + s] += filt[fi + s] * v;
                }
            }
        }
        for (int s = 0; s < wn; s++) {
            int out = (outOffset[s0 + s] + t) * k;
            for (int i = 0; i < k; i++) {
                smoothed[out + i] = filt[base + i * w + s] * beta[i * n + s];
            }
        }
    }

    /** @return log p(y) of every chain, summed in chain order */
    double totalLogLikelihood() {
        double total = 0;
        for (int b = 0; b < numChains; b++) {
            total += chainLog[slotOfChain[b]];
        }
        return total;
    }

    /** @return summed statistics of the hidden chain, added chain by chain in chain order */
    HmmStatistics statistics(double total) {
        double[] start = new double[k];
        double[][] xi = new double[k][k];
        addStatistics(start, xi);
        return new HmmStatistics(start, xi, total, numChains);
    }

    /**
     * Adds Σ over chains of γ at the chain's first step and of the per-chain ξ sums, chain by
     * chain in chain order, into {@code start} [K] and {@code xi} [K][K].
     */
    void addStatistics(double[] start, double[][] xi) {
        for (int b = 0; b < numChains; b++) {
            int s = slotOfChain[b];
            for (int i = 0; i < k; i++) {
                start[i] += smoothed[chainOffsets[b] * k + i];
                for (int j = 0; j < k; j++) {
                    xi[i][j] += counts[(i * k + j) * numChains + s];
                }
            }
        }
    }

    /** Copies log p(y) of every chain, in chain order, into {@code out} [B]. */
    void chainLogLikelihoods(double[] out) {
        for (int b = 0; b < numChains; b++) {
            out[b] = chainLog[slotOfChain[b]];
        }
    }

    /** @return one posterior per chain, in chain order, with [T][K] arrays */
    BatchPosterior toBatchPosterior() {
        List<HmmPosterior> out = new ArrayList<>(numChains);
        for (int b = 0; b < numChains; b++) {
            out.add(chainPosterior(b));
        }
        double total = totalLogLikelihood();
        return new BatchPosterior(out, total, smooth ? statistics(total) : null);
    }

    private HmmPosterior chainPosterior(int b) {
        int s = slotOfChain[b];
        int from = chainOffsets[b];
        int n = chainOffsets[b + 1] - from;
        double[][] p = new double[n][];
        double[][] f = new double[n][];
        double[][] g = smooth ? new double[n][] : null;
        for (int t = 0; t < n; t++) {
            int cell = (from + t) * k;
            p[t] = Arrays.copyOfRange(predicted, cell, cell + k);
            f[t] = Arrays.copyOfRange(filtered, cell, cell + k);
            if (g != null) {
                g[t] = Arrays.copyOfRange(smoothed, cell, cell + k);
            }
        }
        double[][] xi = null;
        if (smooth) {
            xi = new double[k][k];
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    xi[i][j] = counts[(i * k + j) * numChains + s];
                }
            }
        }
        return new HmmPosterior(chainLog[s], Arrays.copyOfRange(logCond, from, from + n), p, f, g, xi);
    }
}
