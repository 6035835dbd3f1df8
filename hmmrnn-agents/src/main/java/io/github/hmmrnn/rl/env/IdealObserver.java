package io.github.hmmrnn.rl.env;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Closed-form accuracy of the Bayes-optimal observer that sums the evidence of the relevant stimulus
 * channels: with k stimulus steps, mean difference 2 &middot; coh/200 per step and per-step difference noise
 * sd 0.1&radic;2, accuracy = &Phi;(k &middot; coh/100 / (0.1 &radic;(2k))). DMS is noise-limited at
 * contrast 1 and noise 0.1, so the ideal observer is essentially perfect.
 */
public final class IdealObserver {

    private static final NormalDistribution STANDARD = new NormalDistribution(null, 0, 1);

    private IdealObserver() {
    }

    /**
     * Ideal accuracy in one condition.
     *
     * @param task      task
     * @param condition coherence (PDM, CDM) or match flag (DMS)
     * @return accuracy in [0.5, 1]
     */
    public static double accuracy(Task task, double condition) {
        return switch (task) {
            case PERCEPTUAL_DECISION_MAKING -> phi(20, condition);
            case CONTEXT_DECISION_MAKING -> phi(7, condition);
            case DELAY_MATCH_SAMPLE -> 1.0;
        };
    }

    /**
     * Ideal accuracy averaged over the task's equiprobable conditions.
     *
     * @param task task
     * @return about 0.896 (PDM), 0.941 (CDM), 1.00 (DMS)
     */
    public static double accuracy(Task task) {
        double[] cohs = switch (task) {
            case PERCEPTUAL_DECISION_MAKING -> PerceptualDecisionMaking.COHERENCES;
            case CONTEXT_DECISION_MAKING -> ContextDecisionMaking.COHERENCES;
            case DELAY_MATCH_SAMPLE -> new double[] {0, 1};
        };
        double s = 0;
        for (double c : cohs) {
            s += accuracy(task, c);
        }
        return s / cohs.length;
    }

    private static double phi(int steps, double coh) {
        double mean = steps * coh / 100.0;
        double sd = TrialEnv.NOISE_SD * Math.sqrt(2.0 * steps);
        return STANDARD.cumulativeProbability(mean / sd);
    }
}
