package io.github.hmmrnn.rl.env;

/**
 * A Gym/Gymnasium-style environment with a discrete action space and a flat real observation vector.
 * Observations are already flat {@code double[]} vectors (no dictionary spaces), so no flattening
 * wrapper is needed. Implementations are stateful and not thread-safe.
 */
public interface Env {

    /**
     * Reseeds the environment and starts a new trial.
     *
     * @param seed seed of the environment's random stream
     * @return the first observation
     */
    double[] reset(long seed);

    /**
     * Starts a new episode without reseeding.
     *
     * @return the first observation
     */
    double[] reset();

    /**
     * Applies one action.
     *
     * @param action action index in [0, {@link #actionCount()})
     * @return observation, reward, termination flags and info
     * @throws IllegalArgumentException if the action is out of range
     */
    StepResult step(int action);

    /**
     * Observation length.
     *
     * @return number of observation channels
     */
    int observationSize();

    /**
     * Number of discrete actions (0 = fixate).
     *
     * @return action count
     */
    int actionCount();
}
