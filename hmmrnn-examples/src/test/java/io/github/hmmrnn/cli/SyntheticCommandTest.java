package io.github.hmmrnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * End-to-end: {@code hmmrnn synthetic --quick} writes every output and no model beats the Bayes
 * oracle by more than sampling noise allows (0.01 nats): beating it would mean a leak.
 */
class SyntheticCommandTest {

    @Test
    void quick_writesAllOutputsAndNoModelBeatsTheOracle() throws IOException {
        Path out = Path.of("target", "synthetic-quick");
        int rc = HmmrnnCli.commandLine().execute("synthetic", "--quick", "--quiet", "--force", "--out", out.toString());
        assertEquals(0, rc);
        for (String f : List.of("report.md", "metrics.json", "predictions.csv", "plots/training_curves.png",
                "plots/training_curves.svg", "plots/stay_probabilities.png", "plots/trial_history_regression.svg",
                "plots/example_BayesOracle.png")) {
            assertTrue(Files.size(out.resolve(f)) > 100, f + " is missing or empty");
        }
        List<String> header = List.of(Files.readAllLines(out.resolve("predictions.csv")).get(0).split(","));
        assertEquals(List.of("model", "split", "sequence", "trial", "choice", "reward", "common", "true_phase",
                "p_choice1"), header.subList(0, 9));

        JsonNode metrics = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        int models = 0;
        for (JsonNode r : metrics.get("results")) {
            String model = r.get("model").asText();
            double gap = r.get("nllMinusOracle").asDouble();
            assertTrue(gap >= -0.01, model + " on " + r.get("split").asText() + " beats the oracle by " + (-gap));
            if (!model.equals("BayesOracle")) {
                models++;
                assertTrue(Files.size(out.resolve("history").resolve(model + ".json")) > 10);
                assertTrue(Files.exists(out.resolve("plots").resolve("example_" + model + ".png")));
            }
        }
        assertEquals(16, models, "five models on two splits, the three HMM models once per chain evidence");
    }
}
