package io.github.hmmrnn.emulation;

/**
 * Settings of the debiased Sinkhorn divergence.
 *
 * @param blur            final blur; the entropic temperature is {@code epsilon = blur^2}
 * @param scaling         epsilon-scaling ratio; epsilon shrinks by {@code scaling^2} per annealing step
 * @param extraIterations symmetric Sinkhorn updates added at the final epsilon before the
 *                        extrapolation step (0 reproduces geomloss' schedule; more iterations bring
 *                        the potentials closer to convergence, which makes the analytic gradient the
 *                        exact derivative of the returned value)
 */
public record SinkhornOptions(double blur, double scaling, int extraIterations) {

    /** The reference settings: blur 0.2, scaling 0.5, no extra iterations (geomloss defaults). */
    public static final SinkhornOptions REFERENCE = new SinkhornOptions(0.2, 0.5, 0);

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException if blur is not positive, scaling not in (0, 1), or
     *                                  extraIterations negative
     */
    public SinkhornOptions {
        if (!(blur > 0) || Double.isInfinite(blur)) {
            throw new IllegalArgumentException("blur must be positive and finite, got " + blur);
        }
        if (!(scaling > 0 && scaling < 1)) {
            throw new IllegalArgumentException("scaling must be in (0, 1), got " + scaling);
        }
        if (extraIterations < 0) {
            throw new IllegalArgumentException("extraIterations must be >= 0, got " + extraIterations);
        }
    }

    /**
     * Returns the entropic regularisation epsilon = blur^2.
     *
     * @return epsilon
     */
    public double epsilon() {
        return blur * blur;
    }
}
