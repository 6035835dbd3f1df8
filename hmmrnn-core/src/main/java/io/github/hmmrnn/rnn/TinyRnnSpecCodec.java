package io.github.hmmrnn.rnn;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.hmmrnn.model.ModelSpec;
import io.github.hmmrnn.model.ModelSpecCodec;

/**
 * Reads TinyRNN specifications ({@link TinyRnnModel#toJson()}); a {@link java.util.ServiceLoader} provider.
 */
public final class TinyRnnSpecCodec implements ModelSpecCodec {

    /** Creates the codec (for {@link java.util.ServiceLoader}). */
    public TinyRnnSpecCodec() {
    }

    @Override
    public String family() {
        return TinyRnnModel.FAMILY;
    }

    @Override
    public ModelSpec<?> read(JsonNode node) {
        return TinyRnnModel.of(RnnSpecCodec.hyperParameters(node.deepCopy()));
    }
}
