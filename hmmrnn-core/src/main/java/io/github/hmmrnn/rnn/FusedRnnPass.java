package io.github.hmmrnn.rnn;

import java.util.Arrays;

/**
 * The whole network of {@link RnnNetwork} (the GRU of {@link GruKernel}'s equations, then the
 * dense identity heads: logits = h_t·W + b) for one fixed input batch, evaluated batch-major on
 * plain arrays: forward to the head logits, and backward from the posterior-weighted
 * cross-entropy's labels to the gradient of every parameter, in the network's flat order.
 *
 * <p>Why: at the sizes of this project (B = 64, T = 400, H = 6) DL4J's per-op overhead, the
 * copies between ND4J and Java arrays and a row-at-a-time GRU with a {@link Math#exp} call per
 * gate were nearly all of a training epoch. Here the batch rows are the innermost, contiguous
 * loop of every operation (the JIT vectorises it), and the gates' sigmoid and tanh go through
 * {@link GruMath}'s vectorised exp. The parameters stay in the DL4J graph, which still computes
 * nothing differently: {@code FusedRnnPassTest} checks these logits and this gradient against
 * the graph's own output and DL4J's backpropagation, and against finite differences.
 *
 * <p>Layouts (Bp = B rounded up to a multiple of {@link GruMath#PAD}; padded rows have zero input
 * and zero labels, so they add exactly zero to every gradient): inputs [T][I][Bp]; hidden states
 * [T+1][H][Bp] with h_{−1} = 0 first; gate caches [T][H][Bp]. Weight gradients are summed into 8
 * partial sums per weight (batch rows b ≡ l mod 8 go to sum l; {@link GruMath#addDot}), bias
 * gradients into one per row, over the time steps in order; the partial sums are added in order
 * at the end. Every sum is in an order fixed by B and T alone: the result does not depend on
 * the vector width or on whether the Vector API is present.
 *
 * <p>Flat parameter order (DL4J's): GRU W [I][3H], U [H][3H], b [3H], c [H] (row-major), then the
 * heads' W [H][2K] in column-major order (DL4J's dense weight layout) and b [2K].
 *
 * <p>Mutable, not thread-safe: one instance per input batch and network.
 */
final class FusedRnnPass {

    private final int nIn;
    private final int hidden;
    private final int outputs;
    private final int batch;
    private final int bp;
    private final int steps;

    /** [T][I][Bp] */
    private final double[] xT;
    /** [T+1][H][Bp]; block 0 is h_{−1} = 0. */
    private final double[] h;
    /** [T][H][Bp] each: the gates, and h_{t−1}·U_n + c_n. */
    private final double[] r;
    private final double[] z;
    private final double[] n;
    private final double[] hn;
    /** [B][2K][T] logits of the last forward pass. */
    private final double[] logits;
    /** The parameters of the last forward pass (null before the first). */
    private double[] forwardParams;
    /** Work arrays: one step of head logits [Bp]; backward accumulators and per-step errors. */
    private final double[] row;
    private final double[] accW;
    private final double[] accU;
    private final double[] accB;
    private final double[] accC;
    private final double[] accHw;
    private final double[] accHb;
    private final double[] dl;
    private final double[] p0;
    private final double[] p1;
    private final double[] dh;
    private final double[] dhNext;
    /** Rows r, z, n of the pre-activation errors, then the n gate's recurrent part da_n ⊙ r. */
    private final double[] da;

