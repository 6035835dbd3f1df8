package io.github.hmmrnn.agents;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** An agent with some parameter declarations overridden; behaviour is the wrapped agent's. */
final class ConfiguredAgent implements Agent {

    private final Agent base;
    private final List<AgentParameter> parameters;

    /** @return the class of the agent under any parameter changes (what its name stands for) */
    static Class<?> kind(Agent agent) {
        return (agent instanceof ConfiguredAgent c ? c.base : agent).getClass();
    }

    /** @return the agent under any parameter changes (its behaviour) */
    static Agent base(Agent agent) {
        return agent instanceof ConfiguredAgent c ? c.base : agent;
    }

    private ConfiguredAgent(Agent base, List<AgentParameter> parameters) {
        this.base = base;
        this.parameters = List.copyOf(parameters);
    }

    static Agent replace(Agent agent, String parameterName, UnaryOperator<AgentParameter> change) {
        Agent base = agent instanceof ConfiguredAgent c ? c.base : agent;
        List<AgentParameter> ps = new ArrayList<>(agent.parameters());
        for (int i = 0; i < ps.size(); i++) {
            if (ps.get(i).name().equals(parameterName)) {
                ps.set(i, change.apply(ps.get(i)));
                return new ConfiguredAgent(base, ps);
            }
        }
        throw new IllegalArgumentException("agent " + agent.name() + " has no parameter '" + parameterName
                + "'; its parameters: " + agent.parameters().stream().map(AgentParameter::name).toList());
    }

    @Override
    public String name() {
        return base.name();
    }

    @Override
    public List<AgentParameter> parameters() {
        return parameters;
    }

    @Override
    public AgentMemory start(double[] parameterValues, double pCongruent) {
        return base.start(parameterValues, pCongruent);
    }

    @Override
    public String toString() {
        return base.name() + parameters;
    }
}
