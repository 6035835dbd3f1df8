package io.github.hmmrnn.moa;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.hmmrnn.agents.Agent;
import io.github.hmmrnn.agents.AgentPreset;
import io.github.hmmrnn.agents.Agents;
import io.github.hmmrnn.data.Session;
import io.github.hmmrnn.data.SplitMethod;
import io.github.hmmrnn.data.Subject;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.metrics.PhaseRecovery;
import io.github.hmmrnn.metrics.PredictiveMetrics;
import io.github.hmmrnn.model.ChainEvidence;
import io.github.hmmrnn.model.OutcomeEmissions;
import io.github.hmmrnn.model.TrainingHistory;
import io.github.hmmrnn.oracle.OracleResult;
import io.github.hmmrnn.oracle.TwoStepOracle;
import io.github.hmmrnn.synthetic.TwoStepGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.stream.IntStream;

/** The MoA-HMM whose hidden chain emits outcomes as well as choices ({@link ChainEvidence#CHOICES_AND_OUTCOMES}). */
class HmmMoaOutcomeEvidenceTest {

    private static final double[][] RHO = {{0.8, 0.25}, {0.3, 0.7}};

    /** Reward-blind agents: any effect of a reward on later predictions goes through ρ. */
    private static List<Agent> rewardBlindAgents() {
        return List.of(Agents.mfChoiceB().withParameter("alpha", 0.4, true), Agents.bias());
    }

    private static FittedHmmMoa rewardBlindTruth(OutcomeEmissions outcomes) {
        double[][] beta = {{1.0, 0.2}, {-0.5, 0.5}};
        return FittedHmmMoa.of(rewardBlindAgents(), beta, new double[] {0.6, 0.4},
                new double[][] {{0.95, 0.05}, {0.05, 0.95}}, outcomes);
    }

    /** A reward-learning agent as well, so that x_t itself depends on past rewards. */
    private static FittedHmmMoa rewardLearningTruth() {
        List<Agent> agents = List.of(Agents.mbRewardB().withParameter("alpha", 0.5, true), Agents.bias());
        double[][] beta = {{1.5, 0.3}, {0.4, -0.6}};
        return FittedHmmMoa.of(agents, beta, new double[] {0.7, 0.3}, new double[][] {{0.9, 0.1}, {0.2, 0.8}},
                OutcomeEmissions.of(RHO));
    }

    /** Session 0: 7 trials, trial 2 forced (6 chain steps); session 1: 4 trials. */
    private static TwoStepDataset sevenTrialData() {
        Session a = Session.of("rat", 0, new int[] {1, 0, 1, 1, 0, 0, 1}, new int[] {1, 1, 0, 1, 0, 0, 1},
                new int[] {1, 0, 1, 0, 1, 1, 0}, new boolean[] {true, false, false, true, true, true, true},
                new boolean[] {true, true, false, true, true, true, true}, null);
        Session b = Session.of("rat", 1, new int[] {0, 0, 1, 1}, new int[] {0, 1, 1, 0}, new int[] {0, 1, 1, 1},
                new boolean[] {true, false, true, false}, new boolean[] {true, true, true, true}, null);
        return TwoStepDataset.of(List.of(new Subject("rat", 0.8, 11)), List.of(a, b));
    }

    private static TwoStepDataset withRewards(TwoStepDataset data, Session s, int[] rewards) {
        Session changed = Session.of(s.subject(), s.index(), s.choices(), s.outcomes(), rewards, s.commonTransitions(),
                s.scoredTrials(), null);
        return TwoStepDataset.of(data.subjects(), List.of(changed));
    }

    // ------------------------------------------------------------------ (a) causality

