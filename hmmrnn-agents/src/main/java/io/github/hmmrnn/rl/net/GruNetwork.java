package io.github.hmmrnn.rl.net;

import io.github.hmmrnn.numeric.Logistic;

import java.util.SplittableRandom;

/**
 * Gated recurrent unit Q-network, the conventional recurrent baseline:
 * <pre>
 *   z = &sigma;(W_z x + U_z h + b_z),  r = &sigma;(W_r x + U_r h + b_r)
 *   g = tanh(W_g x + U_g (r &odot; h) + b_g),  h' = (1 - z) &odot; h + z &odot; g,  Q = W_RO h' + b_RO
 * </pre>
 * Parameter layout: W_z, W_r, W_g (n&times;d each), U_z, U_r, U_g (n&times;n each), b_z, b_r, b_g, W_RO
 * (A&times;n), b_RO. State: h (n).
 */
public final class GruNetwork implements RecurrentQNetwork {

    private final InputProjection projection;
    private final int n;
    private final int d;
    private final int actions;
    private final int offU;
    private final int offB;
    private final int offWro;
    private final int offBro;

    /**
     * Creates a GRU Q-network.
     *
     * @param projection  fixed input map (identity or random)
     * @param hiddenSize  n, positive
     * @param actionCount number of actions, positive
     * @throws IllegalArgumentException if a size is not positive or the projection is null
     */
    public GruNetwork(InputProjection projection, int hiddenSize, int actionCount) {
        if (projection == null) {
            throw new IllegalArgumentException("projection must not be null");
        }
        if (hiddenSize <= 0 || actionCount <= 0) {
            throw new IllegalArgumentException("hiddenSize and actionCount must be positive, got " + hiddenSize
                    + " and " + actionCount);
        }
        this.projection = projection;
        this.n = hiddenSize;
        this.d = projection.outputSize();
        this.actions = actionCount;
        this.offU = 3 * n * d;
        this.offB = offU + 3 * n * n;
        this.offWro = offB + 3 * n;
        this.offBro = offWro + actions * n;
    }

    @Override
    public int observationSize() {
        return projection.inputSize();
    }

    @Override
    public int actionCount() {
        return actions;
    }

    @Override
    public int parameterCount() {
        return offBro + actions;
    }

    @Override
    public int stateSize() {
        return n;
    }

    @Override
    public double[] initialParameters(SplittableRandom rng) {
        double[] p = new double[parameterCount()];
        double wl = Math.sqrt(6.0 / (n + d));
        for (int i = 0; i < offU; i++) {
            p[i] = (2 * rng.nextDouble() - 1) * wl;
        }
        double ul = 1.0 / Math.sqrt(n);
        for (int i = offU; i < offB; i++) {
            p[i] = (2 * rng.nextDouble() - 1) * ul;
        }
        double rl = Math.sqrt(6.0 / (n + actions));
        for (int i = offWro; i < offBro; i++) {
            p[i] = (2 * rng.nextDouble() - 1) * rl;
        }
        return p;
    }

    @Override
    public void constrain(double[] params) {
        // unconstrained
    }

    /** Computes gates and the new h into z, r, g, hOut from x and hPrev. */
    private void cell(double[] p, double[] x, double[] hPrev, double[] z, double[] r, double[] g, double[] hOut) {
        int nd = n * d;
        int nn = n * n;
        for (int i = 0; i < n; i++) {
            double az = p[offB + i];
            double ar = p[offB + n + i];
            for (int j = 0; j < d; j++) {
                az += p[i * d + j] * x[j];
                ar += p[nd + i * d + j] * x[j];
            }
            for (int j = 0; j < n; j++) {
                az += p[offU + i * n + j] * hPrev[j];
                ar += p[offU + nn + i * n + j] * hPrev[j];
            }
            z[i] = Logistic.sigmoid(az);
            r[i] = Logistic.sigmoid(ar);
        }
        for (int i = 0; i < n; i++) {
            double ag = p[offB + 2 * n + i];
            for (int j = 0; j < d; j++) {
                ag += p[2 * nd + i * d + j] * x[j];
            }
            for (int j = 0; j < n; j++) {
                ag += p[offU + 2 * nn + i * n + j] * r[j] * hPrev[j];
            }
            g[i] = Math.tanh(ag);
            hOut[i] = (1 - z[i]) * hPrev[i] + z[i] * g[i];
        }
    }

