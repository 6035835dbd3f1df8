package io.github.hmmrnn.model;

import java.util.List;
import java.util.Objects;

/**
 * What happened during a fit, one entry per epoch (neural models) or EM iteration.
 *
 * @param entries   the entries in order
 * @param converged whether the stopping criterion (tolerance / early stopping) was met, as
 *                  opposed to running out of iterations
 * @param seconds   wall-clock fit time in seconds
 */
public record TrainingHistory(List<Entry> entries, boolean converged, double seconds) {

    /**
     * One epoch / iteration.
     *
     * @param iteration         0-based epoch or iteration number
     * @param trainLoss         training objective per scored trial (negative log marginal
     *                          likelihood per trial, nats, plus any prior/penalty terms)
     * @param validationLoss    held-out predictive NLL per scored trial in nats, or NaN when no
     *                          validation data was given
     */
    public record Entry(int iteration, double trainLoss, double validationLoss) {
    }

    /** Copies the list. */
    public TrainingHistory {
        entries = List.copyOf(Objects.requireNonNull(entries, "entries"));
    }
}
