package io.github.hmmrnn.rnn;

import io.github.hmmrnn.io.ModelFiles;
import io.github.hmmrnn.io.AtomicFiles;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.hmmrnn.model.OutcomeEmissions;
import io.github.hmmrnn.model.Provenance;
import io.github.hmmrnn.model.TrainingHistory;

/**
 * On-disk JSON form of a fitted (HMM-)TinyRNN, format version {@value #FORMAT_VERSION} (versions 3
 * and 4 are read too): the
 * hyper-parameters, provenance, flat DL4J parameter vector, π, A and training history. Doubles
 * are written in their shortest round-trip form, so a load reproduces predictions bit for bit.
 *
 * @param formatVersion  file format version
 * @param modelType      {@code TinyRnn} or {@code HmmTinyRnn}
 * @param hyperParameters the settings of the fit
 * @param provenance     where the model came from
 * @param parameters     DL4J flat parameter vector of the graph
 * @param initial        π [K]
 * @param transition     A [K][K]
 * @param outcomeRewardProbabilities per-state reward probability per second-step state [K][2],
 *                       or null when the chain emits choices only
 * @param history        training history
 */
record RnnModelFile(int formatVersion, String modelType, RnnHyperParameters hyperParameters,
                    Provenance provenance, double[] parameters, double[] initial, double[][] transition,
                    double[][] outcomeRewardProbabilities, TrainingHistory history) {

    /**
     * The format version this library writes (4 added {@code trainingSegmentLength}, 5 the common
     * {@link Provenance} record).
     */
    static final int FORMAT_VERSION = 5;

    /** The last version whose provenance was the flat RNN-only record. */
    private static final int FLAT_PROVENANCE_VERSION = 4;

    /** Backend identifier recorded in the provenance of every fitted (HMM-)TinyRNN. */
    static final String BACKEND = "DL4J/ND4J 1.0.0-M2.1 ComputationGraph, FusedGruLayer, double precision";

    /**
     * The oldest version read: version 3 files lack {@code trainingSegmentLength} and were all
     * trained on whole sessions, so it loads as 0.
     */
    static final int OLDEST_READABLE_VERSION = 3;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    static void save(RnnState state, String modelType, Path path) throws IOException {
        Objects.requireNonNull(path, "path");
        RnnModelFile file = new RnnModelFile(FORMAT_VERSION, modelType, state.hyperParameters, state.provenance,
                state.parameters(), state.initial(), state.transition(),
                state.outcomes() == null ? null : state.outcomes().rewardProbabilities(), state.history);
        try {
            AtomicFiles.write(path, out -> MAPPER.writeValue(out, file));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    static RnnState load(Path path, String expectedType) throws IOException {
        Objects.requireNonNull(path, "path");
        JsonNode tree = ModelFiles.readJson(path, "TinyRNN / HMM-TinyRNN model");
        if (!expectedType.equals(tree.path("modelType").asText())) {
            throw new IllegalArgumentException(path + " is " + ModelFiles.describeKind(tree) + ", not a saved '"
                    + expectedType + "' model");
        }
        return ModelFiles.parse(path, "'" + expectedType + "' model", () -> {
            try {
                return parse(path, tree, expectedType);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(path + ": malformed '" + expectedType + "' model: "
                        + e.getOriginalMessage(), e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static RnnState parse(Path path, JsonNode tree, String expectedType) throws IOException {
        JsonNode version = tree.get("formatVersion");
        if (version == null || !version.canConvertToInt()) {
            throw new IllegalArgumentException(path + ": missing formatVersion; not a saved hmmrnn RNN model");
        }
        if (version.asInt() < OLDEST_READABLE_VERSION || version.asInt() > FORMAT_VERSION) {
            throw new IllegalArgumentException(path + ": unsupported formatVersion " + version.asInt()
                    + "; this library reads versions " + OLDEST_READABLE_VERSION + " to " + FORMAT_VERSION);
        }
        JsonNode hp = tree.get("hyperParameters");
        if (version.asInt() == 3 && hp instanceof ObjectNode o) {
            if (o.has("trainingSegmentLength")) {
                throw new IllegalArgumentException(path + ": formatVersion 3 has no trainingSegmentLength");
            }
            o.put("trainingSegmentLength", 0);
        }
        if (hp instanceof ObjectNode o && o.has("restarts") && !o.has("starts")) {
            // files written before the multiple-start setting was renamed to "starts"
            o.set("starts", o.remove("restarts"));
        }
        if (version.asInt() <= FLAT_PROVENANCE_VERSION && tree instanceof ObjectNode root) {
            root.set("provenance", upgradeProvenance(root.get("provenance"), hp));
        }
        RnnModelFile f = MAPPER.treeToValue(tree, RnnModelFile.class);
        if (!expectedType.equals(f.modelType())) {
            throw new IllegalArgumentException(path + ": modelType is " + f.modelType() + ", expected " + expectedType);
        }
        return new RnnState(f.hyperParameters(), f.parameters(), f.initial(), f.transition(),
                f.outcomeRewardProbabilities() == null ? null
                        : OutcomeEmissions.of(f.outcomeRewardProbabilities()),
                f.history(),
                f.provenance());
    }

    /**
     * The specification recorded in the provenance: the hyper-parameters as a JSON object. The one
     * place to switch to the spec's own JSON form.
     */
    static JsonNode specJson(RnnHyperParameters hp) {
        return MAPPER.valueToTree(hp);
    }

    /**
     * Rewrites the flat provenance of format versions 3 and 4 into the common record: the same
     * values, with the spec and seed taken from the file's hyper-parameters.
     */
    private static JsonNode upgradeProvenance(JsonNode old, JsonNode hp) throws IOException {
        if (old == null || old.isNull()) {
            return old;
        }
        ObjectNode n = MAPPER.createObjectNode();
        for (String f : new String[] {"library", "javaVersion", "os", "backend", "createdAt"}) {
            n.set(f, old.get(f));
        }
        RnnHyperParameters h = MAPPER.treeToValue(hp, RnnHyperParameters.class);
        n.set("spec", specJson(h));
        n.put("seed", h.seed());
        n.putNull("dataFile");
        n.set("train", old.get("train"));
        n.set("validation", old.get("validation"));
        ObjectNode fit = n.putObject("fit");
        fit.set("chosenStart", old.get("chosenRestart"));
        fit.set("startSeed", old.get("restartSeed"));
        fit.set("iterations", old.get("epochs"));
        fit.set("converged", old.get("converged"));
        fit.set("trainLoss", old.get("trainLoss"));
        fit.set("validationLoss", old.get("validationLoss"));
        return n;
    }
}
