package io.github.hmmrnn.agents;

/**
 * The mutable per-session state of one agent: it reports the regressor for the next trial and
 * learns from each trial after it happened.
 *
 * <p>Life cycle: {@link Agent#start} creates a fresh memory at every session start; then for
 * each trial t, in order, the caller reads {@link #value()} (x_t, from trials &lt; t only) and
 * calls {@link #update} with trial t. Forced (unscored) trials are passed to {@link #update}
 * like any other trial. Instances are confined to one thread.
 */
public interface AgentMemory {

    /** @return x_t = Q[right] − Q[left] before the current trial; finite */
    double value();

    /**
     * Learns from the trial that just happened.
     *
     * @param choice  first-step choice, 0 = left, 1 = right
     * @param outcome second-step state / port reached, 0 or 1
     * @param reward  reward, 0 or 1 (agents that code reward as ±1 convert it themselves)
     * @param common  whether the transition was the common one
     */
    void update(int choice, int outcome, int reward, boolean common);

    /**
     * The derivative of {@link #value()} with respect to the agent's parameter {@code p}, for
     * fitting learning rates by gradient. The default returns NaN, which tells the fitter to use
     * central finite differences instead (correct, only slower).
     *
     * @param p index into {@link Agent#parameters()}
     * @return ∂x_t/∂θ_p, or NaN if not implemented
     */
    default double derivative(int p) {
        return Double.NaN;
    }
}
