/**
 * Gym-style trial-based environments: Java ports of NeuroGym's PerceptualDecisionMaking,
 * ContextDecisionMaking (implicit context) and DelayMatchSample at dt = 100 ms.
 *
 * <p>Pinned conventions (documented once here, applied to all tasks): the fixation cue is on only
 * during the fixation period (NeuroGym &ge; 2.1 for PDM/CDM; applied to DMS too, so the decision-period
 * observation is all zeros in every task); durations are floored to multiples of dt;
 * {@code reset(seed)} reseeds the environment (Gymnasium semantics) and, unlike NeuroGym, takes no
 * silent random step, so every trial starts at its first fixation frame.
 */
package io.github.hmmrnn.rl.env;
