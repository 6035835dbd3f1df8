package io.github.hmmrnn.moa.neural;

/**
 * Adam (Kingma &amp; Ba 2015) on a flat parameter vector, with the standard β1 = 0.9,
 * β2 = 0.999, ε = 1e-8.
 */
final class AdamOptimizer {

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;

    private final double learningRate;
    private final double[] m;
    private final double[] v;
    private int step;

    AdamOptimizer(int size, double learningRate) {
        this.learningRate = learningRate;
        this.m = new double[size];
        this.v = new double[size];
    }

    /** Updates theta in place by one step against grad. */
    void step(double[] theta, double[] grad) {
        step++;
        double c1 = 1 - Math.pow(BETA1, step);
        double c2 = 1 - Math.pow(BETA2, step);
        for (int i = 0; i < theta.length; i++) {
            m[i] = BETA1 * m[i] + (1 - BETA1) * grad[i];
            v[i] = BETA2 * v[i] + (1 - BETA2) * grad[i] * grad[i];
            theta[i] -= learningRate * (m[i] / c1) / (Math.sqrt(v[i] / c2) + EPS);
        }
    }
}
