import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.io.DatasetReaders;
import io.github.hmmrnn.moa.FittedHmmMoa;

/**
 * Runs the hmmrnn command line (from the installed hmmrnn-examples and its dependencies) to generate
 * data and fit an HMM-MoA, then loads the model it saved with the library: the loaded model's causal
 * predictions and choice log-likelihood equal, bit for bit, those the CLI wrote beside it.
 */
class CliSavedModelTest {

    private static void cli(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.github.hmmrnn.cli.HmmrnnCli"));
        cmd.addAll(List.of(args));
        Path log = dir.resolve("cli-" + args[0] + ".log");
        int rc = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start().waitFor();
        System.out.print(Files.readString(log));
        assertEquals(0, rc, "hmmrnn " + String.join(" ", args) + " failed");
    }

    @Test
    void modelSavedByTheCli_loadsAndPredictsAsTheCliDid(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("train.csv");
        cli(dir, "generate", "--sequences", "8", "--trials", "200", "--seed", "3", "--out", data.toString());
        cli(dir, "fit", "--data", data.toString(), "--subject", "all", "--model", "moa", "--states", "2",
                "--quiet", "--out", dir.resolve("fits").toString());
        List<Path> fits;
        try (Stream<Path> files = Files.walk(dir.resolve("fits"))) {
            fits = files.filter(f -> f.getFileName().toString().equals("fit.json")).toList();
        }
        assertEquals(1, fits.size(), "one fit.json expected: " + fits);

        FittedHmmMoa model = FittedHmmMoa.load(fits.get(0));
        TwoStepDataset trials = DatasetReaders.read(data);
        List<double[]> predicted = model.predictChoiceProbabilities(trials);
        JsonNode saved = new ObjectMapper().readTree(fits.get(0).toFile());
        JsonNode rows = saved.get("trials");
        int row = 0;
        for (double[] session : predicted) {
            for (double p : session) {
                assertEquals(rows.get(row).get("pChoice1").asDouble(), p, 0.0, "pChoice1 of row " + row);
                row++;
            }
        }
        assertEquals(rows.size(), row, "trials in fit.json");
        assertEquals(saved.get("dataChoiceLogLikelihood").asDouble(), model.choiceLogLikelihood(trials), 0.0);
    }
}
