package io.github.hmmrnn.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Collections;

/**
 * A plot hook: a group of fitted parameters to draw as grouped bars, e.g. the agent weights β per
 * state of an HMM-MoA.
 *
 * @param id         a short identifier for file names, e.g. {@code weights}
 * @param title      chart title, e.g. {@code agent weights β per state}
 * @param axis       value axis label, e.g. {@code β}
 * @param categories bar categories, e.g. agent names
 * @param series     one value per category for each named series (e.g. {@code state 0}), in order
 */
public record ParameterBars(String id, String title, String axis, List<String> categories, Map<String, double[]> series) {

    /** Checks and copies the fields. */
    public ParameterBars {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(axis, "axis");
        categories = List.copyOf(categories);
        series = Collections.unmodifiableMap(new LinkedHashMap<>(series));
    }
}