    private void readout(double[] p, double[] h, double[] q) {
        for (int k = 0; k < actions; k++) {
            double s = p[offBro + k];
            for (int i = 0; i < n; i++) {
                s += p[offWro + k * n + i] * h[i];
            }
            q[k] = s;
        }
    }

    @Override
    public void step(double[] params, double[] state, double[] obs, double[] qOut) {
        double[] x = new double[d];
        projection.apply(obs, x);
        double[] z = new double[n];
        double[] r = new double[n];
        double[] g = new double[n];
        double[] h = new double[n];
        cell(params, x, state, z, r, g, h);
        System.arraycopy(h, 0, state, 0, n);
        readout(params, h, qOut);
    }

    @Override
    public Trace forward(double[] params, double[] initialState, double[][] obs, int steps) {
        double[][] xs = new double[steps][d];
        double[][] hPrev = new double[steps][];
        double[][] zs = new double[steps][n];
        double[][] rs = new double[steps][n];
        double[][] gs = new double[steps][n];
        double[][] hs = new double[steps][n];
        double[][] q = new double[steps][actions];
        double[] h = initialState.clone();
        for (int t = 0; t < steps; t++) {
            projection.apply(obs[t], xs[t]);
            hPrev[t] = h;
            cell(params, xs[t], h, zs[t], rs[t], gs[t], hs[t]);
            h = hs[t];
            readout(params, h, q[t]);
        }
        return new Trace(q, new double[][][] {xs, hPrev, zs, rs, gs, hs}, steps);
    }

    @Override
    public void backward(double[] p, Trace trace, double[][] dq, double[] grad) {
        double[][][] c = trace.cache();
        double[][] xs = c[0];
        double[][] hPrev = c[1];
        double[][] zs = c[2];
        double[][] rs = c[3];
        double[][] gs = c[4];
        double[][] hs = c[5];
        int nd = n * d;
        int nn = n * n;
        double[] dh = new double[n];
        double[] dhPrev = new double[n];
        double[] daz = new double[n];
        double[] dar = new double[n];
        double[] dag = new double[n];
        double[] drh = new double[n];
        for (int t = trace.steps() - 1; t >= 0; t--) {
            double[] x = xs[t];
            double[] hp = hPrev[t];
            double[] z = zs[t];
            double[] r = rs[t];
            double[] g = gs[t];
            for (int k = 0; k < actions; k++) {
                double dk = dq[t][k];
                if (dk == 0.0) {
                    continue;
                }
                grad[offBro + k] += dk;
                for (int i = 0; i < n; i++) {
                    grad[offWro + k * n + i] += dk * hs[t][i];
                    dh[i] += dk * p[offWro + k * n + i];
                }
            }
            for (int i = 0; i < n; i++) {
                dhPrev[i] = dh[i] * (1 - z[i]);
                dag[i] = dh[i] * z[i] * (1 - g[i] * g[i]);
                daz[i] = dh[i] * (g[i] - hp[i]) * z[i] * (1 - z[i]);
                drh[i] = 0.0;
            }
            for (int i = 0; i < n; i++) {
                double a = dag[i];
                grad[offB + 2 * n + i] += a;
                for (int j = 0; j < d; j++) {
                    grad[2 * nd + i * d + j] += a * x[j];
                }
                int row = offU + 2 * nn + i * n;
                for (int j = 0; j < n; j++) {
                    grad[row + j] += a * r[j] * hp[j];
                    drh[j] += a * p[row + j];
                }
            }
            for (int j = 0; j < n; j++) {
                dhPrev[j] += drh[j] * r[j];
                dar[j] = drh[j] * hp[j] * r[j] * (1 - r[j]);
            }
            for (int i = 0; i < n; i++) {
                double az = daz[i];
                double ar = dar[i];
                grad[offB + i] += az;
                grad[offB + n + i] += ar;
                for (int j = 0; j < d; j++) {
                    grad[i * d + j] += az * x[j];
                    grad[nd + i * d + j] += ar * x[j];
                }
                int rz = offU + i * n;
                int rr = offU + nn + i * n;
                for (int j = 0; j < n; j++) {
                    grad[rz + j] += az * hp[j];
                    grad[rr + j] += ar * hp[j];
                    dhPrev[j] += az * p[rz + j] + ar * p[rr + j];
                }
            }
            System.arraycopy(dhPrev, 0, dh, 0, n);
        }
    }

    @Override
    public String toString() {
        return "GruNetwork{n=" + n + ", d=" + d + ", actions=" + actions + "}";
    }
}
