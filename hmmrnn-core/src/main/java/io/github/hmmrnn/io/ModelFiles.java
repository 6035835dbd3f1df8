package io.github.hmmrnn.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reading of the JSON model files with one kind of error for every way a file can be wrong: a
 * missing file is an {@link UncheckedIOException} saying so; an empty, truncated, non-JSON,
 * wrong-kind or malformed file is an {@link IllegalArgumentException} naming the file and what was
 * expected, never a {@code NullPointerException} or a parser's exception.
 */
public final class ModelFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelFiles() {
    }

    /**
     * Reads a JSON object from a model file.
     *
     * @param file the file
     * @param what what the file should hold, e.g. {@code "HMM-MoA model"}
     * @return its root object
     * @throws UncheckedIOException     if the file does not exist or cannot be read
     * @throws IllegalArgumentException if it is a folder, empty, not JSON or not a JSON object
     */
    public static JsonNode readJson(Path file, String what) {
        if (!Files.exists(file)) {
            throw new UncheckedIOException(what + " file " + file + " does not exist",
                    new NoSuchFileException(file.toString()));
        }
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(file + " is a folder; expected a " + what + " file");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + what + " file " + file + ": " + e.getMessage(), e);
        }
        if (new String(bytes, StandardCharsets.UTF_8).isBlank()) {
            throw new IllegalArgumentException(file + " is empty; expected a " + what + " file (JSON)");
        }
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new IllegalArgumentException(file + " is not valid JSON" + where + " (truncated, or not a " + what
                    + " file): " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " is not valid JSON (not a " + what + " file)", e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(file + ": expected a JSON object (a " + what + " file), found "
                    + (root == null ? "nothing" : root.getNodeType().toString().toLowerCase(Locale.ROOT)));
        }
        return root;
    }

    /**
     * Runs a parser over a file's tree and turns every failure into an
     * {@link IllegalArgumentException} that names the file.
     *
     * @param file   the file being parsed
     * @param what   what it should hold
     * @param parser builds the result (may throw anything)
     * @param <T>    result type
     * @return the result
     * @throws IllegalArgumentException naming the file if the parser fails
     */
    public static <T> T parse(Path file, String what, Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            String m = String.valueOf(e.getMessage());
            if (m.contains(file.toString())) {
                throw e;
            }
            throw new IllegalArgumentException(file + ": " + m, e);
        } catch (UncheckedIOException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + ": malformed " + what + " file: a required field is missing "
                    + "or has the wrong type", e);
        }
    }

    /**
     * @param root a JSON file's root
     * @return what the file appears to be, for "wrong kind of file" messages
     */
    public static String describeKind(JsonNode root) {
        if (root.hasNonNull("format") && !root.path("format").asText().isEmpty()) {
            return "a file of format '" + root.path("format").asText() + "'";
        }
        if (root.hasNonNull("modelType")) {
            return "a saved '" + root.path("modelType").asText() + "' model";
        }
        if (root.hasNonNull("family")) {
            return "a model specification (family '" + root.path("family").asText() + "')";
        }
        if (root.has("sessions") || root.has("subjects")) {
            return "a dataset";
        }
        return "a JSON file without a 'format' or 'modelType' field";
    }
}
