package io.github.hmmrnn.rl.env;

import java.util.OptionalInt;

/**
 * Auxiliary information of one step, as NeuroGym's {@code info} dictionary.
 *
 * @param newTrial    true on the step that ends a trial (response in the decision period or timeout)
 * @param performance present only when {@code newTrial}: 1 if the trial was answered correctly, else 0
 * @param groundTruth the correct action at this step (0 = fixate outside the decision period)
 * @param period      the period in which the action was taken
 */
public record StepInfo(boolean newTrial, OptionalInt performance, int groundTruth, Period period) {
}
