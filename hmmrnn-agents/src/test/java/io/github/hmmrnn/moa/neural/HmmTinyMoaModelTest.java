package io.github.hmmrnn.moa.neural;

import io.github.hmmrnn.agents.AgentPreset;
import io.github.hmmrnn.data.Session;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.hmm.HmmParameters;
import io.github.hmmrnn.metrics.PredictiveMetrics;
import io.github.hmmrnn.model.TrainingHistory;
import io.github.hmmrnn.oracle.TwoStepOracle;
import io.github.hmmrnn.rnn.GruGraph;
import io.github.hmmrnn.synthetic.TwoStepGenerator;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.github.hmmrnn.model.OutcomeEmissions;
import java.nio.file.Path;

class HmmTinyMoaModelTest {

    private static final int H = 3;
    private static final int K = 2;
    private static final HmmParameters HMM = HmmParameters.of(new double[] {0.6, 0.4},
            new double[][] {{0.9, 0.1}, {0.2, 0.8}});

    private static TwoStepDataset small(long seed, int sessions, int trials) {
        return TwoStepGenerator.builder().sequences(sessions).trials(trials).seed(seed).build().generate();
    }

    private static HmmMixtureObjective objective() {
        return new HmmMixtureObjective(new GruGraph(EncodedSessions.INPUT_WIDTH, H, 1), H,
                AgentPreset.HMMRNN_ORIGINAL.agents().size(), K);
    }

    @Test
    void loss_gradientMatchesFiniteDifferencesOfMarginalLikelihood() {
        EncodedSessions d = new EncodedSessions(small(3, 3, 25), AgentPreset.HMMRNN_ORIGINAL.agents());
        HmmMixtureObjective o = objective();
        double[] theta = RandomParameters.uniform(o.numParams(), 7);
        double[] grad = new double[theta.length];
        o.loss(theta, HMM, null, d, grad);
        double step = 1e-6;
        for (int i = 0; i < theta.length; i += i < o.headOffset(0) ? 5 : 1) {
            double[] up = theta.clone();
            double[] down = theta.clone();
            up[i] += step;
            down[i] -= step;
            double fd = (o.loss(up, HMM, null, d, null).loss() - o.loss(down, HMM, null, d, null).loss()) / (2 * step);
            assertEquals(fd, grad[i], 1e-7 + 1e-5 * Math.abs(fd), "parameter " + i);
        }
    }

    @Test
    void loss_gradientWithOutcomeEmissionsMatchesFiniteDifferencesOfJointLikelihood() {
        EncodedSessions d = new EncodedSessions(small(3, 3, 25), AgentPreset.HMMRNN_ORIGINAL.agents());
        HmmMixtureObjective o = objective();
        OutcomeEmissions rho =
                OutcomeEmissions.of(new double[][] {{0.8, 0.3}, {0.25, 0.7}});
        double[] theta = RandomParameters.uniform(o.numParams(), 8);
        double[] grad = new double[theta.length];
        HmmMixtureObjective.Result r = o.loss(theta, HMM, rho, d, grad);
        assertTrue(r.objective() > r.loss() + 0.3, "joint " + r.objective() + " vs choices " + r.loss());
        double step = 1e-6;
        for (int i = 0; i < theta.length; i += i < o.headOffset(0) ? 5 : 1) {
            double[] up = theta.clone();
            double[] down = theta.clone();
            up[i] += step;
            down[i] -= step;
            double fd = (o.loss(up, HMM, rho, d, null).objective() - o.loss(down, HMM, rho, d, null).objective())
                    / (2 * step);
            assertEquals(fd, grad[i], 1e-7 + 1e-5 * Math.abs(fd), "parameter " + i);
        }
    }

