package io.github.hmmrnn.moa.neural;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.hmmrnn.data.Session;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.metrics.PhaseRecovery;
import io.github.hmmrnn.metrics.PredictiveMetrics;
import io.github.hmmrnn.model.ChainEvidence;
import io.github.hmmrnn.oracle.TwoStepOracle;
import io.github.hmmrnn.synthetic.TwoStepGenerator;

/** HMM-TinyMoA whose states emit outcomes as well as choices. */
class HmmTinyMoaOutcomeEvidenceTest {

    private static TwoStepGenerator gen;
    private static TwoStepDataset train;
    private static TwoStepDataset test;
    private static FittedHmmTinyMoa fit;

    @BeforeAll
    static void fitSmall() {
        gen = TwoStepGenerator.builder().sequences(16).trials(200).seed(11).build();
        train = gen.generate();
        TwoStepDataset validation = gen.toBuilder().seed(12).build().generate();
        test = gen.toBuilder().seed(13).build().generate();
        fit = HmmTinyMoaModel.builder().states(2).hiddenSize(3).learningRate(0.02).maxEpochs(40).patience(10).seed(5)
                .chainEvidence(ChainEvidence.CHOICES_AND_OUTCOMES).build().fit(train, validation);
    }

    private static TwoStepDataset flipRewardsFrom(TwoStepDataset data, int session, int from) {
        List<Session> out = new ArrayList<>(data.sessions());
        Session s = out.get(session);
        int[] r = s.rewards();
        for (int t = from; t < s.length(); t++) {
            r[t] = 1 - r[t];
        }
        out.set(session, Session.of(s.subject(), s.index(), s.choices(), s.outcomes(), r, s.commonTransitions(),
                s.scoredTrials(), s.phases()));
        return TwoStepDataset.of(data.subjects(), out);
    }

    @Test
    void predictions_unchangedByTheOutcomeOfTrialTAndLater() {
        double[] base = fit.predictChoiceProbabilities(test).get(2);
        for (int from : new int[] {0, 77}) {
            double[] p = fit.predictChoiceProbabilities(flipRewardsFrom(test, 2, from)).get(2);
            for (int t = 0; t <= from; t++) {
                assertEquals(base[t], p[t], 0.0, "trial " + t + " after flipping rewards from " + from);
            }
            assertTrue(base[from + 1] != p[from + 1], "the reward of trial " + from + " must reach trial " + (from + 1));
        }
    }

    @Test
    void fit_keepsThePhasesInTheChainAndStaysAboveTheOracle() {
        double phase = PhaseRecovery.evaluate(test, fit.smoothedStates(test)).accuracy();
        double nll = fit.negativeLogLikelihood(test);
        double oracle = TwoStepOracle.forGenerator(gen).predict(test).score().nll();
        assertTrue(phase >= 0.95, "smoothed phase accuracy " + phase);
        assertTrue(nll > oracle - 0.01, "test NLL " + nll + " beats the Bayes oracle " + oracle + ": leak");
        assertTrue(nll < oracle + 0.05, "test NLL " + nll + ", oracle " + oracle);
        // the reported loss is the causal choice NLL, not the joint likelihood of choices and outcomes
        assertEquals(PredictiveMetrics.evaluate(test, fit.predictChoiceProbabilities(test)).nll(), nll, 1e-12);
        double[][] rho = fit.outcomeEmissions().orElseThrow().rewardProbabilities();
        assertEquals(0.9, Math.max(rho[0][0], rho[1][0]), 0.05);
        assertEquals(0.1, Math.min(rho[0][0], rho[1][0]), 0.05);
    }

    @Test
    void saveLoad_keepsTheOutcomeModelAndPredictions(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("m.json");
        fit.save(file);
        FittedHmmTinyMoa loaded = FittedHmmTinyMoa.load(file);
        assertEquals(fit.outcomeEmissions(), loaded.outcomeEmissions());
        assertEquals(ChainEvidence.CHOICES_AND_OUTCOMES, loaded.chainEvidence());
        assertArrayEquals(fit.predictChoiceProbabilities(test).get(1), loaded.predictChoiceProbabilities(test).get(1), 0.0);
        Files.writeString(file, Files.readString(file).replace("\"outcomeRewardProbabilities\"", "\"renamed\""));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FittedHmmTinyMoa.load(file));
        assertTrue(e.getMessage().contains("outcomeRewardProbabilities"), e.getMessage());
    }

    @Test
    void builder_rejectsOutcomeEvidenceWithOneState() {
        assertThrows(IllegalArgumentException.class, () -> HmmTinyMoaModel.builder().states(1)
                .chainEvidence(ChainEvidence.CHOICES_AND_OUTCOMES).build());
        assertThrows(NullPointerException.class, () -> HmmTinyMoaModel.builder().chainEvidence(null));
    }
}
