package io.github.hmmrnn.moa;

import io.github.hmmrnn.agents.Agent;
import io.github.hmmrnn.agents.AgentPreset;
import io.github.hmmrnn.agents.Agents;
import io.github.hmmrnn.data.Session;
import io.github.hmmrnn.data.Subject;
import io.github.hmmrnn.data.SplitMethod;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.metrics.PhaseRecoveryResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.github.hmmrnn.model.TrainingHistory;
import java.util.Arrays;

class HmmMoaModelTest {

    /** Two well separated states (model-based vs perseverative), sticky chain. */
    private static FittedHmmMoa twoStateTruth() {
        List<Agent> agents = List.of(Agents.mbRewardB().withParameter("alpha", 0.5, true),
                Agents.mfChoiceB().withParameter("alpha", 0.4, true), Agents.bias());
        double[][] beta = {{2.0, 0.2}, {0.1, 1.0}, {0.0, 0.3}};
        return FittedHmmMoa.of(agents, beta, new double[] {0.8, 0.2}, new double[][] {{0.97, 0.03}, {0.03, 0.97}});
    }

    private static TwoStepDataset tinyData() {
        // 5 trials, trial 2 forced; second session of 3 trials
        Session a = Session.of("rat", 0, new int[] {1, 0, 1, 1, 0}, new int[] {1, 1, 0, 1, 0}, new int[] {1, 0, 1, 0, 1},
                new boolean[] {true, false, false, true, true}, new boolean[] {true, true, false, true, true}, null);
        Session b = Session.of("rat", 1, new int[] {0, 0, 1}, new int[] {0, 1, 1}, new int[] {0, 1, 1},
                new boolean[] {true, false, true}, new boolean[] {true, true, true}, null);
        return TwoStepDataset.of(List.of(new Subject("rat", 0.8, 8)), List.of(a, b));
    }

    @Test
    void logLikelihood_matchesBruteForceOverPaths_forcedTrialsStepWithoutChoice() {
        FittedHmmMoa m = twoStateTruth();
        TwoStepDataset data = tinyData();
        List<double[][]> x = m.regressors(data);
        double[][] beta = m.weights();
        double[] pi = m.initialDistribution();
        double[][] a = m.transitionMatrix();
        double total = 0;
        for (int s = 0; s < data.numSessions(); s++) {
            Session ses = data.sessions().get(s);
            // the library's layout: one chain step per trial, forced trials emit no choice
            List<Integer> free = new ArrayList<>();
            for (int t = 0; t < ses.length(); t++) {
                free.add(t);
            }
            int m2 = free.size();
            double lik = 0;
            for (int code = 0; code < (1 << m2); code++) {
                double p = 1;
                for (int j = 0; j < m2; j++) {
                    int z = (code >> j) & 1;
                    p *= j == 0 ? pi[z] : a[(code >> (j - 1)) & 1][z];
                    int t = free.get(j);
                    double eta = 0;
                    for (int ag = 0; ag < beta.length; ag++) {
                        eta += beta[ag][z] * x.get(s)[t][ag];
                    }
                    double p1 = 1 / (1 + Math.exp(-eta));
                    if (ses.scored(t)) {
                        p *= ses.choice(t) == 1 ? p1 : 1 - p1;
                    }
                }
                lik += p;
            }
            total += Math.log(lik);
        }
        assertEquals(total, m.logLikelihood(data), 1e-10);
    }

    @Test
    void predictChoiceProbabilities_isCausal() {
        FittedHmmMoa m = twoStateTruth();
        TwoStepDataset data = MoaSimulator.simulate(m, 1, 30, TwoStepTask.DEFAULT, 5);
        Session s = data.sessions().get(0);
        double[] base = m.predictChoiceProbabilities(data).get(0);
        int cut = 17;
        int[] c = s.choices();
        int[] r = s.rewards();
        for (int t = cut; t < c.length; t++) {
            c[t] = 1 - c[t];
            r[t] = 1 - r[t];
        }
        Session changed = Session.of(s.subject(), 0, c, s.outcomes(), r, s.commonTransitions(), s.scoredTrials(), null);
        double[] other = m.predictChoiceProbabilities(TwoStepDataset.of(data.subjects(), List.of(changed))).get(0);
        for (int t = 0; t <= cut; t++) {
            assertEquals(base[t], other[t], 0.0, "trial " + t);
        }
        assertTrue(Math.abs(base[cut + 1] - other[cut + 1]) > 1e-9);
    }

