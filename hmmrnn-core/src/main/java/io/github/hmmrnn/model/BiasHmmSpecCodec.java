package io.github.hmmrnn.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads {@link BiasHmmModel} specifications; a {@link java.util.ServiceLoader} provider.
 */
public final class BiasHmmSpecCodec implements ModelSpecCodec {

    /** Creates the codec (for {@link java.util.ServiceLoader}). */
    public BiasHmmSpecCodec() {
    }

    @Override
    public String family() {
        return BiasHmmModel.FAMILY;
    }

    @Override
    public ModelSpec<?> read(JsonNode node) {
        return BiasHmmModel.builder().states(ModelSpecs.requiredInt(node, "states"))
                .chainEvidence(ModelSpecs.requiredEnum(node, "chainEvidence", ChainEvidence.class)).build();
    }
}
