package io.github.hmmrnn.moa;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.hmmrnn.model.ModelSpec;
import io.github.hmmrnn.model.ModelSpecCodec;

/**
 * Reads {@link HmmMoaModel} specifications ({@link HmmMoaModel#toJson()}); a
 * {@link java.util.ServiceLoader} provider.
 */
public final class HmmMoaSpecCodec implements ModelSpecCodec {

    /** Creates the codec (for {@link java.util.ServiceLoader}). */
    public HmmMoaSpecCodec() {
    }

    @Override
    public String family() {
        return HmmMoaModel.FAMILY;
    }

    @Override
    public ModelSpec<?> read(JsonNode node) {
        return HmmMoaModel.fromJson(node);
    }
}
