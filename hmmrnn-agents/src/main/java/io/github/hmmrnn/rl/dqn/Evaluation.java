package io.github.hmmrnn.rl.dqn;

import java.util.SortedMap;

/**
 * Greedy evaluation on fresh trials.
 *
 * @param trials            number of trials
 * @param accuracy          fraction answered correctly
 * @param accuracyByCondition accuracy per condition value (coherence, or match flag for DMS)
 * @param countByCondition  trials per condition value
 * @param fixationBreakRate fraction of trials with at least one non-zero action during fixation
 * @param noResponseRate    fraction of trials that timed out without a response
 * @param envSteps          environment steps used
 */
public record Evaluation(int trials, double accuracy, SortedMap<Double, Double> accuracyByCondition,
                         SortedMap<Double, Integer> countByCondition, double fixationBreakRate,
                         double noResponseRate, long envSteps) {

    /**
     * Binomial standard error of the accuracy.
     *
     * @return sqrt(p (1 - p) / n)
     */
    public double standardError() {
        return Math.sqrt(accuracy * (1 - accuracy) / trials);
    }
}
