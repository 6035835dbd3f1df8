package io.github.hmmrnn.moa.neural;

import io.github.hmmrnn.io.ModelFiles;
import io.github.hmmrnn.io.AtomicFiles;
import io.github.hmmrnn.model.OutcomeEmissions;

import io.github.hmmrnn.model.ChainEvidence;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.hmmrnn.agents.Agent;
import io.github.hmmrnn.agents.AgentJson;
import io.github.hmmrnn.agents.Agents;
import io.github.hmmrnn.hmm.HmmParameters;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.model.Provenance;
import io.github.hmmrnn.model.TrainingHistory;

/**
 * The versioned JSON file format of the neural mixture-of-agents models: hidden size, agents (with
 * their parameters), the flat network parameter vector, π and A for the HMM version, and the
 * training history. The parameter vector is written with Java's shortest round-trip decimal form,
 * so a loaded model predicts bit-identically. Every file carries the model's {@link Provenance};
 * files written before it was recorded load with {@link Provenance#unrecorded()}.
 */
final class TinyMoaFiles {

    static final String FORMAT = "hmmrnn-tinymoa";
    static final int FORMAT_VERSION = 2;

    /** Version 1 files predate outcome emissions; they are read as choice-only chains, which they are. */
    private static final int CHOICE_ONLY_VERSION = 1;

    private TinyMoaFiles() {
    }

    /**
     * What a file holds; {@code hmm} is null for the plain TinyMoA, {@code outcomes} null unless
     * the chain emits outcomes.
     */
    record Content(String kind, int states, int hiddenSize, List<Agent> agents, double[] theta, HmmParameters hmm,
                   OutcomeEmissions outcomes, TrainingHistory history, Provenance provenance) {
    }

    /** The backend recorded in the provenance of the neural mixture-of-agents models. */
    static final String BACKEND = "DL4J ComputationGraph GRU (GruGraph), double precision";

    /**
     * The provenance of a finished early-stopped fit; the kept parameters are those of the epoch
     * with the lowest validation loss.
     */
    static Provenance fitProvenance(JsonNode spec, long seed, TwoStepDataset train, TwoStepDataset validation,
                                    TrainingHistory history) {
        double trainLoss = Double.NaN;
        double validationLoss = Double.POSITIVE_INFINITY;
        for (TrainingHistory.Entry e : history.entries()) {
            if (e.validationChoiceNll().isPresent() && e.validationChoiceNll().getAsDouble() < validationLoss) {
                validationLoss = e.validationChoiceNll().getAsDouble();
                trainLoss = e.trainChoiceNll();
            }
        }
        int epochs = history.entries().isEmpty() ? 0 : history.entries().get(history.entries().size() - 1).iteration();
        return Provenance.ofFit(BACKEND, spec, seed, train, validation, new Provenance.FitOutcome(0, null, epochs,
                history.converged(), trainLoss, Double.isFinite(validationLoss) ? validationLoss : Double.NaN));
    }

    static void write(Path file, Content c) {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = m.createObjectNode();
        root.put("format", FORMAT);
        root.put("formatVersion", FORMAT_VERSION);
        root.put("kind", c.kind());
        root.put("states", c.states());
        root.put("hiddenSize", c.hiddenSize());
        ArrayNode ag = root.putArray("agents");
        for (Agent a : c.agents()) {
            AgentJson.write(ag.addObject(), a);
        }
        ArrayNode th = root.putArray("parameters");
        for (double v : c.theta()) {
            th.add(v);
        }
        if (c.hmm() != null) {
            ArrayNode pi = root.putArray("initialDistribution");
            for (double v : c.hmm().initial()) {
                pi.add(v);
            }
            ArrayNode tr = root.putArray("transitionMatrix");
            for (double[] row : c.hmm().transition()) {
                ArrayNode r = tr.addArray();
                for (double v : row) {
                    r.add(v);
                }
            }
        }
        root.put("chainEvidence", (c.outcomes() == null ? ChainEvidence.CHOICES
                : ChainEvidence.CHOICES_AND_OUTCOMES).name());
        if (c.outcomes() != null) {
            ArrayNode rho = root.putArray("outcomeRewardProbabilities");
            for (double[] row : c.outcomes().rewardProbabilities()) {
                ArrayNode r = rho.addArray();
                for (double v : row) {
                    r.add(v);
                }
            }
        }
        root.set("provenance", c.provenance().toJson());
        ObjectNode h = root.putObject("history");
        h.put("converged", c.history().converged());
        h.put("seconds", c.history().seconds());
        ArrayNode it = h.putArray("iteration");
        ArrayNode tl = h.putArray("trainChoiceNll");
        ArrayNode vl = h.putArray("validationChoiceNll");
        ArrayNode ob = h.putArray("objective");
        for (TrainingHistory.Entry e : c.history().entries()) {
            it.add(e.iteration());
            tl.add(e.trainChoiceNll());
            addOptional(vl, e.validationChoiceNll());
            addOptional(ob, e.objective());
        }
        AtomicFiles.write(file, out -> m.writeValue(out, root));
    }

