package io.github.hmmrnn.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.hmmrnn.data.Perturbations;
import io.github.hmmrnn.data.Session;
import io.github.hmmrnn.data.Subject;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.hmm.ForwardBackward;
import io.github.hmmrnn.hmm.HmmPosterior;
import io.github.hmmrnn.metrics.PhaseRecovery;
import io.github.hmmrnn.metrics.PredictiveMetrics;
import io.github.hmmrnn.oracle.TwoStepOracle;
import io.github.hmmrnn.synthetic.TwoStepGenerator;

class HmmTinyRnnModelTest {

    private static TwoStepDataset small;
    private static FittedHmmTinyRnn smallFit;

    @BeforeAll
    static void fitSmall() {
        small = TwoStepGenerator.builder().sequences(8).trials(120).seed(5).build().generate();
        smallFit = HmmTinyRnnModel.builder().states(2).hiddenSize(3).maxEpochs(15).seed(9).build().fit(small, null);
    }

    @Test
    void predictChoiceProbabilities_unchangedByPerturbingTrialTAndLater() {
        List<double[]> base = smallFit.predictChoiceProbabilities(small);
        List<double[][]> basePred = smallFit.predictedStates(small);
        for (int from : new int[] {0, 1, 37, 119}) {
            TwoStepDataset changed = Perturbations.flipFrom(small, 2, from);
            double[] p = smallFit.predictChoiceProbabilities(changed).get(2);
            double[][] z = smallFit.predictedStates(changed).get(2);
            for (int t = 0; t <= from; t++) {
                assertEquals(base.get(2)[t], p[t], 0.0, "trial " + t + " after perturbing from " + from);
                assertArrayEquals(basePred.get(2)[t], z[t], 0.0);
            }
            if (from + 1 < p.length) {
                assertTrue(Math.abs(base.get(2)[from + 1] - p[from + 1]) > 0 || from == 119,
                        "the perturbation must reach trial " + (from + 1));
            }
        }
    }

    @Test
    void tinyRnn_predictionsUnchangedByPerturbingTrialTAndLater() {
        FittedTinyRnn tiny = TinyRnnModel.builder().hiddenSize(2).maxEpochs(5).seed(3)
                .inputEncoding(InputEncoding.TRIAL_TYPE_ONE_HOT).build().fit(small, null);
        double[] base = tiny.predictChoiceProbabilities(small).get(1);
        TwoStepDataset changed = Perturbations.flipFrom(small, 1, 50);
        double[] p = tiny.predictChoiceProbabilities(changed).get(1);
        assertArrayEquals(Arrays.copyOf(base, 51), Arrays.copyOf(p, 51), 0.0);
        assertTrue(base[51] != p[51]);
    }

    @Test
    void fit_sameSeedIsBitIdentical() {
        FittedHmmTinyRnn again = HmmTinyRnnModel.builder().states(2).hiddenSize(3).maxEpochs(15).seed(9).build()
                .fit(small, null);
        assertArrayEquals(smallFit.networkParameters(), again.networkParameters(), 0.0);
        assertArrayEquals(smallFit.transitionMatrix()[0], again.transitionMatrix()[0], 0.0);
        assertEquals(smallFit.history().entries(), again.history().entries());
        FittedHmmTinyRnn other = HmmTinyRnnModel.builder().states(2).hiddenSize(3).maxEpochs(15).seed(10).build()
                .fit(small, null);
        assertTrue(!Arrays.equals(smallFit.networkParameters(), other.networkParameters()));
    }

    @Test
    void fit_threadsDoNotChangeTheResult() {
        FittedHmmTinyRnn threaded = HmmTinyRnnModel.builder().states(2).hiddenSize(3).maxEpochs(15).seed(9)
                .threads(2).build().fit(small, null);
        assertArrayEquals(smallFit.networkParameters(), threaded.networkParameters(), 0.0);
        // restarts run side by side: the same restart must win with the same parameters
        FittedHmmTinyRnn oneByOne = HmmTinyRnnModel.builder().states(2).hiddenSize(3).maxEpochs(8).seed(4)
                .starts(3).threads(1).build().fit(small, null);
        FittedHmmTinyRnn sideBySide = HmmTinyRnnModel.builder().states(2).hiddenSize(3).maxEpochs(8).seed(4)
                .starts(3).threads(3).build().fit(small, null);
        assertEquals(oneByOne.provenance().fit(), sideBySide.provenance().fit());
        assertArrayEquals(oneByOne.networkParameters(), sideBySide.networkParameters(), 0.0);
    }

