package io.github.hmmrnn.rnn;

import io.github.hmmrnn.numeric.Logistic;
import java.util.Arrays;

/**
 * Fused forward and backward pass of a single-layer GRU over a batch of sequences, on plain
 * {@code double[]} arrays: the numeric core of {@link FusedGruLayer}.
 *
 * <p>Equations (PyTorch gate convention, gate order r, z, n in every parameter block):
 * <pre>
 *   r_t = σ(x_t W_r + b_r + h_{t-1} U_r)
 *   z_t = σ(x_t W_z + b_z + h_{t-1} U_z)
 *   n_t = tanh(x_t W_n + b_n + r_t ⊙ (h_{t-1} U_n + c_n))
 *   h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t-1},        h_{-1} = 0
 * </pre>
 * The recurrent bias c_n is the only recurrent bias: it is the one that is not redundant with
 * the input biases.
 *
 * <p>Layouts (all row-major, matching DL4J's NCW recurrent format and the layer's parameter
 * views): input x [B][I][T], output h [B][H][T], W [I][3H], U [H][3H], b [3H], c [H]. Every
 * batch row is an independent sequence that starts from h = 0, which is how hidden states are
 * reset at session starts.
 *
 * <p>Gradients are accumulated per block of {@link #BLOCK} rows and the block partial sums are
 * added in block order, so the result does not depend on how blocks are scheduled on threads.
 */
final class GruKernel {

    /** Rows per gradient block: fixed so that results never depend on the thread count. */
    static final int BLOCK = 8;

    private final int nIn;
    private final int hidden;

    /**
     * @param nIn    input width I
     * @param hidden number of units H
     */
    GruKernel(int nIn, int hidden) {
        this.nIn = nIn;
        this.hidden = hidden;
    }

    /** @return the number of parameters I·3H + H·3H + 3H + H */
    int numParams() {
        return nIn * 3 * hidden + hidden * 3 * hidden + 3 * hidden + hidden;
    }

    /**
     * Gate activations saved by the forward pass for the backward pass.
     */
    static final class Cache {
        final int batch;
        final int steps;
        /** [B][T][H] each. */
        final double[] r;
        final double[] z;
        final double[] n;
        /** h_{t-1} U_n + c_n, [B][T][H]. */
        final double[] hn;

        Cache(int batch, int steps, int hidden) {
            this.batch = batch;
            this.steps = steps;
            int size = batch * steps * hidden;
            r = new double[size];
            z = new double[size];
            n = new double[size];
            hn = new double[size];
        }
    }

    /**
     * Runs the forward pass for rows [from, to).
     *
     * @param x     [B][I][T] inputs
     * @param batch B
     * @param steps T
     * @param w     [I][3H]
     * @param u     [H][3H]
     * @param b     [3H]
     * @param c     [H]
     * @param out   [B][H][T], written
     * @param cache gate cache, written when non-null
     * @param from  first row
     * @param to    one past the last row
     */
    void forward(double[] x, int batch, int steps, double[] w, double[] u, double[] b, double[] c,
                 double[] out, Cache cache, int from, int to) {
        int h3 = 3 * hidden;
        double[] hPrev = new double[hidden];
        double[] a = new double[h3];
        double[] recN = new double[hidden];
        for (int row = from; row < to; row++) {
            Arrays.fill(hPrev, 0.0);
            int xBase = row * nIn * steps;
            int oBase = row * hidden * steps;
            for (int t = 0; t < steps; t++) {
                System.arraycopy(b, 0, a, 0, h3);
                for (int i = 0; i < nIn; i++) {
                    double xi = x[xBase + i * steps + t];
                    if (xi != 0.0) {
                        int wRow = i * h3;
                        for (int g = 0; g < h3; g++) {
                            a[g] += xi * w[wRow + g];
                        }
                    }
                }
                System.arraycopy(c, 0, recN, 0, hidden);
                for (int j = 0; j < hidden; j++) {
                    double hj = hPrev[j];
                    if (hj != 0.0) {
                        int uRow = j * h3;
                        for (int g = 0; g < 2 * hidden; g++) {
                            a[g] += hj * u[uRow + g];
                        }
                        for (int g = 0; g < hidden; g++) {
                            recN[g] += hj * u[uRow + 2 * hidden + g];
                        }
                    }
                }
                int cBase = (row * steps + t) * hidden;
                for (int g = 0; g < hidden; g++) {
                    double rg = Logistic.sigmoid(a[g]);
                    double zg = Logistic.sigmoid(a[hidden + g]);
                    double ng = tanh(a[2 * hidden + g] + rg * recN[g]);
                    double hg = (1.0 - zg) * ng + zg * hPrev[g];
                    if (cache != null) {
                        cache.r[cBase + g] = rg;
                        cache.z[cBase + g] = zg;
                        cache.n[cBase + g] = ng;
                        cache.hn[cBase + g] = recN[g];
                    }
                    out[oBase + g * steps + t] = hg;
                    a[g] = hg; // reuse a[0..H) as the new state until copied below
                }
                System.arraycopy(a, 0, hPrev, 0, hidden);
            }
        }
    }

