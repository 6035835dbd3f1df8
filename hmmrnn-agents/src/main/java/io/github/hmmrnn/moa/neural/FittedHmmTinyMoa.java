package io.github.hmmrnn.moa.neural;

import java.util.Optional;

import io.github.hmmrnn.model.OutcomeEmissions;

import io.github.hmmrnn.model.ChainEvidence;

import io.github.hmmrnn.agents.Agent;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.hmm.BatchPosterior;
import io.github.hmmrnn.hmm.ForwardBackward;
import io.github.hmmrnn.hmm.HmmParameters;
import io.github.hmmrnn.hmm.HmmPosterior;
import io.github.hmmrnn.hmm.Viterbi;
import io.github.hmmrnn.model.LatentStateModel;
import io.github.hmmrnn.model.SavableModel;
import io.github.hmmrnn.model.TrainingHistory;
import io.github.hmmrnn.rnn.GruGraph;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A fitted {@link HmmTinyMoaModel}: immutable; predictions are causal (trial t uses trials &lt; t).
 */
public final class FittedHmmTinyMoa implements LatentStateModel, SavableModel {

    private final int states;
    private final int hiddenSize;
    private final List<Agent> agents;
    private final double[] theta;
    private final HmmParameters hmm;
    /** Per-state outcome model, or null when the chain emits choices only. */
    private final OutcomeEmissions outcomes;
    private final TrainingHistory history;

    FittedHmmTinyMoa(int states, int hiddenSize, List<Agent> agents, double[] theta, HmmParameters hmm,
                     OutcomeEmissions outcomes, TrainingHistory history) {
        if (outcomes != null && outcomes.numStates() != states) {
            throw new IllegalArgumentException("outcome probabilities must have " + states + " states, got "
                    + outcomes.numStates());
        }
        this.outcomes = outcomes;
        this.states = states;
        this.hiddenSize = hiddenSize;
        this.agents = List.copyOf(agents);
        this.theta = theta.clone();
        this.hmm = hmm;
        this.history = history;
    }

    private HmmMixtureObjective objective() {
        return new HmmMixtureObjective(new GruGraph(EncodedSessions.INPUT_WIDTH, hiddenSize, 0L), hiddenSize,
                agents.size(), states);
    }

    @Override
    public String name() {
        return "HmmTinyMoa(K=" + states + ",H=" + hiddenSize + ",A=" + agents.size() + ")";
    }

    /** @return the agents, in gate order */
    public List<Agent> agents() {
        return agents;
    }

    /** @return a copy of the network parameters, [GRU | head_0 | … | head_{K−1}], each head [W_g | c | w | b] */
    public double[] parameters() {
        return theta.clone();
    }

    /** @return per state, a copy of the agent weights w_{k,a} ([K][A]) */
    public double[][] agentWeights() {
        HmmMixtureObjective o = objective();
        double[][] w = new double[states][agents.size()];
        for (int k = 0; k < states; k++) {
            System.arraycopy(theta, o.headOffset(k) + o.head().weightOffset(), w[k], 0, agents.size());
        }
        return w;
    }

    /**
     * @return the per-state outcome model, present only when the chain emits outcomes
     *         ({@link ChainEvidence#CHOICES_AND_OUTCOMES})
     */
    public Optional<OutcomeEmissions> outcomeEmissions() {
        return Optional.ofNullable(outcomes);
    }

    /** @return what the chain's states emit */
    public ChainEvidence chainEvidence() {
        return outcomes == null ? ChainEvidence.CHOICES : ChainEvidence.CHOICES_AND_OUTCOMES;
    }

    @Override
    public int numStates() {
        return states;
    }

    @Override
    public double[] initialDistribution() {
        return hmm.initial();
    }

    @Override
    public double[][] transitionMatrix() {
        return hmm.transition();
    }

    @Override
    public List<double[]> predictChoiceProbabilities(TwoStepDataset data) {
        Objects.requireNonNull(data, "data");
        return objective().predict(theta, hmm, outcomes, new EncodedSessions(data, agents), false).probabilities();
    }

    /**
     * Predictive NLL of the scored trials.
     *
     * @param data sessions with at least one scored trial
     * @return −Σ log p(choice_t | trials &lt; t) / N in nats
     * @throws IllegalArgumentException if there is no scored trial
     */
    public double negativeLogLikelihood(TwoStepDataset data) {
        Objects.requireNonNull(data, "data");
        if (data.numScored() == 0) {
            throw new IllegalArgumentException("data must contain at least one scored trial, got 0");
        }
        EncodedSessions d = new EncodedSessions(data, agents);
        return HmmMixtureObjective.choiceNll(objective().predict(theta, hmm, outcomes, d, false).probabilities(), d)
                / data.numScored();
    }

    private List<double[][]> logLikelihoods(TwoStepDataset data) {
        Objects.requireNonNull(data, "data");
        EncodedSessions d = new EncodedSessions(data, agents);
        HmmMixtureObjective o = objective();
        return o.emissionLogLikelihoods(o.pass(theta, d, false).logits(), d, outcomes);
    }

    private List<double[][]> perChain(TwoStepDataset data, boolean smooth, Function<HmmPosterior, double[][]> pick) {
        List<double[][]> ll = logLikelihoods(data);
        BatchPosterior post = smooth ? ForwardBackward.runAll(hmm, ll) : ForwardBackward.filterAll(hmm, ll);
        List<double[][]> out = new ArrayList<>(ll.size());
        for (HmmPosterior p : post.chains()) {
            double[][] src = pick.apply(p);
            double[][] copy = new double[src.length][];
            for (int t = 0; t < src.length; t++) {
                copy[t] = src[t].clone();
            }
            out.add(copy);
        }
        return out;
    }

    @Override
    public List<double[][]> predictedStates(TwoStepDataset data) {
        return perChain(data, false, HmmPosterior::predicted);
    }

    @Override
    public List<double[][]> filteredStates(TwoStepDataset data) {
        return perChain(data, false, HmmPosterior::filtered);
    }

    @Override
    public List<double[][]> smoothedStates(TwoStepDataset data) {
        return perChain(data, true, HmmPosterior::smoothed);
    }

    @Override
    public List<int[]> mostLikelyStates(TwoStepDataset data) {
        List<int[]> out = new ArrayList<>();
        for (double[][] ll : logLikelihoods(data)) {
            out.add(Viterbi.mostLikelyStates(hmm, ll));
        }
        return out;
    }

    @Override
    public TrainingHistory history() {
        return history;
    }

    /**
     * Saves the model (versioned JSON: states, hidden size, agents, parameters, π, A, history).
     *
     * @param file destination
     * @throws java.io.UncheckedIOException if writing fails
     */
    @Override
    public void save(Path file) {
        TinyMoaFiles.write(file, new TinyMoaFiles.Content("hmm-tinymoa", states, hiddenSize, agents, theta, hmm,
                outcomes, history));
    }

    /**
     * Loads a model written by {@link #save}; it predicts bit-identically.
     *
     * @param file the JSON file
     * @return the model
     * @throws IllegalArgumentException if the file is of another format, version or model kind
     * @throws java.io.UncheckedIOException if reading fails
     */
    public static FittedHmmTinyMoa load(Path file) {
        TinyMoaFiles.Content c = TinyMoaFiles.read(file, "hmm-tinymoa");
        return new FittedHmmTinyMoa(c.states(), c.hiddenSize(), c.agents(), c.theta(), c.hmm(), c.outcomes(),
                c.history());
    }

    @Override
    public String toString() {
        return name();
    }
}
