package io.github.hmmrnn.rl.net;

import java.util.SplittableRandom;

/**
 * Multi-plasticity network (MPN; Aitken &amp; Mihalas, eLife 2023;12:e83035) as a recurrent Q-network.
 *
 * <p>With x_t = P o_t + c the fixed input projection, one plastic layer and a linear readout:
 * <pre>
 *   h_t = tanh(b + (W &odot; (1 + M_{t-1})) x_t)      (multiplicative; additive: W + M_{t-1})
 *   M_t = &lambda; M_{t-1} + &eta; h_t x_t^T,   &lambda; clamped to [0, &lambda;max]
 *   Q_t = W_RO h_t + b_RO
 * </pre>
 * There are no recurrent weights: all memory lives in M (n &times; d), which the agent resets to 0 at
 * each trial start. Trained: W, b, W_RO, b_RO, &eta;, &lambda; (gradients flow through the M recursion).
 *
 * <p>Parameter layout: W (n&times;d, row-major), b (n), W_RO (A&times;n), b_RO (A), &eta;, &lambda;.
 * State layout: M (n&times;d, row-major).
 */
public final class MpnNetwork implements RecurrentQNetwork {

    private final InputProjection projection;
    private final int n;
    private final int d;
    private final int actions;
    private final PlasticityMode mode;
    private final double lambdaMax;
    private final double etaInit;
    private final double lambdaInit;
    private final boolean plastic;
    private final int offB;
    private final int offWro;
    private final int offBro;
    private final int offEta;
    private final int offLam;

    private MpnNetwork(Builder b) {
        this.projection = b.projection;
        this.n = b.hiddenSize;
        this.d = projection.outputSize();
        this.actions = b.actionCount;
        this.mode = b.mode;
        this.lambdaMax = b.lambdaMax;
        this.etaInit = b.etaInit;
        this.lambdaInit = Double.isNaN(b.lambdaInit) ? b.lambdaMax : b.lambdaInit;
        this.plastic = b.plastic;
        this.offB = n * d;
        this.offWro = offB + n;
        this.offBro = offWro + actions * n;
        this.offEta = offBro + actions;
        this.offLam = offEta + 1;
    }

    /**
     * Starts a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Index of &eta; in the parameter vector. @return offset */
    public int etaIndex() {
        return offEta;
    }

    /** Index of &lambda; in the parameter vector. @return offset */
    public int lambdaIndex() {
        return offLam;
    }

    /** Offset of W (n&times;d row-major). @return 0 */
    public int weightIndex() {
        return 0;
    }

    /** Offset of the layer bias b. @return offset */
    public int biasIndex() {
        return offB;
    }

    /** Offset of the readout W_RO (A&times;n row-major). @return offset */
    public int readoutIndex() {
        return offWro;
    }

    /** Offset of the readout bias b_RO. @return offset */
    public int readoutBiasIndex() {
        return offBro;
    }

    /** Hidden size n. @return n */
    public int hiddenSize() {
        return n;
    }

    /** Projected input size d. @return d */
    public int inputSize() {
        return d;
    }

    /** Largest allowed &lambda;. @return &lambda;max */
    public double lambdaMax() {
        return lambdaMax;
    }

    /** The plasticity mode. @return mode */
    public PlasticityMode mode() {
        return mode;
    }

    /** The fixed input projection. @return projection */
    public InputProjection projection() {
        return projection;
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
        return offLam + 1;
    }

    @Override
    public int stateSize() {
        return n * d;
    }

    @Override
    public double[] initialParameters(SplittableRandom rng) {
        double[] p = new double[parameterCount()];
        double lim = Math.sqrt(6.0 / (n + d));
        for (int i = 0; i < n * d; i++) {
            p[i] = (2 * rng.nextDouble() - 1) * lim;
        }
        double rl = Math.sqrt(6.0 / (n + actions));
        for (int i = 0; i < actions * n; i++) {
            p[offWro + i] = (2 * rng.nextDouble() - 1) * rl;
        }
        p[offEta] = plastic ? etaInit : 0.0;
        p[offLam] = lambdaInit;
        constrain(p);
        return p;
    }

    @Override
    public void constrain(double[] params) {
        params[offLam] = clampLambda(params[offLam]);
        if (!plastic) {
            params[offEta] = 0.0;
        }
    }

