package io.github.hmmrnn.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.hmmrnn.data.Perturbations;
import io.github.hmmrnn.data.Session;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.hmm.HmmPosterior;
import io.github.hmmrnn.hmm.Viterbi;
import io.github.hmmrnn.model.ChainEvidence;
import io.github.hmmrnn.model.OutcomeEmissions;
import io.github.hmmrnn.model.Provenance;
import io.github.hmmrnn.model.SessionInference;
import io.github.hmmrnn.model.StateInference;
import io.github.hmmrnn.model.TrainingHistory;
import io.github.hmmrnn.synthetic.TwoStepGenerator;

/**
 * {@link FittedHmmTinyRnn#infer} against the forward-only queries, causality of its predictive
 * fields, and the provenance of saved files (old flat-provenance files included). The models have
 * random parameters: no training is needed to compare two computations of the same quantities.
 */
class FittedHmmTinyRnnInferenceTest {

    /** Synthetic sessions with every seventh trial unscored (forced). */
    private static TwoStepDataset data() {
        TwoStepDataset d = TwoStepGenerator.builder().sequences(3).trials(60).seed(4).build().generate();
        List<Session> out = new ArrayList<>();
        for (Session s : d.sessions()) {
            boolean[] scored = s.scoredTrials();
            for (int t = 3; t < scored.length; t += 7) {
                scored[t] = false;
            }
            out.add(Session.of(s.subject(), s.index(), s.choices(), s.outcomes(), s.rewards(), s.commonTransitions(),
                    scored, s.phases()));
        }
        return TwoStepDataset.of(d.subjects(), out);
    }

