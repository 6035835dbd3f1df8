package io.github.hmmrnn.rl;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Controls that show where an MPN's memory lives; theory caps both ablations at 50% accuracy. */
public enum Ablation {
    /** The full model. */
    NONE,
    /** &eta; frozen at 0: M stays 0 and the network is memoryless. */
    FROZEN_PLASTICITY,
    /** Raw observations without the biased projection: at the all-zero decision input h = tanh(b). */
    NO_PROJECTION;

    /**
     * Parses "none", "frozen-plasticity" or "no-projection" (case-insensitive, '-' or '_').
     *
     * @param name the name
     * @return the ablation
     * @throws IllegalArgumentException if unknown, listing the valid names
     */
    public static Ablation fromName(String name) {
        String n = name == null ? "" : name.trim().replace('-', '_');
        for (Ablation a : values()) {
            if (a.name().equalsIgnoreCase(n)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown ablation '" + name + "'; valid ablations: "
                + Arrays.stream(values()).map(a -> a.name().toLowerCase().replace('_', '-'))
                .collect(Collectors.joining(", ")));
    }
}
