package io.github.hmmrnn.emulation.experiment;

import io.github.hmmrnn.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.github.hmmrnn.emulation.HmmPreset;
import java.util.Arrays;
import io.github.hmmrnn.emulation.LossKind;

/**
 * A grid of emulation runs over hidden size x input size x seed for one preset and scale. Each
 * cell runs in {@code <out>/<preset>/h<n>_d<d>_s<seed>/}; a cell whose {@code summary.json}
 * exists is skipped, so re-running the same grid into the same folder resumes it.
 *
 * @param preset the HMM
 * @param scale  base configuration scale
 * @param hidden hidden sizes
 * @param input  input sizes
 * @param seeds  seeds
 * @param epochs epochs override, or 0 to keep the preset's
 * @param loss   loss override, or {@code null} to keep the preset's
 */
public record EmulationGrid(HmmPreset preset, ExperimentScale scale, int[] hidden, int[] input, long[] seeds,
                            int epochs, LossKind loss) {

    private static final Logger LOG = LoggerFactory.getLogger(EmulationGrid.class);

    /**
     * Validates the grid.
     *
     * @throws IllegalArgumentException if a list is empty or a value is out of range
     */
    public EmulationGrid {
        if (preset == null || scale == null) {
            throw new IllegalArgumentException("grid preset and scale must not be null");
        }
        if (hidden == null || hidden.length == 0 || input == null || input.length == 0 || seeds == null
                || seeds.length == 0) {
            throw new IllegalArgumentException("grid hidden, input and seeds must each list at least one value");
        }
        if (epochs < 0) {
            throw new IllegalArgumentException("grid epochs must be >= 0, got " + epochs);
        }
    }

    /**
     * Reads a grid file: {@code {"preset": "two", "scale": "cpu", "hidden": [50], "input": [1, 10],
     * "seeds": [0, 1, 2], "epochs": 40, "loss": "energy"}} ({@code epochs} and {@code loss} optional).
     *
     * @param file JSON file
     * @return the grid
     * @throws IllegalArgumentException if a field is missing or invalid
     * @throws UncheckedIOException if the file cannot be read
     */
    public static EmulationGrid read(Path file) {
        try {
            JsonNode n = new ObjectMapper().readTree(file.toFile());
            return new EmulationGrid(HmmPreset.parse(req(n, "preset").asText()),
                    ExperimentScale.parse(req(n, "scale").asText()), ints(req(n, "hidden"), "hidden"),
                    ints(req(n, "input"), "input"),
                    Arrays.stream(ints(req(n, "seeds"), "seeds")).asLongStream().toArray(),
                    n.has("epochs") ? n.get("epochs").asInt() : 0,
                    n.has("loss") ? LossKind.parse(n.get("loss").asText()) : null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read grid file " + file, e);
        }
    }

    private static JsonNode req(JsonNode n, String f) {
        if (!n.has(f)) {
            throw new IllegalArgumentException("grid file lacks field '" + f + "'");
        }
        return n.get(f);
    }

    private static int[] ints(JsonNode n, String f) {
        if (!n.isArray()) {
            throw new IllegalArgumentException("grid field '" + f + "' must be an array of integers");
        }
        int[] a = new int[n.size()];
        for (int i = 0; i < a.length; i++) {
            if (!n.get(i).canConvertToInt()) {
                throw new IllegalArgumentException("grid field '" + f + "' entry " + i + " is not an integer");
            }
            a[i] = n.get(i).asInt();
        }
        return a;
    }

    /**
     * Counts the cells that {@link #run} would run: those without a {@code summary.json} yet.
     *
     * @param outDirectory grid folder
     * @return the number of unfinished cells
     */
    public int unfinishedCells(Path outDirectory) {
        int n = 0;
        for (Path cell : cellDirectories(outDirectory)) {
            if (!Files.exists(cell.resolve("summary.json"))) {
                n++;
            }
        }
        return n;
    }

    /**
     * The folders of this grid's cells, in grid order (whether they exist yet or not).
     *
     * @param outDirectory grid folder
     * @return one folder per cell
     */
    public List<Path> cellDirectories(Path outDirectory) {
        List<Path> cells = new ArrayList<>();
        for (int h : hidden) {
            for (int d : input) {
                for (long s : seeds) {
                    cells.add(cellDirectory(outDirectory, h, d, s));
                }
            }
        }
        return cells;
    }

    private Path cellDirectory(Path outDirectory, int h, int d, long s) {
        return outDirectory.resolve(preset.id()).resolve("h" + h + "_d" + d + "_s" + s);
    }

    /**
     * Runs every unfinished cell.
     *
     * @param outDirectory grid folder
     * @param onCell       called with each freshly run cell's outcome (e.g. to draw figures), or {@code null}
     * @return the summaries of all cells, finished earlier or now, in grid order
     */
    public List<EmulationSummary> run(Path outDirectory, Consumer<EmulationOutcome> onCell) {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        List<EmulationSummary> all = new ArrayList<>();
        try {
            for (int h : hidden) {
                for (int d : input) {
                    for (long s : seeds) {
                        Path cell = cellDirectory(outDirectory, h, d, s);
                        Path summaryFile = cell.resolve("summary.json");
                        if (Files.exists(summaryFile)) {
                            LOG.info("grid cell {} already finished, skipping", cell);
                            all.add(json.readValue(summaryFile.toFile(), EmulationSummary.class));
                            continue;
                        }
                        EmulationConfig c = EmulationConfig.load(preset, scale, s, loss).withNetwork(h, d, s);
                        if (epochs > 0) {
                            c = c.withEpochs(epochs);
                        }
                        EmulationOutcome o = EmulationExperiment.run(c, cell, null);
                        all.add(o.summary());
                        if (onCell != null) {
                            onCell.accept(o);
                        }
                    }
                }
            }
            Files.createDirectories(outDirectory);
            AtomicFiles.write(outDirectory.resolve("grid_results.json"), o -> json.writeValue(o, all));
        } catch (IOException e) {
            throw new UncheckedIOException("grid I/O failed in " + outDirectory, e);
        }
        return all;
    }
}
