package io.github.hmmrnn.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.hmmrnn.data.Perturbations;
import io.github.hmmrnn.data.Session;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.hmm.ForwardBackward;
import io.github.hmmrnn.hmm.HmmPosterior;
import io.github.hmmrnn.model.ChainEvidence;
import io.github.hmmrnn.synthetic.TwoStepGenerator;
import java.util.Arrays;

/** Training on session segments ({@code trainingSegmentLength}). */
class RnnSegmentTrainingTest {

    /** Sessions of unequal length (120, 97, 61, 120, 33) with some forced trials. */
    private static TwoStepDataset data;

    @BeforeAll
    static void makeData() {
        TwoStepDataset gen = TwoStepGenerator.builder().sequences(5).trials(120).seed(11).build().generate();
        int[] lengths = {120, 97, 61, 120, 33};
        List<Session> out = new ArrayList<>();
        for (int i = 0; i < lengths.length; i++) {
            Session s = gen.sessions().get(i);
            boolean[] scored = s.scoredTrials();
            for (int t = i; t < s.length(); t += 7) {
                scored[t] = false;
            }
            Session forced = Session.of(s.subject(), s.index(), s.choices(), s.outcomes(), s.rewards(),
                    s.commonTransitions(), scored, s.phases());
            out.add(forced.segment(0, lengths[i]));
        }
        data = TwoStepDataset.of(gen.subjects(), out);
    }

    @Test
    void encode_segmentsHoldEveryTrialExactlyOnce() {
        int segment = 37;
        RnnInputs in = RnnInputs.encode(data, InputEncoding.TRIAL_TYPE_ONE_HOT, segment);
        int[][] seen = new int[data.numSessions()][];
        for (int i = 0; i < seen.length; i++) {
            seen[i] = new int[data.sessions().get(i).length()];
        }
        int scored = 0;
        for (int b = 0; b < in.numRows(); b++) {
            assertTrue(in.length(b) >= 1 && in.length(b) <= segment, "row " + b + " length " + in.length(b));
            Session s = data.sessions().get(in.rowSession(b));
            for (int c = 0; c < in.length(b); c++) {
                int t = in.rowStart(b) + c;
                seen[in.rowSession(b)][t]++;
                assertEquals(s.choice(t), in.choice(b, c));
                assertEquals(s.scored(t), in.scored(b, c));
                assertEquals(s.reward(t), in.rowTrials(b).reward(c));
                if (in.scored(b, c)) {
                    scored++;
                }
            }
        }
        for (int[] counts : seen) {
            for (int n : counts) {
                assertEquals(1, n);
            }
        }
        assertEquals(data.numScored(), scored);
        assertEquals(data.numScored(), in.numScored());
        // 120 → 37+37+37+9, 97 → 37+37+23, 61 → 37+24, 120 → 4 rows, 33 → 1 row
        assertEquals(14, in.numRows());
        assertEquals(segment, in.paddedLength());
        assertEquals(data.numSessions(), in.numSessions());
    }

    @Test
    void encode_segmentInputsAreThoseOfTheWholeSession() {
        // every column of a segment row, its first included, shows the real previous trial: the
        // same features as the trial's column in the whole-session encoding
        int width = InputEncoding.TRIAL_TYPE_ONE_HOT.width();
        RnnInputs whole = RnnInputs.encode(data, InputEncoding.TRIAL_TYPE_ONE_HOT);
        RnnInputs seg = RnnInputs.encode(data, InputEncoding.TRIAL_TYPE_ONE_HOT, 25);
        double[] fw = whole.features();
        double[] fs = seg.features();
        int tw = whole.paddedLength();
        int ts = seg.paddedLength();
        int nonZeroFirstColumns = 0;
        for (int b = 0; b < seg.numRows(); b++) {
            for (int c = 0; c < seg.length(b); c++) {
                int t = seg.rowStart(b) + c;
                double sum = 0;
                for (int i = 0; i < width; i++) {
                    double v = fs[(b * width + i) * ts + c];
                    assertEquals(fw[(seg.rowSession(b) * width + i) * tw + t], v, 0.0);
                    sum += v;
                }
                assertEquals(t == 0 ? 0.0 : 1.0, sum, 0.0, "row " + b + " column " + c);
                if (c == 0 && t > 0) {
                    nonZeroFirstColumns++;
                }
            }
        }
        assertTrue(nonZeroFirstColumns > 5, "segments after the first must start with the previous trial");
    }

