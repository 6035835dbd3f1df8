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
 * [T+1][H][Bp] with h_{−1} = 0 first; gate caches [T][H][Bp]. Gradient sums are kept per batch
 * row (one accumulator per parameter and row, summed over time steps in order) and added over the
 * rows in row order at the end, so the result does not depend on the vector width.
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
        int g3 = 3 * hidden;
        int oU = nIn * g3;
        int oB = oU + hidden * g3;
        int oC = oB + g3;
        int oW = oC + hidden;
        int oHb = oW + hidden * outputs;
        int hb = hidden * bp;
        for (int t = 0; t < steps; t++) {
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
        double[] row = new double[bp];
        for (int t = 0; t < steps; t++) {
            int ho = (t + 1) * hb;
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
        forwardParams = p.clone();
        return logits;
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
        int hb = hidden * bp;
        double[] accW = new double[nIn * g3 * bp];
        double[] accU = new double[hidden * g3 * bp];
        double[] accB = new double[g3 * bp];
        double[] accC = new double[hb];
        double[] accHw = new double[hidden * outputs * bp];
        double[] accHb = new double[outputs * bp];
        double[] dl = new double[outputs * bp];
        double[] p0 = new double[bp];
        double[] p1 = new double[bp];
        double[] dh = new double[hb];
        double[] dhNext = new double[hb];
        // rows r, z, n of da, then the n gate's recurrent part da_n ⊙ r
        double[] da = new double[4 * hb];
        for (int t = steps - 1; t >= 0; t--) {
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
                    GruMath.addProduct(h, hj, dl, o * bp, accHw, (j * outputs + o) * bp, bp);
                    GruMath.axpy(p[oW + o * hidden + j], dl, o * bp, dh, dj, bp);
                }
            }
            GruMath.gatesBackward(dh, dhNext, r, z, n, hn, co, h, hp, da, hb);
            GruMath.add(da, 0, accB, 0, 3 * hb);
            GruMath.add(da, 3 * hb, accC, 0, hb);
            for (int i = 0; i < nIn; i++) {
                int xi = xo + i * bp;
                for (int g = 0; g < g3; g++) {
                    GruMath.addProduct(xT, xi, da, g * bp, accW, (i * g3 + g) * bp, bp);
                }
            }
            if (t > 0) {
                for (int j = 0; j < hidden; j++) {
                    int hj = hp + j * bp;
                    int dj = j * bp;
                    for (int g = 0; g < g3; g++) {
                        int d = (g < 2 * hidden ? g : g + hidden) * bp;
                        GruMath.addProduct(h, hj, da, d, accU, (j * g3 + g) * bp, bp);
                        GruMath.axpy(p[oU + j * g3 + g], da, d, dhNext, dj, bp);
                    }
                }
            }
        }
        double[] grad = new double[numParams()];
        reduce(accW, grad, 0, nIn * g3);
        reduce(accU, grad, oU, hidden * g3);
        reduce(accB, grad, oB, g3);
        reduce(accC, grad, oC, hidden);
        // the heads' W is column-major in the flat vector: accumulator (j, o) goes to o·H + j
        double[] hw = new double[hidden * outputs];
        reduce(accHw, hw, 0, hidden * outputs);
        for (int j = 0; j < hidden; j++) {
            for (int o = 0; o < outputs; o++) {
                grad[oW + o * hidden + j] = hw[j * outputs + o];
            }
        }
        reduce(accHb, grad, oHb, outputs);
        return grad;
    }

    /** dst[at + q] = Σ_{b &lt; B} acc[q·Bp + b], rows added in row order. */
    private void reduce(double[] acc, double[] dst, int at, int count) {
        for (int q = 0; q < count; q++) {
            double s = 0;
            int a = q * bp;
            for (int b = 0; b < batch; b++) {
                s += acc[a + b];
            }
            dst[at + q] = s;
        }
    }
}
