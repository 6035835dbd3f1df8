package io.github.hmmrnn.agents;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How agents are written into saved model files: by name, with every parameter's value, whether it
 * was fitted, and its Beta prior, so that loading rebuilds exactly the same agents.
 */
public final class AgentJson {

    private AgentJson() {
    }

    /**
     * Writes one agent into {@code node}: {@code name} and {@code parameters}.
     *
     * @param node  the JSON object to fill
     * @param agent the agent
     */
    public static void write(ObjectNode node, Agent agent) {
        node.put("name", agent.name());
        ArrayNode ps = node.putArray("parameters");
        for (AgentParameter p : agent.parameters()) {
            ObjectNode pn = ps.addObject();
            pn.put("name", p.name());
            pn.put("value", p.value());
            pn.put("fitted", p.fitted());
            pn.put("priorA", p.prior().a());
            pn.put("priorB", p.prior().b());
        }
    }

    /**
     * Rebuilds an agent written by {@link #write}.
     *
     * @param node     the agent's JSON object
     * @param resolver agent name to a new agent with default parameters (e.g. {@link Agents#parse})
     * @return the agent with its saved parameter values and priors
     * @throws IllegalArgumentException if the name is unknown to the resolver or a field is missing
     */
    public static Agent read(JsonNode node, Function<String, Agent> resolver) {
        if (!node.hasNonNull("name") || !node.has("parameters")) {
            throw new IllegalArgumentException("agent entry needs 'name' and 'parameters', got " + node);
        }
        Agent a = resolver.apply(node.get("name").asText());
        for (JsonNode pn : node.get("parameters")) {
            String pname = pn.get("name").asText();
            a = a.withParameter(pname, pn.get("value").asDouble(), pn.get("fitted").asBoolean());
            a = a.withPrior(pname, new BetaPrior(pn.get("priorA").asDouble(), pn.get("priorB").asDouble()));
        }
        return a;
    }

    /**
     * Writes agents that {@link Agents#parse} can rebuild, for a model specification's JSON.
     *
     * @param array the JSON array to fill, one object per agent
     * @param agents the agents
     * @throws IllegalArgumentException if an agent's name is unknown to {@link Agents#parse}, or
     *                                  the agent that name gives is of another kind (a custom agent
     *                                  cannot be shipped as JSON)
     */
    public static void writeNamed(ArrayNode array, List<Agent> agents) {
        for (Agent a : agents) {
            ObjectNode n = array.addObject();
            write(n, a);
            Agent back;
            try {
                back = read(n, Agents::parse);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("agent '" + a.name() + "' cannot be written by name: "
                        + e.getMessage() + "; only agents that Agents.parse knows can be shipped as JSON", e);
            }
            if (!describe(back).equals(describe(a))) {
                throw new IllegalArgumentException("agent '" + a.name() + "' (" + ConfiguredAgent.kind(a).getSimpleName()
                        + ") cannot be written by name: Agents.parse gives a different agent ("
                        + ConfiguredAgent.kind(back).getSimpleName() + ") under that name");
            }
        }
    }

    /**
     * Reads agents written by {@link #writeNamed}.
     *
     * @param array the JSON array
     * @return the agents, with their saved parameter values and priors
     * @throws IllegalArgumentException if an entry is invalid or a name unknown
     */
    public static List<Agent> readNamed(JsonNode array) {
        if (array == null || !array.isArray()) {
            throw new IllegalArgumentException("agents must be a JSON array, got " + array);
        }
        List<Agent> out = new ArrayList<>();
        for (JsonNode n : array) {
            out.add(read(n, Agents::parse));
        }
        return out;
    }

    /**
     * @param agent an agent
     * @return its name, parameter values, fitted flags and priors as JSON: equal for agents that
     *         compute the same regressors (used for value equality of specifications)
     */
    public static JsonNode describe(Agent agent) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        write(n, agent);
        n.put("kind", ConfiguredAgent.kind(agent).getName());
        return n;
    }
}
