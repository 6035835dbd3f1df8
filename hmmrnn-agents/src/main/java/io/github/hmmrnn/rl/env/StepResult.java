package io.github.hmmrnn.rl.env;

/**
 * Result of {@link Env#step(int)} in Gymnasium's five-tuple form.
 *
 * @param observation next observation (after a trial end: the first frame of the next trial)
 * @param reward      reward for the action
 * @param terminated  true when the episode ended (never for the endless NeuroGym stream; always on
 *                    trial end under {@link SingleTrialEpisodes})
 * @param truncated   true when the episode was cut by a time limit (never in these tasks)
 * @param info        trial signalling
 */
public record StepResult(double[] observation, double reward, boolean terminated, boolean truncated,
                         StepInfo info) {
}
