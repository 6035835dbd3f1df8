package io.github.hmmrnn.emulation.rnn;

import java.util.Arrays;

import io.github.hmmrnn.emulation.EnergyDistance;
import io.github.hmmrnn.emulation.LossKind;
import io.github.hmmrnn.emulation.LossResult;
import io.github.hmmrnn.emulation.SequenceLoss;
import io.github.hmmrnn.emulation.SinkhornDivergence;
import io.github.hmmrnn.emulation.SinkhornOptions;

/**
 * Settings of emulator training.
 *
 * @param epochs       passes over the training sequences, at least 1
 * @param batchSize    sequences per minibatch (RNN and HMM batches have this size), at least 2
 * @param learningRate Adam step size at the first step, positive
 * @param finalLearningRate Adam step size at the last step, in (0, learningRate]; the step size follows
 *                     a cosine from learningRate down to it (equal values: constant, as the reference).
 *                     Annealing lets a short run take large steps through the early plateau and still
 *                     end with small, low-noise steps, so the best-validation checkpoint is not chosen
 *                     among weights that still jump by a full Adam step per iteration
 * @param beta1        Adam first-moment decay in [0, 1) (reference 0.9)
 * @param beta2        Adam second-moment decay in [0, 1) (reference 0.9)
 * @param temperature  Gumbel-softmax temperature tau of the straight-through gradient at the first step,
 *                     positive (the forward sample argmax(z + G) does not depend on tau, so tau only
 *                     shapes the gradient: below 1 the estimator is more mode-seeking, above 1 it
 *                     hedges towards symbols the matched HMM sequences show only sometimes)
 * @param finalTemperature tau at the last step, positive; tau follows the same cosine as the step size
 *                     (equal values: constant tau, as the reference)
 * @param clipNorm     global L2 norm clip of the gradient, positive
 * @param shuffle      whether to reshuffle the training sequences every epoch (the reference did not)
 * @param sinkhorn     Sinkhorn settings (used when {@code loss} is {@link LossKind#SINKHORN})
 * @param seed         root seed for the input noise, Gumbel draws and shuffling
 * @param loss         which distribution loss to minimise
 * @param energyWeights symbol weights of the energy distance's embedding (one per output, positive), or
 *                     {@code null} for the plain one-hot embedding; ignored by Sinkhorn
 * @param energyWindows window lengths of the energy distance's multi-scale embedding ({@code null}: {1})
 * @param energyBandwidth 0 for the distance kernel (energy distance), otherwise a Gaussian kernel bandwidth
 * @param energySwitchWeight weight of the energy loss's switch-count features (0: none)
 */
