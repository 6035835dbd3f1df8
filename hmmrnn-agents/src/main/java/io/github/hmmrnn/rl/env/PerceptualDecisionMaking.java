package io.github.hmmrnn.rl.env;

import java.util.SplittableRandom;

/**
 * Port of NeuroGym's PerceptualDecisionMaking-v0: fixation 100 ms, stimulus 2000 ms, delay 0,
 * decision 100 ms (22 steps). Observation [fixation, s1, s2] with s_i = 0.5 &plusmn; coh/200 plus
 * N(0, 0.1) noise during the stimulus; coherence drawn from {0, 6.4, 12.8, 25.6, 51.2}.
 */
public final class PerceptualDecisionMaking extends TrialEnv {

    /** Coherences in percent. */
    public static final double[] COHERENCES = {0, 6.4, 12.8, 25.6, 51.2};
    private static final int FIXATION = steps(100);
    private static final int STIMULUS = steps(2000);
    private static final int DECISION = steps(100);

    /**
     * Creates the task.
     *
     * @param seed trial generator seed
     */
    public PerceptualDecisionMaking(long seed) {
        super(seed);
    }

    @Override
    protected Trial newTrial(SplittableRandom random) {
        int choice = random.nextInt(2);
        double coh = COHERENCES[random.nextInt(COHERENCES.length)];
        int n = FIXATION + STIMULUS + DECISION;
        double[][] obs = new double[n][3];
        Period[] periods = new Period[n];
        for (int k = 0; k < n; k++) {
            if (k < FIXATION) {
                periods[k] = Period.FIXATION;
                obs[k][0] = 1.0;
            } else if (k < FIXATION + STIMULUS) {
                periods[k] = Period.STIMULUS;
                for (int c = 0; c < 2; c++) {
                    double mean = 0.5 + (c == choice ? 1 : -1) * coh / 200.0;
                    obs[k][1 + c] = mean + NOISE_SD * random.nextGaussian();
                }
            } else {
                periods[k] = Period.DECISION;
            }
        }
        return new Trial(obs, periods, choice + 1, coh);
    }

    @Override
    public int observationSize() {
        return 3;
    }
}
