package io.github.hmmrnn.model;

import io.github.hmmrnn.io.ModelFiles;
import io.github.hmmrnn.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.hmmrnn.data.Session;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.hmm.ChainLayout;
import io.github.hmmrnn.hmm.ForwardBackward;
import io.github.hmmrnn.hmm.HmmPosterior;
import io.github.hmmrnn.hmm.Viterbi;

/**
 * A fitted bias-only choice HMM ({@link BiasHmmModel}): state k emits choice 1 with probability
 * p_k, and with {@link ChainEvidence#CHOICES_AND_OUTCOMES} the outcome with its own reward
 * probabilities. Unscored trials emit nothing but the chain steps on every trial. Predictions
 * are causal: p(choice_t = 1) = Σ_k p(z_t = k | trials &lt; t) p_k, the state distribution
 * conditioned on the earlier trials' choices (and outcomes, if emitted).
 *
 * <p>EM keeps no per-iteration record, so {@link #history()} has no entries.
 */
public final class FittedBiasHmm implements LatentStateModel, SavableModel {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String MODEL_TYPE = "BiasHmm";
    private static final int FORMAT_VERSION = 1;

    private final double[] initial;
    private final double[][] transition;
    private final double[] choiceProbability;
    private final OutcomeEmissions outcomes;
    private final double seconds;
    private final Provenance provenance;

    FittedBiasHmm(double[] initial, double[][] transition, double[] choiceProbability, OutcomeEmissions outcomes,
                  double seconds, Provenance provenance) {
        this.initial = initial;
        this.transition = transition;
        this.choiceProbability = choiceProbability;
        this.outcomes = outcomes;
        this.seconds = seconds;
        this.provenance = Objects.requireNonNull(provenance, "provenance");
    }

    /** @return {@code BiasHmm(K=k)} */
    @Override
    public String name() {
        return "BiasHmm(K=" + initial.length + (outcomes != null ? ", outcomes" : "") + ")";
    }

    /** @return p(choice = 1 | state k), [K] (copy) */
    public double[] choiceProbabilities() {
        return choiceProbability.clone();
    }

    private double[][] logLikelihoods(Session s) {
        // every trial is a chain step (ChainLayout), so steps and trials coincide
        return BiasHmm.logLikelihoods(s, ChainLayout.of(s), choiceProbability, outcomes);
    }

    @Override
    public List<double[]> predictChoiceProbabilities(TwoStepDataset data) {
        return infer(data).choiceProbabilities();
    }

    /**
     * One forward–backward pass and one Viterbi pass per session.
     *
     * @param data sessions
     * @return choice probabilities (from the predictive state distribution), predictive, filtered
     *         and smoothed posteriors, Viterbi paths and log-likelihoods
     */
    @Override
    public StateInference infer(TwoStepDataset data) {
        List<SessionInference> out = new ArrayList<>(data.numSessions());
        for (Session s : data.sessions()) {
            double[][] l = logLikelihoods(s);
            HmmPosterior post = ForwardBackward.run(initial, transition, l);
            double[][] pred = post.predicted();
            double[] p = new double[pred.length];
            for (int t = 0; t < pred.length; t++) {
                for (int k = 0; k < initial.length; k++) {
                    p[t] += pred[t][k] * choiceProbability[k];
                }
            }
            out.add(new SessionInference(p, pred, post.filtered(), post.smoothed(),
                    Viterbi.decode(initial, transition, l).states(), post.logMarginalLikelihood(),
                    SessionInference.choiceLogLikelihood(s, p)));
        }
        return new StateInference(initial.length, out);
    }

    @Override
    public TrainingHistory history() {
        return new TrainingHistory(List.of(), true, seconds);
    }

    @Override
    public int numStates() {
        return initial.length;
    }

    @Override
    public double[] initialDistribution() {
        return initial.clone();
    }

    @Override
    public double[][] transitionMatrix() {
        double[][] c = new double[transition.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = transition[i].clone();
        }
        return c;
    }

    /** @return the per-state outcome model, or {@code null} if the states emit choices only */
    public OutcomeEmissions outcomeEmissions() {
        return outcomes;
    }

    @Override
    public Provenance provenance() {
        return provenance;
    }

    @Override
    public FittedBiasHmm withProvenance(Provenance newProvenance) {
        return new FittedBiasHmm(initial, transition, choiceProbability, outcomes, seconds, newProvenance);
    }

    @Override
    public void save(Path file) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("formatVersion", FORMAT_VERSION);
        n.put("modelType", MODEL_TYPE);
        n.set("initial", MAPPER.valueToTree(initial));
        n.set("transition", MAPPER.valueToTree(transition));
        n.set("choiceProbability", MAPPER.valueToTree(choiceProbability));
        n.set("outcomeRewardProbabilities", outcomes == null ? null : MAPPER.valueToTree(outcomes.rewardProbabilities()));
        n.put("seconds", seconds);
        n.set("provenance", provenance.toJson());
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            AtomicFiles.write(file, out -> MAPPER.writerWithDefaultPrettyPrinter()
                    .writeValue(out, n));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * Reads a model written by {@link #save}.
     *
     * @param file the file
     * @return the model, predicting exactly as the saved one
     * @throws IllegalArgumentException if the file is not a saved bias-only HMM
     * @throws UncheckedIOException     if it cannot be read
     */
    public static FittedBiasHmm load(Path file) {
        JsonNode n = ModelFiles.readJson(file, "bias-only HMM model");
        if (!MODEL_TYPE.equals(n.path("modelType").asText())) {
            throw new IllegalArgumentException(file + " is " + ModelFiles.describeKind(n) + ", not a saved "
                    + MODEL_TYPE);
        }
        if (n.path("formatVersion").asInt() != FORMAT_VERSION) {
            throw new IllegalArgumentException(file + ": formatVersion " + n.path("formatVersion")
                    + " not supported; expected " + FORMAT_VERSION);
        }
        return ModelFiles.parse(file, "bias-only HMM model", () -> parse(n));
    }

    private static FittedBiasHmm parse(JsonNode n) {
        try {
            JsonNode rho = n.get("outcomeRewardProbabilities");
            return new FittedBiasHmm(MAPPER.treeToValue(n.get("initial"), double[].class),
                    MAPPER.treeToValue(n.get("transition"), double[][].class),
                    MAPPER.treeToValue(n.get("choiceProbability"), double[].class),
                    rho == null || rho.isNull() ? null : OutcomeEmissions.of(MAPPER.treeToValue(rho, double[][].class)),
                    n.path("seconds").asDouble(), n.hasNonNull("provenance")
                            ? Provenance.fromJson(n.get("provenance")) : Provenance.unrecorded());
        } catch (IOException e) {
            // treeToValue fails only on a field of the wrong shape
            throw new IllegalArgumentException("malformed bias-only HMM model: " + e.getMessage(), e);
        }
    }
}
