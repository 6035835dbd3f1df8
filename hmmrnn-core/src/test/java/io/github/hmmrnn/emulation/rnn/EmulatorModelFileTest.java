package io.github.hmmrnn.emulation.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmulatorModelFileTest {

    @Test
    void saveLoad_roundTrip_bitIdenticalWeightsAndSequences(@TempDir Path dir) {
        RnnEmulator net = RnnEmulator.builder().hiddenSize(7).inputSize(3).numOutputs(3).temperature(0.8)
                .recurrentInitialization(RecurrentInitialization.UNIFORM, 1.0).seed(42).build();
        Path f = dir.resolve("sub/model.json");
        EmulatorModelFile.save(net, 17, f);
        RnnEmulator back = EmulatorModelFile.load(f);
        assertArrayEquals(net.weights().concatenated(), back.weights().concatenated(), 0);
        assertEquals(0.8, back.weights().temperature());
        int[][] a = net.generate(20, 15, GenerationMode.FULL, new SplittableRandom(9)).outputs();
        int[][] b = back.generate(20, 15, GenerationMode.FULL, new SplittableRandom(9)).outputs();
        assertArrayEquals(a, b);
    }

    @Test
    void load_wrongFormatOrVersion_rejected(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("m.json");
        Files.writeString(f, "{\"format\": \"something-else\", \"formatVersion\": 1}");
        assertThrows(IllegalArgumentException.class, () -> EmulatorModelFile.load(f));
        Files.writeString(f, "{\"format\": \"hmmrnn-emulator\", \"formatVersion\": 2}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EmulatorModelFile.load(f));
        assertTrue(e.getMessage().contains("at most version 1"), e.getMessage());
        Files.writeString(f, "{\"format\": \"hmmrnn-emulator\", \"formatVersion\": 1, \"hiddenSize\": 2, \"inputSize\": 1,"
                + " \"numOutputs\": 2, \"temperature\": 1.0, \"inputWeights\": [[1], [2]],"
                + " \"recurrentWeights\": [[1, 0], [0]], \"readoutWeights\": [[1, 0], [0, 1]]}");
        e = assertThrows(IllegalArgumentException.class, () -> EmulatorModelFile.load(f));
        assertTrue(e.getMessage().contains("recurrentWeights"), e.getMessage());
    }
}
