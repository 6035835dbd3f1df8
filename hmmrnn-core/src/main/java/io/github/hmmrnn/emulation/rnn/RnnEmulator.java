package io.github.hmmrnn.emulation.rnn;

import java.util.SplittableRandom;

/**
 * A noise-driven, bias-free ReLU RNN whose sampled outputs emulate an HMM:
 *
 * <pre>
 *   x_t ~ N(0, I_d),  h_0 = 0,  h_t = ReLU(W_ih x_t + W_hh h_{t-1}),  y_t ~ Categorical(softmax(W_out h_t))
 * </pre>
 *
 * The categorical draw is the hard Gumbel-softmax y_t = onehot(argmax(W_out h_t + G_t)), which is an
 * exact sample whatever tau is; tau only enters the straight-through gradient used in training
 * (see {@link ReluRnnKernel} and {@link TrainingOptions#temperatureAt}).
 * Immutable; trained copies come from {@link EmulatorTrainer}.
 */
public final class RnnEmulator {

    private final EmulatorWeights weights;

    private RnnEmulator(EmulatorWeights weights) {
        this.weights = weights;
    }

    /**
     * Returns a new builder.
     *
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Wraps existing weights.
     *
     * @param weights the weights
     * @return an emulator using them
     */
    public static RnnEmulator of(EmulatorWeights weights) {
        if (weights == null) {
            throw new IllegalArgumentException("weights must not be null");
        }
        return new RnnEmulator(weights);
    }

    /**
     * Returns the weights (immutable).
     *
     * @return weights
     */
    public EmulatorWeights weights() {
        return weights;
    }

    /**
     * Generated sequences with their hidden trajectories.
     *
     * @param outputs symbols, [N][T]
     * @param hidden  hidden states h_1..h_T, [N][T][n]
     * @param logits  readout logits W_out h_t, [N][T][K]
     */
    public record Rollout(int[][] outputs, double[][][] hidden, double[][][] logits) {
    }

    /**
     * Generates sequences from h_0 = 0, as in training.
     *
     * @param numSequences N, at least 1
     * @param length       T, at least 1
     * @param mode         what drives the hidden state
     * @param rng          random stream for input noise and Gumbel draws
     * @return outputs and hidden trajectories
     */
    public Rollout generate(int numSequences, int length, GenerationMode mode, SplittableRandom rng) {
        return generate(numSequences, length, mode, null, 1.0, rng);
    }

    /**
     * Generates sequences from given initial states and with a given input noise standard deviation.
     *
     * @param numSequences N, at least 1
     * @param length       T, at least 1
     * @param mode         what drives the hidden state
     * @param initial      initial states h_0, [N][n], or {@code null} for zeros
     * @param noiseStd     standard deviation of the input noise (1 in training), at least 0
     * @param rng          random stream for input noise and Gumbel draws
     * @return outputs and hidden trajectories
     * @throws IllegalArgumentException if a count is below 1, noiseStd is negative or initial has the wrong shape
     */
    public Rollout generate(int numSequences, int length, GenerationMode mode, double[][] initial, double noiseStd,
                            SplittableRandom rng) {
        if (numSequences < 1) {
            throw new IllegalArgumentException("numSequences must be >= 1, got " + numSequences);
        }
        if (length < 1) {
            throw new IllegalArgumentException("length must be >= 1, got " + length);
        }
        if (!(noiseStd >= 0) || Double.isInfinite(noiseStd)) {
            throw new IllegalArgumentException("noiseStd must be finite and >= 0, got " + noiseStd);
        }
        if (initial != null) {
            if (initial.length != numSequences) {
                throw new IllegalArgumentException("initial has " + initial.length + " states, expected " + numSequences);
            }
            for (double[] h : initial) {
                if (h.length != weights.hiddenSize()) {
                    throw new IllegalArgumentException("initial state has size " + h.length + ", expected "
                            + weights.hiddenSize());
                }
            }
        }
        double[][] noise = gaussianNoise(numSequences, length * weights.inputSize(), noiseStd, rng);
        double[][] gumbel = gumbelNoise(numSequences, length * weights.numOutputs(), rng);
        ReluRnnKernel.Forward f = ReluRnnKernel.forward(weights, noise, gumbel, initial, length, mode);
        return new Rollout(f.outputs(), f.hidden(), f.logits());
    }

