package io.github.hmmrnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
