package io.github.hmmrnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine;

class RlCommandTest {

    @Test
    void quick_perceptualDecisionMaking_learnsWellAboveChance(@TempDir Path dir) throws Exception {
        int rc = new CommandLine(new RlCommand()).execute("--task", "PerceptualDecisionMaking", "--agent", "mpn",
                "--quick", "--eval-trials", "300", "--out", dir.toString(), "--quiet");
        assertEquals(0, rc);
        JsonNode m = new ObjectMapper().readTree(dir.resolve("metrics.json").toFile());
        double acc = m.get("accuracyMean").asDouble();
        assertTrue(acc > 0.70, "quick run greedy accuracy " + acc + " (fixed choice 0.5, ideal 0.896)");
        for (String f : new String[] {"history.csv", "training-curve.png", "training-curve.svg", "psychometric.png",
            "example-trial.png"}) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
    }

    @Test
    void unknownTaskOrAgent_listsValidNames(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new RlCommand());
        cl.setErr(new PrintWriter(err));
        assertNotEquals(0, cl.execute("--task", "Foo", "--out", dir.toString()));
        assertTrue(err.toString().contains("DelayMatchSample"), err.toString());
        StringWriter err2 = new StringWriter();
        CommandLine cl2 = new CommandLine(new RlCommand());
        cl2.setErr(new PrintWriter(err2));
        assertNotEquals(0, cl2.execute("--task", "DelayMatchSample", "--agent", "lstm", "--out", dir.toString()));
        assertTrue(err2.toString().contains("mpn, gru"), err2.toString());
    }

    /** Tiny GRU run with two seeds: checks every file and that metrics.json agrees with history.csv and itself. */
    @Test
    void tinyGruTwoSeeds_writesConsistentFiles(@TempDir Path dir) throws Exception {
        String[] args = {"--task", "PerceptualDecisionMaking", "--agent", "gru", "--trials", "120", "--seeds", "2",
            "--eval-trials", "40", "--hidden", "6", "--threads", "1", "--seed", "4", "--out", dir.toString(),
            "--quiet"};
        assertEquals(0, new CommandLine(new RlCommand()).execute(args));
        JsonNode m = new ObjectMapper().readTree(dir.resolve("metrics.json").toFile());
        assertEquals("gru", m.get("agent").asText());
        assertEquals("none", m.get("ablation").asText());
        assertEquals(6, m.get("hiddenSize").asInt());
        assertEquals(120, m.get("trainingTrialsPerSeed").asInt());
        assertEquals(40, m.get("evaluationTrialsPerSeed").asInt());
        JsonNode seeds = m.get("seeds");
        assertEquals(2, seeds.size());
        assertEquals(4, seeds.get(0).get("seed").asLong());
        assertEquals(5, seeds.get(1).get("seed").asLong());
        double mean = 0;
        for (JsonNode s : seeds) {
            double acc = s.get("accuracy").asDouble();
            assertTrue(acc >= 0 && acc <= 1, "accuracy " + acc);
            assertTrue(s.get("trainingEnvSteps").asLong() > 0);
            mean += acc / 2;
        }
        assertEquals(mean, m.get("accuracyMean").asDouble(), 1e-12);
        JsonNode record = new ObjectMapper().readTree(dir.resolve("run.json").toFile());
        assertEquals("complete", record.get("status").asText());
        assertEquals(2, record.get("settings").get("--seeds").asInt());
        var lines = Files.readAllLines(dir.resolve("history.csv"));
        assertTrue(lines.get(0).startsWith("seed,trials,envSteps"), lines.get(0));
        assertTrue(lines.stream().skip(1).anyMatch(l -> l.startsWith("4,")));
        assertTrue(lines.stream().skip(1).anyMatch(l -> l.startsWith("5,")));
        for (String f : new String[] {"training-curve.png", "training-curve.svg", "psychometric.png",
            "example-trial.png"}) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
        // Same seeds, same accuracies.
        Path again = dir.resolve("again");
        args[args.length - 2] = again.toString();
        assertEquals(0, new CommandLine(new RlCommand()).execute(args));
        JsonNode m2 = new ObjectMapper().readTree(again.resolve("metrics.json").toFile());
        assertEquals(seeds.get(0).get("accuracy"), m2.get("seeds").get(0).get("accuracy"));
        assertEquals(seeds.get(1).get("accuracy"), m2.get("seeds").get(1).get("accuracy"));
    }
}
