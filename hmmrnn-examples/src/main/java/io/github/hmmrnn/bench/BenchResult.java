package io.github.hmmrnn.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Collections;

/**
 * One benchmark figure, printed by {@code ./hmmrnn bench --json} as one JSON object per line.
 *
 * @param name       what was measured, e.g. {@code hmm.forwardBackward.B64.T400.K2}
 * @param value      the figure
 * @param unit       its unit, e.g. {@code ms}, {@code s}, {@code steps/s}
 * @param parameters the settings it was measured under (sizes, threads, repetitions)
 */
public record BenchResult(String name, double value, String unit, Map<String, Object> parameters) {

    /** Copies the parameters, keeping their order. */
    public BenchResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }
}