    @Test
    void fit_segmentAtLeastTheLongestSessionIsBitIdentical() {
        for (int states : new int[] {1, 2}) {
            FittedHmmTinyRnn whole = hmm(states, 0, 8);
            for (int segment : new int[] {120, 1000}) {
                FittedHmmTinyRnn same = hmm(states, segment, 8);
                assertArrayEquals(whole.networkParameters(), same.networkParameters(), 0.0);
                assertArrayEquals(whole.initialDistribution(), same.initialDistribution(), 0.0);
                assertEquals(whole.history().entries(), same.history().entries());
            }
            assertFalse(Arrays.equals(whole.networkParameters(), hmm(states, 119, 8).networkParameters()),
                    "a segment shorter than the longest session must change the fit");
        }
        FittedTinyRnn a = TinyRnnModel.builder().hiddenSize(2).maxEpochs(8).seed(4).build().fit(data, data);
        FittedTinyRnn b = TinyRnnModel.builder().hiddenSize(2).maxEpochs(8).seed(4).trainingSegmentLength(120).build()
                .fit(data, data);
        assertArrayEquals(a.networkParameters(), b.networkParameters(), 0.0);
        assertEquals(a.history().entries(), b.history().entries());
    }

    private static FittedHmmTinyRnn hmm(int states, int segment, int epochs) {
        return HmmTinyRnnModel.builder().states(states).hiddenSize(2).maxEpochs(epochs).seed(3)
                .chainEvidence(states > 1 ? ChainEvidence.CHOICES_AND_OUTCOMES : ChainEvidence.CHOICES)
                .trainingSegmentLength(segment).build().fit(data, data);
    }

    @Test
    void fit_trainingLossRestartsGruAndChainAtEverySegment() {
        // one epoch: the recorded loss is that of the starting parameters, which the fit returns
        int segment = 30;
        FittedHmmTinyRnn fit = HmmTinyRnnModel.builder().states(2).hiddenSize(3).maxEpochs(1).seed(2)
                .inputEncoding(InputEncoding.TRIAL_TYPE_ONE_HOT).trainingSegmentLength(segment).build().fit(data, null);
        RnnInputs in = RnnInputs.encode(data, InputEncoding.TRIAL_TYPE_ONE_HOT, segment);
        RnnNetwork net = new RnnNetwork(8, 3, 2, 1e-3, 0, 0);
        net.setParameters(fit.networkParameters());
        double[] logits = net.logits(RnnNetwork.features(in));
        double nll = 0;
        for (int b = 0; b < in.numRows(); b++) {
            double[][][] lp = HeadOutputs.logProbabilities(logits, 2, in.paddedLength(), b, in.length(b));
            HmmPosterior post = ForwardBackward.filter(fit.initialDistribution(), fit.transitionMatrix(),
                    HeadOutputs.emissions(lp, in, b, 1.0, null));
            double[] p1 = HeadOutputs.predictiveChoice1(lp, post.predicted());
            for (int c = 0; c < in.length(b); c++) {
                if (in.scored(b, c)) {
                    nll -= Math.log(in.choice(b, c) == 1 ? p1[c] : 1 - p1[c]);
                }
            }
        }
        assertEquals(nll / in.numScored(), fit.history().entries().get(0).trainChoiceNll(), 1e-12);
        // and it is not the whole-session loss of the same parameters
        double[] wholeLl = fit.logMarginalLikelihoods(data);
        double wholeNll = 0;
        for (double ll : wholeLl) {
            wholeNll -= ll;
        }
        assertNotEquals(wholeNll / data.numScored(), fit.history().entries().get(0).trainChoiceNll(), 1e-6);
    }