    @Test
    void predictChoiceProbabilities_outcomeOfTrialTEntersOnlyAfterChoiceT() {
        FittedHmmMoa m = rewardBlindTruth(OutcomeEmissions.of(RHO));
        TwoStepDataset data = MoaSimulator.simulate(m, 1, 40, TwoStepTask.DEFAULT, 5);
        Session s = data.sessions().get(0);
        int cut = 23;
        int[] r = s.rewards();
        for (int t = cut; t < r.length; t++) {
            r[t] = 1 - r[t];
        }
        TwoStepDataset flipped = withRewards(data, s, r);
        double[] base = m.predictChoiceProbabilities(data).get(0);
        double[] other = m.predictChoiceProbabilities(flipped).get(0);
        for (int t = 0; t <= cut; t++) {
            assertEquals(base[t], other[t], 0.0, "trial " + t);
        }
        assertTrue(Math.abs(base[cut + 1] - other[cut + 1]) > 1e-6,
                "the outcome of trial " + cut + " must move p(choice_" + (cut + 1) + "): " + base[cut + 1]);
        // the agents are reward-blind: without outcome evidence nothing may change at all
        FittedHmmMoa blind = rewardBlindTruth(null);
        assertArrayEquals(blind.predictChoiceProbabilities(data).get(0), blind.predictChoiceProbabilities(flipped).get(0),
                0.0);
        // the filtered state at the cut sees its outcome, the predicted one does not
        assertArrayEquals(m.predictedStates(data).get(0)[cut], m.predictedStates(flipped).get(0)[cut], 0.0);
        assertFalse(m.filteredStates(data).get(0)[cut][0] == m.filteredStates(flipped).get(0)[cut][0]);
    }

    // ------------------------------------------------------------------ (b) brute force

    /**
     * log Σ over state paths of the first {@code steps} chain steps (one per trial, the library's
     * layout): choices of the scored trials among them, outcomes of the first {@code outcomeSteps}.
     */
    private static double bruteForceLog(FittedHmmMoa m, double[][] x, Session s, int[] free, int steps,
                                        int outcomeSteps, double[][] rho) {
        double[][] beta = m.weights();
        double[] pi = m.initialDistribution();
        double[][] a = m.transitionMatrix();
        int k = pi.length;
        int paths = (int) Math.pow(k, steps);
        double total = 0;
        for (int code = 0; code < paths; code++) {
            double p = 1;
            int rest = code;
            int prev = -1;
            for (int j = 0; j < steps; j++) {
                int z = rest % k;
                rest /= k;
                p *= j == 0 ? pi[z] : a[prev][z];
                int t = free[j];
                double eta = 0;
                for (int ag = 0; ag < beta.length; ag++) {
                    eta += beta[ag][z] * x[t][ag];
                }
                double p1 = 1 / (1 + Math.exp(-eta));
                if (s.scored(t)) {
                    p *= s.choice(t) == 1 ? p1 : 1 - p1;
                }
                if (j < outcomeSteps) {
                    double pr = rho[z][s.outcome(t)];
                    p *= s.reward(t) == 1 ? pr : 1 - pr;
                }
                prev = z;
            }
            total += p;
        }
        return Math.log(total);
    }

    private static int[] allTrials(Session s) {
        return IntStream.range(0, s.length()).toArray();
    }

    @Test
    void predictionsAndLikelihoods_matchBruteForceOverAllStatePaths() {
        FittedHmmMoa m = rewardLearningTruth();
        TwoStepDataset data = sevenTrialData();
        List<double[][]> x = m.regressors(data);
        List<double[]> p1 = m.predictChoiceProbabilities(data);
        double joint = 0;
        double choices = 0;
        for (int i = 0; i < data.numSessions(); i++) {
            Session s = data.sessions().get(i);
            int[] free = allTrials(s);
            for (int j = 0; j < free.length; j++) {
                if (!s.scored(free[j])) {
                    continue;
                }
                // p(c_j | c_<j, r_<j) = p(c_≤j, r_<j) / p(c_<j, r_<j)
                double num = bruteForceLog(m, x.get(i), s, free, j + 1, j, RHO);
                double den = j == 0 ? 0 : bruteForceLog(m, x.get(i), s, free, j, j, RHO);
                double pChoice = Math.exp(num - den);
                int t = free[j];
                double model = s.choice(t) == 1 ? p1.get(i)[t] : 1 - p1.get(i)[t];
                assertEquals(pChoice, model, 1e-12, "session " + i + " trial " + t);
                choices += Math.log(pChoice);
            }
            joint += bruteForceLog(m, x.get(i), s, free, free.length, free.length, RHO);
        }
        assertEquals(joint, m.logLikelihood(data), 1e-10);
        assertEquals(choices, m.choiceLogLikelihood(data), 1e-10);
        assertEquals(Math.exp(choices / data.numScored()), m.normalizedLikelihood(data), 1e-12);
        assertEquals(-choices / data.numScored(), PredictiveMetrics.evaluate(data, p1).nll(), 1e-12);
        // the outcome term matters: the joint is not the choice likelihood
        assertTrue(Math.abs(joint - choices) > 1);
    }

