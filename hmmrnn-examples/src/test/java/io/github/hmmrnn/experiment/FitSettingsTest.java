package io.github.hmmrnn.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;

import io.github.hmmrnn.agents.AgentPreset;
import io.github.hmmrnn.model.ChainEvidence;
import io.github.hmmrnn.moa.HmmMoaModel;
import io.github.hmmrnn.moa.neural.HmmTinyMoaModel;
import io.github.hmmrnn.moa.neural.TinyMoaRnnModel;
import io.github.hmmrnn.rnn.HmmTinyRnnModel;
import io.github.hmmrnn.rnn.InputEncoding;
import io.github.hmmrnn.rnn.TinyRnnModel;
import io.github.hmmrnn.experiment.FitSettings;
import io.github.hmmrnn.experiment.ModelKind;

/** Every command-line setting reaches the specification, or is rejected where the model lacks it. */
class FitSettingsTest {

    private static FitSettings settings(OptionalDouble lr, Optional<InputEncoding> encoding, int segment) {
        return new FitSettings("miller2017", 3, 40, lr, 50, 7, encoding, 11, 2, ChainEvidence.CHOICES_AND_OUTCOMES,
                segment, 5);
    }

    @Test
    void everySettingReachesTheSpec() {
        FitSettings s = settings(OptionalDouble.of(0.02), Optional.of(InputEncoding.CHOICE_REWARD_TRANSITION), 150);
        assertEquals(HmmMoaModel.builder().states(2).agents(AgentPreset.MILLER2017).starts(3)
                .recommendedStartFamilies().localSearchRounds(5).maxIterations(40).seed(11).threads(2)
                .chainEvidence(ChainEvidence.CHOICES_AND_OUTCOMES).build(), s.spec(ModelKind.MOA, 2, 0));
        assertEquals(TinyRnnModel.builder().hiddenSize(3).inputEncoding(InputEncoding.CHOICE_REWARD_TRANSITION)
                .learningRate(0.02).maxEpochs(50).patience(7).seed(11).threads(2).trainingSegmentLength(150).build(),
                s.spec(ModelKind.TINYRNN, 1, 3));
        assertEquals(HmmTinyRnnModel.builder().states(2).hiddenSize(3).inputEncoding(InputEncoding.CHOICE_REWARD_TRANSITION)
                .learningRate(0.02).maxEpochs(50).patience(7).seed(11).threads(2).trainingSegmentLength(150)
                .chainEvidence(ChainEvidence.CHOICES_AND_OUTCOMES).build(), s.spec(ModelKind.HMM_TINYRNN, 2, 3));
        assertEquals("HmmTinyRnn-K2-H3-outcomes", s.spec(ModelKind.HMM_TINYRNN, 2, 3).name());
        // one state: no chain, so the evidence (and the label suffix) falls away
        assertEquals("HmmMoa-K1", s.spec(ModelKind.MOA, 1, 0).name());
    }

    @Test
    void tinyMoa_takesAGivenLearningRate_keepsItsOwnDefaultOtherwise() {
        FitSettings given = settings(OptionalDouble.of(0.02), Optional.empty(), 0);
        assertEquals(TinyMoaRnnModel.builder().hiddenSize(3).agents(AgentPreset.MILLER2017).learningRate(0.02)
                .maxEpochs(50).patience(7).seed(11).build(), given.spec(ModelKind.TINYMOA, 1, 3));
        FitSettings unset = settings(OptionalDouble.empty(), Optional.empty(), 0);
        assertEquals(TinyMoaRnnModel.builder().hiddenSize(3).agents(AgentPreset.MILLER2017).maxEpochs(50).patience(7)
                .seed(11).build(), unset.spec(ModelKind.TINYMOA, 1, 3));
        assertEquals(HmmTinyMoaModel.builder().states(2).hiddenSize(3).agents(AgentPreset.MILLER2017).maxEpochs(50)
                .patience(7).seed(11).chainEvidence(ChainEvidence.CHOICES_AND_OUTCOMES).build(),
                unset.spec(ModelKind.HMM_TINYMOA, 2, 3));
        // and the GRU models keep the command line's 0.01
        assertEquals(TinyRnnModel.builder().hiddenSize(3).inputEncoding(InputEncoding.TRIAL_TYPE_ONE_HOT)
                .learningRate(FitSettings.DEFAULT_RNN_LEARNING_RATE).maxEpochs(50).patience(7).seed(11).threads(2)
                .build(), unset.spec(ModelKind.TINYRNN, 1, 3));
    }

    @Test
    void negativeLocalSearchRounds_rejectedNamingTheSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FitSettings("miller2017",
                3, 40, OptionalDouble.empty(), 50, 7, Optional.empty(), 11, 2, ChainEvidence.CHOICES, 0, -1));
        assertTrue(e.getMessage().contains("local-search rounds") && e.getMessage().contains("-1"), e.getMessage());
    }

    @Test
    void tinyMoa_rejectsSettingsItDoesNotHave() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> settings(OptionalDouble.empty(),
                Optional.of(InputEncoding.TRIAL_TYPE_ONE_HOT), 0).spec(ModelKind.TINYMOA, 1, 3));
        assertTrue(e.getMessage().contains("encoding"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> settings(OptionalDouble.empty(), Optional.empty(), 150)
                .spec(ModelKind.HMM_TINYMOA, 2, 3));
        assertTrue(e.getMessage().contains("segment"), e.getMessage());
    }
}
