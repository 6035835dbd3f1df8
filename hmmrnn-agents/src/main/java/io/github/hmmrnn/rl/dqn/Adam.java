package io.github.hmmrnn.rl.dqn;

/**
 * Adam optimiser (Kingma &amp; Ba 2015) on a flat parameter vector, with global-norm gradient clipping.
 * Mutable optimiser state; one instance per training run.
 */
final class Adam {

    private final double lr;
    private final double beta1 = 0.9;
    private final double beta2 = 0.999;
    private final double eps = 1e-8;
    private final double[] m;
    private final double[] v;
    private long t;

    Adam(int size, double lr) {
        this.lr = lr;
        this.m = new double[size];
        this.v = new double[size];
    }

    /** Clips g to global norm maxNorm (if positive) and applies one Adam step; returns the pre-clip norm. */
    double step(double[] params, double[] g, double maxNorm) {
        double sq = 0;
        for (double x : g) {
            sq += x * x;
        }
        double norm = Math.sqrt(sq);
        double scale = maxNorm > 0 && norm > maxNorm ? maxNorm / norm : 1.0;
        t++;
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = 1 - Math.pow(beta2, t);
        for (int i = 0; i < params.length; i++) {
            double gi = g[i] * scale;
            m[i] = beta1 * m[i] + (1 - beta1) * gi;
            v[i] = beta2 * v[i] + (1 - beta2) * gi * gi;
            params[i] -= lr * (m[i] / c1) / (Math.sqrt(v[i] / c2) + eps);
        }
        return norm;
    }
}