public record TrainingOptions(int epochs, int batchSize, double learningRate, double finalLearningRate, double beta1, double beta2,
                              double temperature, double finalTemperature, double clipNorm, boolean shuffle, SinkhornOptions sinkhorn, long seed,
                              LossKind loss, double[] energyWeights, int[] energyWindows, double energyBandwidth,
                              double energySwitchWeight) {

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
        if (!(finalLearningRate > 0 && finalLearningRate <= learningRate)) {
            throw new IllegalArgumentException("finalLearningRate must be in (0, learningRate = " + learningRate
                    + "], got " + finalLearningRate);
        }
        if (!(beta1 >= 0 && beta1 < 1)) {
            throw new IllegalArgumentException("beta1 must be in [0, 1), got " + beta1);
        }
        if (!(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("beta2 must be in [0, 1), got " + beta2);
        }
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be positive and finite, got " + temperature);
        }
        if (!(finalTemperature > 0) || Double.isInfinite(finalTemperature)) {
            throw new IllegalArgumentException("finalTemperature must be positive and finite, got " + finalTemperature);
        }
        if (!(clipNorm > 0) || Double.isInfinite(clipNorm)) {
            throw new IllegalArgumentException("clipNorm must be positive and finite, got " + clipNorm);
        }
        if (sinkhorn == null) {
            throw new IllegalArgumentException("sinkhorn options must not be null");
        }
        if (loss == null) {
            throw new IllegalArgumentException("loss must not be null");
        }
        // Validates the loss settings now rather than at the first training step.
        new EnergyDistance(energyWeights, energyWindows == null ? new int[] {1} : energyWindows, energyBandwidth,
                energySwitchWeight);
        energyWeights = energyWeights == null ? null : energyWeights.clone();
        energyWindows = energyWindows == null ? null : energyWindows.clone();
    }

    /**
     * Settings that train with the debiased Sinkhorn divergence (the reference loss).
     *
     * @param epochs            passes over the training sequences
     * @param batchSize         sequences per minibatch
     * @param learningRate      Adam step size at the first step
     * @param finalLearningRate Adam step size at the last step
     * @param beta1             Adam first-moment decay
     * @param beta2             Adam second-moment decay
     * @param temperature       straight-through temperature at the first step
     * @param finalTemperature  straight-through temperature at the last step
     * @param clipNorm          global L2 norm clip
     * @param shuffle           whether to reshuffle every epoch
     * @param sinkhorn          Sinkhorn settings
     * @param seed              root seed
     */
    public TrainingOptions(int epochs, int batchSize, double learningRate, double finalLearningRate, double beta1,
                           double beta2, double temperature, double finalTemperature, double clipNorm, boolean shuffle,
                           SinkhornOptions sinkhorn, long seed) {
        this(epochs, batchSize, learningRate, finalLearningRate, beta1, beta2, temperature, finalTemperature, clipNorm,
                shuffle, sinkhorn, seed, LossKind.SINKHORN, null, null, 0, 0);
    }

    /**
     * Returns the symbol weights of the energy distance.
     *
     * @return a copy, or {@code null} for the plain one-hot embedding
     */
    @Override
    public double[] energyWeights() {
        return energyWeights == null ? null : energyWeights.clone();
    }

    /**
     * Returns the window lengths of the energy distance's embedding.
     *
     * @return a copy, or {@code null} for one-hot steps only
     */
    @Override
    public int[] energyWindows() {
        return energyWindows == null ? null : energyWindows.clone();
    }

    /**
     * Builds the loss these settings train with.
     *
     * @return the Sinkhorn divergence or the energy distance
     */
    public SequenceLoss lossFunction() {
        if (loss == LossKind.ENERGY) {
            return new EnergyDistance(energyWeights, energyWindows == null ? new int[] {1} : energyWindows,
                    energyBandwidth, energySwitchWeight);
        }
        SinkhornDivergence s = new SinkhornDivergence(sinkhorn);
        return (x, y, k, withGradient) -> {
            var r = s.betweenSequences(x, y, k, withGradient);
            return new LossResult(r.value(), r.gradient());
        };
    }

    @Override
    public String toString() {
        return "TrainingOptions[epochs=" + epochs + ", batchSize=" + batchSize + ", learningRate=" + learningRate
                + ", finalLearningRate=" + finalLearningRate + ", beta1=" + beta1 + ", beta2=" + beta2
                + ", temperature=" + temperature + ", finalTemperature=" + finalTemperature + ", clipNorm=" + clipNorm
                + ", shuffle=" + shuffle + ", sinkhorn=" + sinkhorn + ", seed=" + seed + ", loss=" + loss
                + ", energyWeights=" + Arrays.toString(energyWeights) + ", energyWindows=" + Arrays.toString(energyWindows)
                + ", energyBandwidth=" + energyBandwidth + ", energySwitchWeight=" + energySwitchWeight + "]";
    }

    /**
     * Step size at a 0-based iteration of a run with {@code totalIterations} iterations: cosine
     * annealing from {@link #learningRate()} to {@link #finalLearningRate()}.
     *
     * @param iteration       0-based iteration
     * @param totalIterations iterations of the whole run, at least 1
     * @return the step size
     */
    public double learningRateAt(int iteration, int totalIterations) {
        return cosine(learningRate, finalLearningRate, iteration, totalIterations);
    }

    /**
     * Gumbel-softmax temperature of the straight-through gradient at a 0-based iteration: cosine from
     * {@link #temperature()} to {@link #finalTemperature()}, like the step size.
     *
     * @param iteration       0-based iteration
     * @param totalIterations iterations of the whole run, at least 1
     * @return tau
     */
    public double temperatureAt(int iteration, int totalIterations) {
        return cosine(temperature, finalTemperature, iteration, totalIterations);
    }

    private static double cosine(double from, double to, int iteration, int totalIterations) {
        double progress = totalIterations <= 1 ? 0 : Math.min(1.0, iteration / (double) (totalIterations - 1));
        return to + 0.5 * (from - to) * (1 + Math.cos(Math.PI * progress));
    }
}