    @Test
    void mostLikelyStates_isTheBestPathOfTheJointEmissions() {
        FittedHmmMoa m = rewardLearningTruth();
        TwoStepDataset data = sevenTrialData();
        Session s = data.sessions().get(0);
        int[] free = allTrials(s);
        double[][] x = m.regressors(data).get(0);
        double[][] beta = m.weights();
        double[] pi = m.initialDistribution();
        double[][] a = m.transitionMatrix();
        double best = Double.NEGATIVE_INFINITY;
        int bestCode = -1;
        for (int code = 0; code < (1 << free.length); code++) {
            double lp = 0;
            for (int j = 0; j < free.length; j++) {
                int z = (code >> j) & 1;
                lp += Math.log(j == 0 ? pi[z] : a[(code >> (j - 1)) & 1][z]);
                int t = free[j];
                double eta = beta[0][z] * x[t][0] + beta[1][z] * x[t][1];
                double p1 = 1 / (1 + Math.exp(-eta));
                if (s.scored(t)) {
                    lp += Math.log(s.choice(t) == 1 ? p1 : 1 - p1);
                }
                lp += Math.log(s.reward(t) == 1 ? RHO[z][s.outcome(t)] : 1 - RHO[z][s.outcome(t)]);
            }
            if (lp > best) {
                best = lp;
                bestCode = code;
            }
        }
        int[] path = m.mostLikelyStates(data).get(0);
        for (int j = 0; j < free.length; j++) {
            assertEquals((bestCode >> j) & 1, path[free[j]], "step " + j);
        }
    }

    // ------------------------------------------------------------------ (c) EM

    @Test
    void fit_logPosteriorNeverDecreases_andRhoIsTheMapOfItsOwnPosteriors() {
        FittedHmmMoa truth = rewardBlindTruth(OutcomeEmissions.of(RHO));
        TwoStepDataset data = MoaSimulator.simulate(truth, 8, 150, TwoStepTask.DEFAULT, 3);
        for (EmAcceleration acc : EmAcceleration.values()) {
            FittedHmmMoa fit = HmmMoaModel.builder().states(2).agents(truth.agents()).seed(2).starts(2).biasHmmStart(true)
                    .chainEvidence(ChainEvidence.CHOICES_AND_OUTCOMES).acceleration(acc).tolerance(1e-8)
                    .maxIterations(200).build().fit(data);
            List<TrainingHistory.Entry> h = fit.history().entries();
            assertTrue(h.size() > 3, acc + ": only " + h.size() + " history entries");
            for (int i = 1; i < h.size(); i++) {
                assertTrue(h.get(i).objective().getAsDouble() <= h.get(i - 1).objective().getAsDouble() + 1e-12,
                        acc + ": objective rose at iteration " + i + ": " + h.get(i - 1).objective().getAsDouble() + " -> "
                                + h.get(i).objective().getAsDouble());
            }
            assertEquals(-fit.logPosterior() / data.numScored(), h.get(h.size() - 1).objective().getAsDouble(), 1e-12);
            assertEquals(ChainEvidence.CHOICES_AND_OUTCOMES, fit.chainEvidence());
            // at a fixed point of EM, ρ is the Beta(2, 2) MAP from the model's own smoothed states
            OutcomeEmissions rho = fit.outcomeEmissions().orElseThrow();
            OutcomeEmissions again = OutcomeEmissions.mapEstimate(data.sessions(),
                    data.sessions().stream().map(HmmMoaOutcomeEvidenceTest::allTrials).toList(),
                    fit.smoothedStates(data), 2);
            for (int k = 0; k < 2; k++) {
                assertArrayEquals(again.rewardProbabilities()[k], rho.rewardProbabilities()[k], 1e-4, acc + " state " + k);
            }
            // the choice score differs from the joint one, and the normalised likelihood uses it
            assertTrue(fit.choiceLogLikelihood() > fit.logLikelihood() + 100);
            assertEquals(fit.choiceLogLikelihood(), fit.choiceLogLikelihood(data), 1e-9);
            assertEquals(Math.exp(fit.choiceLogLikelihood() / data.numScored()), fit.normalizedLikelihood(), 1e-15);
        }
    }

