package io.github.hmmrnn.rl.env;

import java.util.SplittableRandom;

/**
 * Port of NeuroGym's ContextDecisionMaking-v0 (v2 default: implicit context, modality 0 relevant):
 * fixation 300 ms, stimulus 750 ms (7 steps), delay truncated exponential (mean 600, in [300, 3000)),
 * decision 100 ms, so 14&ndash;40 steps. Observation [fixation, m0s1, m0s2, m1s1, m1s2]; each modality
 * shows its own random choice with a coherence from {5, 15, 50}; N(0, 0.1) noise on every channel
 * during the stimulus. The correct action is the choice shown in modality 0.
 */
public final class ContextDecisionMaking extends TrialEnv {

    /** Coherences in percent. */
    public static final double[] COHERENCES = {5, 15, 50};
    private static final int FIXATION = steps(300);
    private static final int STIMULUS = steps(750);
    private static final int DECISION = steps(100);

    /**
     * Creates the task.
     *
     * @param seed trial generator seed
     */
    public ContextDecisionMaking(long seed) {
        super(seed);
    }

    @Override
    protected Trial newTrial(SplittableRandom random) {
        int choice0 = random.nextInt(2);
        int choice1 = random.nextInt(2);
        double coh0 = COHERENCES[random.nextInt(COHERENCES.length)];
        double coh1 = COHERENCES[random.nextInt(COHERENCES.length)];
        int delay = steps(truncatedExponential(random, 600, 300, 3000));
        int n = FIXATION + STIMULUS + delay + DECISION;
        double[][] obs = new double[n][5];
        Period[] periods = new Period[n];
        for (int k = 0; k < n; k++) {
            if (k < FIXATION) {
                periods[k] = Period.FIXATION;
                obs[k][0] = 1.0;
            } else if (k < FIXATION + STIMULUS) {
                periods[k] = Period.STIMULUS;
                for (int c = 0; c < 2; c++) {
                    obs[k][1 + c] = 0.5 + (c == choice0 ? 1 : -1) * coh0 / 200.0;
                    obs[k][3 + c] = 0.5 + (c == choice1 ? 1 : -1) * coh1 / 200.0;
                }
                for (int c = 0; c < 5; c++) {
                    obs[k][c] += NOISE_SD * random.nextGaussian();
                }
            } else if (k < FIXATION + STIMULUS + delay) {
                periods[k] = Period.DELAY;
            } else {
                periods[k] = Period.DECISION;
            }
        }
        return new Trial(obs, periods, choice0 + 1, coh0);
    }

    @Override
    public int observationSize() {
        return 5;
    }
}