    @Test
    void fit_recoversTwoStateModel_andIsDeterministicAcrossThreads() {
        FittedHmmMoa truth = twoStateTruth();
        TwoStepDataset data = MoaSimulator.simulate(truth, 30, 200, TwoStepTask.DEFAULT, 11);
        HmmMoaModel spec = HmmMoaModel.builder().states(2).agents(truth.agents()).starts(2).seed(4).maxIterations(150).build();
        FittedHmmMoa fit = spec.fit(data);
        PhaseRecoveryResult rec = MoaRecovery.stateRecovery(fit, data);
        PhaseRecoveryResult oracle = MoaRecovery.stateRecovery(truth, data);
        assertTrue(rec.accuracy() >= 0.85, "state accuracy " + rec.accuracy() + " (truth " + oracle.accuracy() + ")");
        double[] corr = MoaRecovery.weightCorrelations(fit, truth, rec.mapping());
        for (double c : corr) {
            assertTrue(c >= 0.9, "beta correlation " + c);
        }
        assertEquals(0.5, fit.learningRates().get("MBrewardB.alpha"), 0.1);
        assertEquals(0.4, fit.learningRates().get("MFchoiceB.alpha"), 0.1);
        assertTrue(fit.logLikelihood() >= truth.logLikelihood(data) - 1.0, "fit LL below truth LL");
        // EM never decreases the log posterior
        List<TrainingHistory.Entry> h = fit.history().entries();
        for (int i = 1; i < h.size(); i++) {
            assertTrue(h.get(i).objective().getAsDouble() <= h.get(i - 1).objective().getAsDouble() + 1e-9, "objective rose at iteration " + i);
        }
        FittedHmmMoa again = spec.toBuilder().threads(2).build().fit(data);
        assertArrayEquals(fit.weights()[0], again.weights()[0], 0.0);
        assertArrayEquals(fit.transitionMatrix()[1], again.transitionMatrix()[1], 0.0);
        assertEquals(fit.logPosterior(), again.logPosterior(), 0.0);
    }

    @Test
    void saveAndLoad_roundTripsPredictions(@TempDir Path dir) {
        FittedHmmMoa truth = twoStateTruth();
        TwoStepDataset data = MoaSimulator.simulate(truth, 3, 50, TwoStepTask.DEFAULT, 2);
        FittedHmmMoa fit = HmmMoaModel.builder().states(2).agents(AgentPreset.VENDITTO2023).maxIterations(5).build().fit(data);
        Path file = dir.resolve("model.json");
        fit.save(file);
        FittedHmmMoa back = FittedHmmMoa.load(file);
        assertEquals(fit.agentNames(), back.agentNames());
        assertEquals(fit.learningRates(), back.learningRates());
        assertArrayEquals(fit.predictChoiceProbabilities(data).get(1), back.predictChoiceProbabilities(data).get(1), 0.0);
        assertEquals(fit.logLikelihood(), back.logLikelihood(), 0.0);
    }

    @Test
    void predictedStates_forcedTrialIsAStepWithoutEvidence() {
        FittedHmmMoa m = twoStateTruth();
        TwoStepDataset data = tinyData();
        double[][] pred = m.predictedStates(data).get(0);
        double[][] filtered = m.filteredStates(data).get(0);
        double[][] a = m.transitionMatrix();
        // trial 2 is forced: the chain steps through it (one A per trial) but learns nothing there
        assertArrayEquals(pred[2], filtered[2], 1e-15);
        for (int j = 0; j < 2; j++) {
            assertEquals(pred[2][0] * a[0][j] + pred[2][1] * a[1][j], pred[3][j], 1e-15);
        }
        assertArrayEquals(m.initialDistribution(), pred[0], 0.0);
        assertEquals(5, m.mostLikelyStates(data).get(0).length);
    }

    @Test
    void crossValidate_scoresHeldOutSessions() {
        TwoStepDataset data = MoaSimulator.simulate(twoStateTruth(), 6, 80, TwoStepTask.DEFAULT, 9);
        HmmMoaModel spec = HmmMoaModel.builder().states(1).agents(twoStateTruth().agents()).maxIterations(20).build();
        MoaModelSelection.CrossValidation cv = MoaModelSelection.crossValidate(spec, data, 3, SplitMethod.STRIDE, 1);
        assertEquals(3, cv.folds().size());
        assertEquals(data.numScored(), cv.folds().stream().mapToInt(MoaModelSelection.Fold::testScored).sum());
        assertTrue(cv.testNormalizedLikelihood() > 0.5 && cv.testNormalizedLikelihood() < cv.trainNormalizedLikelihood() + 0.05);
    }

