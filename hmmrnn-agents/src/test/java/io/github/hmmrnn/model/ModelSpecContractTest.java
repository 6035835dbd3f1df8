package io.github.hmmrnn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.hmmrnn.agents.Agent;
import io.github.hmmrnn.agents.AgentMemory;
import io.github.hmmrnn.agents.AgentPreset;
import io.github.hmmrnn.agents.Agents;
import io.github.hmmrnn.data.DatasetSplit;
import io.github.hmmrnn.data.Session;
import io.github.hmmrnn.data.SessionFolds;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.moa.FittedHmmMoa;
import io.github.hmmrnn.moa.HmmMoaModel;
import io.github.hmmrnn.moa.neural.FittedHmmTinyMoa;
import io.github.hmmrnn.moa.neural.FittedTinyMoaRnn;
import io.github.hmmrnn.moa.neural.HmmTinyMoaModel;
import io.github.hmmrnn.moa.neural.TinyMoaRnnModel;
import io.github.hmmrnn.rnn.FittedHmmTinyRnn;
import io.github.hmmrnn.rnn.FittedTinyRnn;
import io.github.hmmrnn.rnn.HmmTinyRnnModel;
import io.github.hmmrnn.rnn.TinyRnnModel;
import io.github.hmmrnn.synthetic.TwoStepGenerator;

/**
 * Every model family through the one {@link ModelSpec} contract, on a small synthetic dataset with
 * tiny settings: the specification's JSON round trip, determinism from a seed, save/load with
 * bit-identical predictions, causality of the predictions, and the inner validation split that
 * {@link ModelSpec#fit(TwoStepDataset)} uses.
 */
class ModelSpecContractTest {

    /** Four sessions of 300 trials: eight 150-trial segments, one held out by the inner split. */
    private static final TwoStepDataset DATA = TwoStepGenerator.builder().sequences(4).trials(300).seed(7).build()
            .generate();

    /** Loads a saved model of one family. */
    @FunctionalInterface
    private interface Loader {
        FittedChoiceModel load(Path file) throws IOException;
    }

    private record Case(ModelSpec<?> spec, Loader loader) {
        @Override
        public String toString() {
            return spec.name();
        }
    }

