package io.github.hmmrnn.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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
import io.github.hmmrnn.model.OutcomeEmissions;
import io.github.hmmrnn.oracle.TwoStepOracle;
import io.github.hmmrnn.synthetic.TwoStepGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;

/** HMM-TinyRNN whose chain emits outcomes as well as choices. */
class HmmTinyRnnOutcomeEvidenceTest {

    private static TwoStepDataset small;
    private static FittedHmmTinyRnn fit;

    @BeforeAll
    static void fitSmall() {
        small = TwoStepGenerator.builder().sequences(8).trials(120).seed(5).build().generate();
        fit = HmmTinyRnnModel.builder().states(2).hiddenSize(3).maxEpochs(15).seed(9)
                .chainEvidence(ChainEvidence.CHOICES_AND_OUTCOMES).build().fit(small, null);
    }

    private static TwoStepDataset flipRewardFrom(TwoStepDataset data, int session, int from) {
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
        double[] base = fit.predictChoiceProbabilities(small).get(3);
        for (int from : new int[] {0, 40, 119}) {
            double[] p = fit.predictChoiceProbabilities(flipRewardFrom(small, 3, from)).get(3);
            for (int t = 0; t <= from; t++) {
                assertEquals(base[t], p[t], 0.0, "trial " + t + " after flipping rewards from " + from);
            }
            if (from < 119) {
                assertTrue(base[from + 1] != p[from + 1], "the reward of trial " + from + " must reach trial "
                        + (from + 1));
            }
        }
    }

    /** p(choice_t | trials &lt; t) and log p(choices, outcomes) by summing over all 2^T state paths. */
    @Test
    void predictionsAndLikelihood_matchBruteForceOverStatePaths() {
        int len = 7;
        Session full = small.sessions().get(1);
        Session s = Session.of(full.subject(), full.index(), Arrays.copyOf(full.choices(), len),
                Arrays.copyOf(full.outcomes(), len), Arrays.copyOf(full.rewards(), len),
                Arrays.copyOf(full.commonTransitions(), len),
                Arrays.copyOf(full.scoredTrials(), len), Arrays.copyOf(full.phases(), len));
        TwoStepDataset d = TwoStepDataset.of(small.subjects(), List.of(s));
        double[][] heads = fit.headChoiceProbabilities(d).get(0);
        OutcomeEmissions rho = fit.outcomeEmissions().orElseThrow();
        double[] pi = fit.initialDistribution();
        double[][] a = fit.transitionMatrix();
        double[] p1 = fit.predictChoiceProbabilities(d).get(0);
        for (int t = 0; t <= len; t++) {
            // joint over paths of the first t trials, then one more step
            double evidence = 0;
            double choice1 = 0;
            for (int path = 0; path < (1 << (t + 1)); path++) {
                double w = 1;
                for (int u = 0; u <= t && u < len; u++) {
                    int z = (path >> u) & 1;
                    w *= u == 0 ? pi[z] : a[(path >> (u - 1)) & 1][z];
                    if (u < t) {
                        double h = heads[u][z];
                        w *= s.choice(u) == 1 ? h : 1 - h;
                        double r = rho.rewardProbability(z, s.outcome(u));
                        w *= s.reward(u) == 1 ? r : 1 - r;
                    }
                }
                if (t == len) {
                    if (path < (1 << len)) {
                        evidence += w;
                    }
                    continue;
                }
                evidence += w;
                choice1 += w * heads[t][(path >> t) & 1];
            }
            if (t == len) {
                assertEquals(Math.log(evidence), fit.logMarginalLikelihoods(d)[0], 1e-10);
            } else {
                assertEquals(choice1 / evidence, p1[t], 1e-12, "trial " + t);
            }
        }
    }

    @Test
    void trainLoss_isTheCausalChoiceNll() {
        double nll = PredictiveMetrics.evaluate(small, fit.predictChoiceProbabilities(small)).nll();
        assertEquals(nll, fit.provenance().fit().trainLoss(), 1e-9);
        double joint = 0;
        for (double ll : fit.logMarginalLikelihoods(small)) {
            joint -= ll;
        }
        // the joint likelihood also pays for the rewards, so it is much larger per trial
        assertTrue(joint / small.numScored() > nll + 0.2, joint / small.numScored() + " vs " + nll);
    }

    @Test
    void saveLoad_keepsTheOutcomeModelAndPredictions(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("m.json");
        fit.save(file);
        FittedHmmTinyRnn loaded = FittedHmmTinyRnn.load(file);
        assertEquals(fit.outcomeEmissions(), loaded.outcomeEmissions());
        assertEquals(ChainEvidence.CHOICES_AND_OUTCOMES, loaded.hyperParameters().chainEvidence());
        assertArrayEquals(fit.predictChoiceProbabilities(small).get(2), loaded.predictChoiceProbabilities(small).get(2),
                0.0);
        assertArrayEquals(fit.smoothedStates(small).get(4)[60], loaded.smoothedStates(small).get(4)[60], 0.0);
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode tree =
                (ObjectNode) mapper.readTree(Files.readString(file));
        tree.putNull("outcomeRewardProbabilities");
        Files.writeString(file, mapper.writeValueAsString(tree));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FittedHmmTinyRnn.load(file));
        assertTrue(e.getMessage().contains("CHOICES_AND_OUTCOMES"), e.getMessage());
    }

    @Test
    void builder_rejectsOutcomeEvidenceWithOneState() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HmmTinyRnnModel.builder()
                .states(1).chainEvidence(ChainEvidence.CHOICES_AND_OUTCOMES).build());
        assertTrue(e.getMessage().contains("chainEvidence"), e.getMessage());
    }

    @Test
    void fit_keepsThePhasesInTheChainAndStaysAboveTheOracle() {
        TwoStepGenerator gen = TwoStepGenerator.builder().sequences(16).trials(300).seed(11).build();
        TwoStepDataset train = gen.generate();
        TwoStepDataset test = TwoStepGenerator.builder().sequences(16).trials(300).seed(12).build().generate();
        FittedHmmTinyRnn m = HmmTinyRnnModel.builder().states(2).hiddenSize(4).maxEpochs(30).seed(3)
                .chainEvidence(ChainEvidence.CHOICES_AND_OUTCOMES).build().fit(train, null);
        double phase = PhaseRecovery.evaluate(test, m.smoothedStates(test)).accuracy();
        double nll = PredictiveMetrics.evaluate(test, m.predictChoiceProbabilities(test)).nll();
        double oracle = TwoStepOracle.forGenerator(gen).predict(test).score().nll();
        assertTrue(phase >= 0.97, "smoothed phase accuracy " + phase);
        assertTrue(nll > oracle - 0.01, "test NLL " + nll + " beats the Bayes oracle " + oracle + ": leak");
        assertTrue(nll < oracle + 0.03, "test NLL " + nll + ", oracle " + oracle);
    }
}
