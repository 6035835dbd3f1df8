package io.github.hmmrnn.rnn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.hmmrnn.model.ModelSpecs;
import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * JSON of the GRU model specifications: {@code {"family": ..., "hyperParameters": {every field of
 * RnnHyperParameters}}}, shared by {@link TinyRnnSpecCodec} and {@link HmmTinyRnnSpecCodec}.
 */
final class RnnSpecCodec {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RnnSpecCodec() {
    }

    static String toJson(String family, RnnHyperParameters hp) {
        ObjectNode n = ModelSpecs.newObject(family);
        n.set("hyperParameters", MAPPER.valueToTree(hp));
        return ModelSpecs.write(n);
    }

    static RnnHyperParameters hyperParameters(JsonNode node) {
        JsonNode hp = ModelSpecs.required(node, "hyperParameters");
        try {
            return MAPPER.treeToValue(hp, RnnHyperParameters.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            throw new IllegalArgumentException("invalid hyperParameters of a " + node.path("family").asText()
                    + " specification: " + cause.getMessage(), e);
        }
    }
}
