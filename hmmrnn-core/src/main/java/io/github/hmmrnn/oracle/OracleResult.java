package io.github.hmmrnn.oracle;

import io.github.hmmrnn.metrics.PredictiveScore;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Output of {@link TwoStepOracle#predict}.
 *
 * @param choiceProbabilities   per session, [T] p(choice_t = 1 | trials &lt; t): the Bayes-optimal
 *                              causal prediction
 * @param score                 NLL and accuracy of those predictions over the scored trials
 * @param predictedPhases       per session, [T][K] p(phase_t | trials &lt; t)
 * @param smoothedPhases        per session, [T][K] p(phase_t | all trials of the session)
 * @param phaseKnownScore       NLL and accuracy of the phase-known predictor p(choice | true
 *                              phase), present when the data carry true phases
 * @param smoothedPhaseAccuracy fraction of trials where argmax of the smoothed phase posterior
 *                              equals the true phase (no relabelling: the oracle knows the
 *                              labels): the ceiling for any model's phase recovery; present when
 *                              the data carry true phases
 */
public record OracleResult(List<double[]> choiceProbabilities, PredictiveScore score,
                           List<double[][]> predictedPhases, List<double[][]> smoothedPhases,
                           Optional<PredictiveScore> phaseKnownScore, OptionalDouble smoothedPhaseAccuracy) {

    /**
     * Makes the lists unmodifiable (the arrays inside are owned by this record; do not modify).
     *
     * @param choiceProbabilities   per-session predictions
     * @param score                 predictive score
     * @param predictedPhases       per-session predictive phase distributions
     * @param smoothedPhases        per-session smoothed phase distributions
     * @param phaseKnownScore       phase-known score, if phases are known
     * @param smoothedPhaseAccuracy smoothed phase accuracy, if phases are known
     */
    public OracleResult {
        choiceProbabilities = List.copyOf(choiceProbabilities);
        predictedPhases = List.copyOf(predictedPhases);
        smoothedPhases = List.copyOf(smoothedPhases);
    }
}
