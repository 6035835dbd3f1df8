package io.github.hmmrnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.hmmrnn.data.DatasetSplit;
import io.github.hmmrnn.data.SessionFolds;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.io.CsvTwoStepWriter;
import io.github.hmmrnn.synthetic.TwoStepGenerator;
import picocli.CommandLine;

/**
 * {@code hmmrnn fit --model tinyrnn} early-stops on held-out segments of the subject's sessions,
 * not on its own training data: the saved model's history has validation NLLs that differ from
 * the training NLLs, and its provenance names a validation set of the held-out segments.
 */
class FitCommandValidationTest {

    @TempDir
    Path tmp;

    @Test
    void fitTinyRnn_earlyStopsOnHeldOutSegments() throws IOException {
        TwoStepDataset data = TwoStepGenerator.builder().sequences(3).trials(400).seed(5).build().generate();
        Path csv = tmp.resolve("d.csv");
        CsvTwoStepWriter.write(data, csv);
        String subject = data.subjectNames().get(0);
        Path out = tmp.resolve("out");
        CommandLine cl = HmmrnnCli.commandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        int rc = cl.execute("fit", "--data", csv.toString(), "--subject", subject, "--model", "tinyrnn",
                "--hidden", "1", "--epochs", "5", "--patience", "5", "--quiet", "--out", out.toString());
        assertEquals(0, rc);
        JsonNode model = new ObjectMapper().readTree(out.resolve(subject).resolve("TinyRnn-H1").resolve("fit.json")
                .toFile());
        JsonNode entries = model.get("history").get("entries");
        assertTrue(entries.size() >= 2);
        for (JsonNode e : entries) {
            double train = e.get("trainChoiceNll").asDouble();
            JsonNode val = e.get("validationChoiceNll");
            assertTrue(val != null && val.isNumber(), "no validation NLL in " + e);
            assertNotEquals(train, val.asDouble(), "validation NLL equals train NLL: " + e);
        }
        DatasetSplit inner = SessionFolds.innerValidation(TwoStepDataset.of(data.subjects(), data.sessions()));
        JsonNode prov = model.get("provenance");
        assertEquals(inner.train().numTrials(), prov.get("train").get("trials").asInt());
        assertEquals(inner.test().numTrials(), prov.get("validation").get("trials").asInt());
        assertEquals(data.numTrials(), inner.train().numTrials() + inner.test().numTrials());
    }
}
