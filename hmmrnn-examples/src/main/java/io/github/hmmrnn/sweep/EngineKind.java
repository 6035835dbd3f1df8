package io.github.hmmrnn.sweep;

import java.util.Arrays;
import java.util.Locale;

/** Where a plan's tasks run. */
public enum EngineKind {
    /** A thread pool in this process (the default). */
    LOCAL,
    /** One task per process, for scheduler job arrays; {@code gather} builds the tables afterwards. */
    ARRAY,
    /** Apache Spark: embedded {@code local[N]}, a {@code spark://} master, or under {@code spark-submit}. */
    SPARK;

    /** @return the command-line name, e.g. {@code spark} */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param name a command-line name, any case
     * @return the engine
     * @throws IllegalArgumentException if it names none (the valid names are listed)
     */
    public static EngineKind parse(String name) {
        for (EngineKind k : values()) {
            if (k.cliName().equalsIgnoreCase(name.trim())) {
                return k;
            }
        }
        throw new IllegalArgumentException("--engine must be one of "
                + Arrays.stream(values()).map(EngineKind::cliName).toList() + ", got '" + name + "'");
    }
}
