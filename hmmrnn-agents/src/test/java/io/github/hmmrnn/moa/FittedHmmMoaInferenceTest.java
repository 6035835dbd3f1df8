package io.github.hmmrnn.moa;

import static io.github.hmmrnn.data.Perturbations.flipFrom;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.hmmrnn.agents.Agent;
import io.github.hmmrnn.agents.AgentPreset;
import io.github.hmmrnn.agents.Agents;
import io.github.hmmrnn.data.Session;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.hmm.ForwardBackward;
import io.github.hmmrnn.hmm.HmmPosterior;
import io.github.hmmrnn.model.OutcomeEmissions;
import io.github.hmmrnn.model.ModelSpecs;
import io.github.hmmrnn.model.Provenance;
import io.github.hmmrnn.model.SessionInference;
import io.github.hmmrnn.model.StateInference;
import java.util.Arrays;

/**
 * {@link FittedHmmMoa#infer} against the causal queries and an independent forward–backward,
 * causality of its predictive fields, {@link MoaSimulator} determinism and {@link MoaModelFile}
 * provenance.
 */
class FittedHmmMoaInferenceTest {

    private static FittedHmmMoa truth(boolean outcomes) {
        List<Agent> agents = List.of(Agents.mbRewardB().withParameter("alpha", 0.5, true),
                Agents.mfChoiceB().withParameter("alpha", 0.4, true), Agents.bias());
        double[][] beta = {{2.0, 0.2}, {0.1, 1.0}, {0.0, 0.3}};
        return FittedHmmMoa.of(agents, beta, new double[] {0.8, 0.2}, new double[][] {{0.95, 0.05}, {0.1, 0.9}},
                outcomes ? OutcomeEmissions.of(new double[][] {{0.8, 0.3}, {0.25, 0.7}}) : null);
    }