    /**
     * Gradient accumulators of one block.
     */
    static final class Grad {
        final double[] w;
        final double[] u;
        final double[] b;
        final double[] c;

        Grad(int nIn, int hidden) {
            w = new double[nIn * 3 * hidden];
            u = new double[hidden * 3 * hidden];
            b = new double[3 * hidden];
            c = new double[hidden];
        }

        void addTo(Grad total) {
            add(total.w, w);
            add(total.u, u);
            add(total.b, b);
            add(total.c, c);
        }

        private static void add(double[] dst, double[] src) {
            for (int i = 0; i < dst.length; i++) {
                dst[i] += src[i];
            }
        }
    }

    /** @return a zeroed gradient accumulator */
    Grad newGrad() {
        return new Grad(nIn, hidden);
    }

    /**
     * Backpropagation through time for rows [from, to), accumulating into {@code grad}.
     *
     * @param x     [B][I][T] inputs of the forward pass
     * @param out   [B][H][T] outputs of the forward pass
     * @param cache gates of the forward pass
     * @param w     [I][3H]
     * @param u     [H][3H]
     * @param eps   [B][H][T] dLoss/dh_t
     * @param dx    [B][I][T] dLoss/dx_t, written (may be null when not needed)
     * @param grad  parameter gradients, accumulated
     * @param from  first row
     * @param to    one past the last row
     */
    void backward(double[] x, double[] out, Cache cache, double[] w, double[] u, double[] eps,
                  double[] dx, Grad grad, int from, int to) {
        int steps = cache.steps;
        int h3 = 3 * hidden;
        double[] dhNext = new double[hidden];
        double[] da = new double[h3];
        for (int row = from; row < to; row++) {
            Arrays.fill(dhNext, 0.0);
            int xBase = row * nIn * steps;
            int oBase = row * hidden * steps;
            for (int t = steps - 1; t >= 0; t--) {
                int cBase = (row * steps + t) * hidden;
                for (int g = 0; g < hidden; g++) {
                    double dh = eps[oBase + g * steps + t] + dhNext[g];
                    double hp = t > 0 ? out[oBase + g * steps + t - 1] : 0.0;
                    double rg = cache.r[cBase + g];
                    double zg = cache.z[cBase + g];
                    double ng = cache.n[cBase + g];
                    double dn = dh * (1.0 - zg);
                    double dz = dh * (hp - ng);
                    double dan = dn * (1.0 - ng * ng);
                    double dr = dan * cache.hn[cBase + g];
                    da[g] = dr * rg * (1.0 - rg);
                    da[hidden + g] = dz * zg * (1.0 - zg);
                    da[2 * hidden + g] = dan;
                    grad.c[g] += dan * rg;
                    dhNext[g] = dh * zg;
                }
                for (int g = 0; g < h3; g++) {
                    grad.b[g] += da[g];
                }
                for (int i = 0; i < nIn; i++) {
                    double xi = x[xBase + i * steps + t];
                    int wRow = i * h3;
                    if (xi != 0.0) {
                        for (int g = 0; g < h3; g++) {
                            grad.w[wRow + g] += xi * da[g];
                        }
                    }
                    if (dx != null) {
                        double s = 0;
                        for (int g = 0; g < h3; g++) {
                            s += w[wRow + g] * da[g];
                        }
                        dx[xBase + i * steps + t] = s;
                    }
                }
                if (t > 0) {
                    for (int j = 0; j < hidden; j++) {
                        double hj = out[oBase + j * steps + t - 1];
                        int uRow = j * h3;
                        double s = 0;
                        for (int g = 0; g < 2 * hidden; g++) {
                            grad.u[uRow + g] += hj * da[g];
                            s += u[uRow + g] * da[g];
                        }
                        for (int g = 0; g < hidden; g++) {
                            double dRec = da[2 * hidden + g] * cache.r[cBase + g];
                            grad.u[uRow + 2 * hidden + g] += hj * dRec;
                            s += u[uRow + 2 * hidden + g] * dRec;
                        }
                        dhNext[j] += s;
                    }
                }
            }
        }
    }

    /** tanh through one exp: Math.tanh is not an intrinsic and dominated the kernel's time. */
    private static double tanh(double v) {
        return 2.0 / (1.0 + Math.exp(-2.0 * v)) - 1.0;
    }
}
