package io.github.hmmrnn.rl.env;

import java.util.SplittableRandom;

/**
 * Port of NeuroGym's DelayMatchSample-v0: fixation 300, sample 500, delay 1000, test 500, decision 900 ms
 * (32 steps). Observation [fixation, s1, s2]; sample and test are [1, 0] or [0, 1] plus N(0, 0.1)
 * noise (none in the delay). Action 1 = match, 2 = non-match; the decision period lasts 9 steps.
 */
public final class DelayMatchSample extends TrialEnv {

    private static final int FIXATION = steps(300);
    private static final int SAMPLE = steps(500);
    private static final int DELAY = steps(1000);
    private static final int TEST = steps(500);
    private static final int DECISION = steps(900);

    /**
     * Creates the task.
     *
     * @param seed trial generator seed
     */
    public DelayMatchSample(long seed) {
        super(seed);
    }

    @Override
    protected Trial newTrial(SplittableRandom random) {
        int match = random.nextInt(2);
        int sample = random.nextInt(2);
        int test = match == 1 ? sample : 1 - sample;
        int n = FIXATION + SAMPLE + DELAY + TEST + DECISION;
        double[][] obs = new double[n][3];
        Period[] periods = new Period[n];
        for (int k = 0; k < n; k++) {
            if (k < FIXATION) {
                periods[k] = Period.FIXATION;
                obs[k][0] = 1.0;
            } else if (k < FIXATION + SAMPLE) {
                periods[k] = Period.SAMPLE;
                stimulus(obs[k], sample, random);
            } else if (k < FIXATION + SAMPLE + DELAY) {
                periods[k] = Period.DELAY;
            } else if (k < FIXATION + SAMPLE + DELAY + TEST) {
                periods[k] = Period.TEST;
                stimulus(obs[k], test, random);
            } else {
                periods[k] = Period.DECISION;
            }
        }
        return new Trial(obs, periods, match == 1 ? 1 : 2, match);
    }

    private static void stimulus(double[] o, int which, SplittableRandom random) {
        for (int c = 0; c < 2; c++) {
            o[1 + c] = (c == which ? 1.0 : 0.0) + NOISE_SD * random.nextGaussian();
        }
    }

    @Override
    public int observationSize() {
        return 3;
    }
}
