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
 * <p>One instance is one call: it owns its work arrays and is not shared between threads.
 */
final class BatchMajorKernel {

    /** Chains run in lockstep: two AVX-512 vectors, and a group's work arrays fit in L2 at T = 400. */
    static final int GROUP = 16;

    private final int k;
    final int numChains;
    /** Slot → chain: chains sorted by length, longest first, ties in chain order. */
    final int[] chainOfSlot;
    /** Chain → slot. */
    private final int[] slotOfChain;
    /** Slot → length of its chain. */
    final int[] lengthOfSlot;
    /** Slot → first step of its chain in the flat chain-major outputs. */
    final int[] outOffset;
    /** Chain → first step in the flat outputs (chain order), with the total at the end. */
    private final int[] chainOffsets;
    /** [slot]: log p(y_1..T) of each chain. */
    final double[] chainLog;
    /** [i·K + j][slot]: per-chain ξ sums; null for a forward-only run. */
    final double[] counts;

    // the current group: slots [s0, s0 + width[0]), its rows, and its batch-major work arrays
    private int s0;
    private int groupLength;
    /** [t] number of the group's chains still running at step t. */
    private final int[] width;
    /** [t + 1] first step cell of row t; K·rowStart[t] is its first state cell. */
    private final int[] rowStart;
    /** [t][k][slot]: emission log-likelihoods, replaced in place by the scaled likelihoods. */
    private final double[] lik;
    /** [t][k][slot]: filtered posteriors. */
    private final double[] filt;
    /** [t][slot]: normaliser c_t (the scaled likelihood of step t). */
    private final double[] norm;

    /** Flat chain-major outputs; {@code smoothed} is null for a forward-only run. */
    final double[] predicted;
    final double[] filtered;
    final double[] smoothed;
    final double[] logCond;

    private BatchMajorKernel(int k, int[] lengths, boolean smooth, boolean work) {
        this.k = k;
        this.numChains = lengths.length;
        Integer[] order = new Integer[numChains];
        for (int b = 0; b < numChains; b++) {
            order[b] = b;
        }
        // stable sort: equal lengths keep chain order
        Arrays.sort(order, (x, y) -> Integer.compare(lengths[y], lengths[x]));
        chainOfSlot = new int[numChains];
        slotOfChain = new int[numChains];
        lengthOfSlot = new int[numChains];
        chainOffsets = new int[numChains + 1];
        for (int b = 0; b < numChains; b++) {
            chainOffsets[b + 1] = Math.addExact(chainOffsets[b], lengths[b]);
        }
        outOffset = new int[numChains];
        for (int s = 0; s < numChains; s++) {
            chainOfSlot[s] = order[s];
            slotOfChain[order[s]] = s;
            lengthOfSlot[s] = lengths[order[s]];
            outOffset[s] = chainOffsets[order[s]];
        }
        int maxLength = lengthOfSlot[0];
        long groupCells = 0;
        for (int g = 0; g < numChains; g += GROUP) {
            long cells = 0;
            for (int s = g; s < Math.min(numChains, g + GROUP); s++) {
                cells += lengthOfSlot[s];
            }
            groupCells = Math.max(groupCells, cells);
        }
        int steps = chainOffsets[numChains];
        int cells = Math.multiplyExact(steps, k);
        width = new int[maxLength];
        rowStart = new int[maxLength + 1];
        // the Vector API kernel for K = 2 keeps its own (smaller) work arrays
        lik = work ? new double[Math.multiplyExact(Math.toIntExact(groupCells), k)] : null;
        filt = work ? new double[lik.length] : null;
        norm = work ? new double[Math.toIntExact(groupCells)] : null;
        chainLog = new double[numChains];
        counts = smooth ? new double[k * k * numChains] : null;
        predicted = new double[cells];
        filtered = new double[cells];
        smoothed = smooth ? new double[cells] : null;
        logCond = new double[steps];
    }

