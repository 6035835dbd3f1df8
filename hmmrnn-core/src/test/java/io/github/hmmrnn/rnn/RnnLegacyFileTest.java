package io.github.hmmrnn.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.model.TrainingHistory;
import io.github.hmmrnn.synthetic.TwoStepGenerator;

/**
 * Model files written before the multiple-start setting was called {@code starts} and before the
 * history had optional validation and objective fields still load, with the same predictions.
 */
class RnnLegacyFileTest {

    @TempDir
    Path dir;

    @Test
    void legacyFieldNames_loadToTheSameModel() throws IOException {
        TwoStepDataset data = TwoStepGenerator.builder().sequences(4).trials(100).seed(3).build().generate();
        TwoStepDataset train = data.selectSessions(List.of(0, 1, 2));
        TwoStepDataset validation = data.selectSessions(List.of(3));
        FittedHmmTinyRnn fit = HmmTinyRnnModel.builder().states(2).hiddenSize(2).maxEpochs(3).seed(1).build()
                .fit(train, validation);
        Path current = dir.resolve("current.json");
        fit.save(current);

        ObjectMapper m = new ObjectMapper();
        ObjectNode root = (ObjectNode) m.readTree(current.toFile());
        ObjectNode hp = (ObjectNode) root.get("hyperParameters");
        hp.set("restarts", hp.remove("starts"));
        for (JsonNode e : root.get("history").get("entries")) {
            ObjectNode o = (ObjectNode) e;
            o.set("trainLoss", o.remove("trainChoiceNll"));
            o.set("validationLoss", o.remove("validationChoiceNll"));
            o.remove("objective");
        }
        Path legacy = dir.resolve("legacy.json");
        m.writeValue(legacy.toFile(), root);
        assertFalse(m.readTree(legacy.toFile()).get("hyperParameters").has("starts"));

        FittedHmmTinyRnn back = FittedHmmTinyRnn.load(legacy);
        assertEquals(fit.hyperParameters(), back.hyperParameters());
        List<double[]> p = fit.predictChoiceProbabilities(data);
        List<double[]> q = back.predictChoiceProbabilities(data);
        for (int i = 0; i < p.size(); i++) {
            assertArrayEquals(p.get(i), q.get(i), 0.0);
        }
        List<TrainingHistory.Entry> a = fit.history().entries();
        List<TrainingHistory.Entry> b = back.history().entries();
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).trainChoiceNll(), b.get(i).trainChoiceNll(), 0.0);
            assertEquals(a.get(i).validationChoiceNll(), b.get(i).validationChoiceNll());
        }
    }
}
