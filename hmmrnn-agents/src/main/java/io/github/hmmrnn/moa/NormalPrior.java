package io.github.hmmrnn.moa;

/**
 * A Normal(mean, sd) prior on an agent weight β.
 *
 * @param mean mean, finite
 * @param sd   standard deviation, finite and &gt; 0
 */
public record NormalPrior(double mean, double sd) {

    /** MixtureAgentsModels' default weight prior, Normal(0, 10). */
    public static final NormalPrior DEFAULT = new NormalPrior(0, 10);

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException if the mean is not finite or the sd is not finite and positive
     */
    public NormalPrior {
        if (!Double.isFinite(mean)) {
            throw new IllegalArgumentException("Normal prior mean must be finite, got " + mean);
        }
        if (!(sd > 0) || !Double.isFinite(sd)) {
            throw new IllegalArgumentException("Normal prior sd must be finite and > 0, got " + sd);
        }
    }
}
