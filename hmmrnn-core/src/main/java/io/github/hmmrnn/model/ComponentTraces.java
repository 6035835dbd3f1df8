package io.github.hmmrnn.model;

import java.util.List;
import java.util.Objects;

/**
 * A plot hook: per-trial values of a model's named components through each session, e.g. the
 * agent gates of a TinyMoA or the state-weighted agent weights of an HMM-MoA.
 *
 * @param id         a short identifier for file names, e.g. {@code gates}
 * @param title      what the values are, e.g. {@code agent gates}
 * @param components component names, in column order
 * @param sessions   per session [T][components]
 */
public record ComponentTraces(String id, String title, List<String> components, List<double[][]> sessions) {

    /** Checks and copies the lists. */
    public ComponentTraces {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        components = List.copyOf(components);
        sessions = List.copyOf(sessions);
    }
}
