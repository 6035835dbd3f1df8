package io.github.hmmrnn.emulation;

import java.util.Arrays;
import java.util.Locale;

/**
 * Which distribution loss trains an emulator.
 */
public enum LossKind {

    /**
     * Debiased Sinkhorn divergence (blur 0.2, squared Euclidean cost), as the reference. Its
     * expectation over finite batches is not minimised by the data distribution: it rewards
     * under-dispersed generators (see docs/emulation.md), so a perfect emulator sits at the
     * HMM-vs-HMM floor, not at 0, and a loss below the floor is a warning sign.
     */
    SINKHORN,

    /**
     * Unbiased energy distance (MMD with the distance kernel) on symbol-weighted one-hot sequences,
     * estimated by the U-statistic ({@link EnergyDistance}). Its expectation is exactly the energy
     * distance between the two distributions for every batch size, so it is zero in expectation
     * exactly when the generator reproduces the data distribution.
     */
    ENERGY;

    /**
     * Parses a loss name, case-insensitively.
     *
     * @param name {@code sinkhorn} or {@code energy}
     * @return the loss kind
     * @throws IllegalArgumentException naming the value and the valid names
     */
    public static LossKind parse(String name) {
        if (name != null) {
            for (LossKind k : values()) {
                if (k.name().equalsIgnoreCase(name.trim())) {
                    return k;
                }
            }
        }
        throw new IllegalArgumentException("loss '" + name + "' is unknown, expected one of "
                + Arrays.stream(values()).map(LossKind::id).toList());
    }

    /**
     * Returns the lower-case name used in configurations and on the command line.
     *
     * @return the id
     */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
