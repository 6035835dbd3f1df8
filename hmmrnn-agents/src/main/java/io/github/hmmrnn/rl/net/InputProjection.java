package io.github.hmmrnn.rl.net;

import java.util.SplittableRandom;

/**
 * Fixed, untrained affine map x = P o + c from observations to the network input. The bias matters:
 * in every task the decision-period observation is all zeros, and with x = 0 an MPN's hidden state
 * tanh(b) cannot depend on its synaptic modulation, so a biased projection is what lets the network
 * read its memory out.
 */
public final class InputProjection {

    private final int inputSize;
    private final int outputSize;
    private final double[] weights;
    private final double[] bias;

    private InputProjection(int inputSize, int outputSize, double[] weights, double[] bias) {
        this.inputSize = inputSize;
        this.outputSize = outputSize;
        this.weights = weights;
        this.bias = bias;
    }

    /**
     * Random projection: Xavier-uniform weights (&plusmn;sqrt(6 / (in + out))) and bias uniform in
     * &plusmn;1/sqrt(in), as a default PyTorch/Xavier linear layer.
     *
     * @param inputSize  observation size, positive
     * @param outputSize projected size, positive
     * @param rng        random stream used once
     * @return the projection
     * @throws IllegalArgumentException if a size is not positive
     */
    public static InputProjection random(int inputSize, int outputSize, SplittableRandom rng) {
        if (inputSize <= 0 || outputSize <= 0) {
            throw new IllegalArgumentException("projection sizes must be positive, got inputSize=" + inputSize
                    + ", outputSize=" + outputSize);
        }
        double lim = Math.sqrt(6.0 / (inputSize + outputSize));
        double[] w = new double[inputSize * outputSize];
        for (int i = 0; i < w.length; i++) {
            w[i] = (2 * rng.nextDouble() - 1) * lim;
        }
        double bl = 1.0 / Math.sqrt(inputSize);
        double[] b = new double[outputSize];
        for (int i = 0; i < b.length; i++) {
            b[i] = (2 * rng.nextDouble() - 1) * bl;
        }
        return new InputProjection(inputSize, outputSize, w, b);
    }

    /**
     * Identity map (no projection): the network sees the raw observation.
     *
     * @param size observation size, positive
     * @return identity projection
     * @throws IllegalArgumentException if size is not positive
     */
    public static InputProjection identity(int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("size must be positive, got " + size);
        }
        double[] w = new double[size * size];
        for (int i = 0; i < size; i++) {
            w[i * size + i] = 1.0;
        }
        return new InputProjection(size, size, w, new double[size]);
    }

    /**
     * Applies the map.
     *
     * @param obs observation of length {@link #inputSize()}
     * @param out destination of length {@link #outputSize()}
     */
    public void apply(double[] obs, double[] out) {
        for (int i = 0; i < outputSize; i++) {
            double s = bias[i];
            int row = i * inputSize;
            for (int j = 0; j < inputSize; j++) {
                s += weights[row + j] * obs[j];
            }
            out[i] = s;
        }
    }

    /**
     * Observation size.
     *
     * @return input size
     */
    public int inputSize() {
        return inputSize;
    }

    /**
     * Projected size d.
     *
     * @return output size
     */
    public int outputSize() {
        return outputSize;
    }
}
