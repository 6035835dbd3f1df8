package io.github.hmmrnn.moa.neural;

import io.github.hmmrnn.agents.Agent;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.model.FittedChoiceModel;
import io.github.hmmrnn.model.Provenance;
import io.github.hmmrnn.model.SavableModel;
import io.github.hmmrnn.model.TrainingHistory;
import io.github.hmmrnn.rnn.GruGraph;
import io.github.hmmrnn.model.ComponentTraces;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Objects;
import java.util.Arrays;

/**
 * A fitted {@link TinyMoaRnnModel}: immutable; predictions are causal (trial t uses trials &lt; t).
 */
public final class FittedTinyMoaRnn implements FittedChoiceModel, SavableModel {

    private final int hiddenSize;
    private final List<Agent> agents;
    private final double[] theta;
    private final TrainingHistory history;
    private final Provenance provenance;

    /** A model made from given parameters (no fit): its provenance records software and time only. */
    FittedTinyMoaRnn(int hiddenSize, List<Agent> agents, double[] theta, TrainingHistory history) {
        this(hiddenSize, agents, theta, history, Provenance.ofGivenParameters(TinyMoaFiles.BACKEND));
    }

    FittedTinyMoaRnn(int hiddenSize, List<Agent> agents, double[] theta, TrainingHistory history,
                     Provenance provenance) {
        this.hiddenSize = hiddenSize;
        this.agents = List.copyOf(agents);
        this.theta = theta.clone();
        this.history = history;
        this.provenance = Objects.requireNonNull(provenance, "provenance");
    }

    @Override
    public Provenance provenance() {
        return provenance;
    }

    @Override
    public FittedTinyMoaRnn withProvenance(Provenance other) {
        return new FittedTinyMoaRnn(hiddenSize, agents, theta, history, other);
    }

    @Override
    public String name() {
        return "TinyMoaRnn(H=" + hiddenSize + ",A=" + agents.size() + ")";
    }

    /** @return the agents, in gate order */
    public List<Agent> agents() {
        return agents;
    }

    /** @return the GRU size H */
    public int hiddenSize() {
        return hiddenSize;
    }

    /** @return a copy of all fitted parameters, [GRU parameters | W_g [A][H] | c [A] | w [A] | b] */
    public double[] parameters() {
        return theta.clone();
    }

    /** @return a copy of the per-agent weights w_a, in agent order */
    public double[] agentWeights() {
        MixtureObjective o = objective();
        double[] w = new double[agents.size()];
        System.arraycopy(theta, o.headOffset() + o.head().weightOffset(), w, 0, w.length);
        return w;
    }

    /** @return the choice bias b */
    public double bias() {
        MixtureObjective o = objective();
        return theta[o.headOffset() + o.head().biasOffset()];
    }

    private MixtureObjective objective() {
        return new MixtureObjective(new GruGraph(EncodedSessions.INPUT_WIDTH, hiddenSize, 0L), hiddenSize,
                agents.size());
    }

    @Override
    public List<double[]> predictChoiceProbabilities(TwoStepDataset data) {
        Objects.requireNonNull(data, "data");
        EncodedSessions d = new EncodedSessions(data, agents);
        double[][] p = objective().probabilities(theta, d);
        List<double[]> out = new ArrayList<>(d.batch);
        for (int b = 0; b < d.batch; b++) {
            out.add(Arrays.copyOf(p[b], d.lengths[b]));
        }
        return out;
    }

    /**
     * The gates of every trial.
     *
     * @param data sessions
     * @return one [T][A] array per session: g_{t,a}, computed from trials &lt; t
     * @throws NullPointerException if data is null
     */
    public List<double[][]> gates(TwoStepDataset data) {
        Objects.requireNonNull(data, "data");
        EncodedSessions d = new EncodedSessions(data, agents);
        double[][][] g = new double[d.batch][d.steps][];
        objective().probabilitiesAndGates(theta, d, g);
        List<double[][]> out = new ArrayList<>(d.batch);
        for (int b = 0; b < d.batch; b++) {
            out.add(Arrays.copyOf(g[b], d.lengths[b]));
        }
        return out;
    }

    /**
     * Mean NLL of the scored trials.
     *
     * @param data sessions with at least one scored trial
     * @return the NLL in nats per scored trial
     * @throws IllegalArgumentException if there is no scored trial
     */
    public double negativeLogLikelihood(TwoStepDataset data) {
        Objects.requireNonNull(data, "data");
        if (data.numScored() == 0) {
            throw new IllegalArgumentException("data must contain at least one scored trial, got 0");
        }
        return objective().loss(theta, new EncodedSessions(data, agents), null);
    }

    /**
     * Plot hook: the agent gates through each session ({@link #gates}).
     *
     * @param data sessions
     * @return the gates
     */
    @Override
    public Optional<ComponentTraces> componentTraces(TwoStepDataset data) {
        return Optional.of(new ComponentTraces("gates", "agent gates", agents.stream().map(Agent::name).toList(), gates(data)));
    }

    @Override
    public TrainingHistory history() {
        return history;
    }

    /**
     * Saves the model (versioned JSON: hidden size, agents, parameters, history).
     *
     * @param file destination
     * @throws java.io.UncheckedIOException if writing fails
     */
    @Override
    public void save(Path file) {
        TinyMoaFiles.write(file, new TinyMoaFiles.Content("tinymoa", 1, hiddenSize, agents, theta, null, null, history,
                provenance));
    }

    /**
     * Loads a model written by {@link #save}; it predicts bit-identically.
     *
     * @param file the JSON file
     * @return the model
     * @throws IllegalArgumentException if the file is of another format, version or model kind
     * @throws java.io.UncheckedIOException if reading fails
     */
    public static FittedTinyMoaRnn load(Path file) {
        TinyMoaFiles.Content c = TinyMoaFiles.read(file, "tinymoa");
        return new FittedTinyMoaRnn(c.hiddenSize(), c.agents(), c.theta(), c.history(), c.provenance());
    }

    @Override
    public String toString() {
        return name();
    }
}
