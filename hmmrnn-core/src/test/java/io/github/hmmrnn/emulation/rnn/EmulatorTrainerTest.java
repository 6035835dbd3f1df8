package io.github.hmmrnn.emulation.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.github.hmmrnn.emulation.EmulationHmm;
import io.github.hmmrnn.emulation.HmmPreset;
import io.github.hmmrnn.emulation.SinkhornOptions;

class EmulatorTrainerTest {

    private static TrainingResult smallRun(long seed) {
        EmulationHmm hmm = HmmPreset.TWO.hmm();
        SplittableRandom rng = new SplittableRandom(seed);
        int len = 20;
        int[][] train = hmm.sample(256, len, rng.split()).outputs();
        int[][] val = hmm.sample(64, len, rng.split()).outputs();
        int[][] floor = hmm.sample(64, len, rng.split()).outputs();
        RnnEmulator init = RnnEmulator.builder().hiddenSize(16).inputSize(4).seed(seed).build();
        TrainingOptions opts = new TrainingOptions(3, 64, 0.01, 0.001, 0.9, 0.9, 0.9, true, SinkhornOptions.REFERENCE, seed);
        return new EmulatorTrainer(opts).train(init, train, val, floor, null);
    }

    @Test
    void train_sameSeed_bitIdentical() {
        TrainingResult a = smallRun(5);
        TrainingResult b = smallRun(5);
        assertEquals(a.validationLoss(), b.validationLoss());
        assertArrayEquals(a.last().weights().concatenated(), b.last().weights().concatenated());
        assertTrue(a.floor() > 0);
        assertEquals(3, a.trainLoss().size());
        assertTrue(a.bestValidationLoss() <= a.validationLoss().get(a.validationLoss().size() - 1));
    }

    @Test
    void learningRateAt_cosine_endpointsAndMidpoint() {
        TrainingOptions o = new TrainingOptions(1, 2, 3e-3, 1e-4, 0.9, 0.9, 0.9, true, SinkhornOptions.REFERENCE, 1);
        assertEquals(3e-3, o.learningRateAt(0, 101), 1e-15);
        assertEquals(1e-4, o.learningRateAt(100, 101), 1e-15);
        assertEquals(0.5 * (3e-3 + 1e-4), o.learningRateAt(50, 101), 1e-15);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new TrainingOptions(1, 2, 1e-3, 2e-3, 0.9, 0.9, 0.9, true, SinkhornOptions.REFERENCE, 1));
    }

    @Test
    void random_scaledIdentity_diagonalRecurrence() {
        EmulatorWeights w = RnnEmulator.builder().hiddenSize(4).inputSize(2).seed(1)
                .recurrentInitialization(RecurrentInitialization.SCALED_IDENTITY, 0.95).build().weights();
        double[][] r = w.recurrentWeights();
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(i == j ? 0.95 : 0.0, r[i][j]);
            }
        }
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> RnnEmulator.builder()
                .recurrentInitialization(RecurrentInitialization.UNIFORM, 0));
    }
}
