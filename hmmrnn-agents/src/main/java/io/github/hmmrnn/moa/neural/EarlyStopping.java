package io.github.hmmrnn.moa.neural;

import io.github.hmmrnn.model.TrainingHistory;
import org.slf4j.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The per-epoch bookkeeping both neural-mixture trainers share: the training history, the
 * divergence check, and early stopping on the validation loss. The caller keeps its own copy of
 * the best parameters whenever {@link #record} reports an improvement.
 */
final class EarlyStopping {

    private final String model;
    private final Logger log;
    private final int patience;
    private final double learningRate;
    private final List<TrainingHistory.Entry> entries = new ArrayList<>();
    private double bestValidation;
    private int sinceBest;
    private boolean stopped;

    /**
     * @param model             the model's name in log lines and messages
     * @param log               the trainer's logger, so epoch lines keep the model's log category
     * @param patience          epochs without improvement before stopping
     * @param learningRate      the learning rate, named in the divergence message as the thing to lower
     * @param initialValidation the validation loss before the first epoch
     */
    EarlyStopping(String model, Logger log, int patience, double learningRate, double initialValidation) {
        this.model = model;
        this.log = log;
        this.patience = patience;
        this.learningRate = learningRate;
        this.bestValidation = initialValidation;
    }

    /**
     * Records one finished epoch.
     *
     * @return whether the validation loss beat the best so far (strictly)
     * @throws IllegalStateException if a loss is not finite
     */
    boolean record(int epoch, double trainLoss, double validationLoss) {
        return record(epoch, trainLoss, validationLoss, OptionalDouble.empty());
    }

    /**
     * Records one finished epoch of a fit whose objective is not the choice NLL.
     *
     * @param objective the epoch's training objective per scored trial (e.g. −log p(choices, outcomes)/N)
     * @return whether the validation loss beat the best so far (strictly)
     * @throws IllegalStateException if a loss is not finite
     */
    boolean record(int epoch, double trainLoss, double validationLoss, OptionalDouble objective) {
        if (!Double.isFinite(trainLoss) || !Double.isFinite(validationLoss)) {
            throw new IllegalStateException(model + " training diverged at epoch " + epoch + ": train NLL "
                    + trainLoss + ", validation NLL " + validationLoss + "; lower learningRate (" + learningRate + ")");
        }
        entries.add(new TrainingHistory.Entry(epoch, trainLoss, OptionalDouble.of(validationLoss), objective));
        log.debug("{} epoch {}: train NLL {} validation NLL {}", model, epoch, trainLoss, validationLoss);
        if (validationLoss < bestValidation) {
            bestValidation = validationLoss;
            sinceBest = 0;
            return true;
        }
        stopped = ++sinceBest >= patience;
        return false;
    }

    /** @return whether {@code patience} epochs have passed without improvement */
    boolean stopped() {
        return stopped;
    }

    /** @return the best validation loss so far, the initial one included */
    double bestValidation() {
        return bestValidation;
    }

    /** @return the number of epochs recorded */
    int epochs() {
        return entries.size();
    }

    /** @return the history so far; converged means stopped early */
    TrainingHistory history(double seconds) {
        return new TrainingHistory(entries, stopped, seconds);
    }
}