    /**
     * One noise-free recurrence step F(h) = ReLU(W_hh h) (plus W_ih x when {@code input} is given).
     *
     * @param h     hidden state [n]
     * @param input input [d], or {@code null} for no input
     * @return the next hidden state
     */
    public double[] step(double[] h, double[] input) {
        int n = weights.hiddenSize();
        int d = weights.inputSize();
        double[] wHh = weights.recurrentWeightsFlat();
        double[] wIh = weights.inputWeightsFlat();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += wHh[i * n + j] * h[j];
            }
            if (input != null) {
                for (int j = 0; j < d; j++) {
                    s += wIh[i * d + j] * input[j];
                }
            }
            out[i] = s > 0 ? s : 0;
        }
        return out;
    }

    /**
     * Readout logits W_out h.
     *
     * @param h hidden state [n]
     * @return logits [K]
     */
    public double[] logits(double[] h) {
        int n = weights.hiddenSize();
        double[] wOut = weights.readoutWeightsFlat();
        double[] z = new double[weights.numOutputs()];
        for (int c = 0; c < z.length; c++) {
            for (int i = 0; i < n; i++) {
                z[c] += wOut[c * n + i] * h[i];
            }
        }
        return z;
    }

    static double[][] gaussianNoise(int rows, int cols, double std, SplittableRandom rng) {
        double[][] x = new double[rows][cols];
        for (double[] row : x) {
            for (int j = 0; j < cols; j++) {
                row[j] = std * rng.nextGaussian();
            }
        }
        return x;
    }

    static double[][] gumbelNoise(int rows, int cols, SplittableRandom rng) {
        double[][] g = new double[rows][cols];
        for (double[] row : g) {
            for (int j = 0; j < cols; j++) {
                // Keep u away from 0 so -log(-log(u)) stays finite.
                double u = Math.max(rng.nextDouble(), Double.MIN_NORMAL);
                row[j] = -Math.log(-Math.log(u));
            }
        }
        return g;
    }

    @Override
    public String toString() {
        return "RnnEmulator[" + weights + "]";
    }

    /**
     * Builder for a freshly initialised {@link RnnEmulator}; every setter validates at once.
     */
    public static final class Builder {
        private int hiddenSize = -1;
        private int inputSize = -1;
        private int numOutputs = 3;
        private double temperature = 1.0;
        private RecurrentInitialization recurrentInit = RecurrentInitialization.UNIFORM;
        private double recurrentGain = 1.0;
        private Long seed;

        private Builder() {
        }

        /**
         * Sets the hidden size n (required).
         *
         * @param hiddenSize n, at least 1
         * @return this builder
         * @throws IllegalArgumentException if below 1
         */
        public Builder hiddenSize(int hiddenSize) {
            if (hiddenSize < 1) {
                throw new IllegalArgumentException("hiddenSize must be >= 1, got " + hiddenSize);
            }
            this.hiddenSize = hiddenSize;
            return this;
        }

        /**
         * Sets the noise input size d (required).
         *
         * @param inputSize d, at least 1
         * @return this builder
         * @throws IllegalArgumentException if below 1
         */
        public Builder inputSize(int inputSize) {
            if (inputSize < 1) {
                throw new IllegalArgumentException("inputSize must be >= 1, got " + inputSize);
            }
            this.inputSize = inputSize;
            return this;
        }

        /**
         * Sets the number of outputs K (default 3).
         *
         * @param numOutputs K, at least 2
         * @return this builder
         * @throws IllegalArgumentException if below 2
         */
        public Builder numOutputs(int numOutputs) {
            if (numOutputs < 2) {
                throw new IllegalArgumentException("numOutputs must be >= 2, got " + numOutputs);
            }
            this.numOutputs = numOutputs;
            return this;
        }

        /**
         * Sets the Gumbel-softmax temperature tau (default 1).
         *
         * @param temperature tau, positive
         * @return this builder
         * @throws IllegalArgumentException if not positive and finite
         */
        public Builder temperature(double temperature) {
            if (!(temperature > 0) || Double.isInfinite(temperature)) {
                throw new IllegalArgumentException("temperature must be positive and finite, got " + temperature);
            }
            this.temperature = temperature;
            return this;
        }

        /**
         * Sets how W_hh is initialised (default {@link RecurrentInitialization#UNIFORM} with gain 1,
         * the reference). See {@link RecurrentInitialization} for why
         * {@link RecurrentInitialization#SCALED_IDENTITY} trains much faster at small scale.
         *
         * @param init rule, not null
         * @param gain gain g of the rule, positive and finite
         * @return this builder
         * @throws IllegalArgumentException if the rule is null or the gain not positive and finite
         */
        public Builder recurrentInitialization(RecurrentInitialization init, double gain) {
            if (init == null) {
                throw new IllegalArgumentException("recurrent initialisation must not be null");
            }
            if (!(gain > 0) || Double.isInfinite(gain)) {
                throw new IllegalArgumentException("recurrent gain must be positive and finite, got " + gain);
            }
            this.recurrentInit = init;
            this.recurrentGain = gain;
            return this;
        }

        /**
         * Sets the seed of the weight initialisation (required).
         *
         * @param seed seed
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Builds an emulator: W_ih and W_out uniform in (-1/sqrt(n), 1/sqrt(n)), W_hh by the
         * chosen {@link RecurrentInitialization}.
         *
         * @return the emulator
         * @throws IllegalStateException if hiddenSize, inputSize or seed were not set
         */
        public RnnEmulator build() {
            if (hiddenSize < 0) {
                throw new IllegalStateException("hiddenSize was not set");
            }
            if (inputSize < 0) {
                throw new IllegalStateException("inputSize was not set");
            }
            if (seed == null) {
                throw new IllegalStateException("seed was not set");
            }
            return new RnnEmulator(EmulatorWeights.random(hiddenSize, inputSize, numOutputs, temperature,
                    recurrentInit, recurrentGain, new SplittableRandom(seed)));
        }
    }
}
