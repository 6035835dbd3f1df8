package io.github.hmmrnn.numeric;

/**
 * Adam (Kingma &amp; Ba 2015, "Adam: a method for stochastic optimization") on a flat parameter
 * vector, with the standard β1 = 0.9, β2 = 0.999, ε = 1e-8 and optional global-norm gradient
 * clipping. Holds the moment estimates of one training run, so it is mutable: use one instance
 * per run and per thread.
 */
public final class Adam {

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;

    private final double learningRate;
    private final double[] m;
    private final double[] v;
    private long step;

    /**
     * Creates an optimiser with zero moment estimates.
     *
     * @param size         number of parameters, at least 1
     * @param learningRate step size, finite and &gt; 0
     * @throws IllegalArgumentException if size or learningRate is out of range
     */
    public Adam(int size, double learningRate) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be >= 1, got " + size);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be finite and > 0, got " + learningRate);
        }
        this.learningRate = learningRate;
        this.m = new double[size];
        this.v = new double[size];
    }

    /**
     * Updates params in place by one step against grad, without clipping.
     *
     * @param params parameters, length {@code size}, updated in place
     * @param grad   gradient of the loss at params, length {@code size}
     * @throws IllegalArgumentException if a length differs from {@code size}
     */
    public void step(double[] params, double[] grad) {
        step(params, grad, 0);
    }

    /**
     * Scales grad to global L2 norm {@code maxNorm} when it is longer and maxNorm is positive, then
     * updates params in place by one step.
     *
     * @param params  parameters, length {@code size}, updated in place
     * @param grad    gradient of the loss at params, length {@code size}; not modified
     * @param maxNorm clipping threshold on the global gradient norm, or ≤ 0 for none
     * @return the gradient's global L2 norm before clipping
     * @throws IllegalArgumentException if a length differs from {@code size}
     */
    public double step(double[] params, double[] grad, double maxNorm) {
        if (params.length != m.length || grad.length != m.length) {
            throw new IllegalArgumentException("params and grad must have length " + m.length + ", got "
                    + params.length + " and " + grad.length);
        }
        double sq = 0;
        for (double g : grad) {
            sq += g * g;
        }
        double norm = Math.sqrt(sq);
        // multiplying by exactly 1.0 leaves an unclipped gradient bit-identical
        double scale = maxNorm > 0 && norm > maxNorm ? maxNorm / norm : 1.0;
        step++;
        double c1 = 1 - Math.pow(BETA1, step);
        double c2 = 1 - Math.pow(BETA2, step);
        for (int i = 0; i < params.length; i++) {
            double gi = grad[i] * scale;
            m[i] = BETA1 * m[i] + (1 - BETA1) * gi;
            v[i] = BETA2 * v[i] + (1 - BETA2) * gi * gi;
            params[i] -= learningRate * (m[i] / c1) / (Math.sqrt(v[i] / c2) + EPS);
        }
        return norm;
    }
}
