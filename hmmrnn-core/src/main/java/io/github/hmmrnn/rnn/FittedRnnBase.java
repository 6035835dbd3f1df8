package io.github.hmmrnn.rnn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.model.FittedChoiceModel;
import io.github.hmmrnn.model.Provenance;
import io.github.hmmrnn.model.SavableModel;
import io.github.hmmrnn.model.TrainingHistory;

/**
 * What both fitted GRU models share: the stored state, its save format, provenance and causal
 * choice predictions. Immutable and thread-safe: every query builds its own DL4J graph.
 */
abstract class FittedRnnBase implements FittedChoiceModel, SavableModel {

    final RnnState state;
    private final String type;

    FittedRnnBase(RnnState state, String type) {
        this.state = state;
        this.type = type;
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
            RnnModelFile.save(state, type, path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }

    /** @return the settings of the fit */
    public RnnHyperParameters hyperParameters() {
        return state.hyperParameters;
    }

    @Override
    public Provenance provenance() {
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