    static Stream<Arguments> specs() {
        List<Case> cases = List.of(
                new Case(TinyRnnModel.builder().hiddenSize(2).maxEpochs(4).patience(4).seed(3).build(),
                        FittedTinyRnn::load),
                new Case(HmmTinyRnnModel.builder().states(2).hiddenSize(2).maxEpochs(4).patience(4).seed(3).build(),
                        FittedHmmTinyRnn::load),
                new Case(HmmTinyRnnModel.builder().states(2).hiddenSize(2).maxEpochs(3).patience(3).seed(3)
                        .chainEvidence(ChainEvidence.CHOICES_AND_OUTCOMES).trainingSegmentLength(150).build(),
                        FittedHmmTinyRnn::load),
                new Case(HmmMoaModel.builder().states(2).agents(AgentPreset.MILLER2017).maxIterations(4).seed(3)
                        .build(), FittedHmmMoa::load),
                new Case(HmmMoaModel.builder().states(2).agents(AgentPreset.HMMRNN_ORIGINAL).maxIterations(3).seed(3)
                        .chainEvidence(ChainEvidence.CHOICES_AND_OUTCOMES).biasHmmStart(true).build(),
                        FittedHmmMoa::load),
                new Case(TinyMoaRnnModel.builder().hiddenSize(2).maxEpochs(3).patience(3).seed(3).build(),
                        FittedTinyMoaRnn::load),
                new Case(HmmTinyMoaModel.builder().states(2).hiddenSize(2).maxEpochs(3).patience(3).seed(3)
                        .chainEvidence(ChainEvidence.CHOICES_AND_OUTCOMES).build(), FittedHmmTinyMoa::load),
                new Case(BiasHmmModel.builder().states(2).build(), FittedBiasHmm::load),
                new Case(BiasHmmModel.builder().states(3).chainEvidence(ChainEvidence.CHOICES_AND_OUTCOMES).build(),
                        FittedBiasHmm::load));
        return cases.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void json_roundTripGivesAnEqualSpecThatFitsIdentically(Case c) {
        ModelSpec<?> spec = c.spec();
        String json = spec.toJson();
        ModelSpec<?> back = ModelSpecs.fromJson(json);
        assertEquals(spec, back);
        assertEquals(spec.hashCode(), back.hashCode());
        assertEquals(json, back.toJson());
        assertEquals(spec.name(), back.name());
        assertEquals(spec.getClass(), back.getClass());
        assertPredictionsIdentical(spec.fit(DATA).predictChoiceProbabilities(DATA),
                back.fit(DATA).predictChoiceProbabilities(DATA));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void sameSeed_fitsBitIdentically_andSaveLoadPredictsBitIdentically(Case c, @TempDir Path dir) throws IOException {
        FittedChoiceModel a = c.spec().fit(DATA);
        FittedChoiceModel b = c.spec().fit(DATA);
        List<double[]> pa = a.predictChoiceProbabilities(DATA);
        assertPredictionsIdentical(pa, b.predictChoiceProbabilities(DATA));
        assertTrue(a instanceof SavableModel, c + " is not savable");
        Path file = dir.resolve("model.json");
        ((SavableModel) a).save(file);
        FittedChoiceModel loaded = c.loader().load(file);
        assertPredictionsIdentical(pa, loaded.predictChoiceProbabilities(DATA));
        for (TrainingHistory.Entry e : a.history().entries()) {
            assertTrue(Double.isFinite(e.trainChoiceNll()), c + ": entry " + e);
            assertEquals(c.spec().earlyStops(), e.validationChoiceNll().isPresent(), c + ": entry " + e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void predictionsAreCausal(Case c) {
        FittedChoiceModel m = c.spec().fit(DATA);
        Session s = DATA.sessions().get(1);
        int t = s.length() / 2;
        while (!(s.scored(t) && s.scored(t + 1))) {
            t++;
        }
        TwoStepDataset original = TwoStepDataset.of(DATA.subjects(), List.of(s));
        TwoStepDataset changed = TwoStepDataset.of(DATA.subjects(), List.of(flipFrom(s, t)));
        double[] p = m.predictChoiceProbabilities(original).get(0);
        double[] q = m.predictChoiceProbabilities(changed).get(0);
        for (int i = 0; i <= t; i++) {
            assertEquals(Double.doubleToRawLongBits(p[i]), Double.doubleToRawLongBits(q[i]),
                    c + ": p(c_" + i + ") changed when trials >= " + t + " changed");
        }
        assertNotEquals(p[t + 1], q[t + 1], c + ": p(c_" + (t + 1) + ") ignores trial " + t);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void fitWithoutValidation_usesTheInnerSegmentsIfItEarlyStops(Case c) {
        ModelSpec<?> spec = c.spec();
        if (!spec.earlyStops()) {
            // no early stopping: a validation set is rejected rather than silently ignored
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> spec.fit(DATA, DATA));
            assertTrue(e.getMessage().contains("fit(train)"), e.getMessage());
            return;
        }
        DatasetSplit inner = SessionFolds.innerValidation(DATA);
        assertPredictionsIdentical(spec.fit(DATA).predictChoiceProbabilities(DATA),
                spec.fit(inner.train(), inner.test()).predictChoiceProbabilities(DATA));
    }

    @Test
    void innerValidationSplit_isDisjointFromTraining_andCoversEveryTrial() {
        // label every trial with a unique id (in the phase field) to follow it through the split
        List<Session> labelled = new ArrayList<>();
        int id = 0;
        for (Session s : DATA.sessions()) {
            int[] ids = new int[s.length()];
            for (int t = 0; t < ids.length; t++) {
                ids[t] = id++;
            }
            labelled.add(Session.of(s.subject(), s.index(), s.choices(), s.outcomes(), s.rewards(),
                    s.commonTransitions(), s.scoredTrials(), ids));
        }
        DatasetSplit split = SessionFolds.innerValidation(TwoStepDataset.of(DATA.subjects(), labelled));
        Set<Integer> train = ids(split.train());
        Set<Integer> validation = ids(split.test());
        assertFalse(validation.isEmpty());
        for (Integer v : validation) {
            assertFalse(train.contains(v), "trial " + v + " is in both parts");
        }
        assertEquals(id, train.size() + validation.size());
        for (Session v : split.test().sessions()) {
            assertTrue(v.length() <= SessionFolds.INNER_VALIDATION_SEGMENT_LENGTH);
        }
    }

    @Test
    void agentThatCannotBeNamed_failsToWriteWithAClearMessage() {
        Agent bias = Agents.bias();
        Agent renamed = new Agent() {
            @Override
            public String name() {
                return "MyOwnAgent";
            }

            @Override
            public AgentMemory start(double[] parameterValues, double pCongruent) {
                return bias.start(parameterValues, pCongruent);
            }
        };
        HmmMoaModel spec = HmmMoaModel.builder().agents(List.of(Agents.bias(), renamed)).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, spec::toJson);
        assertTrue(e.getMessage().contains("MyOwnAgent"), e.getMessage());
    }

    @Test
    void toBuilder_rebuildsAnEqualSpec_andUnknownFamilyIsNamed() {
        HmmTinyRnnModel rnn = HmmTinyRnnModel.builder().states(3).hiddenSize(4).starts(2).learningRate(0.02).build();
        assertEquals(rnn, rnn.toBuilder().build());
        assertNotEquals(rnn, rnn.toBuilder().starts(3).build());
        HmmTinyMoaModel moa = HmmTinyMoaModel.builder().states(3).learningRate(0.01).build();
        assertEquals(moa, moa.toBuilder().build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelSpecs.fromJson("{\"family\":\"nope\"}"));
        assertTrue(e.getMessage().contains("nope") && e.getMessage().contains("hmm-moa"), e.getMessage());
    }

    private static Set<Integer> ids(TwoStepDataset d) {
        Set<Integer> out = new HashSet<>();
        for (Session s : d.sessions()) {
            for (int p : s.phases()) {
                assertTrue(out.add(p), "trial " + p + " appears twice");
            }
        }
        return out;
    }

    /** The session with trials t.. changed: choice, second-step state and reward flipped. */
    private static Session flipFrom(Session s, int t) {
        int[] c = s.choices();
        int[] o = s.outcomes();
        int[] r = s.rewards();
        for (int i = t; i < s.length(); i++) {
            c[i] = 1 - c[i];
            o[i] = 1 - o[i];
            r[i] = 1 - r[i];
        }
        return Session.of(s.subject(), s.index(), c, o, r, s.commonTransitions(), s.scoredTrials(),
                s.hasPhases() ? s.phases() : null);
    }

    private static void assertPredictionsIdentical(List<double[]> a, List<double[]> b) {
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i), b.get(i), 0.0, "session " + i);
            for (int t = 0; t < a.get(i).length; t++) {
                assertEquals(Double.doubleToRawLongBits(a.get(i)[t]), Double.doubleToRawLongBits(b.get(i)[t]));
            }
        }
    }

    static {
        // fail early, with the reason, if the test data cannot be split
        try {
            SessionFolds.innerValidation(DATA);
        } catch (IllegalArgumentException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
