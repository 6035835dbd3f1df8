package io.github.hmmrnn.rl.env;

import java.util.OptionalInt;
import java.util.SplittableRandom;

/**
 * Base of NeuroGym-style trial environments: an endless stream of pre-generated trials, stepped at
 * dt = 100 ms. Rewards follow NeuroGym's defaults: a non-zero action during fixation costs
 * {@link #ABORT_REWARD} and the trial continues (abort = False); the first non-zero action in the
 * decision period ends the trial with {@link #CORRECT_REWARD} or {@link #FAIL_REWARD}; actions in
 * other periods are ignored; a trial without response ends at its last step with reward 0.
 * On the step that ends a trial the returned observation is already the next trial's first frame.
 */
public abstract class TrialEnv implements Env {

    /** Time step in milliseconds. */
    public static final double DT_MS = 100.0;
    /** Reward for breaking fixation. */
    public static final double ABORT_REWARD = -0.1;
    /** Reward for a correct decision. */
    public static final double CORRECT_REWARD = 1.0;
    /** Reward for a wrong decision. */
    public static final double FAIL_REWARD = 0.0;
    /** Observation noise standard deviation per channel per step: sigma / sqrt(dt) with sigma = 1. */
    public static final double NOISE_SD = 1.0 / Math.sqrt(DT_MS);

    private SplittableRandom rng;
    private Trial trial;
    private int t;

    /**
     * Creates the environment with its own random stream.
     *
     * @param seed seed of the trial generator
     */
    protected TrialEnv(long seed) {
        this.rng = new SplittableRandom(seed);
        this.trial = newTrial(rng);
    }

    /**
     * Draws a new trial.
     *
     * @param random the environment's random stream
     * @return the trial
     */
    protected abstract Trial newTrial(SplittableRandom random);

    /**
     * Number of steps of a duration after flooring to dt, as NeuroGym does.
     *
     * @param durationMs duration in milliseconds
     * @return whole steps
     */
    protected static int steps(double durationMs) {
        return (int) Math.floor(durationMs / DT_MS + 1e-9);
    }

    /**
     * Draws from an exponential distribution with the given mean, rejected until it lies in [min, max).
     *
     * @param random random stream
     * @param mean   mean of the untruncated exponential (ms)
     * @param min    lower bound (ms)
     * @param max    upper bound (ms)
     * @return a duration in ms
     */
    protected static double truncatedExponential(SplittableRandom random, double mean, double min, double max) {
        while (true) {
            double x = -mean * Math.log(1.0 - random.nextDouble());
            if (x >= min && x < max) {
                return x;
            }
        }
    }

    @Override
    public double[] reset(long seed) {
        rng = new SplittableRandom(seed);
        return reset();
    }

    @Override
    public double[] reset() {
        trial = newTrial(rng);
        t = 0;
        return trial.observations()[0].clone();
    }

    /**
     * The trial in progress (read-only view; do not modify its arrays).
     *
     * @return current trial
     */
    public Trial currentTrial() {
        return trial;
    }

    /**
     * Index of the next step within the current trial.
     *
     * @return step index
     */
    public int stepInTrial() {
        return t;
    }

    @Override
    public StepResult step(int action) {
        if (action < 0 || action >= actionCount()) {
            throw new IllegalArgumentException("action must be in [0, " + actionCount() + "), got " + action);
        }
        Period period = trial.periods()[t];
        int gt = period == Period.DECISION ? trial.groundTruth() : 0;
        double reward = 0.0;
        boolean ended = false;
        int performance = 0;
        if (period == Period.FIXATION) {
            if (action != 0) {
                reward += ABORT_REWARD;
            }
        } else if (period == Period.DECISION && action != 0) {
            ended = true;
            if (action == gt) {
                reward += CORRECT_REWARD;
                performance = 1;
            } else {
                reward += FAIL_REWARD;
            }
        }
        t++;
        if (!ended && t >= trial.length()) {
            ended = true;
        }
        double[] obs;
        if (ended) {
            trial = newTrial(rng);
            t = 0;
            obs = trial.observations()[0].clone();
        } else {
            obs = trial.observations()[t].clone();
        }
        StepInfo info = new StepInfo(ended, ended ? OptionalInt.of(performance) : OptionalInt.empty(), gt, period);
        return new StepResult(obs, reward, false, false, info);
    }

    @Override
    public int actionCount() {
        return 3;
    }
}