    private double clampLambda(double raw) {
        return Math.min(lambdaMax, Math.max(0.0, raw));
    }

    /**
     * One hidden-layer step on an already projected input (the pure kernel behind {@link #step}).
     *
     * @param params parameters
     * @param m      modulation M_{t-1}, replaced in place by M_t
     * @param x      projected input x_t
     * @param h      destination for h_t
     */
    public void hiddenStep(double[] params, double[] m, double[] x, double[] h) {
        boolean mult = mode == PlasticityMode.MULTIPLICATIVE;
        double eta = params[offEta];
        double lam = clampLambda(params[offLam]);
        for (int i = 0; i < n; i++) {
            double a = params[offB + i];
            int row = i * d;
            for (int j = 0; j < d; j++) {
                double w = mult ? params[row + j] * (1.0 + m[row + j]) : params[row + j] + m[row + j];
                a += w * x[j];
            }
            h[i] = Math.tanh(a);
        }
        for (int i = 0; i < n; i++) {
            int row = i * d;
            double eh = eta * h[i];
            for (int j = 0; j < d; j++) {
                m[row + j] = lam * m[row + j] + eh * x[j];
            }
        }
    }

    private void readout(double[] params, double[] h, double[] q) {
        for (int k = 0; k < actions; k++) {
            double s = params[offBro + k];
            int row = offWro + k * n;
            for (int i = 0; i < n; i++) {
                s += params[row + i] * h[i];
            }
            q[k] = s;
        }
    }

    @Override
    public void step(double[] params, double[] state, double[] obs, double[] qOut) {
        double[] x = new double[d];
        double[] h = new double[n];
        projection.apply(obs, x);
        hiddenStep(params, state, x, h);
        readout(params, h, qOut);
    }

    @Override
    public Trace forward(double[] params, double[] initialState, double[][] obs, int steps) {
        double[][] xs = new double[steps][d];
        double[][] hs = new double[steps][n];
        double[][] mPrev = new double[steps][];
        double[][] q = new double[steps][actions];
        double[] m = initialState.clone();
        for (int t = 0; t < steps; t++) {
            projection.apply(obs[t], xs[t]);
            mPrev[t] = m.clone();
            hiddenStep(params, m, xs[t], hs[t]);
            readout(params, hs[t], q[t]);
        }
        return new Trace(q, new double[][][] {xs, hs, mPrev}, steps);
    }

    @Override
    public void backward(double[] params, Trace trace, double[][] dq, double[] g) {
        double[][] xs = trace.cache()[0];
        double[][] hs = trace.cache()[1];
        double[][] mPrev = trace.cache()[2];
        boolean mult = mode == PlasticityMode.MULTIPLICATIVE;
        double eta = params[offEta];
        double lamRaw = params[offLam];
        double lam = clampLambda(lamRaw);
        double lamDeriv = lamRaw >= 0.0 && lamRaw <= lambdaMax ? 1.0 : 0.0;
        double[] gm = new double[n * d];
        double[] dh = new double[n];
        double gEta = 0.0;
        double gLam = 0.0;
        for (int t = trace.steps() - 1; t >= 0; t--) {
            double[] x = xs[t];
            double[] h = hs[t];
            double[] mp = mPrev[t];
            double[] dqt = dq[t];
            for (int i = 0; i < n; i++) {
                dh[i] = 0.0;
            }
            for (int k = 0; k < actions; k++) {
                double dk = dqt[k];
                if (dk == 0.0) {
                    continue;
                }
                g[offBro + k] += dk;
                int row = offWro + k * n;
                for (int i = 0; i < n; i++) {
                    g[row + i] += dk * h[i];
                    dh[i] += dk * params[row + i];
                }
            }
            for (int i = 0; i < n; i++) {
                int row = i * d;
                double s = 0.0;
                double hi = h[i];
                for (int j = 0; j < d; j++) {
                    double gij = gm[row + j];
                    s += gij * x[j];
                    gLam += gij * mp[row + j];
                }
                gEta += s * hi;
                dh[i] += eta * s;
                double da = dh[i] * (1.0 - hi * hi);
                g[offB + i] += da;
                for (int j = 0; j < d; j++) {
                    double dax = da * x[j];
                    if (mult) {
                        g[row + j] += dax * (1.0 + mp[row + j]);
                        gm[row + j] = lam * gm[row + j] + dax * params[row + j];
                    } else {
                        g[row + j] += dax;
                        gm[row + j] = lam * gm[row + j] + dax;
                    }
                }
            }
        }
        if (plastic) {
            g[offEta] += gEta;
        }
        g[offLam] += gLam * lamDeriv;
    }

