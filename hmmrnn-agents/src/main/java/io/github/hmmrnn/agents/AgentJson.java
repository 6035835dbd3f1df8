package io.github.hmmrnn.agents;

import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
}
