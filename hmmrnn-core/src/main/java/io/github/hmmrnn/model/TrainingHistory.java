package io.github.hmmrnn.model;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What happened during a fit, one entry per epoch (neural models) or EM iteration, with one
 * meaning for every model: {@link Entry#trainChoiceNll} is always the choice NLL per scored
 * training trial, so histories of different models can share one plot.
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
     * @param iteration           0-based epoch or iteration number
     * @param trainChoiceNll      −Σ log p(choice_t | trials &lt; t) / N over the N scored training
     *                            trials, in nats (the causal choice NLL: for an HMM whose chain
     *                            emits choices only, −log p(choices) / N)
     * @param validationChoiceNll the same on the validation set, when the fit had one
     * @param objective           the quantity the fit minimises, per scored training trial, when it
     *                            is not {@code trainChoiceNll}: −log p(choices, outcomes)/N for a
     *                            chain that also emits outcomes, and −log posterior / N for an EM
     *                            fit with priors (HMM-MoA)
     */
    public record Entry(int iteration, double trainChoiceNll, @JsonIgnore OptionalDouble validationChoiceNll,
                        @JsonIgnore OptionalDouble objective) {

        /** Checks the optionals are present objects. */
        public Entry {
            Objects.requireNonNull(validationChoiceNll, "validationChoiceNll");
            Objects.requireNonNull(objective, "objective");
        }

        /**
         * Reads an entry from a saved model file: absent optionals are JSON null; files written
         * before the optionals existed name the fields {@code trainLoss} and {@code validationLoss}
         * (NaN for none).
         *
         * @param iteration         epoch or iteration
         * @param trainChoiceNll    training choice NLL
         * @param validation        validation choice NLL or null
         * @param objective         objective or null
         * @param legacyTrain       the older name of the training loss, or null
         * @param legacyValidation  the older name of the validation loss (NaN for none), or null
         * @return the entry
         */
        @JsonCreator
        static Entry fromJson(@JsonProperty("iteration") int iteration,
                              @JsonProperty("trainChoiceNll") Double trainChoiceNll,
                              @JsonProperty("validationChoiceNll") Double validation,
                              @JsonProperty("objective") Double objective,
                              @JsonProperty("trainLoss") Double legacyTrain,
                              @JsonProperty("validationLoss") Double legacyValidation) {
            Double train = trainChoiceNll != null ? trainChoiceNll : legacyTrain;
            if (train == null) {
                throw new IllegalArgumentException("history entry " + iteration + " lacks trainChoiceNll");
            }
            Double val = validation != null ? validation : legacyValidation;
            return new Entry(iteration, train, optional(val), optional(objective));
        }

        private static OptionalDouble optional(Double v) {
            return v == null || v.isNaN() ? OptionalDouble.empty() : OptionalDouble.of(v);
        }

        /** @return the validation choice NLL for JSON, null when absent */
        @JsonProperty("validationChoiceNll")
        Double validationForJson() {
            return validationChoiceNll.isPresent() ? validationChoiceNll.getAsDouble() : null;
        }

        /** @return the objective for JSON, null when absent */
        @JsonProperty("objective")
        Double objectiveForJson() {
            return objective.isPresent() ? objective.getAsDouble() : null;
        }

        /**
         * An entry with a validation score and no separate objective.
         *
         * @param iteration           epoch
         * @param trainChoiceNll      training choice NLL per scored trial
         * @param validationChoiceNll validation choice NLL per scored trial
         * @return the entry
         */
        public static Entry withValidation(int iteration, double trainChoiceNll, double validationChoiceNll) {
            return new Entry(iteration, trainChoiceNll, OptionalDouble.of(validationChoiceNll), OptionalDouble.empty());
        }

        /**
         * An entry without validation data and no separate objective.
         *
         * @param iteration      epoch or iteration
         * @param trainChoiceNll training choice NLL per scored trial
         * @return the entry
         */
        public static Entry trainOnly(int iteration, double trainChoiceNll) {
            return new Entry(iteration, trainChoiceNll, OptionalDouble.empty(), OptionalDouble.empty());
        }
    }

    /** Copies the list. */
    public TrainingHistory {
        entries = List.copyOf(Objects.requireNonNull(entries, "entries"));
    }

    /** @return whether any entry has a validation score */
    public boolean hasValidation() {
        return entries.stream().anyMatch(e -> e.validationChoiceNll().isPresent());
    }

    /** @return whether any entry has a separate objective */
    public boolean hasObjective() {
        return entries.stream().anyMatch(e -> e.objective().isPresent());
    }
}
