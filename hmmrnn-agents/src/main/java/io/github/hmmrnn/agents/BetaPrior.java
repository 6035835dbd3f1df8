package io.github.hmmrnn.agents;

/**
 * A Beta(a, b) prior on a learning rate in (0, 1). Beta(1, 1) is flat (no prior).
 *
 * @param a first shape, &gt; 0
 * @param b second shape, &gt; 0
 */
public record BetaPrior(double a, double b) {

    /** The flat prior Beta(1, 1). */
    public static final BetaPrior FLAT = new BetaPrior(1, 1);

    /**
     * Validates the shapes.
     *
     * @throws IllegalArgumentException if a shape is not a finite positive number
     */
    public BetaPrior {
        if (!(a > 0) || !Double.isFinite(a)) {
            throw new IllegalArgumentException("Beta prior shape a must be finite and > 0, got " + a);
        }
        if (!(b > 0) || !Double.isFinite(b)) {
            throw new IllegalArgumentException("Beta prior shape b must be finite and > 0, got " + b);
        }
    }

    /**
     * The log density up to its normalising constant, as MixtureAgentsModels uses it.
     *
     * @param x a value in (0, 1)
     * @return (a−1) log x + (b−1) log(1−x)
     */
    public double logDensity(double x) {
        double v = 0;
        if (a != 1) {
            v += (a - 1) * Math.log(x);
        }
        if (b != 1) {
            v += (b - 1) * Math.log1p(-x);
        }
        return v;
    }

    /**
     * Derivative of {@link #logDensity} with respect to x.
     *
     * @param x a value in (0, 1)
     * @return (a−1)/x − (b−1)/(1−x)
     */
    public double logDensityDerivative(double x) {
        return (a - 1) / x - (b - 1) / (1 - x);
    }

    /** @return the prior mean a/(a+b) */
    public double mean() {
        return a / (a + b);
    }
}
