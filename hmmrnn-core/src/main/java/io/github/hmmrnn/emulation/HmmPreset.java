package io.github.hmmrnn.emulation;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The reference HMMs of the emulation study (three outputs each) and their sequence lengths.
 */
public enum HmmPreset {
    /** Two-state chain, target probability 0.05, linear emissions, T = 100. */
    TWO(100),
    /** Three-state chain, target probability 0.05, linear emissions, T = 30. */
    THREE(30),
    /** Four-state chain, target probability 0.05, linear emissions, T = 30. */
    FOUR(30),
    /** Five-state chain, target probability 0.05, linear emissions, T = 40. */
    FIVE(40),
    /** Three fully connected states (stay 0.95), triangular emissions (0.98), T = 30. */
    FULLY(30),
    /** Four states on a ring (stay 0.95) with the reference custom emissions, T = 40. */
    CYCLIC(40);

    private final int sequenceLength;

    HmmPreset(int sequenceLength) {
        this.sequenceLength = sequenceLength;
    }

    /**
     * Returns the training sequence length T of the reference study.
     *
     * @return steps per sequence
     */
    public int sequenceLength() {
        return sequenceLength;
    }

    /**
     * Builds this preset's HMM.
     *
     * @return a new immutable HMM
     */
    public EmulationHmm hmm() {
        EmulationHmm.Builder b = EmulationHmm.builder();
        switch (this) {
            case TWO, THREE, FOUR, FIVE -> {
                int m = ordinal() + 2;
                b.transitions(HmmConstructions.targetProbability(m, 0.05))
                        .emissions(HmmConstructions.linearEmissions(m));
            }
            case FULLY -> b.transitions(HmmConstructions.fullyConnected(3, 0.95))
                    .emissions(HmmConstructions.triangularEmissions(3, 0.98));
            case CYCLIC -> b.transitions(HmmConstructions.cyclicRing(4, 0.95))
                    .emissions(new double[][] {{0.9, 0.1, 0}, {0.1, 0.9, 0}, {0, 0.1, 0.9}, {0, 0.9, 0.1}});
            default -> throw new AssertionError(this);
        }
        return b.build();
    }

    /**
     * Parses a preset name, case-insensitively ({@code "two"}, {@code "Cyclic"}, ...).
     *
     * @param name preset name
     * @return the preset
     * @throws IllegalArgumentException naming the valid presets if the name is unknown
     */
    public static HmmPreset parse(String name) {
        if (name != null) {
            for (HmmPreset p : values()) {
                if (p.name().equalsIgnoreCase(name.trim())) {
                    return p;
                }
            }
        }
        throw new IllegalArgumentException("unknown preset '" + name + "'; valid presets: "
                + Arrays.stream(values()).map(p -> p.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
    }

    /**
     * Returns the lower-case name used in files and on the command line.
     *
     * @return e.g. {@code "two"}
     */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
