package io.github.hmmrnn.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads one family of {@link ModelSpec} back from JSON. Implementations are registered as
 * {@link java.util.ServiceLoader} providers in {@code META-INF/services/io.github.hmmrnn.model.ModelSpecCodec}
 * of the module that holds the family, so the core module can read specifications of families it
 * cannot see (the agent-based ones).
 */
public interface ModelSpecCodec {

    /** @return the family key this codec reads, as in {@link ModelSpec#family()} */
    String family();

    /**
     * @param node the JSON object written by {@link ModelSpec#toJson()} of this family
     * @return an equal specification
     * @throws IllegalArgumentException if a field is missing or invalid (naming it)
     */
    ModelSpec<?> read(JsonNode node);
}