    private static FittedHmmTinyRnn model(ChainEvidence evidence) {
        RnnHyperParameters hp = HmmTinyRnnModel.builder().states(2).hiddenSize(3).seed(17).chainEvidence(evidence)
                .build().hyperParameters();
        SplittableRandom rng = new SplittableRandom(3);
        double[] theta = new double[(int) RnnState.numParams(hp)];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = rng.nextDouble(-1, 1);
        }
        OutcomeEmissions outcomes = evidence == ChainEvidence.CHOICES ? null
                : OutcomeEmissions.of(new double[][] {{0.8, 0.3}, {0.2, 0.7}});
        return new FittedHmmTinyRnn(new RnnState(hp, theta, new double[] {0.6, 0.4},
                new double[][] {{0.9, 0.1}, {0.2, 0.8}}, outcomes, new TrainingHistory(List.of(), false, 0),
                Provenance.ofGivenParameters(RnnModelFile.BACKEND)));
    }

    @ParameterizedTest
    @EnumSource(ChainEvidence.class)
    void infer_equalsTheForwardOnlyQueriesBitForBit(ChainEvidence evidence) {
        FittedHmmTinyRnn m = model(evidence);
        TwoStepDataset d = data();
        StateInference r = m.infer(d);
        List<double[]> probs = m.predictChoiceProbabilities(d);
        List<RnnState.SessionPass> forward = m.state.infer(d, false);
        List<RnnState.SessionPass> smoothed = m.state.infer(d, true);
        double[] ll = m.logMarginalLikelihoods(d);
        assertEquals(d.numSessions(), r.numSessions());
        for (int b = 0; b < d.numSessions(); b++) {
            SessionInference s = r.session(b);
            HmmPosterior f = forward.get(b).posterior();
            assertArrayEquals(probs.get(b), s.choiceProbabilities(), 0.0);
            assertArrayEquals(f.predicted(), s.predictedStates());
            assertArrayEquals(f.filtered(), s.filteredStates());
            assertArrayEquals(smoothed.get(b).posterior().smoothed(), s.smoothedStates());
            assertArrayEquals(Viterbi.decode(m.initialDistribution(), m.transitionMatrix(),
                    forward.get(b).emissions()).states(), s.mostLikelyStates());
            assertEquals(ll[b], s.logLikelihood(), 0.0);
            double cll = 0;
            Session session = d.sessions().get(b);
            for (int t = 0; t < session.length(); t++) {
                if (session.scored(t)) {
                    cll += Math.log(session.choice(t) == 1 ? probs.get(b)[t] : 1 - probs.get(b)[t]);
                }
            }
            assertEquals(cll, s.choiceLogLikelihood(), 0.0);
        }
        // the per-query views are the result's fields
        assertArrayEquals(r.smoothedStates().get(1), m.smoothedStates(d).get(1));
        assertArrayEquals(r.mostLikelyStates().get(2), m.mostLikelyStates(d).get(2));
    }

    @ParameterizedTest
    @EnumSource(ChainEvidence.class)
    void infer_predictiveFieldsUnchangedByTrialsFromT(ChainEvidence evidence) {
        FittedHmmTinyRnn m = model(evidence);
        TwoStepDataset d = data();
        SessionInference base = m.infer(d).session(1);
        for (int from : new int[] {0, 5, 30, 59}) {
            SessionInference changed = m.infer(Perturbations.flipFrom(d, 1, from)).session(1);
            for (int t = 0; t <= from; t++) {
                assertEquals(base.choiceProbabilities()[t], changed.choiceProbabilities()[t], 0.0, "trial " + t);
                assertArrayEquals(base.predictedStates()[t], changed.predictedStates()[t], 0.0, "trial " + t);
            }
            if (from + 1 < base.length()) {
                assertNotEquals(base.choiceProbabilities()[from + 1], changed.choiceProbabilities()[from + 1]);
            }
        }
    }

    @Test
    void saveLoad_roundTripsProvenanceWithDataFile(@TempDir Path dir) throws IOException {
        Path data = dir.resolve("data.csv");
        Files.writeString(data, "choice\n1\n");
        FittedHmmTinyRnn m = model(ChainEvidence.CHOICES);
        FittedHmmTinyRnn withFile = m.withProvenance(m.provenance().withDataFile(data));
        Path file = dir.resolve("model.json");
        withFile.save(file);
        FittedHmmTinyRnn back = FittedHmmTinyRnn.load(file);
        assertEquals(withFile.provenance(), back.provenance());
        assertEquals(data.toString(), back.provenance().dataFile().file());
        assertArrayEquals(m.predictChoiceProbabilities(data()).get(0), back.predictChoiceProbabilities(data()).get(0),
                0.0);
    }

    @Test
    void load_versionFourFlatProvenance_upgradesIt(@TempDir Path dir) throws IOException {
        FittedHmmTinyRnn m = model(ChainEvidence.CHOICES);
        Path file = dir.resolve("v4.json");
        m.save(file);
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = (ObjectNode) mapper.readTree(file.toFile());
        root.put("formatVersion", 4);
        ObjectNode old = mapper.createObjectNode();
        old.put("library", "hmmrnn 0.1.0-SNAPSHOT");
        old.put("javaVersion", "17");
        old.put("os", "Linux amd64");
        old.put("backend", RnnModelFile.BACKEND);
        old.put("createdAt", "2026-11-01T10:00:00Z");
        old.put("chosenRestart", 2);
        old.put("restartSeed", -77L);
        ObjectNode train = old.putObject("train");
        train.put("sessions", 3);
        train.put("trials", 180);
        train.put("scored", 150);
        train.put("sha256", "ab");
        old.putNull("validation");
        old.put("epochs", 40);
        old.put("converged", true);
        old.put("trainLoss", 0.625);
        old.put("validationLoss", "NaN");
        root.set("provenance", old);
        mapper.writeValue(file.toFile(), root);
        Provenance p = FittedHmmTinyRnn.load(file).provenance();
        assertEquals(2, p.fit().chosenStart());
        assertEquals(-77L, p.fit().startSeed());
        assertEquals(40, p.fit().iterations());
        assertEquals(0.625, p.fit().trainLoss(), 0.0);
        assertEquals(150, p.train().scored());
        assertNull(p.validation());
        assertNull(p.dataFile());
        assertEquals(17L, p.seed());
        assertEquals(Provenance.unrecorded().withSpec(RnnModelFile.specJson(m.hyperParameters())).spec(), p.spec());
        assertEquals("2026-11-01T10:00:00Z", p.createdAt());
    }
}
