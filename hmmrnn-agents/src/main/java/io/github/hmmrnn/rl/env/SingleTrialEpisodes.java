package io.github.hmmrnn.rl.env;

/**
 * Wraps a trial environment so that one trial is one episode: the step that ends a trial reports
 * {@code terminated = true}, and the next {@link #reset()} returns the already drawn next trial's
 * first frame (the stream of trials is unchanged). Stepping after termination without reset is an error.
 */
public final class SingleTrialEpisodes implements Env {

    private final TrialEnv env;
    private double[] pendingFirstFrame;
    private boolean done;

    /**
     * Wraps an environment.
     *
     * @param env the endless trial stream
     */
    public SingleTrialEpisodes(TrialEnv env) {
        if (env == null) {
            throw new IllegalArgumentException("env must not be null");
        }
        this.env = env;
        this.done = true;
    }

    /**
     * The wrapped environment.
     *
     * @return the trial stream
     */
    public TrialEnv unwrapped() {
        return env;
    }

    @Override
    public double[] reset(long seed) {
        done = false;
        pendingFirstFrame = null;
        return env.reset(seed);
    }

    @Override
    public double[] reset() {
        done = false;
        if (pendingFirstFrame != null) {
            double[] o = pendingFirstFrame;
            pendingFirstFrame = null;
            return o;
        }
        return env.reset();
    }

    @Override
    public StepResult step(int action) {
        if (done) {
            throw new IllegalStateException("episode ended; call reset() before step()");
        }
        StepResult r = env.step(action);
        if (r.info().newTrial()) {
            done = true;
            pendingFirstFrame = r.observation();
            return new StepResult(r.observation(), r.reward(), true, false, r.info());
        }
        return r;
    }

    @Override
    public int observationSize() {
        return env.observationSize();
    }

    @Override
    public int actionCount() {
        return env.actionCount();
    }
}
