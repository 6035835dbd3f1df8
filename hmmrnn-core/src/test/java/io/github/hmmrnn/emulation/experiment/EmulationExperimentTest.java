package io.github.hmmrnn.emulation.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.hmmrnn.emulation.HmmPreset;
import io.github.hmmrnn.emulation.LossKind;
import io.github.hmmrnn.emulation.rnn.EmulatorModelFile;

class EmulationExperimentTest {

    @Test
    void load_everyPresetAndScale_valid() {
        for (HmmPreset p : HmmPreset.values()) {
            for (ExperimentScale s : ExperimentScale.values()) {
                EmulationConfig c = EmulationConfig.load(p, s, 1);
                assertEquals(p, c.preset());
                assertEquals(p.sequenceLength(), c.sequenceLength());
            }
            EmulationConfig paper = EmulationConfig.load(p, ExperimentScale.PAPER, 1);
            assertEquals(30000, paper.numSequences());
            assertEquals(4096, paper.batchSize());
            assertEquals(150, paper.hiddenSize());
            assertEquals(100, paper.inputSize());
        }
    }

    @Test
    void fromJson_missingField_named() throws Exception {
        var tree = new ObjectMapper().readTree("{\"preset\": \"two\", \"sequenceLength\": 100, \"cpu\": {}}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EmulationConfig.fromJson(tree, ExperimentScale.CPU, 1));
        assertTrue(e.getMessage().contains("numSequences"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ExperimentScale.parse("gpu"));
    }

    @Test
    void fromJson_unknownRecurrentInit_listsValid() throws Exception {
        var tree = new ObjectMapper().readTree("{\"preset\": \"two\", \"sequenceLength\": 100, \"cpu\": {"
                + "\"numSequences\": 768, \"batchSize\": 256, \"hiddenSize\": 8, \"inputSize\": 2, \"epochs\": 1,"
                + "\"learningRate\": 0.003, \"finalLearningRate\": 0.0001, \"clipNorm\": 0.9,"
                + "\"recurrentInit\": \"orthogonal\", \"recurrentGain\": 1.0, \"evaluationSequences\": 10}}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EmulationConfig.fromJson(tree, ExperimentScale.CPU, 1));
        assertTrue(e.getMessage().contains("recurrentInit") && e.getMessage().contains("scaled_identity"),
                e.getMessage());
    }

    /** Quick variant of the end-to-end run: tiny network, few epochs; checks plumbing, files and resume. */
    @Test
    void grid_quickEndToEnd_writesFilesAndResumes(@TempDir Path dir) throws Exception {
        Path gridFile = dir.resolve("grid.json");
        Files.writeString(gridFile,
                "{\"preset\": \"three\", \"scale\": \"cpu\", \"hidden\": [12], \"input\": [3], \"seeds\": [7],"
                        + " \"epochs\": 3}");
        EmulationGrid grid = EmulationGrid.read(gridFile);
        List<EmulationSummary> first = grid.run(dir.resolve("out"), null);
        assertEquals(1, first.size());
        Path cell = dir.resolve("out/three/h12_d3_s7");
        for (String f : new String[] {"config.json", "training_results.json", "summary.json", "model.json",
                "statistics.json", "noise_sensitivity.json", "ablation.json", "residency_times.json",
                "pca_trajectory.json", "variance_contours.json"}) {
            assertTrue(Files.exists(cell.resolve(f)), f);
        }
        EmulationSummary s = first.get(0);
        assertTrue(s.floor() > 0 && Double.isFinite(s.bestValidationLoss()));
        assertTrue(s.hmmMatchedDistance() > 0 && Double.isFinite(s.matchedDistanceRatio()));
        assertTrue(s.fixedPoints() >= 1, "the origin is always a fixed point of a bias-free ReLU RNN");
        long stamp = Files.getLastModifiedTime(cell.resolve("summary.json")).toMillis();
        List<EmulationSummary> again = grid.run(dir.resolve("out"), o -> {
            throw new AssertionError("finished cell was re-run");
        });
        assertEquals(s.bestValidationLoss(), again.get(0).bestValidationLoss());
        assertEquals(stamp, Files.getLastModifiedTime(cell.resolve("summary.json")).toMillis());
        // The saved model loads and regenerates the emulator's sequences.
        var loaded = EmulatorModelFile.load(cell.resolve("model.json"));
        assertEquals(12, loaded.weights().hiddenSize());
        var ablation = new ObjectMapper().readTree(cell.resolve("ablation.json").toFile());
        assertEquals(5, ablation.get("rows").size());
        var noise = new ObjectMapper().readTree(cell.resolve("noise_sensitivity.json").toFile());
        assertEquals(3, noise.get("covarianceTrace").size());
        var rt = new ObjectMapper().readTree(cell.resolve("residency_times.json").toFile());
        int total = 0;
        for (var g : rt.get("groups")) {
            total += g.asInt();
        }
        assertEquals(rt.get("residencyTimes").size(), total);
    }

    @Test
    void grid_energyLoss_quickEndToEnd(@TempDir Path dir) throws Exception {
        Path gridFile = dir.resolve("grid.json");
        Files.writeString(gridFile, "{\"preset\": \"three\", \"scale\": \"cpu\", \"hidden\": [8], \"input\": [2],"
                + " \"seeds\": [3], \"epochs\": 2, \"loss\": \"Energy\"}");
        EmulationGrid grid = EmulationGrid.read(gridFile);
        assertEquals(LossKind.ENERGY, grid.loss());
        EmulationSummary s = grid.run(dir.resolve("out"), null).get(0);
        assertEquals("energy", s.loss());
        // The unbiased loss's floor is 0 in expectation: a few validation batches keep it small.
        assertTrue(Math.abs(s.floor()) < 0.05, "floor " + s.floor());
        assertTrue(Double.isNaN(s.lossToFloor()));
        assertEquals(s.bestValidationLoss() - s.floor(), s.lossAboveFloor(), 1e-12);
        // Resuming reads the written summary back, NaN included.
        EmulationSummary again = grid.run(dir.resolve("out"), null).get(0);
        assertEquals(s.bestValidationLoss(), again.bestValidationLoss());
        assertTrue(Double.isNaN(again.lossToFloor()));
    }

    @Test
    void fromJson_lossField_caseInsensitive_unknownListed() throws Exception {
        String base = "{\"preset\": \"two\", \"sequenceLength\": 100, \"cpu\": {"
                + "\"numSequences\": 768, \"batchSize\": 256, \"hiddenSize\": 8, \"inputSize\": 2, \"epochs\": 1,"
                + "\"learningRate\": 0.003, \"finalLearningRate\": 0.0001, \"clipNorm\": 0.9,"
                + "\"recurrentInit\": \"uniform\", \"recurrentGain\": 1.0, \"evaluationSequences\": 10";
        ObjectMapper m = new ObjectMapper();
        assertEquals(LossKind.SINKHORN, EmulationConfig.fromJson(m.readTree(base + "}}"), ExperimentScale.CPU, 1).loss());
        EmulationConfig e = EmulationConfig.fromJson(m.readTree(base + ", \"loss\": \"ENERGY\","
                + " \"energyWeights\": [1, 3, 1]}}"), ExperimentScale.CPU, 1);
        assertEquals(LossKind.ENERGY, e.loss());
        assertArrayEquals(new double[] {1, 3, 1}, e.energyWeights());
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> EmulationConfig.fromJson(
                m.readTree(base + ", \"loss\": \"mmd\"}}"), ExperimentScale.CPU, 1));
        assertTrue(x.getMessage().contains("mmd") && x.getMessage().contains("[sinkhorn, energy]"), x.getMessage());
        x = assertThrows(IllegalArgumentException.class, () -> EmulationConfig.fromJson(
                m.readTree(base + ", \"energyWeights\": [1, 3]}}"), ExperimentScale.CPU, 1));
        assertTrue(x.getMessage().contains("energyWeights"), x.getMessage());
        // The "energy" object overrides the block only when the loss is the energy distance.
        var tree = m.readTree(base + ", \"temperature\": 0.8, \"energy\": {\"temperature\": 1.2, \"energyWindows\": [1, 10],"
                + " \"energyBandwidth\": 30}}}");
        EmulationConfig sink = EmulationConfig.fromJson(tree, ExperimentScale.CPU, 1);
        assertEquals(0.8, sink.temperature());
        assertEquals(0.0, sink.energyBandwidth());
        EmulationConfig en = EmulationConfig.fromJson(tree, ExperimentScale.CPU, 1, LossKind.ENERGY);
        assertEquals(1.2, en.temperature());
        assertEquals(1.2, en.finalTemperature());
        assertArrayEquals(new int[] {1, 10}, en.energyWindows());
        assertEquals(30.0, en.energyBandwidth());
    }
}
