package io.github.hmmrnn.emulation.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.github.hmmrnn.emulation.EmulationHmm;
import io.github.hmmrnn.emulation.HmmPreset;
import io.github.hmmrnn.emulation.SinkhornOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

class EmulatorTrainerTest {

    private static TrainingResult smallRun(long seed) {
        return smallRun(seed, 1.0, 1.0, null);
    }

    private static TrainingResult smallRun(long seed, double tau, double finalTau, EmulatorTrainer.EpochListener l) {
        EmulationHmm hmm = HmmPreset.TWO.hmm();
        SplittableRandom rng = new SplittableRandom(seed);
        int len = 20;
        int[][] train = hmm.sample(256, len, rng.split()).outputs();
        int[][] val = hmm.sample(64, len, rng.split()).outputs();
        int[][] floor = hmm.sample(64, len, rng.split()).outputs();
        RnnEmulator init = RnnEmulator.builder().hiddenSize(16).inputSize(4).seed(seed).build();
        TrainingOptions opts = new TrainingOptions(3, 64, 0.01, 0.001, 0.9, 0.9, tau, finalTau, 0.9, true,
                SinkhornOptions.REFERENCE, seed);
        return new EmulatorTrainer(opts).train(init, train, val, floor, l);
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
        TrainingOptions o = new TrainingOptions(1, 2, 3e-3, 1e-4, 0.9, 0.9, 1.0, 1.0, 0.9, true, SinkhornOptions.REFERENCE, 1);
        assertEquals(3e-3, o.learningRateAt(0, 101), 1e-15);
        assertEquals(1e-4, o.learningRateAt(100, 101), 1e-15);
        assertEquals(0.5 * (3e-3 + 1e-4), o.learningRateAt(50, 101), 1e-15);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new TrainingOptions(1, 2, 1e-3, 2e-3, 0.9, 0.9, 1.0, 1.0, 0.9, true, SinkhornOptions.REFERENCE, 1));
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

    @Test
    void temperatureAt_cosine_endpointsMidpointAndValidation() {
        TrainingOptions o = new TrainingOptions(1, 2, 3e-3, 1e-4, 0.9, 0.9, 1.2, 0.8, 0.9, true,
                SinkhornOptions.REFERENCE, 1);
        assertEquals(1.2, o.temperatureAt(0, 11), 1e-15);
        assertEquals(0.8, o.temperatureAt(10, 11), 1e-15);
        assertEquals(1.0, o.temperatureAt(5, 11), 1e-15);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new TrainingOptions(1, 2, 1e-3, 1e-3, 0.9, 0.9, 1.0, 0.0, 0.9, true, SinkhornOptions.REFERENCE, 1));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new TrainingOptions(1, 2, 1e-3, 1e-3, 0.9, 0.9, -1, 1.0, 0.9, true, SinkhornOptions.REFERENCE, 1));
    }

    @Test
    void train_temperature_shapesGradientOnly() {
        // Same seed and data: only the straight-through temperature differs, so the first training
        // forward pass samples the same outputs but the weights move differently.
        TrainingResult constant = smallRun(5);
        TrainingResult cooler = smallRun(5, 1.0, 0.5, null);
        TrainingResult alsoConstant = smallRun(5, 1.0, 1.0, null);
        assertArrayEquals(constant.last().weights().concatenated(), alsoConstant.last().weights().concatenated());
        org.junit.jupiter.api.Assertions.assertFalse(Arrays.equals(constant.last().weights().concatenated(),
                cooler.last().weights().concatenated()));
        // The first epoch uses tau close to 1 in both runs, so the weights are close but not equal after it.
        assertEquals(constant.validationLoss().get(0), cooler.validationLoss().get(0), 0.5 * constant.validationLoss().get(0));
    }

    @Test
    void train_listener_seesEachEpochsNetwork() {
        List<RnnEmulator> seen = new ArrayList<>();
        TrainingResult r = smallRun(7, 1.0, 1.0, new EmulatorTrainer.EpochListener() {
            @Override
            public void onEpoch(int epoch, double trainLoss, double validationLoss, double floor) {
            }

            @Override
            public void onNetwork(int epoch, RnnEmulator current) {
                assertEquals(seen.size() + 1, epoch);
                seen.add(current);
            }
        });
        assertEquals(3, seen.size());
        assertArrayEquals(r.last().weights().concatenated(), seen.get(2).weights().concatenated());
        assertArrayEquals(r.best().weights().concatenated(), seen.get(r.bestEpoch() - 1).weights().concatenated());
    }
}
