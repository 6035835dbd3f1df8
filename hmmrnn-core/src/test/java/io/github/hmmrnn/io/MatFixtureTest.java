package io.github.hmmrnn.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.hmmrnn.data.Session;
import io.github.hmmrnn.data.Subject;
import io.github.hmmrnn.data.TwoStepDataset;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The tiny MATLAB v7.3 fixture ({@code tiny_v73.mat}, written by {@code scripts/make-tiny-mat.py}
 * with made-up values) read by {@link MatTwoStepReader}: violations dropped, a dropped first
 * trial passing the session start on, forced trials unscored, per-rat p_congruent and raw counts.
 */
class MatFixtureTest {

    /** The fixture's bytes, for this test and the fuzz test. */
    static byte[] fixture() throws IOException {
        try (InputStream in = MatFixtureTest.class.getResourceAsStream("tiny_v73.mat")) {
            return in.readAllBytes();
        }
    }

    /** What the fixture holds, worked out by hand from the script's vectors. */
    static TwoStepDataset expected() {
        boolean t = true;
        boolean f = false;
        // R01: trial 4 is a violation ('v'), trial 12 has a NaN s2 time, trial 7 (forced) starts session 1
        Session r01a = Session.of("R01", 0, new int[]{0, 1, 1, 1, 0}, new int[]{0, 1, 0, 1, 0},
                new int[]{1, 0, 1, 1, 0}, new boolean[]{t, t, f, t, t}, new boolean[]{t, t, t, t, t}, null);
        Session r01b = Session.of("R01", 1, new int[]{0, 1, 0, 1, 0}, new int[]{1, 1, 0, 0, 0},
                new int[]{0, 1, 1, 0, 1}, new boolean[]{f, t, t, f, t}, new boolean[]{f, t, t, t, t}, null);
        // R02: trial 1 is a violation, so trial 2 starts session 0; trial 6 starts session 1; trial 9 forced
        Session r02a = Session.of("R02", 0, new int[]{0, 1, 0, 1}, new int[]{1, 1, 1, 0},
                new int[]{1, 0, 0, 1}, new boolean[]{t, f, t, t}, new boolean[]{t, t, t, t}, null);
        Session r02b = Session.of("R02", 1, new int[]{1, 0, 0, 1, 0, 1, 0}, new int[]{0, 0, 1, 0, 1, 1, 0},
                new int[]{1, 0, 1, 0, 1, 1, 0}, new boolean[]{t, f, t, t, t, f, f},
                new boolean[]{t, t, t, f, t, t, t}, null);
        return TwoStepDataset.of(List.of(new Subject("R01", 0.8, 12), new Subject("R02", 0.2, 12)),
                List.of(r01a, r01b, r02a, r02b));
    }

    @TempDir
    Path dir;

    @Test
    void read_givesTheHandWorkedDataset() throws IOException {
        Path f = dir.resolve("tiny.mat");
        Files.write(f, fixture());
        assertEquals(expected(), MatTwoStepReader.read(f));
        assertEquals(expected(), DatasetReaders.read(f));
    }
}