    static Content read(Path file, String expectedKind) {
        JsonNode root = ModelFiles.readJson(file, "TinyMoA model");
        if (!FORMAT.equals(root.path("format").asText())) {
            throw new IllegalArgumentException(file + " is " + ModelFiles.describeKind(root)
                    + ", not an hmmrnn TinyMoA model (format '" + FORMAT + "')");
        }
        return ModelFiles.parse(file, "TinyMoA model", () -> parse(file, root, expectedKind));
    }

    private static Content parse(Path file, JsonNode root, String expectedKind) {
        int version = root.path("formatVersion").asInt(-1);
        if (version != FORMAT_VERSION && version != CHOICE_ONLY_VERSION) {
            throw new IllegalArgumentException(file + ": format version " + version
                    + " not supported; this library reads version " + FORMAT_VERSION);
        }
        String kind = root.path("kind").asText();
        if (!expectedKind.equals(kind)) {
            throw new IllegalArgumentException(file + " holds a '" + kind + "' model, expected '" + expectedKind + "'");
        }
        List<Agent> agents = new ArrayList<>();
        for (JsonNode an : root.get("agents")) {
            agents.add(AgentJson.read(an, Agents::parse));
        }
        double[] theta = vector(root.get("parameters"));
        HmmParameters hmm = null;
        if (root.has("initialDistribution")) {
            JsonNode tn = root.get("transitionMatrix");
            double[][] a = new double[tn.size()][];
            for (int i = 0; i < a.length; i++) {
                a[i] = vector(tn.get(i));
            }
            hmm = HmmParameters.of(vector(root.get("initialDistribution")), a);
        }
        OutcomeEmissions outcomes = null;
        String evidence = version == CHOICE_ONLY_VERSION ? ChainEvidence.CHOICES.name()
                : root.path("chainEvidence").asText();
        if (ChainEvidence.CHOICES_AND_OUTCOMES.name().equals(evidence)) {
            JsonNode rn = root.get("outcomeRewardProbabilities");
            if (rn == null || !rn.isArray()) {
                throw new IllegalArgumentException(file + ": chainEvidence is CHOICES_AND_OUTCOMES but "
                        + "outcomeRewardProbabilities is missing");
            }
            double[][] rho = new double[rn.size()][];
            for (int i = 0; i < rho.length; i++) {
                rho[i] = vector(rn.get(i));
            }
            outcomes = OutcomeEmissions.of(rho);
        } else if (!ChainEvidence.CHOICES.name().equals(evidence)) {
            throw new IllegalArgumentException(file + ": chainEvidence '" + evidence + "' unknown; expected one of "
                    + Arrays.toString(ChainEvidence.values()));
        }
        JsonNode h = root.get("history");
        List<TrainingHistory.Entry> entries = new ArrayList<>();
        // files written before the optional fields existed name them trainLoss and validationLoss
        boolean legacy = !h.has("trainChoiceNll");
        JsonNode train = h.get(legacy ? "trainLoss" : "trainChoiceNll");
        JsonNode validation = h.get(legacy ? "validationLoss" : "validationChoiceNll");
        JsonNode objective = h.path("objective");
        for (int i = 0; i < train.size(); i++) {
            entries.add(new TrainingHistory.Entry(h.get("iteration").get(i).asInt(), train.get(i).asDouble(),
                    optional(validation == null ? null : validation.get(i)), optional(objective.get(i))));
        }
        Provenance provenance;
        try {
            provenance = Provenance.fromJson(root.get("provenance"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        return new Content(kind, root.path("states").asInt(1), root.get("hiddenSize").asInt(), agents, theta, hmm,
                outcomes, new TrainingHistory(entries, h.path("converged").asBoolean(), h.path("seconds").asDouble()),
                provenance);
    }

    private static double[] vector(JsonNode n) {
        double[] v = new double[n.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = n.get(i).asDouble();
        }
        return v;
    }

    private static void addOptional(ArrayNode array, OptionalDouble v) {
        if (v.isPresent()) {
            array.add(v.getAsDouble());
        } else {
            array.addNull();
        }
    }

    private static OptionalDouble optional(JsonNode v) {
        return v == null || !v.isNumber() || Double.isNaN(v.asDouble()) ? OptionalDouble.empty()
                : OptionalDouble.of(v.asDouble());
    }
}
