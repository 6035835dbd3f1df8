package io.github.hmmrnn.rl;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Recurrent Q-network families. */
public enum AgentKind {
    /** Multi-plasticity network: memory in synaptic modulation. */
    MPN,
    /** Gated recurrent unit baseline: memory in recurrent activity. */
    GRU;

    /**
     * Parses a name case-insensitively.
     *
     * @param name "mpn" or "gru"
     * @return the kind
     * @throws IllegalArgumentException if unknown, listing the valid names
     */
    public static AgentKind fromName(String name) {
        for (AgentKind k : values()) {
            if (k.name().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown agent '" + name + "'; valid agents: "
                + Arrays.stream(values()).map(k -> k.name().toLowerCase()).collect(Collectors.joining(", ")));
    }
}
