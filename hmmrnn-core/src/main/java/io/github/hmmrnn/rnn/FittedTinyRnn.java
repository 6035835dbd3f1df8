package io.github.hmmrnn.rnn;

import java.io.IOException;
import java.nio.file.Path;

import io.github.hmmrnn.model.Provenance;

/**
 * A fitted TinyRNN. Immutable and thread-safe: every query builds its own DL4J graph from the
 * stored parameters.
 */
public final class FittedTinyRnn extends FittedRnnBase {

    static final String TYPE = "TinyRnn";

    FittedTinyRnn(RnnState state) {
        super(state, TYPE);
    }

    /**
     * Loads a model written by {@link #save(Path)}.
     *
     * @param path the file
     * @return the model
     * @throws IOException              if the file cannot be read or parsed
     * @throws IllegalArgumentException if its format version is unknown or it holds another model
     *                                  type
     */
    public static FittedTinyRnn load(Path path) throws IOException {
        return new FittedTinyRnn(RnnModelFile.load(path, TYPE));
    }

    @Override
    public FittedTinyRnn withProvenance(Provenance provenance) {
        return new FittedTinyRnn(state.withProvenance(provenance));
    }

    @Override
    public String name() {
        return "TinyRnn(H=" + state.hyperParameters.hiddenSize() + ")";
    }
}
