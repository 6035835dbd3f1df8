package io.github.hmmrnn.rl.net;

/**
 * Activations of one unrolled trial kept for the backward pass.
 *
 * @param q         Q-values per step, shape [steps][actions]
 * @param cache     network-specific stored activations (opaque)
 * @param steps     number of unrolled steps
 */
public record Trace(double[][] q, double[][][] cache, int steps) {
}
