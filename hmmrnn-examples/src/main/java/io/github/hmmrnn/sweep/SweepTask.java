package io.github.hmmrnn.sweep;

import java.util.Objects;

import io.github.hmmrnn.data.InnerValidation;
import io.github.hmmrnn.data.SplitMethod;
import io.github.hmmrnn.model.ModelSpec;

/**
 * One independent fit of a sweep: a model specification (held once per label by the
 * {@link SweepPlan}) cross-validated on one fold of one subject's sessions. Everything the fit
 * depends on is here or in the plan, the seed included, so a task gives the same result wherever
 * and however often it runs.
 *
 * @param index     position in the plan, from 0 (the result file's name and the array index)
 * @param subject   subject whose sessions are split into folds
 * @param label     the row label of the gathered tables (the model's name, with the seed when a
 *                  plan has several seeds), and the key of its specification in
 *                  {@link SweepPlan#models()}
 * @param seed      the model's seed; equals the specification's {@link ModelSpec#seed()}
 *                  (checked by {@link PlanData#of} before any work)
 * @param folds     number of session folds, at least 2
 * @param fold      the held-out fold, in [0, folds)
 * @param split     how sessions are dealt to folds
 * @param splitSeed fold-assignment seed ({@link SplitMethod#RANDOM} only)
 * @param inner     what a model with early stopping holds out of the training fold
 */
public record SweepTask(int index, String subject, String label, long seed, int folds, int fold,
                        SplitMethod split, long splitSeed, InnerValidation inner) {

    /**
     * Validates the task.
     *
     * @throws IllegalArgumentException if the index is negative or the fold is outside [0, folds)
     */
    public SweepTask {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(inner, "inner");
        if (index < 0) {
            throw new IllegalArgumentException("task index must be >= 0, got " + index);
        }
        if (folds < 2 || fold < 0 || fold >= folds) {
            throw new IllegalArgumentException("task " + index + ": fold must be in [0, folds) with folds >= 2, got fold "
                    + fold + " of " + folds);
        }
    }

    /** @return "subject S, model L, fold F": how a failure names the task */
    public String describe() {
        return "task " + index + " (subject " + subject + ", model " + label + ", fold " + fold + " of " + folds + ")";
    }
}