    /**
     * @param features [B][I][T] inputs, row-major
     * @param batch    B ≥ 1
     * @param nIn      I ≥ 1
     * @param steps    T ≥ 1
     * @param hidden   H ≥ 1
     * @param heads    K ≥ 1 (2K outputs)
     */
    FusedRnnPass(double[] features, int batch, int nIn, int steps, int hidden, int heads) {
        if (features.length != (long) batch * nIn * steps) {
            throw new IllegalArgumentException("features must have " + (long) batch * nIn * steps + " values, got "
                    + features.length);
        }
        this.nIn = nIn;
        this.hidden = hidden;
        this.outputs = 2 * heads;
        this.batch = batch;
        this.bp = GruMath.padded(batch);
        this.steps = steps;
        this.xT = new double[steps * nIn * bp];
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < nIn; i++) {
                for (int t = 0; t < steps; t++) {
                    xT[(t * nIn + i) * bp + b] = features[(b * nIn + i) * steps + t];
                }
            }
        }
        int cells = steps * hidden * bp;
        this.h = new double[cells + hidden * bp];
        this.r = new double[cells];
        this.z = new double[cells];
        this.n = new double[cells];
        this.hn = new double[cells];
        this.logits = new double[batch * outputs * steps];
        int lanes = GruMath.PAD;
        int g3 = 3 * hidden;
        this.row = new double[bp];
        this.accW = new double[nIn * g3 * lanes];
        this.accU = new double[hidden * g3 * lanes];
        this.accB = new double[g3 * bp];
        this.accC = new double[hidden * bp];
        this.accHw = new double[hidden * outputs * lanes];
        this.accHb = new double[outputs * bp];
        this.dl = new double[outputs * bp];
        this.p0 = new double[bp];
        this.p1 = new double[bp];
        this.dh = new double[hidden * bp];
        this.dhNext = new double[hidden * bp];
        this.da = new double[4 * hidden * bp];
    }

    /** @return the number of parameters of the network */
    int numParams() {
        return nIn * 3 * hidden + hidden * 3 * hidden + 4 * hidden + hidden * outputs + outputs;
    }

    /**
     * Forward pass; its states are kept for {@link #gradient}.
     *
     * @param p the network's flat parameters
     * @return [B][2K][T] head logits, row-major (an array owned by this pass: overwritten by the
     *         next call)
     */
    double[] forward(double[] p) {
        if (p.length != numParams()) {
            throw new IllegalArgumentException("expected " + numParams() + " parameters, got " + p.length);
        }
        // one method call per step rather than one long loop: the JIT compiles each step body
        // once instead of also compiling on-stack-replacement versions of a long method
        for (int t = 0; t < steps; t++) {
            gruStep(p, t);
        }
        for (int t = 0; t < steps; t++) {
            headsStep(p, t);
        }
        forwardParams = p.clone();
        return logits;
    }

    private void gruStep(double[] p, int t) {
        int g3 = 3 * hidden;
        int oU = nIn * g3;
        int oB = oU + hidden * g3;
        int oC = oB + g3;
        int hb = hidden * bp;
        int xo = t * nIn * bp;
        int hp = t * hb;
        int co = t * hb;
        for (int g = 0; g < g3; g++) {
            double[] dst = g < hidden ? r : g < 2 * hidden ? z : n;
            int d = co + (g % hidden) * bp;
            Arrays.fill(dst, d, d + bp, p[oB + g]);
            for (int i = 0; i < nIn; i++) {
                GruMath.axpy(p[i * g3 + g], xT, xo + i * bp, dst, d, bp);
            }
            if (g < 2 * hidden) {
                for (int j = 0; j < hidden; j++) {
                    GruMath.axpy(p[oU + j * g3 + g], h, hp + j * bp, dst, d, bp);
                }
            }
        }
        for (int g = 0; g < hidden; g++) {
            int d = co + g * bp;
            Arrays.fill(hn, d, d + bp, p[oC + g]);
            for (int j = 0; j < hidden; j++) {
                GruMath.axpy(p[oU + j * g3 + 2 * hidden + g], h, hp + j * bp, hn, d, bp);
            }
        }
        GruMath.sigmoid(r, co, hb);
        GruMath.sigmoid(z, co, hb);
        GruMath.addProduct(r, co, hn, co, n, co, hb);
        GruMath.tanh(n, co, hb);
        GruMath.update(z, n, co, h, hp, hp + hb, hb);
    }

    private void headsStep(double[] p, int t) {
        int oW = nIn * 3 * hidden + hidden * 3 * hidden + 4 * hidden;
        int oHb = oW + hidden * outputs;
        int ho = (t + 1) * hidden * bp;
        for (int o = 0; o < outputs; o++) {
            Arrays.fill(row, p[oHb + o]);
            for (int j = 0; j < hidden; j++) {
                GruMath.axpy(p[oW + o * hidden + j], h, ho + j * bp, row, 0, bp);
            }
            for (int b = 0; b < batch; b++) {
                logits[(b * outputs + o) * steps + t] = row[b];
            }
        }
    }

    /**
     * Gradient of the posterior-weighted cross-entropy summed over every row and step (the
     * gradient DL4J's backpropagation puts in the network's gradient view, before the updater
     * divides it by B), at the parameters {@code p}; reuses the last forward pass when it ran
     * on the same parameters.
     *
     * @param p      the network's flat parameters
     * @param labels [B][2K][T] label weights ({@link PosteriorWeightedCrossEntropy})
     * @return the gradient in the flat parameter order
     */
    double[] gradient(double[] p, double[] labels) {
        if (labels.length != logits.length) {
            throw new IllegalArgumentException("labels must have " + logits.length + " values, got " + labels.length);
        }
        if (!Arrays.equals(p, forwardParams)) {
            forward(p);
        }
        int g3 = 3 * hidden;
        int oU = nIn * g3;
        int oB = oU + hidden * g3;
        int oC = oB + g3;
        int oW = oC + hidden;
        int oHb = oW + hidden * outputs;
        int lanes = GruMath.PAD;
        for (double[] a : new double[][] {accW, accU, accB, accC, accHw, accHb, dhNext}) {
            Arrays.fill(a, 0.0);
        }
        for (int t = steps - 1; t >= 0; t--) {
            backwardStep(p, labels, t);
        }
        double[] grad = new double[numParams()];
        reduce(accW, lanes, lanes, grad, 0, nIn * g3);
        reduce(accU, lanes, lanes, grad, oU, hidden * g3);
        reduce(accB, bp, batch, grad, oB, g3);
        reduce(accC, bp, batch, grad, oC, hidden);
        // the heads' W is column-major in the flat vector: accumulator (j, o) goes to o·H + j
        double[] hw = new double[hidden * outputs];
        reduce(accHw, lanes, lanes, hw, 0, hidden * outputs);
        for (int j = 0; j < hidden; j++) {
            for (int o = 0; o < outputs; o++) {
                grad[oW + o * hidden + j] = hw[j * outputs + o];
            }
        }
        reduce(accHb, bp, batch, grad, oHb, outputs);
        return grad;
    }

    private void backwardStep(double[] p, double[] labels, int t) {
        int g3 = 3 * hidden;
        int oU = nIn * g3;
        int oW = oU + hidden * g3 + 4 * hidden;
        int hb = hidden * bp;
        int lanes = GruMath.PAD;
        int co = t * hb;
        int hp = co;
        int ho = co + hb;
        int xo = t * nIn * bp;
        // dL/dlogit of each head: (Σ_c label_c)·softmax − label (PosteriorWeightedCrossEntropy)
        for (int o = 0; o < outputs; o += 2) {
            for (int b = 0; b < batch; b++) {
                int at = (b * outputs + o) * steps + t;
                double d = logits[at] - logits[at + steps];
                p0[b] = d;
                p1[b] = -d;
            }
            GruMath.sigmoid(p0, 0, bp);
            GruMath.sigmoid(p1, 0, bp);
            for (int b = 0; b < batch; b++) {
                int at = (b * outputs + o) * steps + t;
                double y0 = labels[at];
                double y1 = labels[at + steps];
                double total = y0 + y1;
                dl[o * bp + b] = total * p0[b] - y0;
                dl[(o + 1) * bp + b] = total * p1[b] - y1;
            }
        }
        GruMath.add(dl, 0, accHb, 0, outputs * bp);
        for (int j = 0; j < hidden; j++) {
            int hj = ho + j * bp;
            int dj = j * bp;
            Arrays.fill(dh, dj, dj + bp, 0.0);
            for (int o = 0; o < outputs; o++) {
                GruMath.addDot(h, hj, dl, o * bp, accHw, (j * outputs + o) * lanes, bp);
                GruMath.axpy(p[oW + o * hidden + j], dl, o * bp, dh, dj, bp);
            }
        }
        GruMath.gatesBackward(dh, dhNext, r, z, n, hn, co, h, hp, da, hb);
        GruMath.add(da, 0, accB, 0, 3 * hb);
        GruMath.add(da, 3 * hb, accC, 0, hb);
        for (int i = 0; i < nIn; i++) {
            int xi = xo + i * bp;
            for (int g = 0; g < g3; g++) {
                GruMath.addDot(xT, xi, da, g * bp, accW, (i * g3 + g) * lanes, bp);
            }
        }
        if (t > 0) {
            for (int j = 0; j < hidden; j++) {
                int hj = hp + j * bp;
                int dj = j * bp;
                for (int g = 0; g < g3; g++) {
                    int d = (g < 2 * hidden ? g : g + hidden) * bp;
                    GruMath.addDot(h, hj, da, d, accU, (j * g3 + g) * lanes, bp);
                    GruMath.axpy(p[oU + j * g3 + g], da, d, dhNext, dj, bp);
                }
            }
        }
    }

    /** dst[at + q] = Σ_{l &lt; used} acc[q·width + l], partial sums added in order. */
    private static void reduce(double[] acc, int width, int used, double[] dst, int at, int count) {
        for (int q = 0; q < count; q++) {
            double s = 0;
            int a = q * width;
            for (int l = 0; l < used; l++) {
                s += acc[a + l];
            }
            dst[at + q] = s;
        }
    }
}
