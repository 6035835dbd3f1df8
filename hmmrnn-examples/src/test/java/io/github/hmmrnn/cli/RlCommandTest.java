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
}
