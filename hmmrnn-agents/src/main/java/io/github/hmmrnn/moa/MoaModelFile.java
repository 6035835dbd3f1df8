package io.github.hmmrnn.moa;

import io.github.hmmrnn.io.ModelFiles;
import io.github.hmmrnn.io.AtomicFiles;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.hmmrnn.agents.Agent;
import io.github.hmmrnn.agents.AgentJson;
import io.github.hmmrnn.agents.Agents;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.model.ChainEvidence;
import io.github.hmmrnn.model.OutcomeEmissions;
import io.github.hmmrnn.model.Provenance;
import io.github.hmmrnn.model.TrainingHistory;
import io.github.hmmrnn.model.ModelSpecs;

/**
 * The versioned JSON file of a {@link FittedHmmMoa}, format {@code hmmrnn-moa} version
 * {@value #FORMAT_VERSION}: agents by name with their parameters, β, π, A, the chain evidence and,
 * when the chain emits outcomes, ρ as {@code rewardProbability} [K][2]; the fit summary and the
 * {@link Provenance} record. Doubles are written in their shortest round-trip form, so a loaded
 * model predicts bit-identically. Version 1 files (choice-only chains) and files without
 * provenance are read too.
 */
public final class MoaModelFile {

    /** Version of the saved JSON layout; {@link #load} rejects newer ones. */
    public static final int FORMAT_VERSION = 2;

    /** The {@code format} field of every MoA-HMM file. */
    public static final String FORMAT = "hmmrnn-moa";

    /** How choices and regressors are coded, written into every saved file. */
    public static final String CHOICE_CODING = "choice 1 = right, 0 = left; p = P(choice = 1 | trials < t); "
            + "x = Q[right] - Q[left]; rewards 0/1 (agents from MixtureAgentsModels use -1/+1); "
            + "Bias/Intercept weights have the opposite sign to MixtureAgentsModels'";

    private MoaModelFile() {
    }

    /**
     * The model as the JSON object {@link #save} writes: the base that reports such as
     * {@code fit.json} extend with data and per-trial results.
     *
     * @param model the model
     * @return a new JSON object
     */
    public static ObjectNode toJson(FittedHmmMoa model) {
        ObjectNode root = new ObjectMapper().createObjectNode();
        root.put("format", FORMAT);
        root.put("formatVersion", FORMAT_VERSION);
        root.put("model", model.name());
        root.put("specification", model.specification());
        root.put("choiceCoding", CHOICE_CODING);
        root.put("numStates", model.numStates());
        root.put("chainEvidence", model.chainEvidence().name());
        List<Agent> agents = model.agents();
        double[][] beta = model.weights();
        ArrayNode ag = root.putArray("agents");
        for (int a = 0; a < agents.size(); a++) {
            ObjectNode n = ag.addObject();
            AgentJson.write(n, agents.get(a));
            ArrayNode w = n.putArray("beta");
            for (double v : beta[a]) {
                w.add(v);
            }
        }
        putMatrix(root.putArray("beta"), beta);
        ArrayNode p0 = root.putArray("initialDistribution");
        for (double v : model.initialDistribution()) {
            p0.add(v);
        }
        putMatrix(root.putArray("transitionMatrix"), model.transitionMatrix());
        model.outcomeEmissions().ifPresent(o -> putMatrix(root.putArray("rewardProbability"), o.rewardProbabilities()));
        putNumber(root, "logLikelihood", model.logLikelihood());
        putNumber(root, "choiceLogLikelihood", model.choiceLogLikelihood());
        putNumber(root, "logPosterior", model.logPosterior());
        root.put("numScoredTrials", model.numScoredTrials());
        putNumber(root, "normalizedLikelihood", model.numScoredTrials() > 0 ? model.normalizedLikelihood() : Double.NaN);
        ArrayNode sl = root.putArray("startLogPosteriors");
        for (double v : model.startLogPosteriors()) {
            sl.add(v);
        }
        ArrayNode sf = root.putArray("startFamilies");
        for (StartFamily f : model.startFamilies()) {
            sf.add(f.name());
        }
        root.put("startsAgreeing", model.startsAgreeing());
        root.put("startAgreementTolerance", FittedHmmMoa.AGREEMENT_TOLERANCE);
        TrainingHistory history = model.history();
        ObjectNode h = root.putObject("history");
        h.put("converged", history.converged());
        h.put("seconds", history.seconds());
        h.put("iterations", Math.max(0, history.entries().size() - 1));
        ArrayNode he = h.putArray("trainChoiceNll");
        ArrayNode ho = h.putArray("objective");
        for (TrainingHistory.Entry e : history.entries()) {
            he.add(e.trainChoiceNll());
            if (e.objective().isPresent()) {
                ho.add(e.objective().getAsDouble());
            } else {
                ho.addNull();
            }
        }
        root.set("provenance", model.provenance().toJson());
        return root;
    }

