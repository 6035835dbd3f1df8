package io.github.hmmrnn.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.hmmrnn.data.Session;
import io.github.hmmrnn.data.TwoStepDataset;

/**
 * Where a saved model came from: the one provenance record every model file carries (TinyRNN,
 * HMM-TinyRNN, HMM-MoA, TinyMoA, HMM-TinyMoA). It names the software, the time, the specification
 * and seed that were fitted, the data (file and content hashes) and how the fit ended, so a result
 * can be traced and re-run.
 *
 * <p>Immutable. Fields a model does not know are null: a hand-specified model has no spec, seed,
 * data or fit; a model fitted in memory has no data file until the caller that read the file adds
 * it with {@link #withDataFile}. Models loaded from files written before this record existed
 * carry {@link #unrecorded()}.
 *
 * @param library     library name and version, e.g. {@code hmmrnn 0.1.0-SNAPSHOT}
 * @param javaVersion {@code java.version} of the fitting JVM
 * @param os          operating system and architecture
 * @param backend     numerical backend (e.g. the DL4J / ND4J version), or {@code pure Java}
 * @param createdAt   UTC ISO-8601 instant the model was made, e.g. {@code 2026-12-07T15:20:46Z}
 * @param spec        the model specification as a JSON object (its settings), or null
 * @param seed        the root seed of the fit, or null
 * @param dataFile    the file the training data was read from, with its hash, or null
 * @param train       summary and content hash of the training data, or null
 * @param validation  summary of the validation data, or null when the fit used none
 * @param fit         how the fit ended, or null for a model that was not fitted
 */
