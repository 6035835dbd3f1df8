package io.github.hmmrnn.emulation.experiment;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Size of an emulation experiment.
 */
public enum ExperimentScale {
    /** The reference study: 30k sequences, batch 4096, hidden 150, input 100 (large machines). */
    PAPER,
    /** A reduced configuration that trains in minutes on a laptop-class CPU. */
    CPU;

    /**
     * Parses a scale name case-insensitively.
     *
     * @param name "paper" or "cpu"
     * @return the scale
     * @throws IllegalArgumentException listing the valid names if unknown
     */
    public static ExperimentScale parse(String name) {
        for (ExperimentScale s : values()) {
            if (s.name().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown scale '" + name + "'; valid scales: "
                + Arrays.stream(values()).map(s -> s.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
    }

    /**
     * Returns the lower-case key used in JSON files.
     *
     * @return e.g. "cpu"
     */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
