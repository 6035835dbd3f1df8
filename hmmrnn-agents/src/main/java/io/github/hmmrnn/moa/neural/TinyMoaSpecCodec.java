package io.github.hmmrnn.moa.neural;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.hmmrnn.model.ModelSpec;
import io.github.hmmrnn.model.ModelSpecCodec;

/**
 * Reads TinyMoA specifications ({@link TinyMoaRnnModel#toJson()}); a {@link java.util.ServiceLoader} provider.
 */
public final class TinyMoaSpecCodec implements ModelSpecCodec {

    /** Creates the codec (for {@link java.util.ServiceLoader}). */
    public TinyMoaSpecCodec() {
    }

    @Override
    public String family() {
        return TinyMoaRnnModel.FAMILY;
    }

    @Override
    public ModelSpec<?> read(JsonNode node) {
        return TinyMoaRnnModel.fromJson(node);
    }
}
