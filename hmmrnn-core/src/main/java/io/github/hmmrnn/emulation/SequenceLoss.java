package io.github.hmmrnn.emulation;

/**
 * A distribution loss between a batch of generated sequences and a batch of data sequences, each
 * sequence read as a concatenation of one-hot vectors (a point of R^{T K}).
 */
public interface SequenceLoss {

    /**
     * Loss between two batches of symbol sequences.
     *
     * @param x            generated batch, [N][T], symbols in {@code 0..numOutputs-1}
     * @param y            data batch, [M][T]
     * @param numOutputs   K, at least 2
     * @param withGradient whether to compute dL/dx
     * @return value and, if asked, the gradient [N][T * K]
     * @throws IllegalArgumentException on empty or ragged batches, different lengths, or symbols out of range
     */
    LossResult betweenSequences(int[][] x, int[][] y, int numOutputs, boolean withGradient);
}
