package io.github.hmmrnn.rnn;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.hmmrnn.model.ModelSpec;
import io.github.hmmrnn.model.ModelSpecCodec;

/**
 * Reads HMM-TinyRNN specifications ({@link HmmTinyRnnModel#toJson()}); a {@link java.util.ServiceLoader} provider.
 */
public final class HmmTinyRnnSpecCodec implements ModelSpecCodec {

    /** Creates the codec (for {@link java.util.ServiceLoader}). */
    public HmmTinyRnnSpecCodec() {
    }

    @Override
    public String family() {
        return HmmTinyRnnModel.FAMILY;
    }

    @Override
    public ModelSpec<?> read(JsonNode node) {
        return HmmTinyRnnModel.of(RnnSpecCodec.hyperParameters(node.deepCopy()));
    }
}
