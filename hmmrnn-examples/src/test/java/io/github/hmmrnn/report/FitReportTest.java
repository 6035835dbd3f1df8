package io.github.hmmrnn.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.hmmrnn.agents.Agent;
import io.github.hmmrnn.agents.Agents;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.model.ChainEvidence;
import io.github.hmmrnn.model.Provenance;
import io.github.hmmrnn.moa.FittedHmmMoa;
import io.github.hmmrnn.moa.HmmMoaModel;
import io.github.hmmrnn.moa.MoaModelFile;
import io.github.hmmrnn.moa.MoaSimulator;
import io.github.hmmrnn.moa.TwoStepTask;

class FitReportTest {

    private static FittedHmmMoa fit(ChainEvidence evidence, TwoStepDataset data) {
        List<Agent> agents = List.of(Agents.mbRewardB(), Agents.mfChoiceB(), Agents.bias());
        return HmmMoaModel.builder().states(2).agents(agents).seed(3).maxIterations(6).chainEvidence(evidence)
                .build().fit(data);
    }

    private static TwoStepDataset data() {
        List<Agent> agents = List.of(Agents.mbRewardB().withParameter("alpha", 0.5, true),
                Agents.mfChoiceB().withParameter("alpha", 0.4, true), Agents.bias());
        FittedHmmMoa truth = FittedHmmMoa.of(agents, new double[][] {{2.0, 0.2}, {0.1, 1.0}, {0.0, 0.3}},
                new double[] {0.8, 0.2}, new double[][] {{0.95, 0.05}, {0.05, 0.95}});
        return MoaSimulator.simulate(truth, 4, 60, TwoStepTask.DEFAULT, 2);
    }

    @ParameterizedTest
    @EnumSource(ChainEvidence.class)
    void write_holdsTheModelTheDataScoresAndEveryTrial(ChainEvidence evidence, @TempDir Path dir) throws IOException {
        TwoStepDataset data = data();
        FittedHmmMoa fit = fit(evidence, data);
        Path file = dir.resolve("fit.json");
        FitReport.write(file, fit, data, "simulated");
        ObjectMapper mapper = new ObjectMapper();
        JsonNode json = mapper.readTree(Files.readString(file));

        // the report starts with the model file, field for field (as read back), and loads as the model
        JsonNode model = mapper.readTree(mapper.writeValueAsString(MoaModelFile.toJson(fit)));
        model.fieldNames().forEachRemaining(f -> assertEquals(model.get(f), json.get(f), f));
        FittedHmmMoa back = FittedHmmMoa.load(file);
        assertArrayEquals(fit.predictChoiceProbabilities(data).get(1), back.predictChoiceProbabilities(data).get(1),
                0.0);
        assertEquals(fit.provenance(), back.provenance());

        assertEquals(fit.logLikelihood(data), json.get("dataLogLikelihood").asDouble(), 0.0);
        assertEquals(fit.choiceLogLikelihood(data), json.get("dataChoiceLogLikelihood").asDouble(), 0.0);
        assertEquals(Math.exp(fit.choiceLogLikelihood(data) / data.numScored()),
                json.get("dataNormalizedLikelihood").asDouble(), 0.0);
        assertEquals("simulated", json.get("data").get("file").asText());
        assertEquals(data.numScored(), json.get("data").get("scoredTrials").asInt());

        JsonNode trials = json.get("trials");
        assertEquals(data.numTrials(), trials.size());
        int row = 60 + 17;   // session 1, trial 17
        JsonNode t = trials.get(row);
        assertEquals(1, t.get("session").asInt());
        assertEquals(17, t.get("trial").asInt());
        assertEquals(fit.predictChoiceProbabilities(data).get(1)[17], t.get("pChoice1").asDouble(), 0.0);
        double[] predicted = fit.predictedStates(data).get(1)[17];
        double[] smoothed = fit.smoothedStates(data).get(1)[17];
        for (int k = 0; k < 2; k++) {
            assertEquals(predicted[k], t.get("predictedState").get(k).asDouble(), 0.0);
            assertEquals(smoothed[k], t.get("smoothedState").get(k).asDouble(), 0.0);
        }
        assertEquals(data.sessions().get(1).phase(17), t.get("phase").asInt());
    }

    @ParameterizedTest
    @EnumSource(ChainEvidence.class)
    void writeFit_addsTheDataFileToTheProvenance(ChainEvidence evidence, @TempDir Path dir) throws IOException {
        TwoStepDataset data = data();
        Path source = dir.resolve("source.csv");
        Files.writeString(source, "subject,session\n");
        Provenance.DataFile file = Provenance.DataFile.of(source);
        RealDataReport.writeFit(fit(evidence, data), data, file, dir.resolve("out"));
        FittedHmmMoa back = FittedHmmMoa.load(dir.resolve("out").resolve("fit.json"));
        assertEquals(file, back.provenance().dataFile());
        assertEquals(Provenance.DataSummary.of(data), back.provenance().train());
        assertTrue(back.provenance().createdAt().endsWith("Z"));
    }
}
