package io.github.hmmrnn.moa.neural;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.hmmrnn.agents.AgentPreset;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.hmm.BatchPosterior;
import io.github.hmmrnn.hmm.ForwardBackward;
import io.github.hmmrnn.hmm.HmmParameters;
import io.github.hmmrnn.hmm.Viterbi;
import io.github.hmmrnn.model.OutcomeEmissions;
import io.github.hmmrnn.model.ModelSpecs;
import io.github.hmmrnn.model.Provenance;
import io.github.hmmrnn.model.SessionInference;
import io.github.hmmrnn.model.StateInference;
import io.github.hmmrnn.model.TrainingHistory;
import io.github.hmmrnn.rnn.GruGraph;
import io.github.hmmrnn.synthetic.TwoStepGenerator;

/**
 * {@link FittedHmmTinyMoa#infer} against the forward-only queries, and the provenance of the
 * TinyMoA files.
 */
class FittedHmmTinyMoaInferenceTest {

    private static final int H = 3;
    private static final int K = 2;
    private static final HmmParameters HMM = HmmParameters.of(new double[] {0.6, 0.4},
            new double[][] {{0.9, 0.1}, {0.2, 0.8}});

    private static TwoStepDataset data() {
        return TwoStepGenerator.builder().sequences(3).trials(40).seed(4).build().generate();
    }

    private static FittedHmmTinyMoa model(boolean outcomes) {
        int size = new HmmMixtureObjective(new GruGraph(EncodedSessions.INPUT_WIDTH, H, 1), H,
                AgentPreset.HMMRNN_ORIGINAL.agents().size(), K).numParams();
        return new FittedHmmTinyMoa(K, H, AgentPreset.HMMRNN_ORIGINAL.agents(), RandomParameters.uniform(size, 9),
                HMM,
                outcomes ? OutcomeEmissions.of(new double[][] {{0.8, 0.3}, {0.25, 0.7}}) : null,
                new TrainingHistory(List.of(), false, 0));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void infer_equalsTheForwardOnlyQueriesBitForBit(boolean outcomes) {
        FittedHmmTinyMoa m = model(outcomes);
        TwoStepDataset d = data();
        StateInference r = m.infer(d);
        List<double[]> probs = m.predictChoiceProbabilities(d);
        EncodedSessions enc = new EncodedSessions(d, m.agents());
        HmmMixtureObjective o = new HmmMixtureObjective(new GruGraph(EncodedSessions.INPUT_WIDTH, H, 0L), H,
                m.agents().size(), K);
        List<double[][]> ll = o.emissionLogLikelihoods(o.pass(m.parameters(), enc, false).logits(), enc,
                m.outcomeEmissions().orElse(null));
        BatchPosterior forward = ForwardBackward.filterAll(HMM, ll);
        BatchPosterior smoothed = ForwardBackward.runAll(HMM, ll);
        for (int b = 0; b < d.numSessions(); b++) {
            SessionInference s = r.session(b);
            assertArrayEquals(probs.get(b), s.choiceProbabilities(), 0.0);
            assertArrayEquals(forward.chains().get(b).predicted(), s.predictedStates());
            assertArrayEquals(forward.chains().get(b).filtered(), s.filteredStates());
            assertArrayEquals(smoothed.chains().get(b).smoothed(), s.smoothedStates());
            assertArrayEquals(Viterbi.mostLikelyStates(HMM, ll.get(b)), s.mostLikelyStates());
            assertEquals(forward.chains().get(b).logMarginalLikelihood(), s.logLikelihood(), 0.0);
        }
        assertEquals(m.negativeLogLikelihood(d), -r.choiceLogLikelihood() / d.numScored(), 1e-14);
        if (outcomes) {
            assertTrue(r.logLikelihood() < r.choiceLogLikelihood());
        } else {
            assertEquals(r.logLikelihood(), r.choiceLogLikelihood(), 1e-9);
        }
    }

    @Test
    void saveLoad_roundTripsProvenance(@TempDir Path dir) {
        FittedHmmTinyMoa m = model(true);
        Provenance p = m.provenance().withDataFile(new Provenance.DataFile("rats.npz", "00ff"));
        Path file = dir.resolve("hmm-tinymoa.json");
        m.withProvenance(p).save(file);
        FittedHmmTinyMoa back = FittedHmmTinyMoa.load(file);
        assertEquals(p, back.provenance());
        assertArrayEquals(m.predictChoiceProbabilities(data()).get(2), back.predictChoiceProbabilities(data()).get(2),
                0.0);
    }

    @Test
    void fit_recordsProvenance_andOldFilesWithoutItLoad(@TempDir Path dir) throws IOException {
        TwoStepDataset train = data();
        TwoStepDataset validation = TwoStepGenerator.builder().sequences(2).trials(40).seed(5).build().generate();
        TinyMoaRnnModel spec = TinyMoaRnnModel.builder().hiddenSize(2).maxEpochs(3).seed(21).build();
        FittedTinyMoaRnn fit = spec.fit(train, validation);
        Provenance p = fit.provenance();
        assertEquals(21L, p.seed());
        assertEquals(ModelSpecs.tree(spec), p.spec());
        assertEquals(spec, ModelSpecs.fromJson(p.spec().toString()));
        assertEquals(Provenance.DataSummary.of(validation), p.validation());
        assertEquals(fit.history().entries().get(fit.history().entries().size() - 1).iteration(), p.fit().iterations());
        Path file = dir.resolve("tinymoa.json");
        fit.save(file);
        assertEquals(p, FittedTinyMoaRnn.load(file).provenance());
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = (ObjectNode) mapper.readTree(file.toFile());
        root.remove("provenance");
        mapper.writeValue(file.toFile(), root);
        FittedTinyMoaRnn old = FittedTinyMoaRnn.load(file);
        assertEquals(Provenance.unrecorded(), old.provenance());
        assertArrayEquals(fit.parameters(), old.parameters(), 0.0);
    }
}
