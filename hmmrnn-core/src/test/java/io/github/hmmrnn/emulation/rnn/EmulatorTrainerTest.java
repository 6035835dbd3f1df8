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
        TrainingOptions opts = new TrainingOptions(3, 64, 0.01, 0.9, 0.9, 0.9, true, SinkhornOptions.REFERENCE, seed);
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
}
