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
import io.github.hmmrnn.model.Provenance;
import io.github.hmmrnn.model.SavableModel;
import io.github.hmmrnn.model.SessionInference;
import io.github.hmmrnn.model.StateInference;
import io.github.hmmrnn.model.TrainingHistory;
import io.github.hmmrnn.rnn.GruGraph;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

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
    private final Provenance provenance;

    /** A model made from given parameters (no fit): its provenance records software and time only. */
    FittedHmmTinyMoa(int states, int hiddenSize, List<Agent> agents, double[] theta, HmmParameters hmm,
                     OutcomeEmissions outcomes, TrainingHistory history) {
        this(states, hiddenSize, agents, theta, hmm, outcomes, history,
                Provenance.ofGivenParameters(TinyMoaFiles.BACKEND));
    }

    FittedHmmTinyMoa(int states, int hiddenSize, List<Agent> agents, double[] theta, HmmParameters hmm,
                     OutcomeEmissions outcomes, TrainingHistory history, Provenance provenance) {
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
        this.provenance = Objects.requireNonNull(provenance, "provenance");
    }

    @Override
    public Provenance provenance() {
        return provenance;
    }

    @Override
    public FittedHmmTinyMoa withProvenance(Provenance other) {
        return new FittedHmmTinyMoa(states, hiddenSize, agents, theta, hmm, outcomes, history, other);
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

    /**
     * Runs the GRU and forward–backward once over every session.
     *
     * @param data sessions
     * @return choice probabilities, state posteriors, Viterbi paths and log-likelihoods per session
     */
    @Override
    public StateInference infer(TwoStepDataset data) {
        Objects.requireNonNull(data, "data");
        EncodedSessions d = new EncodedSessions(data, agents);
        HmmMixtureObjective o = objective();
        HmmMixtureObjective.Pass pass = o.pass(theta, d, false);
        List<double[][]> ll = o.emissionLogLikelihoods(pass.logits(), d, outcomes);
        BatchPosterior post = ForwardBackward.runAll(hmm, ll);
        List<double[]> probs = o.mixture(post, pass, d);
        List<SessionInference> out = new ArrayList<>(ll.size());
        for (int b = 0; b < ll.size(); b++) {
            HmmPosterior c = post.chains().get(b);
            out.add(new SessionInference(probs.get(b), c.predicted(), c.filtered(), c.smoothed(),
                    Viterbi.mostLikelyStates(hmm, ll.get(b)), c.logMarginalLikelihood(),
                    SessionInference.choiceLogLikelihood(data.sessions().get(b), probs.get(b))));
        }
        return new StateInference(states, out);
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
                outcomes, history, provenance));
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
                c.history(), c.provenance());
    }

    @Override
    public String toString() {
        return name();
    }
}