    private static void putMatrix(ArrayNode target, double[][] m) {
        for (double[] row : m) {
            ArrayNode r = target.addArray();
            for (double v : row) {
                r.add(v);
            }
        }
    }

    private static void putNumber(ObjectNode n, String field, double v) {
        if (Double.isFinite(v)) {
            n.put(field, v);
        } else {
            n.putNull(field);
        }
    }

    /**
     * Writes a JSON tree indented, as every MoA file and report is written.
     *
     * @param file destination
     * @param root the tree
     * @throws UncheckedIOException if writing fails
     */
    public static void write(Path file, JsonNode root) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        AtomicFiles.write(file, out -> mapper.writeValue(out, root));
    }

    /**
     * Saves a model (see the class comment for the layout).
     *
     * @param model the model
     * @param file  destination
     * @throws UncheckedIOException if writing fails
     */
    public static void save(FittedHmmMoa model, Path file) {
        write(file, toJson(model));
    }

    /**
     * Loads a model saved by {@link #save} (or a report that extends its JSON, such as
     * {@code fit.json}); agents are looked up with {@link Agents#parse}.
     *
     * @param file the JSON file
     * @return the model
     * @throws IllegalArgumentException if the file is not a MoA fit, its version is newer than
     *                                  {@link #FORMAT_VERSION}, or an agent name is unknown
     * @throws UncheckedIOException     if reading fails
     */
    public static FittedHmmMoa load(Path file) {
        return load(file, Agents::parse);
    }

    /**
     * Loads a model whose agents may include user agents.
     *
     * @param file     the JSON file
     * @param resolver agent name to a new agent (e.g. built-ins first, then user agents)
     * @return the model
     * @throws IllegalArgumentException if the file is malformed or of a newer version
     * @throws UncheckedIOException     if reading fails
     */
    public static FittedHmmMoa load(Path file, Function<String, Agent> resolver) {
        JsonNode root = ModelFiles.readJson(file, "HMM-MoA model");
        if (!FORMAT.equals(root.path("format").asText())) {
            throw new IllegalArgumentException(file + " is " + ModelFiles.describeKind(root)
                    + ", not an HMM-MoA model (format '" + FORMAT + "')");
        }
        return ModelFiles.parse(file, "HMM-MoA model", () -> parse(file, root, resolver));
    }

    private static FittedHmmMoa parse(Path file, JsonNode root, Function<String, Agent> resolver) {
        int version = root.path("formatVersion").asInt(-1);
        if (version < 1 || version > FORMAT_VERSION) {
            throw new IllegalArgumentException(file + ": format version " + version
                    + " not supported; this library reads versions 1.." + FORMAT_VERSION);
        }
        List<Agent> agents = new ArrayList<>();
        for (JsonNode an : root.get("agents")) {
            agents.add(AgentJson.read(an, resolver));
        }
        double[][] beta = matrix(root.get("beta"));
        double[] pi = vector(root.get("initialDistribution"));
        double[][] trans = matrix(root.get("transitionMatrix"));
        OutcomeEmissions outcomes = readOutcomes(file, root, version);
        FittedHmmMoa base = FittedHmmMoa.of(agents, beta, pi, trans, outcomes);
        List<TrainingHistory.Entry> entries = new ArrayList<>();
        JsonNode h = root.path("history");
        if (h.has("trainChoiceNll")) {
            JsonNode objective = h.path("objective");
            for (int i = 0; i < h.get("trainChoiceNll").size(); i++) {
                JsonNode o = objective.get(i);
                entries.add(new TrainingHistory.Entry(i, h.get("trainChoiceNll").get(i).asDouble(),
                        OptionalDouble.empty(), o == null || !o.isNumber() ? OptionalDouble.empty()
                                : OptionalDouble.of(o.asDouble())));
            }
        } else {
            // files written before the history had one meaning kept only the EM objective
            // (−log posterior / N) under "trainLoss": it is read as the objective and as the best
            // available stand-in for the choice NLL
            int i = 0;
            for (JsonNode v : h.path("trainLoss")) {
                entries.add(new TrainingHistory.Entry(i++, v.asDouble(), OptionalDouble.empty(),
                        OptionalDouble.of(v.asDouble())));
            }
        }
        double ll = number(root.get("logLikelihood"));
        // version 1 files had choice-only chains, whose choice log-likelihood is the log-likelihood
        double cll = version >= 2 ? number(root.get("choiceLogLikelihood")) : ll;
        Provenance provenance;
        try {
            provenance = Provenance.fromJson(root.get("provenance"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        double[] starts = vector(root.path("startLogPosteriors"));
        return new FittedHmmMoa(base.agents(), beta, pi, trans, outcomes, ll, cll,
                number(root.get("logPosterior")), root.path("numScoredTrials").asInt(0),
                new TrainingHistory(entries, h.path("converged").asBoolean(false), h.path("seconds").asDouble(0)),
                starts, startFamilies(file, root, starts.length), root.path("specification").asText(""), provenance);
    }

    /** The start families a file records; empty for files written before they were recorded. */
    private static List<StartFamily> startFamilies(Path file, JsonNode root, int numStarts) {
        JsonNode n = root.get("startFamilies");
        List<StartFamily> out = new ArrayList<>();
        if (n == null) {
            return out;
        }
        for (JsonNode f : n) {
            try {
                out.add(StartFamily.valueOf(f.asText()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": startFamilies has '" + f.asText() + "', expected one of "
                        + Arrays.toString(StartFamily.values()), e);
            }
        }
        if (out.size() != numStarts) {
            throw new IllegalArgumentException(file + ": startFamilies has " + out.size() + " entries but "
                    + "startLogPosteriors has " + numStarts);
        }
        return out;
    }

    /** The outcome model a file declares (null for a choice-only chain); version 1 files have none. */
    private static OutcomeEmissions readOutcomes(Path file, JsonNode root, int version) {
        ChainEvidence evidence = ChainEvidence.CHOICES;
        if (version >= 2) {
            String name = root.path("chainEvidence").asText("");
            try {
                evidence = ChainEvidence.valueOf(name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": chainEvidence '" + name + "' is not one of "
                        + Arrays.toString(ChainEvidence.values()), e);
            }
        }
        JsonNode rho = root.get("rewardProbability");
        boolean hasRho = rho != null && !rho.isNull();
        if (evidence == ChainEvidence.CHOICES) {
            if (hasRho) {
                throw new IllegalArgumentException(file + ": chainEvidence is CHOICES but the file has a"
                        + " rewardProbability field; the file is inconsistent");
            }
            return null;
        }
        if (!hasRho || !rho.isArray()) {
            throw new IllegalArgumentException(file + ": chainEvidence is CHOICES_AND_OUTCOMES but the"
                    + " rewardProbability field ([states][2] per-state reward probabilities) is missing");
        }
        try {
            return OutcomeEmissions.of(matrix(rho));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": bad rewardProbability: " + e.getMessage(), e);
        }
    }

    private static double number(JsonNode n) {
        return n == null || n.isNull() ? Double.NaN : n.asDouble();
    }

    private static double[] vector(JsonNode n) {
        double[] v = new double[n.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = n.get(i).asDouble();
        }
        return v;
    }

    private static double[][] matrix(JsonNode n) {
        double[][] m = new double[n.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = vector(n.get(i));
        }
        return m;
    }

    /**
     * The provenance of a finished EM fit.
     *
     * @param spec        the specification fitted
     * @param data        the training data
     * @param chosenStart index of the start kept
     * @param history     its training history
     */
    static Provenance fitProvenance(HmmMoaModel spec, TwoStepDataset data, int chosenStart, TrainingHistory history) {
        List<TrainingHistory.Entry> e = history.entries();
        return Provenance.ofFit(Provenance.PURE_JAVA, ModelSpecs.tree(spec), spec.seed(), data, null,
                new Provenance.FitOutcome(chosenStart, null, Math.max(0, e.size() - 1), history.converged(),
                        e.isEmpty() ? Double.NaN : e.get(e.size() - 1).trainChoiceNll(), Double.NaN));
    }
}
