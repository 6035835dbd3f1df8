package io.github.hmmrnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine;

/** End-to-end runs of {@code hmmrnn emulate} on tiny settings: what it writes, and loading what it wrote. */
class EmulateCommandTest {

    @Test
    void tinyEnergyRun_writesResultsAndFigures_thenLoadGenerates(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("runs");
        int rc = new CommandLine(new EmulateCommand()).execute("--preset", "three", "--scale", "cpu", "--epochs", "2",
                "--hidden", "8", "--input", "2", "--loss", "ENERGY", "--seed", "5", "--out", out.toString(),
                "--quiet");
        assertEquals(0, rc);
        List<Path> runs;
        try (Stream<Path> s = Files.list(out)) {
            runs = s.toList();
        }
        assertEquals(1, runs.size());
        Path run = runs.get(0);
        assertTrue(run.getFileName().toString().endsWith("_three_cpu"), run.toString());
        ObjectMapper json = new ObjectMapper();
        JsonNode record = json.readTree(run.resolve("run.json").toFile());
        assertEquals("complete", record.get("status").asText());
        assertTrue(record.get("command").asText().contains("--preset three"), record.toString());
        JsonNode summary = json.readTree(run.resolve("summary.json").toFile());
        assertEquals("energy", summary.get("loss").asText());
        assertEquals(8, summary.get("hiddenSize").asInt());
        assertEquals(2, summary.get("inputSize").asInt());
        assertEquals(30, summary.get("sequenceLength").asInt());
        assertEquals(20_000, summary.get("exactEvaluationSequences").asLong());
        assertTrue(summary.get("exactTransitionErrorAllRows").asDouble() >= summary.get("exactTransitionError").asDouble());
        assertTrue(summary.get("exactTransitionErrorAllRowsSe").asDouble() > 0);
        JsonNode exact = json.readTree(run.resolve("transition_exact.json").toFile());
        assertEquals(3, exact.get("hmmExact").size());
        JsonNode config = json.readTree(run.resolve("config.json").toFile());
        assertEquals("ENERGY", config.get("loss").asText());
        assertEquals(2, config.get("epochs").asInt());
        JsonNode training = json.readTree(run.resolve("training_results.json").toFile());
        assertEquals(2, training.get("validationLoss").size());
        for (String f : new String[] {"loss", "transitions_hmm", "transitions_rnn", "frequencies_volatility",
            "run_lengths", "matched_distances", "pca_trajectory", "residency_map", "noise_sensitivity", "ablation",
            "pca_pc12", "pca_pc13", "pca_pc23", "variance_contours", "neuron_activity", "weights_recurrent",
            "weights_input", "weights_readout"}) {
            assertTrue(Files.size(run.resolve("figs").resolve(f + ".png")) > 0, f);
            assertTrue(Files.size(run.resolve("figs").resolve(f + ".svg")) > 0, f);
        }

        Path gen = dir.resolve("gen");
        rc = new CommandLine(new EmulateCommand()).execute("--load", run.resolve("model.json").toString(),
                "--generate", "7", "--length", "12", "--seed", "3", "--out", gen.toString(), "--quiet");
        assertEquals(0, rc);
        JsonNode g = json.readTree(gen.resolve("generated.json").toFile());
        assertEquals(7, g.get("sequences").size());
        assertEquals(12, g.get("sequences").get(0).size());
        double freq = 0;
        for (JsonNode f : g.get("statistics").get("frequencies")) {
            freq += f.asDouble();
        }
        assertEquals(1, freq, 1e-9);
        // Same seed, same sequences.
        Path gen2 = dir.resolve("gen2");
        new CommandLine(new EmulateCommand()).execute("--load", run.resolve("model.json").toString(), "--generate",
                "7", "--length", "12", "--seed", "3", "--out", gen2.toString(), "--quiet");
        assertEquals(g.get("sequences"), json.readTree(gen2.resolve("generated.json").toFile()).get("sequences"));
        // generated.json is not replaced without --force
        String[] again = {"--load", run.resolve("model.json").toString(), "--generate", "2", "--length", "5",
            "--out", gen.toString(), "--quiet"};
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new EmulateCommand());
        cl.setExecutionExceptionHandler(new CliErrors());
        cl.setErr(new PrintWriter(err));
        assertEquals(2, cl.execute(again));
        assertTrue(err.toString().contains("generated.json") && err.toString().contains("--force"), err.toString());
        assertEquals(7, json.readTree(gen.resolve("generated.json").toFile()).get("sequences").size());
        String[] forced = Arrays.copyOf(again, again.length + 1);
        forced[again.length] = "--force";
        assertEquals(0, new CommandLine(new EmulateCommand()).execute(forced));
        assertEquals(2, json.readTree(gen.resolve("generated.json").toFile()).get("sequences").size());
    }

    @Test
    void grid_resumesWithoutForceAndRerunsWithIt(@TempDir Path dir) throws Exception {
        Path gridFile = dir.resolve("grid.json");
        Files.writeString(gridFile, "{\"preset\": \"two\", \"scale\": \"cpu\", \"hidden\": [4], \"input\": [1],"
                + " \"seeds\": [0], \"epochs\": 1, \"loss\": \"energy\"}");
        Path out = dir.resolve("grid");
        String[] args = {"--grid", gridFile.toString(), "--no-plots", "--out", out.toString(), "--quiet"};
        assertEquals(0, new CommandLine(new EmulateCommand()).execute(args));
        Path summary = out.resolve("two").resolve("h4_d1_s0").resolve("summary.json");
        ObjectMapper json = new ObjectMapper();
        assertEquals("complete", json.readTree(out.resolve("run.json").toFile()).get("status").asText());
        Files.writeString(summary, Files.readString(summary).replace("\"hiddenSize\"", "\"hiddenSize\" "));
        String marked = Files.readString(summary);
        // without --force the finished cell is kept and skipped
        assertEquals(0, new CommandLine(new EmulateCommand()).execute(args));
        assertEquals(marked, Files.readString(summary));
        // with --force it is run again
        String[] forced = Arrays.copyOf(args, args.length + 1);
        forced[args.length] = "--force";
        assertEquals(0, new CommandLine(new EmulateCommand()).execute(forced));
        assertNotEquals(marked, Files.readString(summary));
        assertEquals(4, json.readTree(summary.toFile()).get("hiddenSize").asInt());
    }

    @Test
    void preset_rejectsForce(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new EmulateCommand());
        cl.setExecutionExceptionHandler(new CliErrors());
        cl.setErr(new PrintWriter(err));
        assertEquals(2, cl.execute("--preset", "two", "--epochs", "1", "--force", "--out", dir.toString(), "--quiet"));
        assertTrue(err.toString().contains("--force does not apply"), err.toString());
    }

    @Test
    void unknownLoss_listsValidNames(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new EmulateCommand());
        cl.setExecutionExceptionHandler(new CliErrors());
        cl.setErr(new PrintWriter(err));
        assertNotEquals(0, cl.execute("--preset", "two", "--loss", "mmd", "--out", dir.toString(), "--quiet"));
        assertTrue(err.toString().contains("sinkhorn") && err.toString().contains("energy"), err.toString());
    }
}
