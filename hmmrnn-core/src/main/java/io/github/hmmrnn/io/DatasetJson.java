package io.github.hmmrnn.io;

import java.io.UncheckedIOException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.hmmrnn.data.Session;
import io.github.hmmrnn.data.Subject;
import io.github.hmmrnn.data.TwoStepDataset;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Lossless JSON form of a {@link TwoStepDataset}.
 *
 * <p>Layout (format version {@value #FORMAT_VERSION}):
 * <pre>{@code
 * {"format": "hmmrnn-two-step-dataset", "version": 1,
 *  "subjects": [{"name": "M055", "pCongruent": 0.805, "rawTrials": 12445}, ...],
 *  "sessions": [{"subject": "M055", "index": 0, "choices": [0,1,...], "outcomes": [...],
 *                "rewards": [...], "common": [1,0,...], "scored": [1,1,...],
 *                "phases": [...]  // only when known
 *               }, ...]}
 * }</pre>
 * Booleans are written as 0/1. Reading rejects any other format name or version.
 */
public final class DatasetJson {

    /** The format name written to the {@code format} field. */
    public static final String FORMAT_NAME = "hmmrnn-two-step-dataset";

    /** The only format version this class writes and reads. */
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DatasetJson() {
    }

    /**
     * Writes the dataset to a file, replacing it if it exists.
     *
     * @param data the dataset
     * @param file destination
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    public static void write(TwoStepDataset data, Path file) {
        Objects.requireNonNull(file, "file");
        String json = toJson(data);
        try {
            AtomicFiles.writeString(file, json);
        } catch (UncheckedIOException e) {
            throw IoSupport.ioFailure(file, "write JSON file", e.getCause());
        }
    }

    /**
     * Reads a dataset file.
     *
     * @param file the JSON file
     * @return the dataset
     * @throws IllegalArgumentException as {@link #fromJson(String, String)}
     * @throws java.io.UncheckedIOException if the file does not exist or cannot be read
     */
    public static TwoStepDataset read(Path file) {
        IoSupport.requireReadableFile(file);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw IoSupport.readFailure(file, "JSON file", e);
        }
        return fromJson(text, "file " + file);
    }

    /**
     * Serialises a dataset.
     *
     * @param data the dataset
     * @return compact JSON text
     */
    public static String toJson(TwoStepDataset data) {
        Objects.requireNonNull(data, "data");
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT_NAME);
        root.put("version", FORMAT_VERSION);
        ArrayNode subjects = root.putArray("subjects");
        for (Subject s : data.subjects()) {
            subjects.addObject().put("name", s.name()).put("pCongruent", s.pCongruent())
                    .put("rawTrials", s.rawTrials());
        }
        ArrayNode sessions = root.putArray("sessions");
        for (Session s : data.sessions()) {
            ObjectNode o = sessions.addObject();
            o.put("subject", s.subject());
            o.put("index", s.index());
            ArrayNode ch = o.putArray("choices");
            ArrayNode out = o.putArray("outcomes");
            ArrayNode rew = o.putArray("rewards");
            ArrayNode com = o.putArray("common");
            ArrayNode sc = o.putArray("scored");
            ArrayNode ph = s.hasPhases() ? o.putArray("phases") : null;
            for (int t = 0; t < s.length(); t++) {
                ch.add(s.choice(t));
                out.add(s.outcome(t));
                rew.add(s.reward(t));
                com.add(s.common(t) ? 1 : 0);
                sc.add(s.scored(t) ? 1 : 0);
                if (ph != null) {
                    ph.add(s.phase(t));
                }
            }
        }
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise dataset to JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Parses a dataset.
     *
     * @param json   JSON text in the layout above
     * @param source where the text came from (e.g. {@code "file x.json"}), for messages
     * @return the dataset
     * @throws IllegalArgumentException if the text is not JSON, the format name or version is not
     *                                  the supported one, a field is missing or has the wrong type,
     *                                  or a value is invalid (the message names source, field,
     *                                  session, trial and value)
     */
    public static TwoStepDataset fromJson(String json, String source) {
        Objects.requireNonNull(json, "json");
        if (json.isBlank()) {
            throw new IllegalArgumentException(source + " is empty: expected a JSON dataset");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(source + ": expected a JSON object at the top level");
        }
        String format = text(root, "format", source);
        if (!FORMAT_NAME.equals(format)) {
            throw new IllegalArgumentException(source + ": field 'format' is '" + format + "', expected '"
                    + FORMAT_NAME + "'");
        }
        int version = integer(root, "version", source);
        if (version != FORMAT_VERSION) {
            throw new IllegalArgumentException(source + ": unsupported format version " + version
                    + "; this library reads version " + FORMAT_VERSION);
        }
        List<Subject> subjects = new ArrayList<>();
        JsonNode subs = array(root, "subjects", source);
        for (int i = 0; i < subs.size(); i++) {
            String where = source + ", subjects[" + i + "]";
            JsonNode s = subs.get(i);
            JsonNode pc = s.get("pCongruent");
            if (pc == null || !pc.isNumber()) {
                throw new IllegalArgumentException(where + ": field 'pCongruent' must be a number, got " + pc);
            }
            try {
                subjects.add(new Subject(text(s, "name", where), pc.doubleValue(), integer(s, "rawTrials", where)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        List<Session> sessions = new ArrayList<>();
        JsonNode ss = array(root, "sessions", source);
        for (int i = 0; i < ss.size(); i++) {
            String where = source + ", sessions[" + i + "]";
            JsonNode s = ss.get(i);
            int[] phases = s.has("phases") ? ints(s, "phases", where) : null;
            try {
                sessions.add(Session.of(text(s, "subject", where), integer(s, "index", where),
                        ints(s, "choices", where), ints(s, "outcomes", where), ints(s, "rewards", where),
                        booleans(s, "common", where), booleans(s, "scored", where), phases));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        try {
            return TwoStepDataset.of(subjects, sessions);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode field(JsonNode o, String name, String where) {
        JsonNode v = o == null ? null : o.get(name);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException(where + ": field '" + name + "' is missing");
        }
        return v;
    }

    private static String text(JsonNode o, String name, String where) {
        JsonNode v = field(o, name, where);
        if (!v.isTextual()) {
            throw new IllegalArgumentException(where + ": field '" + name + "' must be a string, got " + v);
        }
        return v.textValue();
    }

    private static int integer(JsonNode o, String name, String where) {
        JsonNode v = field(o, name, where);
        if (!v.isInt()) {
            throw new IllegalArgumentException(where + ": field '" + name + "' must be an integer, got " + v);
        }
        return v.intValue();
    }

    private static JsonNode array(JsonNode o, String name, String where) {
        JsonNode v = field(o, name, where);
        if (!v.isArray()) {
            throw new IllegalArgumentException(where + ": field '" + name + "' must be an array, got "
                    + v.getNodeType());
        }
        return v;
    }

    private static int[] ints(JsonNode o, String name, String where) {
        JsonNode a = array(o, name, where);
        int[] out = new int[a.size()];
        for (int t = 0; t < out.length; t++) {
            JsonNode v = a.get(t);
            if (!v.isInt()) {
                throw new IllegalArgumentException(where + ": field '" + name + "' [" + t
                        + "] must be an integer, got " + v);
            }
            out[t] = v.intValue();
        }
        return out;
    }

    private static boolean[] booleans(JsonNode o, String name, String where) {
        int[] v = ints(o, name, where);
        boolean[] out = new boolean[v.length];
        for (int t = 0; t < v.length; t++) {
            if (v[t] != 0 && v[t] != 1) {
                throw new IllegalArgumentException(where + ": field '" + name + "' [" + t + "]: value " + v[t]
                        + " not in {0,1}");
            }
            out[t] = v[t] == 1;
        }
        return out;
    }
}