    @Test
    void saveLoad_givesIdenticalPredictions(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("model.json");
        smallFit.save(file);
        FittedHmmTinyRnn loaded = FittedHmmTinyRnn.load(file);
        assertEquals(smallFit.hyperParameters(), loaded.hyperParameters());
        assertEquals(smallFit.provenance(), loaded.provenance());
        List<double[]> a = smallFit.predictChoiceProbabilities(small);
        List<double[]> b = loaded.predictChoiceProbabilities(small);
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i), b.get(i), 0.0);
        }
        assertArrayEquals(smallFit.smoothedStates(small).get(0)[7], loaded.smoothedStates(small).get(0)[7], 0.0);
        assertArrayEquals(smallFit.mostLikelyStates(small).get(3), loaded.mostLikelyStates(small).get(3));
        assertThrows(IllegalArgumentException.class, () -> FittedTinyRnn.load(file));
    }

    @Test
    void load_rejectsUnknownFormatVersion(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("model.json");
        smallFit.save(file);
        String text = Files.readString(file).replace("\"formatVersion\" : " + RnnModelFile.FORMAT_VERSION,
                "\"formatVersion\" : 99");
        Files.writeString(file, text);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FittedHmmTinyRnn.load(file));
        assertTrue(e.getMessage().contains("99"), e.getMessage());
    }

    @Test
    void trainingLoss_isExactNegativeLogMarginalLikelihood() {
        // recompute −log p(choices) of the returned parameters independently from the heads
        List<double[][]> heads = smallFit.headChoiceProbabilities(small);
        double total = 0;
        for (int b = 0; b < small.numSessions(); b++) {
            Session s = small.sessions().get(b);
            double[][] e = new double[s.length()][2];
            for (int t = 0; t < s.length(); t++) {
                for (int k = 0; k < 2; k++) {
                    double p1 = heads.get(b)[t][k];
                    e[t][k] = Math.log(s.choice(t) == 1 ? p1 : 1 - p1);
                }
            }
            HmmPosterior post = ForwardBackward.run(smallFit.initialDistribution(), smallFit.transitionMatrix(), e);
            total += post.logMarginalLikelihood();
            assertEquals(post.logMarginalLikelihood(), smallFit.logMarginalLikelihoods(small)[b], 1e-9);
        }
        double best = smallFit.provenance().fit().trainLoss();
        assertEquals(-total / small.numScored(), best, 1e-9);
    }

    @Test
    void predictedStates_areOneStepPredictions() {
        double[][] pred = smallFit.predictedStates(small).get(0);
        double[][] filt = smallFit.filteredStates(small).get(0);
        double[][] a = smallFit.transitionMatrix();
        assertArrayEquals(smallFit.initialDistribution(), pred[0], 1e-15);
        for (int t = 1; t < pred.length; t++) {
            for (int j = 0; j < 2; j++) {
                double q = filt[t - 1][0] * a[0][j] + filt[t - 1][1] * a[1][j];
                assertEquals(q, pred[t][j], 1e-12);
            }
        }
    }

    @Test
    void builder_rejectsBadValues() {
        assertThrows(IllegalArgumentException.class, () -> HmmTinyRnnModel.builder().hiddenSize(0));
        assertThrows(IllegalArgumentException.class, () -> HmmTinyRnnModel.builder().hiddenSize(21));
        assertThrows(IllegalArgumentException.class, () -> HmmTinyRnnModel.builder().states(0));
        assertThrows(IllegalArgumentException.class, () -> HmmTinyRnnModel.builder().stickiness(1.0));
        assertThrows(IllegalArgumentException.class, () -> HmmTinyRnnModel.builder().learningRate(0));
        assertThrows(IllegalArgumentException.class, () -> HmmTinyRnnModel.builder().temperature(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> TinyRnnModel.builder().hiddenSize(0));
        assertThrows(IllegalArgumentException.class, () -> TinyRnnModel.builder().patience(0));
        assertThrows(IllegalArgumentException.class, () -> HmmTinyRnnModel.builder().warmStartEpochs(-1));
        assertThrows(IllegalArgumentException.class, () -> HmmTinyRnnModel.builder().headWeightLearningRateScale(0));
        assertThrows(IllegalArgumentException.class, () -> HmmTinyRnnModel.builder().headWeightLearningRateScale(1.5));
        assertThrows(NullPointerException.class, () -> HmmTinyRnnModel.builder().initialization(null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HmmTinyRnnModel.builder().states(-1));
        assertTrue(e.getMessage().contains("states") && e.getMessage().contains("-1"), e.getMessage());
    }

    @Test
    void fit_rejectsDataWithoutScoredTrials() {
        Session s = small.sessions().get(0);
        boolean[] none = new boolean[s.length()];
        Session unscored = Session.of(s.subject(), 0, s.choices(), s.outcomes(), s.rewards(), s.commonTransitions(),
                none, null);
        TwoStepDataset data = TwoStepDataset.of(small.subjects(), List.of(unscored));
        HmmTinyRnnModel model = HmmTinyRnnModel.builder().maxEpochs(1).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.fit(data, null));
        assertTrue(e.getMessage().contains("scored"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> model.fit(small, data));
    }

    @Test
    void fit_rejectsMismatchedEncodings() {
        HmmTinyRnnModel model = HmmTinyRnnModel.builder().maxEpochs(1).build();
        RnnInputs train = RnnInputs.encode(small, InputEncoding.CHOICE_REWARD_TRANSITION);
        RnnInputs val = RnnInputs.encode(small, InputEncoding.TRIAL_TYPE_ONE_HOT);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.fit(train, val));
        assertTrue(e.getMessage().contains("TRIAL_TYPE_ONE_HOT"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> model.fit(val, null));
    }

    @Test
    void inputEncoding_isPreviousTrialAndZeroAtSessionStart() {
        Session s = small.sessions().get(0);
        RnnInputs in = RnnInputs.encode(small, InputEncoding.TRIAL_TYPE_ONE_HOT);
        double[] f = in.features();
        int steps = in.paddedLength();
        for (int i = 0; i < 8; i++) {
            assertEquals(0.0, f[i * steps], 0.0);
        }
        for (int t = 1; t < 10; t++) {
            int type = 4 * s.choice(t - 1) + 2 * (s.common(t - 1) ? 1 : 0) + s.reward(t - 1);
            for (int i = 0; i < 8; i++) {
                assertEquals(i == type ? 1.0 : 0.0, f[i * steps + t], 0.0);
            }
        }
    }

    @Test
    void fit_learnsTheSyntheticTaskAtSmallScale() {
        TwoStepGenerator gen = TwoStepGenerator.builder().sequences(16).trials(300).seed(1).build();
        TwoStepDataset train = gen.generate();
        TwoStepDataset test = TwoStepGenerator.builder().sequences(16).trials(300).seed(2).build().generate();
        FittedHmmTinyRnn fit = HmmTinyRnnModel.builder().states(2).hiddenSize(4).learningRate(0.02)
                .maxEpochs(100).seed(1).build().fit(train, null);
        double nll = PredictiveMetrics.evaluate(test, fit.predictChoiceProbabilities(test)).nll();
        double oracle = TwoStepOracle.forGenerator(gen).predict(test).score().nll();
        double phase = PhaseRecovery.evaluate(test, fit.smoothedStates(test)).accuracy();
        assertTrue(nll < 0.64, "test NLL " + nll + " (chance 0.693, oracle " + oracle + ")");
        assertTrue(nll > oracle - 0.01, "test NLL " + nll + " beats the Bayes oracle " + oracle + ": leak");
        assertTrue(phase > 0.8, "smoothed phase accuracy " + phase);
        assertTrue(fit.history().entries().get(0).trainChoiceNll() > fit.history().entries().get(99).trainChoiceNll());
    }

    @Test
    void fit_biasHmmWarmStartKeepsThePhasesInTheChain() {
        TwoStepGenerator gen = TwoStepGenerator.builder().sequences(16).trials(300).seed(11).build();
        TwoStepDataset train = gen.generate();
        TwoStepDataset test = TwoStepGenerator.builder().sequences(16).trials(300).seed(12).build().generate();
        HmmTinyRnnModel.Builder b = HmmTinyRnnModel.builder().states(2).hiddenSize(4)
                .inputEncoding(InputEncoding.TRIAL_TYPE_ONE_HOT).learningRate(0.01).maxEpochs(30).seed(3);
        FittedHmmTinyRnn warm = b.build().fit(train, null);
        assertEquals(Initialization.BIAS_HMM, warm.hyperParameters().initialization());
        double phase = PhaseRecovery.evaluate(test, warm.smoothedStates(test)).accuracy();
        double nll = PredictiveMetrics.evaluate(test, warm.predictChoiceProbabilities(test)).nll();
        double oracle = TwoStepOracle.forGenerator(gen).predict(test).score().nll();
        assertTrue(phase >= 0.9, "warm-started smoothed phase accuracy " + phase);
        assertTrue(nll > oracle - 0.01, "test NLL " + nll + " beats the Bayes oracle " + oracle + ": leak");
        assertTrue(nll < 0.62, "test NLL " + nll + " (chance 0.693, oracle " + oracle + ")");
        // the heads start as the two phase policies, one favouring each action
        double[][] heads = warm.headChoiceProbabilities(test).get(0);
        assertTrue(Math.abs(heads[0][0] - heads[0][1]) > 0.3, Arrays.toString(heads[0]));
    }
}