    @Override
    public String toString() {
        return "MpnNetwork{n=" + n + ", d=" + d + ", actions=" + actions + ", mode=" + mode + ", lambdaMax="
                + lambdaMax + ", plastic=" + plastic + "}";
    }

    /** Builder for {@link MpnNetwork}; setters validate immediately. */
    public static final class Builder {
        private InputProjection projection;
        private int hiddenSize = 100;
        private int actionCount = 3;
        private PlasticityMode mode = PlasticityMode.MULTIPLICATIVE;
        private double lambdaMax = 0.95;
        private double etaInit = 0.1;
        private double lambdaInit = Double.NaN;
        private boolean plastic = true;

        private Builder() {
        }

        /**
         * Input projection (required): {@link InputProjection#random} or {@link InputProjection#identity}.
         *
         * @param p the projection
         * @return this builder
         * @throws IllegalArgumentException if null
         */
        public Builder projection(InputProjection p) {
            if (p == null) {
                throw new IllegalArgumentException("projection must not be null");
            }
            this.projection = p;
            return this;
        }

        /**
         * Hidden size n (default 100).
         *
         * @param n positive
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder hiddenSize(int n) {
            if (n <= 0) {
                throw new IllegalArgumentException("hiddenSize must be positive, got " + n);
            }
            this.hiddenSize = n;
            return this;
        }

        /**
         * Number of actions (default 3).
         *
         * @param a positive
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder actionCount(int a) {
            if (a <= 0) {
                throw new IllegalArgumentException("actionCount must be positive, got " + a);
            }
            this.actionCount = a;
            return this;
        }

        /**
         * Plasticity mode (default multiplicative).
         *
         * @param m mode
         * @return this builder
         * @throws IllegalArgumentException if null
         */
        public Builder mode(PlasticityMode m) {
            if (m == null) {
                throw new IllegalArgumentException("mode must not be null");
            }
            this.mode = m;
            return this;
        }

        /**
         * Upper clamp of the decay &lambda; (default 0.95).
         *
         * @param v in (0, 1]
         * @return this builder
         * @throws IllegalArgumentException if outside (0, 1]
         */
        public Builder lambdaMax(double v) {
            if (!(v > 0.0 && v <= 1.0)) {
                throw new IllegalArgumentException("lambdaMax must be in (0, 1], got " + v);
            }
            this.lambdaMax = v;
            return this;
        }

        /**
         * Initial learning rate &eta; of the Hebbian update (default 0.1; sign free).
         *
         * @param v finite
         * @return this builder
         * @throws IllegalArgumentException if not finite
         */
        public Builder etaInit(double v) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("etaInit must be finite, got " + v);
            }
            this.etaInit = v;
            return this;
        }

        /**
         * Initial decay &lambda; (default &lambda;max); must lie in [0, &lambda;max], checked in build().
         *
         * @param v in [0, 1]
         * @return this builder
         * @throws IllegalArgumentException if outside [0, 1]
         */
        public Builder lambdaInit(double v) {
            if (!(v >= 0.0 && v <= 1.0)) {
                throw new IllegalArgumentException("lambdaInit must be in [0, 1], got " + v);
            }
            this.lambdaInit = v;
            return this;
        }

        /**
         * Whether synapses are plastic (default true). False freezes &eta; = 0, the ablation in which
         * M stays 0 and the network is memoryless.
         *
         * @param v plasticity flag
         * @return this builder
         */
        public Builder plastic(boolean v) {
            this.plastic = v;
            return this;
        }

        /**
         * Builds the network.
         *
         * @return the network
         * @throws IllegalArgumentException if no projection was set or lambdaInit exceeds lambdaMax
         */
        public MpnNetwork build() {
            if (projection == null) {
                throw new IllegalArgumentException("projection must be set (InputProjection.random or identity)");
            }
            if (!Double.isNaN(lambdaInit) && lambdaInit > lambdaMax) {
                throw new IllegalArgumentException("lambdaInit " + lambdaInit + " exceeds lambdaMax " + lambdaMax);
            }
            return new MpnNetwork(this);
        }
    }
}
