package io.github.hmmrnn.emulation.rnn;

import io.github.hmmrnn.emulation.SinkhornOptions;

/**
 * Settings of Sinkhorn training.
 *
 * @param epochs       passes over the training sequences, at least 1
 * @param batchSize    sequences per minibatch (RNN and HMM batches have this size), at least 2
 * @param learningRate Adam step size, positive
 * @param beta1        Adam first-moment decay in [0, 1) (reference 0.9)
 * @param beta2        Adam second-moment decay in [0, 1) (reference 0.9)
 * @param clipNorm     global L2 norm clip of the gradient, positive
 * @param shuffle      whether to reshuffle the training sequences every epoch (the reference did not)
 * @param sinkhorn     loss settings
 * @param seed         root seed for the input noise, Gumbel draws and shuffling
 */
public record TrainingOptions(int epochs, int batchSize, double learningRate, double beta1, double beta2,
                              double clipNorm, boolean shuffle, SinkhornOptions sinkhorn, long seed) {

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException naming the first invalid field
     */
    public TrainingOptions {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        if (batchSize < 2) {
            throw new IllegalArgumentException("batchSize must be >= 2, got " + batchSize);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be positive and finite, got " + learningRate);
        }
        if (!(beta1 >= 0 && beta1 < 1)) {
            throw new IllegalArgumentException("beta1 must be in [0, 1), got " + beta1);
        }
        if (!(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("beta2 must be in [0, 1), got " + beta2);
        }
        if (!(clipNorm > 0) || Double.isInfinite(clipNorm)) {
            throw new IllegalArgumentException("clipNorm must be positive and finite, got " + clipNorm);
        }
        if (sinkhorn == null) {
            throw new IllegalArgumentException("sinkhorn options must not be null");
        }
    }
}