    @Test
    void fit_stateReorderingPermutesRhoWithTheStates() {
        FittedHmmMoa truth = rewardBlindTruth(OutcomeEmissions.of(RHO));
        TwoStepDataset data = MoaSimulator.simulate(truth, 6, 120, TwoStepTask.DEFAULT, 8);
        // the first seed whose fitted order is not the sorted one, so the test sees a real permutation
        FittedHmmMoa raw = null;
        HmmMoaModel.Builder spec = null;
        for (long seed = 1; seed <= 10 && raw == null; seed++) {
            spec = HmmMoaModel.builder().states(2).agents(truth.agents()).seed(seed).starts(1)
                    .chainEvidence(ChainEvidence.CHOICES_AND_OUTCOMES).maxIterations(40).stateOrder(StateOrder.AS_FITTED);
            FittedHmmMoa f = spec.build().fit(data);
            if (f.initialDistribution()[1] > f.initialDistribution()[0]) {
                raw = f;
            }
        }
        assertTrue(raw != null, "no seed in 1..10 gave a fit whose raw state 1 is the start state");
        FittedHmmMoa sorted = spec.stateOrder(StateOrder.START_THEN_TRANSITION).build().fit(data);
        int[] order = {1, 0};
        double[][] rhoRaw = raw.outcomeEmissions().orElseThrow().rewardProbabilities();
        double[][] rhoSorted = sorted.outcomeEmissions().orElseThrow().rewardProbabilities();
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(rhoRaw[order[i]], rhoSorted[i], 0.0);
            assertEquals(raw.weights()[1][order[i]], sorted.weights()[1][i], 0.0);
        }
        assertArrayEquals(raw.predictChoiceProbabilities(data).get(2), sorted.predictChoiceProbabilities(data).get(2), 1e-12);
    }

    @Test
    void fit_oneState_outcomesChangeNeitherWeightsNorChoicePredictions() {
        FittedHmmMoa truth = rewardBlindTruth(null);
        TwoStepDataset data = MoaSimulator.simulate(truth, 4, 100, TwoStepTask.DEFAULT, 4);
        HmmMoaModel.Builder spec = HmmMoaModel.builder().states(1).agents(truth.agents()).seed(1).tolerance(1e-9);
        FittedHmmMoa choices = spec.build().fit(data);
        FittedHmmMoa both = spec.chainEvidence(ChainEvidence.CHOICES_AND_OUTCOMES).build().fit(data);
        assertArrayEquals(choices.weights()[0], both.weights()[0], 1e-4);
        assertArrayEquals(choices.predictChoiceProbabilities(data).get(1), both.predictChoiceProbabilities(data).get(1),
                1e-5);
        assertEquals(choices.logLikelihood(), both.choiceLogLikelihood(), 1e-3);
        // with one state ρ is the pooled reward rate per second-step state, shrunk by the Beta(2, 2) prior
        double[] hits = new double[2];
        double[] visits = new double[2];
        for (Session s : data.sessions()) {
            for (int t = 0; t < s.length(); t++) {
                visits[s.outcome(t)]++;
                hits[s.outcome(t)] += s.reward(t);
            }
        }
        double[][] rho = both.outcomeEmissions().orElseThrow().rewardProbabilities();
        for (int o = 0; o < 2; o++) {
            assertEquals((hits[o] + 1) / (visits[o] + 2), rho[0][o], 1e-12);
        }
        assertTrue(choices.outcomeEmissions().isEmpty());
        assertEquals(ChainEvidence.CHOICES, choices.chainEvidence());
    }

    // ------------------------------------------------------------------ (d) persistence

    @Test
    void saveAndLoad_roundTripsRhoAndPredictionsExactly(@TempDir Path dir) throws IOException {
        FittedHmmMoa truth = rewardLearningTruth();
        TwoStepDataset data = MoaSimulator.simulate(truth, 4, 60, TwoStepTask.DEFAULT, 2);
        FittedHmmMoa fit = HmmMoaModel.builder().states(2).agents(truth.agents()).seed(3).maxIterations(6)
                .chainEvidence(ChainEvidence.CHOICES_AND_OUTCOMES).build().fit(data);
        Path file = dir.resolve("model.json");
        fit.save(file);
        FittedHmmMoa back = FittedHmmMoa.load(file);
        assertEquals(ChainEvidence.CHOICES_AND_OUTCOMES, back.chainEvidence());
        assertEquals(fit.outcomeEmissions(), back.outcomeEmissions());
        for (int i = 0; i < data.numSessions(); i++) {
            assertArrayEquals(fit.predictChoiceProbabilities(data).get(i), back.predictChoiceProbabilities(data).get(i), 0.0);
            assertArrayEquals(fit.smoothedStates(data).get(i)[17], back.smoothedStates(data).get(i)[17], 0.0);
            assertArrayEquals(fit.mostLikelyStates(data).get(i), back.mostLikelyStates(data).get(i));
        }
        assertEquals(fit.logLikelihood(), back.logLikelihood(), 0.0);
        assertEquals(fit.choiceLogLikelihood(), back.choiceLogLikelihood(), 0.0);
        assertEquals(fit.logPosterior(), back.logPosterior(), 0.0);
        ObjectNode json = (ObjectNode) new ObjectMapper().readTree(Files.readString(file));
        assertEquals("CHOICES_AND_OUTCOMES", json.get("chainEvidence").asText());
        assertEquals(MoaModelFile.FORMAT_VERSION, json.get("formatVersion").asInt());
        assertEquals(fit.outcomeEmissions().orElseThrow().rewardProbability(1, 0),
                json.get("rewardProbability").get(1).get(0).asDouble(), 0.0);
    }

    @Test
    void load_versionOneFile_isAChoiceOnlyChain(@TempDir Path dir) throws IOException {
        FittedHmmMoa truth = rewardBlindTruth(null);
        TwoStepDataset data = MoaSimulator.simulate(truth, 2, 50, TwoStepTask.DEFAULT, 6);
        FittedHmmMoa fit = HmmMoaModel.builder().states(2).agents(truth.agents()).maxIterations(4).build().fit(data);
        Path file = dir.resolve("v1.json");
        fit.save(file);
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode json = (ObjectNode) mapper.readTree(Files.readString(file));
        json.put("formatVersion", 1);
        json.remove("chainEvidence");
        json.remove("choiceLogLikelihood");
        mapper.writeValue(file.toFile(), json);
        FittedHmmMoa back = FittedHmmMoa.load(file);
        assertEquals(ChainEvidence.CHOICES, back.chainEvidence());
        assertEquals(fit.logLikelihood(), back.choiceLogLikelihood(), 0.0);
        assertArrayEquals(fit.predictChoiceProbabilities(data).get(0), back.predictChoiceProbabilities(data).get(0), 0.0);
    }

    // ------------------------------------------------------------------ (e) synthetic phases

    @Test
    void fit_synthetic_statesFollowThePhases_andPredictionsStayNearTheOracle() {
        TwoStepGenerator gen = TwoStepGenerator.builder().sequences(16).trials(300).seed(1).build();
        TwoStepGenerator testGen = gen.toBuilder().seed(2).build();
        TwoStepDataset train = gen.generate();
        TwoStepDataset test = testGen.generate();
        OracleResult oracle = TwoStepOracle.forGenerator(testGen).predict(test);
        HmmMoaModel.Builder spec = HmmMoaModel.builder().states(2).agents(AgentPreset.HMMRNN_ORIGINAL).starts(1)
                .biasHmmStart(true).seed(1);
        FittedHmmMoa fit = spec.chainEvidence(ChainEvidence.CHOICES_AND_OUTCOMES).build().fit(train);
        double phase = PhaseRecovery.evaluate(test, fit.smoothedStates(test)).accuracy();
        double nll = PredictiveMetrics.evaluate(test, fit.predictChoiceProbabilities(test)).nll();
        double gap = nll - oracle.score().nll();
        assertTrue(phase >= 0.95, "smoothed phase accuracy " + phase);
        assertTrue(gap > -0.01 && gap <= 0.035, "test NLL " + nll + " vs oracle " + oracle.score().nll());
        assertEquals(-Math.log(fit.normalizedLikelihood(test)), nll, 1e-9);
    }

    // ------------------------------------------------------------------ (f) bad input and helpers

    @Test
    void badInput_throwsNamingTheValue(@TempDir Path dir) throws IOException {
        NullPointerException npe = assertThrows(NullPointerException.class,
                () -> HmmMoaModel.builder().chainEvidence(null));
        assertTrue(npe.getMessage().contains("chainEvidence"));
        IllegalArgumentException k = assertThrows(IllegalArgumentException.class,
                () -> rewardBlindTruth(OutcomeEmissions.of(new double[][] {{0.5, 0.5}})));
        assertTrue(k.getMessage().contains("outcomes") && k.getMessage().contains("1"), k.getMessage());

        FittedHmmMoa m = rewardLearningTruth();
        Path file = dir.resolve("m.json");
        m.save(file);
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode json = (ObjectNode) mapper.readTree(Files.readString(file));

        ObjectNode noRho = json.deepCopy();
        noRho.remove("rewardProbability");
        Path f1 = dir.resolve("noRho.json");
        mapper.writeValue(f1.toFile(), noRho);
        IllegalArgumentException e1 = assertThrows(IllegalArgumentException.class, () -> FittedHmmMoa.load(f1));
        assertTrue(e1.getMessage().contains("rewardProbability") && e1.getMessage().contains("missing"), e1.getMessage());

        ObjectNode badName = json.deepCopy();
        badName.put("chainEvidence", "OUTCOMES");
        Path f2 = dir.resolve("badName.json");
        mapper.writeValue(f2.toFile(), badName);
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, () -> FittedHmmMoa.load(f2));
        assertTrue(e2.getMessage().contains("OUTCOMES") && e2.getMessage().contains("CHOICES_AND_OUTCOMES"), e2.getMessage());

        ObjectNode choicesWithRho = json.deepCopy();
        choicesWithRho.put("chainEvidence", "CHOICES");
        Path f3 = dir.resolve("choicesWithRho.json");
        mapper.writeValue(f3.toFile(), choicesWithRho);
        assertThrows(IllegalArgumentException.class, () -> FittedHmmMoa.load(f3));

        ObjectNode rhoOne = json.deepCopy();
        ((ArrayNode) rhoOne.get("rewardProbability").get(0)).set(1, 1.0);
        Path f4 = dir.resolve("rhoOne.json");
        mapper.writeValue(f4.toFile(), rhoOne);
        IllegalArgumentException e4 = assertThrows(IllegalArgumentException.class, () -> FittedHmmMoa.load(f4));
        assertTrue(e4.getMessage().contains("rewardProbability[0][1]"), e4.getMessage());

        OutcomeEmissions rho = OutcomeEmissions.of(RHO);
        assertThrows(IllegalArgumentException.class, () -> rho.logLikelihood(0, 1, 2));
        TwoStepDataset data = sevenTrialData();
        IllegalArgumentException e5 = assertThrows(IllegalArgumentException.class, () -> OutcomeEmissions.mapEstimate(
                data.sessions(), List.of(new int[] {0, 7}, new int[] {0}), List.of(new double[2][2], new double[1][2]), 2));
        assertTrue(e5.getMessage().contains("trials[0][1] = 7"), e5.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OutcomeEmissions.mapEstimate(
                data.sessions(), List.of(new int[] {0}), List.<double[][]>of(new double[1][2]), 2));
    }

    @Test
    void outcomeEmissionsHelpers_matchHandComputedValues() {
        TwoStepDataset data = sevenTrialData();
        Session a = data.sessions().get(0);
        // weights on trials 0 and 3 of session 0 only: trial 0 (o=1, r=1), trial 3 (o=1, r=0)
        OutcomeEmissions e = OutcomeEmissions.mapEstimate(List.of(a), List.of(new int[] {0, 3}),
                List.<double[][]>of(new double[][] {{1, 0}, {0.25, 0.75}}), 2);
        assertEquals((1 + 1) / (1.25 + 2), e.rewardProbability(0, 1), 1e-15);
        assertEquals((0 + 1) / (0.75 + 2), e.rewardProbability(1, 1), 1e-15);
        assertEquals(0.5, e.rewardProbability(0, 0), 0.0);
        // all trials of a session as a subset = the whole-session estimate
        List<double[][]> w = new ArrayList<>();
        double[][] wa = new double[a.length()][2];
        for (int t = 0; t < wa.length; t++) {
            wa[t][0] = 0.1 * t;
            wa[t][1] = 1 - 0.1 * t;
        }
        w.add(wa);
        assertEquals(OutcomeEmissions.mapEstimate(List.of(a), w, 2), OutcomeEmissions.mapEstimate(List.of(a),
                List.of(IntStream.range(0, a.length()).toArray()), w, 2));
        OutcomeEmissions rho = OutcomeEmissions.of(RHO);
        assertEquals(Math.log(0.25), rho.logLikelihood(0, 1, 1), 1e-15);
        assertEquals(Math.log(0.7), rho.logLikelihood(1, 0, 0), 1e-15);
        double lp = 0;
        for (double[] row : RHO) {
            for (double p : row) {
                lp += Math.log(p * (1 - p));
            }
        }
        assertEquals(lp, rho.logPrior(), 1e-12);
    }

    @Test
    void crossValidate_scoresHeldOutChoicesNotTheJointLikelihood() {
        FittedHmmMoa truth = rewardBlindTruth(OutcomeEmissions.of(RHO));
        TwoStepDataset data = MoaSimulator.simulate(truth, 4, 80, TwoStepTask.DEFAULT, 9);
        HmmMoaModel spec = HmmMoaModel.builder().states(2).agents(truth.agents()).maxIterations(15)
                .chainEvidence(ChainEvidence.CHOICES_AND_OUTCOMES).build();
        MoaModelSelection.CrossValidation cv = MoaModelSelection.crossValidate(spec, data, 2, SplitMethod.STRIDE, 1);
        for (MoaModelSelection.Fold f : cv.folds()) {
            double nl = f.testNormalizedLikelihood();
            // a choice score of a binary choice lies near 0.5–0.8; the joint one would be about its square
            assertTrue(nl > 0.5 && nl < 1, "fold " + f.fold() + " held-out normalised likelihood " + nl);
            assertTrue(Double.isFinite(f.trainLogLik()) && f.trainLogLik() < 0, "fold " + f.fold() + " train LL " + f.trainLogLik());
        }
    }
}