    @Test
    void builder_badInput_throwsNamingTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HmmMoaModel.builder().states(0));
        assertTrue(e.getMessage().contains("states") && e.getMessage().contains("0"));
        assertThrows(IllegalArgumentException.class, () -> new NormalPrior(0, 0));
        assertThrows(IllegalArgumentException.class, () -> new NormalPrior(0, -1));
        assertThrows(IllegalArgumentException.class, () -> HmmMoaModel.builder().initialConcentration(0));
        assertThrows(IllegalArgumentException.class, () -> HmmMoaModel.builder().transitionConcentration(1, -1));
        assertThrows(IllegalArgumentException.class, () -> HmmMoaModel.builder().tolerance(0));
        assertThrows(IllegalArgumentException.class, () -> HmmMoaModel.builder().starts(-1));
        assertThrows(IllegalStateException.class, () -> HmmMoaModel.builder().agents(AgentPreset.VENDITTO2023).starts(0).build());
        assertThrows(IllegalArgumentException.class, () -> HmmMoaModel.builder().agents(List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> HmmMoaModel.builder().agents(List.of(Agents.bias(), Agents.bias())));
        assertThrows(IllegalStateException.class, () -> HmmMoaModel.builder().build());
        assertThrows(IllegalStateException.class, () -> HmmMoaModel.builder().agents(AgentPreset.MILLER2017).states(2)
                .weightPrior(new double[][] {{0, 0, 0}}, new double[][] {{1, 1, 1}}).build());
        assertThrows(IllegalArgumentException.class, () -> HmmMoaModel.builder()
                .weightPrior(new double[][] {{0}}, new double[][] {{0}}));
        assertThrows(IllegalArgumentException.class, () -> FittedHmmMoa.of(twoStateTruth().agents(),
                twoStateTruth().weights(), new double[] {0.5, 0.6}, twoStateTruth().transitionMatrix()));
    }

    /** Two states that differ only in their side bias, on top of one shared model-based agent. */
    private static FittedHmmMoa biasSwitchingTruth() {
        List<Agent> agents = List.of(Agents.mbRewardB().withParameter("alpha", 0.5, true), Agents.bias());
        double[][] beta = {{1.0, 1.0}, {-0.6, 0.6}};
        return FittedHmmMoa.of(agents, beta, new double[] {0.5, 0.5}, new double[][] {{0.98, 0.02}, {0.02, 0.98}});
    }

    @Test
    void fit_biasHmmWarmStart_findsTheStatesAfterOneIteration_andLeavesRandomStartsUnchanged() {
        FittedHmmMoa truth = biasSwitchingTruth();
        TwoStepDataset data = MoaSimulator.simulate(truth, 20, 150, TwoStepTask.DEFAULT, 3);
        HmmMoaModel.Builder spec = HmmMoaModel.builder().states(2).agents(truth.agents()).seed(7);
        // One EM iteration is not enough for a random start to sort the trials into the two bias
        // states; the warm start begins with them sorted.
        FittedHmmMoa warm = spec.starts(0).biasHmmStart(true).maxIterations(1).build().fit(data);
        assertEquals(1, warm.startLogPosteriors().length);
        double ceiling = MoaRecovery.stateRecovery(truth, data).accuracy();
        double acc = MoaRecovery.stateRecovery(warm, data).accuracy();
        assertTrue(acc >= 0.85 && acc >= ceiling - 0.05, "warm-start state accuracy " + acc + " (truth " + ceiling + ")");
        double[] bias = warm.weights()[1];
        assertTrue(Math.min(bias[0], bias[1]) < -0.3 && Math.max(bias[0], bias[1]) > 0.3,
                "per-state bias weights " + Arrays.toString(bias));

        FittedHmmMoa random = spec.starts(2).biasHmmStart(false).maxIterations(30).build().fit(data);
        FittedHmmMoa both = spec.starts(2).biasHmmStart(true).maxIterations(30).build().fit(data);
        double[] r = random.startLogPosteriors();
        double[] b = both.startLogPosteriors();
        assertEquals(3, b.length);
        assertEquals(r[0], b[0], 0.0);
        assertEquals(r[1], b[1], 0.0);
        assertEquals(Math.max(b[0], Math.max(b[1], b[2])), both.logPosterior(), 0.0);
    }

    @Test
    void fit_squaremAndPlainEm_reachTheSameOptimum() {
        FittedHmmMoa truth = twoStateTruth();
        TwoStepDataset data = MoaSimulator.simulate(truth, 10, 200, TwoStepTask.DEFAULT, 21);
        HmmMoaModel.Builder spec = HmmMoaModel.builder().states(2).agents(truth.agents()).seed(3).tolerance(1e-7);
        FittedHmmMoa plain = spec.acceleration(EmAcceleration.NONE).build().fit(data);
        FittedHmmMoa fast = spec.acceleration(EmAcceleration.SQUAREM).build().fit(data);
        assertEquals(plain.logPosterior(), fast.logPosterior(), 1e-3);
        assertArrayEquals(plain.weights()[0], fast.weights()[0], 1e-2);
        assertTrue(fast.history().entries().size() <= plain.history().entries().size(),
                "SQUAREM took " + fast.history().entries().size() + " EM steps, plain EM " + plain.history().entries().size());
    }
}