    /**
     * Runs forward (and backward when {@code smooth}) over chains given as [T_b][K] arrays.
     *
     * @param pi     [K] initial distribution
     * @param a      [K·K] row-major transition matrix
     * @param chains validated log-likelihoods
     * @param smooth whether to run the backward pass too
     * @return the finished kernel, to be unpacked
     */
    static BatchMajorKernel ofChains(double[] pi, double[] a, List<double[][]> chains, boolean smooth) {
        int[] lengths = new int[chains.size()];
        for (int b = 0; b < lengths.length; b++) {
            lengths[b] = chains.get(b).length;
        }
        boolean vector = vectorKernel(pi.length);
        BatchMajorKernel kern = new BatchMajorKernel(pi.length, lengths, smooth, !vector);
        int k = kern.k;
        double[][][] bySlot = new double[kern.numChains][][];
        for (int s = 0; s < kern.numChains; s++) {
            bySlot[s] = chains.get(kern.chainOfSlot[s]);
        }
        if (vector) {
            VectorKernel2.run(kern, pi, a, null, bySlot);
            return kern;
        }
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
     * Runs forward–backward over a packed batch.
     *
     * @param pi    [K] initial distribution
     * @param a     [K·K] row-major transition matrix
     * @param batch validated packed log-likelihoods
     * @return the finished kernel, to be unpacked
     */
    static BatchMajorKernel ofBatch(double[] pi, double[] a, ChainBatch batch) {
        int[] lengths = new int[batch.numChains()];
        for (int b = 0; b < lengths.length; b++) {
            lengths[b] = batch.length(b);
        }
        boolean vector = vectorKernel(pi.length);
        BatchMajorKernel kern = new BatchMajorKernel(pi.length, lengths, true, !vector);
        int k = kern.k;
        double[] src = batch.logLikArray();
        if (vector) {
            VectorKernel2.run(kern, pi, a, src, null);
            return kern;
        }
        for (int g = 0; g < kern.numChains; g += GROUP) {
            kern.startGroup(g);
            if (k == 2) {
                // forward2 reads the chain-major input itself: no packing pass
                kern.forward2(pi, a, src);
                kern.backward(a);
                continue;
            }
            int[] from = kern.outOffset;
            for (int t = 0; t < kern.groupLength; t++) {
                int w = kern.width[t];
                int base = k * kern.rowStart[t];
                for (int s = 0; s < w; s++) {
                    int at = (from[g + s] + t) * k;
                    for (int j = 0; j < k; j++) {
                        kern.lik[base + j * w + s] = src[at + j];
                    }
                }
            }
            kern.runGroup(pi, a);
        }
        return kern;
    }

    /** @return whether K states run on {@link VectorKernel2} (K = 2 with the Vector API module) */
    private static boolean vectorKernel(int k) {
        return k == 2 && BatchMath.VECTOR;
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
        if (smoothed != null) {
            backward(a);
        }
    }

    /**
     * Forward pass over the current group, one time step (row) at a time: the loops over slots
     * have no calls and unit stride (vectorisable); exp and log run over whole padded rows; the
     * chain-major output stores come last.
     */
    private void forward(double[] pi, double[] a) {
        int pad = BatchMath.padded(GROUP);
        double[] pk = new double[k * pad];
        double[] x = new double[k * pad];
        double[] m = new double[pad];
        double[] c = new double[pad];
        for (int t = 0; t < groupLength; t++) {
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
            BatchMath.exp(x, k * wp);
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
            BatchMath.log(c, wp);
            boolean ok = true;
            for (int s = 0; s < w; s++) {
                ok &= norm[steps + s] > 0;
                double lc = c[s] + m[s];
                logCond[outOffset[s0 + s] + t] = lc;
                chainLog[s0 + s] += lc;
            }
            if (!ok) {
                throwZero(t);
            }
            if (k == 2) {
                for (int s = 0; s < w; s++) {
                    int out = (outOffset[s0 + s] + t) * 2;
                    predicted[out] = pk[s];
                    predicted[out + 1] = pk[wp + s];
                    filtered[out] = filt[base + s];
                    filtered[out + 1] = filt[base + w + s];
                }
            } else {
                for (int s = 0; s < w; s++) {
                    int out = (outOffset[s0 + s] + t) * k;
                    for (int j = 0; j < k; j++) {
                        predicted[out + j] = pk[j * wp + s];
                        filtered[out + j] = filt[base + j * w + s];
                    }
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
        int pad = BatchMath.padded(GROUP);
        double[] p0 = new double[pad];
        double[] p1 = new double[pad];
        double[] x = new double[2 * pad];
        double[] m = new double[pad];
        double[] c = new double[pad];
        for (int t = 0; t < groupLength; t++) {
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
            BatchMath.exp(x, 2 * wp);
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
            BatchMath.log(c, wp);
            boolean ok = true;
            for (int s = 0; s < w; s++) {
                ok &= norm[steps + s] > 0;
                double lc = c[s] + m[s];
                int o = outOffset[s0 + s] + t;
                logCond[o] = lc;
                chainLog[s0 + s] += lc;
                int out = 2 * o;
                predicted[out] = p0[s];
                predicted[out + 1] = p1[s];
                filtered[out] = filt[base + s];
                filtered[out + 1] = filt[base + w + s];
            }
            if (!ok) {
                throwZero(t);
            }
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
        int n = GROUP;
        int cn = numChains;
        double[] beta = new double[k * n];
        double[] next = new double[k * n];
        for (int t = groupLength - 1; t >= 0; t--) {
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
                continue;
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
                continue;
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
        for (int b = 0; b < numChains; b++) {
            int s = slotOfChain[b];
            for (int i = 0; i < k; i++) {
                start[i] += smoothed[chainOffsets[b] * k + i];
                for (int j = 0; j < k; j++) {
                    xi[i][j] += counts[(i * k + j) * numChains + s];
                }
            }
        }
        return new HmmStatistics(start, xi, total, numChains);
    }

    /** @return one posterior per chain, in chain order, with [T][K] arrays */
    BatchPosterior toBatchPosterior() {
        List<HmmPosterior> out = new ArrayList<>(numChains);
        for (int b = 0; b < numChains; b++) {
            out.add(chainPosterior(b));
        }
        double total = totalLogLikelihood();
        return new BatchPosterior(out, total, smoothed == null ? null : statistics(total));
    }

    private HmmPosterior chainPosterior(int b) {
        int s = slotOfChain[b];
        int from = chainOffsets[b];
        int n = chainOffsets[b + 1] - from;
        double[][] p = new double[n][];
        double[][] f = new double[n][];
        double[][] g = smoothed == null ? null : new double[n][];
        for (int t = 0; t < n; t++) {
            int cell = (from + t) * k;
            p[t] = Arrays.copyOfRange(predicted, cell, cell + k);
            f[t] = Arrays.copyOfRange(filtered, cell, cell + k);
            if (g != null) {
                g[t] = Arrays.copyOfRange(smoothed, cell, cell + k);
            }
        }
        double[][] xi = null;
        if (counts != null) {
            xi = new double[k][k];
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    xi[i][j] = counts[(i * k + j) * numChains + s];
                }
            }
        }
        return new HmmPosterior(chainLog[s], Arrays.copyOfRange(logCond, from, from + n), p, f, g, xi);
    }

    /**
     * @param batch the batch this kernel ran on (its offsets are the kernel's, chain order)
     * @return the flat chain-major posteriors
     */
    ChainBatchPosterior toChainBatchPosterior(ChainBatch batch) {
        double[] perChain = new double[numChains];
        for (int b = 0; b < numChains; b++) {
            perChain[b] = chainLog[slotOfChain[b]];
        }
        double logTotal = totalLogLikelihood();
        return new ChainBatchPosterior(logTotal, perChain, logCond, predicted, filtered, smoothed,
                statistics(logTotal));
    }
}
