package io.github.hmmrnn.emulation;

/**
 * Value of a distribution loss between two batches of sequences and, when requested, its gradient
 * with respect to the first batch's one-hot encoding.
 *
 * @param value    the loss
 * @param gradient dL/dx, [N][T * K] at index {@code t * K + k}, or {@code null} when only the value
 *                 was asked for
 */
public record LossResult(double value, double[][] gradient) {
}