    @Test
    void segmentedFit_predictionsUnchangedByPerturbingTrialTAndLater() {
        FittedHmmTinyRnn fit = hmm(2, 25, 10);
        int session = 3;
        for (int from : new int[] {1, 25, 26, 70}) {
            TwoStepDataset perturbed = Perturbations.flipFrom(data, session, from);
            double[] base = fit.predictChoiceProbabilities(data).get(session);
            double[] after = fit.predictChoiceProbabilities(perturbed).get(session);
            for (int t = 0; t <= from; t++) {
                assertEquals(base[t], after[t], 0.0, "trial " + t + " after flipping from " + from);
            }
            // the training rows of a segmented encoding are causal too
            RnnInputs a = RnnInputs.encode(data, InputEncoding.CHOICE_REWARD_TRANSITION, 25);
            RnnInputs b = RnnInputs.encode(perturbed, InputEncoding.CHOICE_REWARD_TRANSITION, 25);
            int steps = a.paddedLength();
            for (int row = 0; row < a.numRows(); row++) {
                for (int col = 0; col < a.length(row); col++) {
                    if (a.rowSession(row) == session && a.rowStart(row) + col <= from) {
                        for (int i = 0; i < 3; i++) {
                            assertEquals(a.features()[(row * 3 + i) * steps + col],
                                    b.features()[(row * 3 + i) * steps + col], 0.0);
                        }
                    }
                }
            }
        }
    }

    @Test
    void trainingSegmentLength_rejectsNegativeValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TinyRnnModel.builder().trainingSegmentLength(-1));
        assertTrue(e.getMessage().contains("trainingSegmentLength") && e.getMessage().contains("-1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> HmmTinyRnnModel.builder().trainingSegmentLength(-5));
        assertThrows(IllegalArgumentException.class, () -> RnnInputs.encode(data, InputEncoding.TRIAL_TYPE_ONE_HOT, -1));
        // inputs cut differently from the model's setting are refused, naming both
        TinyRnnModel model = TinyRnnModel.builder().maxEpochs(1).trainingSegmentLength(50).build();
        RnnInputs whole = RnnInputs.encode(data, InputEncoding.CHOICE_REWARD_TRANSITION);
        e = assertThrows(IllegalArgumentException.class, () -> model.fit(whole, null));
        assertTrue(e.getMessage().contains("50"), e.getMessage());
        RnnInputs cut = RnnInputs.encode(data, InputEncoding.CHOICE_REWARD_TRANSITION, 50);
        assertThrows(IllegalArgumentException.class, () -> model.fit(cut, whole));
    }

    @Test
    void saveLoad_keepsTheSegmentLengthAndReadsVersion3Files(@TempDir Path dir) throws IOException {
        FittedHmmTinyRnn fit = hmm(2, 40, 3);
        Path file = dir.resolve("seg.json");
        fit.save(file);
        FittedHmmTinyRnn loaded = FittedHmmTinyRnn.load(file);
        assertEquals(40, loaded.hyperParameters().trainingSegmentLength());
        assertEquals(fit.hyperParameters(), loaded.hyperParameters());

        // a version-3 file (written before the option existed) loads as whole-session training
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode json = (ObjectNode) mapper.readTree(Files.readAllBytes(file));
        json.put("formatVersion", 3);
        ((ObjectNode) json.get("hyperParameters")).remove("trainingSegmentLength");
        Path v3 = dir.resolve("v3.json");
        mapper.writeValue(v3.toFile(), json);
        FittedHmmTinyRnn old = FittedHmmTinyRnn.load(v3);
        assertEquals(0, old.hyperParameters().trainingSegmentLength());
        assertArrayEquals(fit.predictChoiceProbabilities(data).get(1), old.predictChoiceProbabilities(data).get(1), 0.0);

        json.put("formatVersion", 2);
        mapper.writeValue(v3.toFile(), json);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FittedHmmTinyRnn.load(v3));
        assertTrue(e.getMessage().contains("formatVersion 2"), e.getMessage());
    }
}
