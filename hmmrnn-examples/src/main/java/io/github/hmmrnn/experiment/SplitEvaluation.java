package io.github.hmmrnn.experiment;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

import io.github.hmmrnn.metrics.PredictiveScore;

/**
 * One model's causal predictions and scores on one data split.
 *
 * @param model             model label
 * @param split             split label ({@code train} or {@code test})
 * @param score             predictive NLL / accuracy over scored trials, from p(choice_t | trials &lt; t)
 * @param phaseAccuracy     permutation-invariant accuracy of the smoothed state posterior against the
 *                          true phases (empty for models without latent states or data without phases)
 * @param choiceProb1       per session [T] causal p(choice_t = 1 | trials &lt; t)
 * @param predictedPhases   per session [T][P] p(true phase j | trials &lt; t) after aligning the model's
 *                          states to the true phases, or null
 * @param smoothedPhases    per session [T][P] smoothed probabilities aligned likewise, or null
 */
public record SplitEvaluation(String model, String split, PredictiveScore score, OptionalDouble phaseAccuracy,
                              List<double[]> choiceProb1, List<double[][]> predictedPhases,
                              List<double[][]> smoothedPhases) {

    /** Checks required fields. */
    public SplitEvaluation {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(score, "score");
        Objects.requireNonNull(choiceProb1, "choiceProb1");
    }
}
