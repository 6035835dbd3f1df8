package io.github.hmmrnn.rl.dqn;

import io.github.hmmrnn.rl.env.Period;

/**
 * One greedy trial with everything needed to plot it.
 *
 * @param observations observation per step
 * @param q            Q-values per step
 * @param actions      action per step
 * @param rewards      reward per step
 * @param periods      period per step
 * @param groundTruth  correct decision
 * @param condition    condition value
 * @param performance  1 if correct
 */
public record EpisodeRecord(double[][] observations, double[][] q, int[] actions, double[] rewards,
                            Period[] periods, int groundTruth, double condition, int performance) {
}