    @Test
    void predictChoiceProbabilities_dependsOnlyOnEarlierTrials() {
        TwoStepDataset data = small(4, 1, 40);
        Session s = data.sessions().get(0);
        FittedHmmTinyMoa model = new FittedHmmTinyMoa(K, H, AgentPreset.HMMRNN_ORIGINAL.agents(),
                RandomParameters.uniform(objective().numParams(), 9), HMM, null, new TrainingHistory(List.of(), false, 0));
        double[] base = model.predictChoiceProbabilities(data).get(0);
        double[][] basePredicted = model.predictedStates(data).get(0);
        int cut = 17;
        int[] choices = s.choices();
        int[] rewards = s.rewards();
        boolean[] common = s.commonTransitions();
        for (int t = cut; t < s.length(); t++) {
            choices[t] = 1 - choices[t];
            rewards[t] = 1 - rewards[t];
            common[t] = !common[t];
        }
        TwoStepDataset changed = TwoStepDataset.of(data.subjects(), List.of(Session.of(s.subject(), s.index(),
                choices, s.outcomes(), rewards, common, s.scoredTrials(), null)));
        double[] after = model.predictChoiceProbabilities(changed).get(0);
        double[][] afterPredicted = model.predictedStates(changed).get(0);
        for (int t = 0; t <= cut; t++) {
            assertEquals(base[t], after[t], 0.0, "trial " + t);
            assertArrayEquals(basePredicted[t], afterPredicted[t], 0.0, "trial " + t);
        }
        assertNotEquals(base[cut + 1], after[cut + 1], "trial after the change must react");
        // the causal predictions are the HMM's one-step conditionals
        double nll = PredictiveMetrics.evaluate(data, model.predictChoiceProbabilities(data)).nll();
        assertEquals(nll, model.negativeLogLikelihood(data), 1e-12);
    }

    @Test
    void fit_learnsSyntheticTaskWithoutBeatingOracle() {
        TwoStepGenerator gen = TwoStepGenerator.builder().sequences(16).trials(200).seed(11).build();
        TwoStepDataset train = gen.generate();
        TwoStepDataset validation = gen.toBuilder().seed(12).build().generate();
        TwoStepDataset test = gen.toBuilder().seed(13).build().generate();
        FittedHmmTinyMoa fitted = HmmTinyMoaModel.builder().states(K).hiddenSize(H).learningRate(0.02)
                .maxEpochs(200).patience(30).seed(5).build().fit(train, validation);
        double nll = fitted.negativeLogLikelihood(test);
        double oracle = TwoStepOracle.forGenerator(gen).predict(test).score().nll();
        assertTrue(nll < 0.64, "test NLL " + nll + " (chance 0.693, oracle " + oracle + ")");
        assertTrue(nll > oracle - 0.01, "test NLL " + nll + " beats the Bayes oracle " + oracle + ": leak");
        double[][] a = fitted.transitionMatrix();
        for (double[] row : a) {
            assertEquals(1.0, row[0] + row[1], 1e-12);
        }
    }

    @Test
    void fit_sameSeedGivesIdenticalResult() {
        TwoStepDataset train = small(21, 4, 60);
        TwoStepDataset validation = small(22, 2, 60);
        FittedHmmTinyMoa a = HmmTinyMoaModel.builder().hiddenSize(H).maxEpochs(10).seed(3).build().fit(train, validation);
        FittedHmmTinyMoa b = HmmTinyMoaModel.builder().hiddenSize(H).maxEpochs(10).seed(3).build().fit(train, validation);
        assertArrayEquals(a.parameters(), b.parameters(), 0.0);
        assertEquals(a.history().entries(), b.history().entries());
        assertArrayEquals(a.transitionMatrix()[0], b.transitionMatrix()[0], 0.0);
    }

    @Test
    void saveLoad_predictsIdentically(@org.junit.jupiter.api.io.TempDir Path dir) {
        TwoStepDataset train = small(21, 4, 60);
        TwoStepDataset validation = small(22, 2, 60);
        FittedHmmTinyMoa a = HmmTinyMoaModel.builder().hiddenSize(H).maxEpochs(10).seed(3).build().fit(train, validation);
        Path file = dir.resolve("m.json");
        a.save(file);
        FittedHmmTinyMoa b = FittedHmmTinyMoa.load(file);
        for (int i = 0; i < validation.numSessions(); i++) {
            assertArrayEquals(a.predictChoiceProbabilities(validation).get(i), b.predictChoiceProbabilities(validation).get(i), 0.0);
        }
        assertArrayEquals(a.transitionMatrix()[1], b.transitionMatrix()[1], 0.0);
        assertEquals(a.history().entries(), b.history().entries());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FittedTinyMoaRnn.load(file));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("'hmm-tinymoa'"), e.getMessage());
    }

    @Test
    void builder_rejectsBadValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HmmTinyMoaModel.builder().states(0));
        assertTrue(e.getMessage().contains("states") && e.getMessage().contains("0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> HmmTinyMoaModel.builder().hiddenSize(0));
        assertThrows(IllegalArgumentException.class, () -> HmmTinyMoaModel.builder().learningRate(0));
        assertThrows(IllegalArgumentException.class, () -> HmmTinyMoaModel.builder().batchSize(0));
        assertThrows(IllegalArgumentException.class, () -> HmmTinyMoaModel.builder().agents((AgentPreset) null));
    }
}
