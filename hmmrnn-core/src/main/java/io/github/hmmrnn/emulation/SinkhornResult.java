package io.github.hmmrnn.emulation;

/**
 * Value of a Sinkhorn divergence and, when requested, its gradient with respect to the first cloud.
 *
 * @param value    the debiased divergence S(alpha, beta)
 * @param gradient dS/dx, [N][D] (for sequences D = T * K with index t * K + k), or {@code null}
 *                 when only the value was asked for
 */
public record SinkhornResult(double value, double[][] gradient) {
}
