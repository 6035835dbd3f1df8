package io.github.hmmrnn.rnn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.model.FittedChoiceModel;
import io.github.hmmrnn.model.SavableModel;
import io.github.hmmrnn.model.TrainingHistory;

/**
 * A fitted TinyRNN. Immutable and thread-safe: every query builds its own DL4J graph from the
 * stored parameters.
 */
public final class FittedTinyRnn implements FittedChoiceModel, SavableModel {

    static final String TYPE = "TinyRnn";

    private final RnnState state;

    FittedTinyRnn(RnnState state) {
        this.state = state;
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

    /**
     * Writes the model as versioned JSON (hyper-parameters, provenance, parameters, history).
     *
     * @param path the file to write
     * @throws UncheckedIOException if writing fails
     */
    @Override
    public void save(Path path) {
        try {
            RnnModelFile.save(state, TYPE, path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }

    @Override
    public String name() {
        return "TinyRnn(H=" + state.hyperParameters.hiddenSize() + ")";
    }

    /** @return the settings of the fit */
    public RnnHyperParameters hyperParameters() {
        return state.hyperParameters;
    }

    /** @return where the model came from */
    public RnnProvenance provenance() {
        return state.provenance;
    }

    /** @return a copy of the DL4J flat parameter vector of the graph */
    public double[] networkParameters() {
        return state.parameters();
    }

    @Override
    public List<double[]> predictChoiceProbabilities(TwoStepDataset data) {
        return state.predictChoiceProbabilities(data);
    }

    @Override
    public TrainingHistory history() {
        return state.history;
    }

    @Override
    public String toString() {
        return name() + " " + state.provenance.train();
    }
}