    /**
     * Simulated sessions: session 0 fully scored, session 1 with forced trials (one leading, some
     * inside, two trailing), session 2 without any scored trial.
     */
    private static TwoStepDataset data(FittedHmmMoa m) {
        TwoStepDataset d = MoaSimulator.simulate(m, 3, 50, TwoStepTask.DEFAULT, 8);
        List<Session> out = new ArrayList<>();
        for (Session s : d.sessions()) {
            boolean[] scored = s.scoredTrials();
            if (s.index() == 1) {
                for (int t : new int[] {0, 9, 10, 23, 48, 49}) {
                    scored[t] = false;
                }
            } else if (s.index() == 2) {
                Arrays.fill(scored, false);
            }
            out.add(Session.of(s.subject(), s.index(), s.choices(), s.outcomes(), s.rewards(), s.commonTransitions(),
                    scored, s.phases()));
        }
        return TwoStepDataset.of(d.subjects(), out);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void infer_equalsTheCausalQueriesBitForBit(boolean outcomes) {
        FittedHmmMoa m = truth(outcomes);
        TwoStepDataset d = data(m);
        StateInference r = m.infer(d);
        List<double[]> probs = m.predictChoiceProbabilities(d);
        for (int i = 0; i < d.numSessions(); i++) {
            assertArrayEquals(probs.get(i), r.session(i).choiceProbabilities(), 0.0);
        }
        assertEquals(m.logLikelihood(d), r.logLikelihood(), 0.0);
        assertEquals(m.choiceLogLikelihood(d), r.choiceLogLikelihood(), 0.0);
        // session 2 has no scored trial: its chain still steps (ChainLayout) but emits no choice, so it
        // scores no choice; with outcomes its steps still emit their outcomes
        assertEquals(0.0, r.session(2).choiceLogLikelihood(), 1e-12);
        if (outcomes) {
            assertTrue(r.session(2).logLikelihood() < 0);
        } else {
            assertEquals(0.0, r.session(2).logLikelihood(), 1e-12);
        }
        assertArrayEquals(r.predictedStates().get(1), m.predictedStates(d).get(1));
        assertArrayEquals(r.filteredStates().get(1), m.filteredStates(d).get(1));
        assertArrayEquals(r.smoothedStates().get(1), m.smoothedStates(d).get(1));
        assertArrayEquals(r.mostLikelyStates().get(1), m.mostLikelyStates(d).get(1));
        // without outcomes the causal choice score is the marginal likelihood of the choices
        if (!outcomes) {
            assertEquals(r.logLikelihood(), r.choiceLogLikelihood(), 0.0);
        } else {
            assertTrue(r.logLikelihood() < r.choiceLogLikelihood());
        }
    }

    @Test
    void infer_fullyScoredSession_matchesForwardBackwardOnTheChoiceEmissions() {
        FittedHmmMoa m = truth(false);
        TwoStepDataset d = data(m);
        Session s = d.sessions().get(0);
        double[][] x = m.regressors(d).get(0);
        double[][] beta = m.weights();
        double[][] logLik = new double[s.length()][2];
        for (int t = 0; t < s.length(); t++) {
            for (int k = 0; k < 2; k++) {
                double eta = 0;
                for (int a = 0; a < beta.length; a++) {
                    eta += beta[a][k] * x[t][a];
                }
                double p1 = 1 / (1 + Math.exp(-eta));
                logLik[t][k] = Math.log(s.choice(t) == 1 ? p1 : 1 - p1);
            }
        }
        HmmPosterior want = ForwardBackward.run(m.initialDistribution(), m.transitionMatrix(), logLik);
        SessionInference got = m.infer(d).session(0);
        assertEquals(want.logMarginalLikelihood(), got.logLikelihood(), 1e-9);
        for (int t = 0; t < s.length(); t++) {
            assertArrayEquals(want.predicted()[t], got.predictedStates()[t], 1e-12);
            assertArrayEquals(want.filtered()[t], got.filteredStates()[t], 1e-12);
            assertArrayEquals(want.smoothed()[t], got.smoothedStates()[t], 1e-12);
            double p = want.predicted()[t][0] / (1 + Math.exp(-dot(beta, 0, x[t])))
                    + want.predicted()[t][1] / (1 + Math.exp(-dot(beta, 1, x[t])));
            assertEquals(p, got.choiceProbabilities()[t], 1e-12);
        }
    }

    private static double dot(double[][] beta, int k, double[] x) {
        double s = 0;
        for (int a = 0; a < beta.length; a++) {
            s += beta[a][k] * x[a];
        }
        return s;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void infer_predictiveFieldsUnchangedByTrialsFromT(boolean outcomes) {
        FittedHmmMoa m = truth(outcomes);
        TwoStepDataset d = data(m);
        for (int session : new int[] {0, 1}) {
            SessionInference base = m.infer(d).session(session);
            for (int from : new int[] {0, 8, 9, 24, 47}) {
                SessionInference changed = m.infer(flipFrom(d, session, from)).session(session);
                for (int t = 0; t <= from; t++) {
                    assertEquals(base.choiceProbabilities()[t], changed.choiceProbabilities()[t], 0.0,
                            "session " + session + " trial " + t + " after flipping from " + from);
                    assertArrayEquals(base.predictedStates()[t], changed.predictedStates()[t], 0.0);
                }
                assertNotEquals(base.choiceProbabilities()[from + 1], changed.choiceProbabilities()[from + 1],
                        "the change must reach trial " + (from + 1));
            }
        }
    }

    @Test
    void simulate_sameSeedIsBitIdentical_otherSeedDiffers() {
        FittedHmmMoa m = truth(false);
        TwoStepDataset a = MoaSimulator.simulate(m, 2, 40, TwoStepTask.DEFAULT, 5);
        TwoStepDataset b = MoaSimulator.simulate(m, 2, 40, TwoStepTask.DEFAULT, 5);
        TwoStepDataset c = MoaSimulator.simulate(m, 2, 40, TwoStepTask.DEFAULT, 6);
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(a.sessions().get(i).choices(), b.sessions().get(i).choices());
            assertArrayEquals(a.sessions().get(i).rewards(), b.sessions().get(i).rewards());
            assertArrayEquals(a.sessions().get(i).phases(), b.sessions().get(i).phases());
        }
        assertTrue(!Arrays.equals(a.sessions().get(0).choices(), c.sessions().get(0).choices()));
    }

    @Test
    void fit_recordsProvenance_andSaveLoadRoundTripsIt(@TempDir Path dir) throws IOException {
        FittedHmmMoa truth = truth(false);
        TwoStepDataset d = MoaSimulator.simulate(truth, 3, 60, TwoStepTask.DEFAULT, 2);
        HmmMoaModel spec = HmmMoaModel.builder().states(2).agents(AgentPreset.VENDITTO2023).maxIterations(4).seed(11)
                .build();
        FittedHmmMoa fit = spec.fit(d);
        Provenance p = fit.provenance();
        assertEquals(Provenance.LIBRARY, p.library());
        assertEquals(11L, p.seed());
        assertEquals(ModelSpecs.tree(spec), p.spec());
        assertEquals(spec, ModelSpecs.fromJson(p.spec().toString()));
        assertEquals(Provenance.DataSummary.of(d), p.train());
        assertNull(p.dataFile());
        assertEquals(fit.history().entries().size() - 1, p.fit().iterations());

        Path data = dir.resolve("data.json");
        Files.writeString(data, "{}");
        FittedHmmMoa withFile = fit.withProvenance(p.withDataFile(data));
        assertArrayEquals(fit.weights(), withFile.weights());
        Path file = dir.resolve("model.json");
        withFile.save(file);
        FittedHmmMoa back = FittedHmmMoa.load(file);
        assertEquals(withFile.provenance(), back.provenance());
        assertEquals(Provenance.DataFile.of(data), back.provenance().dataFile());
        assertArrayEquals(fit.predictChoiceProbabilities(d).get(1), back.predictChoiceProbabilities(d).get(1), 0.0);
        assertEquals(Files.readString(file), saved(back, dir.resolve("again.json")));
    }

    private static String saved(FittedHmmMoa m, Path file) throws IOException {
        MoaModelFile.save(m, file);
        return Files.readString(file);
    }

    @Test
    void load_fileWithoutProvenance_isUnrecorded(@TempDir Path dir) throws IOException {
        FittedHmmMoa m = truth(true);
        Path file = dir.resolve("old.json");
        m.save(file);
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = (ObjectNode) mapper.readTree(file.toFile());
        assertTrue(root.has("provenance"));
        root.remove("provenance");
        mapper.writeValue(file.toFile(), root);
        FittedHmmMoa back = MoaModelFile.load(file);
        assertEquals(Provenance.unrecorded(), back.provenance());
        assertEquals(m.outcomeEmissions(), back.outcomeEmissions());
    }
}