public record Provenance(String library, String javaVersion, String os, String backend, String createdAt,
                         JsonNode spec, Long seed, DataFile dataFile, DataSummary train, DataSummary validation,
                         FitOutcome fit) {

    /** The library version recorded in every saved model. */
    public static final String LIBRARY = "hmmrnn 0.1.0-SNAPSHOT";

    /** The backend of the models written in plain Java (no DL4J). */
    public static final String PURE_JAVA = "pure Java";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * Normalises the spec to its parsed JSON form (so a record read back from a file equals the
     * one written) and checks that it is an object.
     */
    public Provenance {
        if (spec != null && (spec.isNull() || spec.isMissingNode())) {
            spec = null;    // Jackson reads a JSON null into a NullNode
        }
        if (spec != null) {
            if (!spec.isObject()) {
                throw new IllegalArgumentException("spec must be a JSON object, got " + spec.getNodeType());
            }
            spec = canonical(spec);
        }
    }

    private static JsonNode canonical(JsonNode n) {
        try {
            return MAPPER.readTree(MAPPER.writeValueAsString(n));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot re-read a JSON tree", e);
        }
    }

    /** @return a copy of the specification, or null */
    @Override
    public JsonNode spec() {
        return spec == null ? null : spec.deepCopy();
    }

    /**
     * The provenance of a fit that has just finished, stamped with this JVM and the current time.
     *
     * @param backend    numerical backend ({@link #PURE_JAVA} or the neural library)
     * @param spec       the specification fitted, as a JSON object
     * @param seed       its root seed
     * @param train      the training data
     * @param validation the validation data, or null
     * @param fit        how the fit ended
     * @return the record (no data file yet)
     * @throws IllegalArgumentException if spec is not a JSON object
     */
    public static Provenance ofFit(String backend, JsonNode spec, long seed, TwoStepDataset train,
                                   TwoStepDataset validation, FitOutcome fit) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(train, "train");
        return new Provenance(LIBRARY, System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), backend, now(), spec, seed,
                null, DataSummary.of(train), validation == null ? null : DataSummary.of(validation),
                Objects.requireNonNull(fit, "fit"));
    }

    /**
     * The provenance of a model built from given parameters (nothing was fitted).
     *
     * @param backend numerical backend
     * @return the record: software and time only
     */
    public static Provenance ofGivenParameters(String backend) {
        return new Provenance(LIBRARY, System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), backend, now(), null, null,
                null, null, null, null);
    }

    /** @return the record of a model whose file predates provenance: every field null */
    public static Provenance unrecorded() {
        return new Provenance(null, null, null, null, null, null, null, null, null, null, null);
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    }

    /**
     * @return this record as a JSON object (the form every model file embeds as {@code provenance})
     */
    public JsonNode toJson() {
        return MAPPER.valueToTree(this);
    }

    /**
     * Reads a record written by {@link #toJson()}; a missing or null node (a file written before
     * provenance was recorded) gives {@link #unrecorded()}.
     *
     * @param node the JSON object, or null
     * @return the record
     * @throws IllegalArgumentException if the node is not a provenance object
     */
    public static Provenance fromJson(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return unrecorded();
        }
        try {
            return MAPPER.treeToValue(node, Provenance.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed provenance: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * @param file the data file the training data was read from
     * @return this record with the file's name and SHA-256 hash
     * @throws UncheckedIOException if the file cannot be read
     */
    public Provenance withDataFile(Path file) {
        return withDataFile(DataFile.of(file));
    }

    /**
     * @param file the data file, or null for none
     * @return this record with that data file
     */
    public Provenance withDataFile(DataFile file) {
        return new Provenance(library, javaVersion, os, backend, createdAt, spec, seed, file, train, validation, fit);
    }

    /**
     * @param newSpec the specification as a JSON object
     * @return this record with that specification
     * @throws IllegalArgumentException if it is not a JSON object
     */
    public Provenance withSpec(JsonNode newSpec) {
        return new Provenance(library, javaVersion, os, backend, createdAt, newSpec, seed, dataFile, train,
                validation, fit);
    }

    /**
     * A data file and the SHA-256 hash of its bytes.
     *
     * @param file   the path as given by the user
     * @param sha256 SHA-256 of the file's bytes (lower-case hex)
     */
    public record DataFile(String file, String sha256) {

        /** Checks both fields. */
        public DataFile {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(sha256, "sha256");
        }

        /**
         * Hashes a file.
         *
         * @param file the file
         * @return its name and hash
         * @throws UncheckedIOException if it cannot be read
         */
        public static DataFile of(Path file) {
            MessageDigest md = newDigest();
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
                in.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read data file " + file + " to hash it", e);
            }
            return new DataFile(file.toString(), HexFormat.of().formatHex(md.digest()));
        }
    }

    /**
     * Size and content hash of a dataset.
     *
     * @param sessions number of sessions
     * @param trials   number of trials
     * @param scored   number of scored trials
     * @param sha256   SHA-256 over every session's choices, outcomes, rewards, transitions and
     *                 scored flags (hex)
     */
    public record DataSummary(int sessions, int trials, int scored, String sha256) {

        /**
         * Summarises a dataset.
         *
         * @param data the dataset
         * @return its summary
         */
        public static DataSummary of(TwoStepDataset data) {
            MessageDigest md = newDigest();
            for (Session s : data.sessions()) {
                StringBuilder sb = new StringBuilder();
                sb.append(s.subject()).append('|').append(s.length()).append('|');
                for (int t = 0; t < s.length(); t++) {
                    sb.append(s.choice(t)).append(s.outcome(t)).append(s.reward(t))
                            .append(s.common(t) ? 1 : 0).append(s.scored(t) ? 1 : 0);
                }
                sb.append('\n');
                md.update(sb.toString().getBytes(StandardCharsets.UTF_8));
            }
            return new DataSummary(data.numSessions(), data.numTrials(), data.numScored(),
                    HexFormat.of().formatHex(md.digest()));
        }
    }

    /**
     * How a fit ended.
     *
     * @param chosenStart    index of the start (restart) that was kept, or −1 when unknown
     * @param startSeed      the seed that start derived from the root seed, or null when starts
     *                       have no seed of their own
     * @param iterations     epochs or EM iterations run by the kept start
     * @param converged      whether the stopping rule (tolerance, early stopping) ended it
     * @param trainLoss      training loss of the kept parameters (as in {@link TrainingHistory})
     * @param validationLoss validation predictive NLL per scored trial of the kept parameters, or
     *                       NaN without validation data
     */
    public record FitOutcome(int chosenStart, Long startSeed, int iterations, boolean converged, double trainLoss,
                             double validationLoss) {
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
