package io.github.hmmrnn.agents;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A learning agent: a recipe for a per-session {@link AgentMemory} whose value x_t (computed from
 * trials &lt; t) is one regressor of a mixture-of-agents choice model.
 *
 * <p>Agents are immutable descriptions; their learnable parameters are declared by
 * {@link #parameters()} and their current values are passed to {@link #start}, so one agent can
 * be evaluated at many parameter values. A user agent takes a few lines, e.g. in JShell:
 *
 * <pre>{@code
 * Agent winStay = Agent.of("WinStay", () -> new AgentMemory() {
 *     double x;
 *     public double value() { return x; }
 *     public void update(int c, int o, int r, boolean common) { x = r == 1 ? (c == 1 ? 1 : -1) : 0; }
 * });
 * }</pre>
 */
public interface Agent {

    /** @return a unique, human-readable name (built-ins: a name {@link Agents#parse} accepts) */
    String name();

    /** @return the agent's parameters in order (learning rates etc.); empty by default */
    default List<AgentParameter> parameters() {
        return List.of();
    }

    /**
     * Starts a session.
     *
     * @param parameterValues one value per entry of {@link #parameters()}, each in [0, 1]
     * @param pCongruent      the subject's probability that a choice leads to its congruent port
     * @return a fresh memory in the agent's session-start state
     */
    AgentMemory start(double[] parameterValues, double pCongruent);

    /**
     * Returns this agent with one parameter replaced (value and whether it is fitted).
     *
     * @param parameterName name of one of {@link #parameters()}
     * @param value         new starting or fixed value
     * @param fitted        whether the fit estimates it
     * @return a configured copy
     * @throws IllegalArgumentException if the name is unknown (the message lists the valid ones)
     *                                  or the value is out of range
     */
    default Agent withParameter(String parameterName, double value, boolean fitted) {
        return ConfiguredAgent.replace(this, parameterName, p -> new AgentParameter(p.name(), value, fitted, p.prior()));
    }

    /**
     * Returns this agent with another prior on one parameter.
     *
     * @param parameterName name of one of {@link #parameters()}
     * @param prior         the Beta prior
     * @return a configured copy
     * @throws IllegalArgumentException if the name is unknown (the message lists the valid ones)
     */
    default Agent withPrior(String parameterName, BetaPrior prior) {
        Objects.requireNonNull(prior, "prior");
        return ConfiguredAgent.replace(this, parameterName, p -> new AgentParameter(p.name(), p.value(), p.fitted(), prior));
    }

    /**
     * A parameter-free user agent.
     *
     * @param name     unique agent name
     * @param sessions creates a fresh memory at every session start
     * @return the agent
     */
    static Agent of(String name, Supplier<AgentMemory> sessions) {
        Objects.requireNonNull(sessions, "sessions");
        return of(name, List.of(), (values, pCongruent) -> sessions.get());
    }

    /**
     * A user agent with parameters.
     *
     * @param name       unique agent name
     * @param parameters its parameters
     * @param start      creates a fresh memory for given parameter values and p_congruent
     * @return the agent
     */
    static Agent of(String name, List<AgentParameter> parameters, MemoryFactory start) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(start, "start");
        if (name.isBlank()) {
            throw new IllegalArgumentException("agent name must not be blank");
        }
        List<AgentParameter> ps = List.copyOf(parameters);
        return new Agent() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<AgentParameter> parameters() {
                return ps;
            }

            @Override
            public AgentMemory start(double[] parameterValues, double pCongruent) {
                return start.start(parameterValues, pCongruent);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    /** Creates a session memory from parameter values; the functional form of {@link Agent#start}. */
    @FunctionalInterface
    interface MemoryFactory {
        /**
         * @param parameterValues parameter values in declaration order
         * @param pCongruent      the subject's p_congruent
         * @return a fresh memory
         */
        AgentMemory start(double[] parameterValues, double pCongruent);
    }
}
