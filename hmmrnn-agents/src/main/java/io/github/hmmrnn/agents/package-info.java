/**
 * Learning agents for the two-step task: each agent turns the trials of a session into one
 * regressor x_t (a value difference computed from trials &lt; t only) that a mixture-of-agents
 * model weights and sums into a choice logit.
 *
 * <p>Sign convention: x_t = Q[right] − Q[left] (choice 1 minus choice 0), so a positive weight
 * β on an agent makes the choice its values favour more likely. For the value agents this gives
 * the same β as MixtureAgentsModels (Julia), whose x = Q[left] − Q[right] predicts y = left;
 * for the constant {@code Bias}/{@code Intercept} regressors β here = −β there.
 *
 * <p>Entry points: {@link io.github.hmmrnn.agents.Agents} (the catalogue and a name parser),
 * {@link io.github.hmmrnn.agents.AgentPreset} (named agent sets), {@link
 * io.github.hmmrnn.agents.Agent#of} (a user agent in a few lines) and {@link
 * io.github.hmmrnn.agents.AgentRegressors} (the regressors and their learning-rate derivatives).
 *
 * <p>References: Venditto, Miller, Brody &amp; Daw, "Dynamic reinforcement learning reveals
 * time-dependent shifts in strategy during reward learning", eLife reviewed preprint 97612 (2024);
 * Miller, Botvinick &amp; Brody, "Dorsal hippocampus contributes to model-based planning",
 * Nat. Neurosci. 20 (2017).
 */
package io.github.hmmrnn.agents;
