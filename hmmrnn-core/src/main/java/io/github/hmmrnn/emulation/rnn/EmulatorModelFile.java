package io.github.hmmrnn.emulation.rnn;

import io.github.hmmrnn.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Saves and loads a trained emulator as {@code model.json} (format {@code hmmrnn-emulator}, version 1):
 * sizes, straight-through temperature, the epoch the weights come from and the three weight matrices as
 * nested arrays. Doubles are written in Jackson's shortest round-trip form, so a loaded emulator has
 * bit-identical weights and generates bit-identical sequences from the same seed.
 */
public final class EmulatorModelFile {

    /** The value of the {@code format} field. */
    public static final String FORMAT = "hmmrnn-emulator";

    /** The newest format version this class reads and the one it writes. */
    public static final int VERSION = 1;

    private EmulatorModelFile() {
    }

    /**
     * Writes an emulator.
     *
     * @param emulator  the network
     * @param bestEpoch epoch the weights come from (0 if unknown)
     * @param file      target file (parent folders are created)
     * @throws UncheckedIOException if the file cannot be written
     */
    public static void save(RnnEmulator emulator, int bestEpoch, Path file) {
        EmulatorWeights w = emulator.weights();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("format", FORMAT);
        model.put("formatVersion", VERSION);
        model.put("hiddenSize", w.hiddenSize());
        model.put("inputSize", w.inputSize());
        model.put("numOutputs", w.numOutputs());
        model.put("temperature", w.temperature());
        model.put("bestEpoch", bestEpoch);
        model.put("inputWeights", w.inputWeights());
        model.put("recurrentWeights", w.recurrentWeights());
        model.put("readoutWeights", w.readoutWeights());
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            AtomicFiles.write(file, o -> json.writeValue(o, model));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * Reads an emulator written by {@link #save} (or by an emulation run).
     *
     * @param file a {@code model.json}
     * @return the emulator
     * @throws IllegalArgumentException if the file is not an emulator model, has a newer version, or a field is
     *                                  missing or has the wrong shape
     * @throws UncheckedIOException     if the file cannot be read
     */
    public static RnnEmulator load(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new IllegalArgumentException(file + ": field 'format' must be '" + FORMAT + "'");
        }
        int version = root.path("formatVersion").asInt(-1);
        if (version < 1 || version > VERSION) {
            throw new IllegalArgumentException(file + ": formatVersion " + root.path("formatVersion")
                    + " is not supported, this version supports at most version " + VERSION);
        }
        int n = integer(root, "hiddenSize", file);
        int d = integer(root, "inputSize", file);
        int k = integer(root, "numOutputs", file);
        JsonNode tau = root.get("temperature");
        if (tau == null || !tau.isNumber()) {
            throw new IllegalArgumentException(file + ": field 'temperature' must be a number");
        }
        return RnnEmulator.of(new EmulatorWeights(n, d, k, tau.asDouble(), matrix(root, "inputWeights", n, d, file),
                matrix(root, "recurrentWeights", n, n, file), matrix(root, "readoutWeights", k, n, file)));
    }

    private static int integer(JsonNode root, String field, Path file) {
        JsonNode v = root.get(field);
        if (v == null || !v.canConvertToInt()) {
            throw new IllegalArgumentException(file + ": field '" + field + "' must be an integer");
        }
        return v.asInt();
    }

    private static double[] matrix(JsonNode root, String field, int rows, int cols, Path file) {
        JsonNode m = root.get(field);
        if (m == null || !m.isArray() || m.size() != rows) {
            throw new IllegalArgumentException(file + ": field '" + field + "' must be a " + rows + " x " + cols
                    + " array");
        }
        double[] flat = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            JsonNode row = m.get(i);
            if (!row.isArray() || row.size() != cols) {
                throw new IllegalArgumentException(file + ": field '" + field + "' row " + i + " must have " + cols
                        + " numbers");
            }
            for (int j = 0; j < cols; j++) {
                if (!row.get(j).isNumber()) {
                    throw new IllegalArgumentException(file + ": field '" + field + "' [" + i + "][" + j
                            + "] must be a number");
                }
                flat[i * cols + j] = row.get(j).asDouble();
            }
        }
        return flat;
    }
}
