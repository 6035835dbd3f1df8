package io.github.hmmrnn.io;

import io.github.hmmrnn.data.Session;
import io.github.hmmrnn.data.Subject;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.synthetic.TwoStepGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Write-then-read round trips of the generic CSV, NPZ and JSON formats. */
class RoundTripTest {

    @TempDir
    Path dir;

    /**
     * Two subjects, interleaved sessions, forced trials, phases on some sessions; ratA has the
     * mirrored port mapping (pCongruent &lt; 0.5), ratB the congruent one.
     */
    static TwoStepDataset mixed() {
        Session a0 = Session.of("ratA", 0, new int[]{0, 1, 1}, new int[]{0, 0, 1}, new int[]{1, 0, 1},
                new boolean[]{false, true, false}, new boolean[]{true, false, true}, null);
        Session b3 = Session.of("ratB", 3, new int[]{1, 0}, new int[]{1, 0}, new int[]{0, 0},
                new boolean[]{true, true}, new boolean[]{true, true}, new int[]{2, 0});
        Session a1 = Session.of("ratA", 1, new int[]{1}, new int[]{0}, new int[]{1},
                new boolean[]{true}, new boolean[]{false}, null);
        return TwoStepDataset.of(List.of(new Subject("ratA", 0.2302543507362784, 9),
                new Subject("ratB", 2.0 / 3.0, 2)), List.of(a0, b3, a1));
    }

    static TwoStepDataset synthetic() {
        return TwoStepGenerator.builder().sequences(3).trials(40).seed(7).build().generate();
    }

    @Test
    void csvWriteRead_mixedDatasetEqual() {
        TwoStepDataset d = mixed();
        Path f = dir.resolve("mixed.csv");
        CsvTwoStepWriter.write(d, f);
        assertEquals(d, CsvTwoStepReader.read(f));
        assertEquals(d, DatasetReaders.read(f));
    }

    @Test
    void csvWriteRead_syntheticWithPhasesEqual() {
        TwoStepDataset d = synthetic();
        Path f = dir.resolve("syn.csv");
        DatasetReaders.write(d, f);
        TwoStepDataset back = DatasetReaders.read(f);
        assertEquals(d, back);
        assertTrue(back.hasPhases());
    }

    @Test
    void csvRead_genericWithoutOutcomeDerivesItFromPCongruentAndScoresAll() throws IOException {
        Path f = dir.resolve("min.csv");
        Files.writeString(f, "subject,session,choice,reward,common,p_congruent\n"
                + "s,0,0,1,1,0.75\ns,0,1,0,0,0.75\ns,0,1,1,1,0.75\ns,0,0,0,1,0.75\n"
                + "m,0,0,1,1,0.25\nm,0,1,0,0,0.25\n");
        TwoStepDataset d = CsvTwoStepReader.read(f);
        Session s = d.sessions().get(0);
        // congruent: common => outcome = choice, rare => the other port
        assertArrayEquals(new int[]{0, 0, 1, 0}, s.outcomes());
        assertEquals(4, s.scoredCount());
        assertFalse(s.hasPhases());
        assertEquals(0.75, d.subject("s").pCongruent(), 0);
        assertEquals(4, d.subject("s").rawTrials());
        // mirrored: common => outcome = 1 - choice
        assertArrayEquals(new int[]{1, 1}, d.sessions().get(1).outcomes());
    }

    @Test
    void csvRead_genericWithOutcomeEstimatesPCongruent() throws IOException {
        Path f = dir.resolve("est.csv");
        Files.writeString(f, "subject,session,choice,reward,common,outcome\n"
                + "s,0,0,1,1,0\ns,0,1,0,0,0\ns,0,1,1,1,1\ns,0,0,0,1,0\n");
        TwoStepDataset d = CsvTwoStepReader.read(f);
        // p_congruent estimated as the fraction of outcome == choice: 3 of 4.
        assertEquals(0.75, d.subject("s").pCongruent(), 0);
    }

    @Test
    void npzWriteRead_syntheticSessionsEqual() {
        TwoStepDataset d = synthetic();
        Path f = dir.resolve("syn.npz");
        NpzTwoStepWriter.write(d, f);
        TwoStepDataset back = NpzTwoStepReader.read(f, "synthetic");
        assertEquals(d.sessions(), back.sessions());
        assertEquals(d.numTrials(), back.subject("synthetic").rawTrials());
        assertEquals("syn", DatasetReaders.read(f).subjectNames().get(0));
    }

    @Test
    void npzRead_numpyFixtureMixedDtypes() throws IOException {
        // Written by numpy 2.4.6: savez_compressed(actions=int64, rewards=int32, transitions=bool,
        // phases=uint8), shape (2, 5).
        TwoStepDataset d = NpzTwoStepReader.read(resource("numpy_two_sequences.npz"), "py");
        assertEquals(2, d.numSessions());
        Session s0 = d.sessions().get(0);
        Session s1 = d.sessions().get(1);
        assertArrayEquals(new int[]{0, 1, 1, 0, 1}, s0.choices());
        assertArrayEquals(new int[]{1, 0, 1, 1, 0}, s0.rewards());
        assertArrayEquals(new boolean[]{true, true, false, true, true}, s0.commonTransitions());
        assertArrayEquals(new int[]{0, 1, 0, 0, 1}, s0.outcomes());
        assertArrayEquals(new int[]{0, 0, 1, 1, 1}, s0.phases());
        assertArrayEquals(new int[]{1, 1, 0, 0, 0}, s1.choices());
        assertArrayEquals(new int[]{2, 2, 2, 0, 0}, s1.phases());
        assertEquals(7.0 / 10.0, d.subject("py").pCongruent(), 1e-15);
    }

    @Test
    void npzRead_numpyFixtureRank1IsOneSequence() throws IOException {
        // numpy.savez(actions=int8 [1,0,1], rewards=int64 [0,1,1], transitions=int64 [1,0,1])
        TwoStepDataset d = NpzTwoStepReader.read(resource("numpy_rank1.npz"));
        assertEquals(List.of("numpy_rank1"), d.subjectNames());
        assertEquals(1, d.numSessions());
        assertArrayEquals(new int[]{1, 0, 1}, d.sessions().get(0).choices());
        assertArrayEquals(new int[]{1, 1, 1}, d.sessions().get(0).outcomes());
    }

    @Test
    void jsonWriteRead_mixedAndSyntheticEqual() {
        for (TwoStepDataset d : List.of(mixed(), synthetic())) {
            Path f = dir.resolve("d.json");
            DatasetJson.write(d, f);
            assertEquals(d, DatasetJson.read(f));
            assertEquals(d, DatasetReaders.read(f));
            assertEquals(d, DatasetJson.fromJson(DatasetJson.toJson(d), "string"));
        }
    }

    private Path resource(String name) throws IOException {
        Path target = dir.resolve(name);
        try (var in = RoundTripTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + name + " missing");
            }
            Files.copy(in, target);
        }
        return target;
    }
}
