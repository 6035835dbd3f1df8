package io.github.hmmrnn.emulation.rnn;

import java.util.SplittableRandom;
import java.util.Arrays;

/**
 * Immutable weights of an emulator RNN: input W_ih [n][d], recurrent W_hh [n][n], readout
 * W_out [K][n], and the Gumbel-softmax temperature tau. There are no biases.
 */
public final class EmulatorWeights {

    private final int hiddenSize;
    private final int inputSize;
    private final int numOutputs;
    private final double temperature;
    private final double[] wIh;
    private final double[] wHh;
    private final double[] wOut;

    /**
     * Creates weights from flat row-major arrays (copied).
     *
     * @param hiddenSize  n, at least 1
     * @param inputSize   d, at least 1
     * @param numOutputs  K, at least 2
     * @param temperature tau, positive
     * @param wIh         W_ih, length n * d, entry (i, j) at {@code i * d + j}
     * @param wHh         W_hh, length n * n
     * @param wOut        W_out, length K * n
     * @throws IllegalArgumentException if a size is out of range, a length disagrees or a value is not finite
     */
    public EmulatorWeights(int hiddenSize, int inputSize, int numOutputs, double temperature,
                           double[] wIh, double[] wHh, double[] wOut) {
        if (hiddenSize < 1) {
            throw new IllegalArgumentException("hiddenSize must be >= 1, got " + hiddenSize);
        }
        if (inputSize < 1) {
            throw new IllegalArgumentException("inputSize must be >= 1, got " + inputSize);
        }
        if (numOutputs < 2) {
            throw new IllegalArgumentException("numOutputs must be >= 2, got " + numOutputs);
        }
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be positive and finite, got " + temperature);
        }
        this.hiddenSize = hiddenSize;
        this.inputSize = inputSize;
        this.numOutputs = numOutputs;
        this.temperature = temperature;
        this.wIh = checked("wIh", wIh, hiddenSize * inputSize);
        this.wHh = checked("wHh", wHh, hiddenSize * hiddenSize);
        this.wOut = checked("wOut", wOut, numOutputs * hiddenSize);
    }

    /**
     * Draws weights as PyTorch initialises {@code nn.RNN} and {@code nn.Linear}: every entry
     * uniform in (-1/sqrt(n), 1/sqrt(n)). Same as
     * {@code random(n, d, K, tau, RecurrentInitialization.UNIFORM, 1, rng)}.
     *
     * @param hiddenSize  n
     * @param inputSize   d
     * @param numOutputs  K
     * @param temperature tau
     * @param rng         random stream
     * @return new weights
     */
    public static EmulatorWeights random(int hiddenSize, int inputSize, int numOutputs, double temperature,
                                         SplittableRandom rng) {
        return random(hiddenSize, inputSize, numOutputs, temperature, RecurrentInitialization.UNIFORM, 1.0, rng);
    }

    /**
     * Draws W_ih and W_out uniform in (-1/sqrt(n), 1/sqrt(n)) (PyTorch) and W_hh by the given rule.
     *
     * @param hiddenSize     n
     * @param inputSize      d
     * @param numOutputs     K
     * @param temperature    tau
     * @param recurrentInit  rule for W_hh
     * @param recurrentGain  gain g of the rule, positive and finite
     * @param rng            random stream
     * @return new weights
     * @throws IllegalArgumentException if a size is out of range, the rule is null or the gain not positive
     */
    public static EmulatorWeights random(int hiddenSize, int inputSize, int numOutputs, double temperature,
                                         RecurrentInitialization recurrentInit, double recurrentGain,
                                         SplittableRandom rng) {
        if (hiddenSize < 1) {
            throw new IllegalArgumentException("hiddenSize must be >= 1, got " + hiddenSize);
        }
        if (recurrentInit == null) {
            throw new IllegalArgumentException("recurrentInit must not be null");
        }
        if (!(recurrentGain > 0) || Double.isInfinite(recurrentGain)) {
            throw new IllegalArgumentException("recurrentGain must be positive and finite, got " + recurrentGain);
        }
        double bound = 1 / Math.sqrt(hiddenSize);
        double[] a = uniform(Math.max(0, hiddenSize * inputSize), bound, rng);
        double[] b;
        if (recurrentInit == RecurrentInitialization.UNIFORM) {
            b = uniform(hiddenSize * hiddenSize, recurrentGain * bound, rng);
        } else {
            b = new double[hiddenSize * hiddenSize];
            for (int i = 0; i < hiddenSize; i++) {
                b[i * hiddenSize + i] = recurrentGain;
            }
        }
        double[] c = uniform(Math.max(0, numOutputs * hiddenSize), bound, rng);
        return new EmulatorWeights(hiddenSize, inputSize, numOutputs, temperature, a, b, c);
    }

    private static double[] uniform(int len, double bound, SplittableRandom rng) {
        double[] w = new double[len];
        for (int i = 0; i < len; i++) {
            w[i] = rng.nextDouble(-bound, bound);
        }
        return w;
    }

    private static double[] checked(String name, double[] w, int expected) {
        if (w == null || w.length != expected) {
            throw new IllegalArgumentException(name + " must have length " + expected + ", got "
                    + (w == null ? "null" : String.valueOf(w.length)));
        }
        for (int i = 0; i < w.length; i++) {
            if (!Double.isFinite(w[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] is not finite: " + w[i]);
            }
        }
        return w.clone();
    }

    /**
     * Returns the hidden size n.
     *
     * @return n
     */
    public int hiddenSize() {
        return hiddenSize;
    }

    /**
     * Returns the input (noise) size d.
     *
     * @return d
     */
    public int inputSize() {
        return inputSize;
    }

    /**
     * Returns the number of outputs K.
     *
     * @return K
     */
    public int numOutputs() {
        return numOutputs;
    }

    /**
     * Returns the Gumbel-softmax temperature tau.
     *
     * @return tau
     */
    public double temperature() {
        return temperature;
    }

    /**
     * Returns a copy of W_ih.
     *
     * @return [n][d]
     */
    public double[][] inputWeights() {
        return unflatten(wIh, hiddenSize, inputSize);
    }

    /**
     * Returns a copy of W_hh.
     *
     * @return [n][n]
     */
    public double[][] recurrentWeights() {
        return unflatten(wHh, hiddenSize, hiddenSize);
    }

    /**
     * Returns a copy of W_out.
     *
     * @return [K][n]
     */
    public double[][] readoutWeights() {
        return unflatten(wOut, numOutputs, hiddenSize);
    }

    /**
     * Returns all weights concatenated (W_ih, W_hh, W_out), e.g. for saving.
     *
     * @return a new flat array
     */
    public double[] concatenated() {
        double[] all = new double[wIh.length + wHh.length + wOut.length];
        System.arraycopy(wIh, 0, all, 0, wIh.length);
        System.arraycopy(wHh, 0, all, wIh.length, wHh.length);
        System.arraycopy(wOut, 0, all, wIh.length + wHh.length, wOut.length);
        return all;
    }

    /**
     * Rebuilds weights from {@link #concatenated()}.
     *
     * @param hiddenSize  n
     * @param inputSize   d
     * @param numOutputs  K
     * @param temperature tau
     * @param all         concatenated weights
     * @return the weights
     * @throws IllegalArgumentException if the length does not match the sizes
     */
    public static EmulatorWeights fromConcatenated(int hiddenSize, int inputSize, int numOutputs, double temperature,
                                                   double[] all) {
        int a = hiddenSize * inputSize;
        int b = hiddenSize * hiddenSize;
        int c = numOutputs * hiddenSize;
        if (all == null || all.length != a + b + c) {
            throw new IllegalArgumentException("concatenated weights must have length " + (a + b + c) + ", got "
                    + (all == null ? "null" : String.valueOf(all.length)));
        }
        return new EmulatorWeights(hiddenSize, inputSize, numOutputs, temperature,
                Arrays.copyOfRange(all, 0, a), Arrays.copyOfRange(all, a, a + b),
                Arrays.copyOfRange(all, a + b, a + b + c));
    }

    /**
     * Returns a copy with some recurrent and input weights scaled, for ablation studies.
     *
     * @param neurons         hidden units whose incoming weights are scaled
     * @param recurrentFactor factor for their incoming recurrent weights (row of W_hh)
     * @param inputFactor     factor for their incoming input weights (row of W_ih)
     * @return new weights
     * @throws IllegalArgumentException if a neuron index is out of range
     */
    public EmulatorWeights withScaledNeurons(int[] neurons, double recurrentFactor, double inputFactor) {
        double[] a = wIh.clone();
        double[] b = wHh.clone();
        for (int i : neurons) {
            if (i < 0 || i >= hiddenSize) {
                throw new IllegalArgumentException("neuron index " + i + " outside 0.." + (hiddenSize - 1));
            }
            for (int j = 0; j < inputSize; j++) {
                a[i * inputSize + j] *= inputFactor;
            }
            for (int j = 0; j < hiddenSize; j++) {
                b[i * hiddenSize + j] *= recurrentFactor;
            }
        }
        return new EmulatorWeights(hiddenSize, inputSize, numOutputs, temperature, a, b, wOut);
    }

    double[] inputWeightsFlat() {
        return wIh;
    }

    double[] recurrentWeightsFlat() {
        return wHh;
    }

    double[] readoutWeightsFlat() {
        return wOut;
    }

    private static double[][] unflatten(double[] w, int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(w, i * cols, m[i], 0, cols);
        }
        return m;
    }

    @Override
    public String toString() {
        return "EmulatorWeights[hidden=" + hiddenSize + ", input=" + inputSize + ", outputs=" + numOutputs
                + ", tau=" + temperature + "]";
    }
}
