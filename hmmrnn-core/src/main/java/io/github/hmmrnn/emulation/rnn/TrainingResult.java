package io.github.hmmrnn.emulation.rnn;

import java.util.List;

/**
 * Outcome of {@link EmulatorTrainer#train}.
 *
 * @param best            the emulator with the lowest validation loss (a true copy of those weights)
 * @param last            the emulator after the final epoch
 * @param trainLoss       mean training loss per epoch
 * @param validationLoss  mean validation loss per epoch (fixed validation noise)
 * @param floor           HMM-vs-HMM loss for the same batch sizes: the value a perfect
 *                        emulator reaches on average
 * @param bestEpoch       1-based epoch of {@code best}
 * @param seconds         wall-clock training time
 */
public record TrainingResult(RnnEmulator best, RnnEmulator last, List<Double> trainLoss,
                             List<Double> validationLoss, double floor, int bestEpoch, double seconds) {

    /**
     * Returns the best validation loss.
     *
     * @return validationLoss at bestEpoch
     */
    public double bestValidationLoss() {
        return validationLoss.get(bestEpoch - 1);
    }
}
