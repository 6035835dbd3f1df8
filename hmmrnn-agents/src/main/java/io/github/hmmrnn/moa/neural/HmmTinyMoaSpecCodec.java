package io.github.hmmrnn.moa.neural;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.hmmrnn.model.ModelSpec;
import io.github.hmmrnn.model.ModelSpecCodec;

/**
 * Reads HMM-TinyMoA specifications ({@link HmmTinyMoaModel#toJson()}); a {@link java.util.ServiceLoader} provider.
 */
public final class HmmTinyMoaSpecCodec implements ModelSpecCodec {

    /** Creates the codec (for {@link java.util.ServiceLoader}). */
    public HmmTinyMoaSpecCodec() {
    }

    @Override
    public String family() {
        return HmmTinyMoaModel.FAMILY;
    }

    @Override
    public ModelSpec<?> read(JsonNode node) {
        return HmmTinyMoaModel.fromJson(node);
    }
}
