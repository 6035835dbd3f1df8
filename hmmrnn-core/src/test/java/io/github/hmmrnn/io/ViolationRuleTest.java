package io.github.hmmrnn.io;

import io.github.hmmrnn.data.Session;
import io.github.hmmrnn.data.TwoStepDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** MixtureAgentsModels' violation rule on small hand-made export-schema CSVs. */
class ViolationRuleTest {

    private static final String HEADER = "rat,session,trial,choice,outcome_port,reward,common,violation,forced,"
            + "p_congruent,left_prob,right_prob,c1_time,s1_time,c2_time,s2_time";

    @TempDir
    Path dir;

    private static String row(String rat, int session, int trial, String choice, String port, int reward,
                              int common, int violation, int forced, String times) {
        return rat + "," + session + "," + trial + "," + choice + "," + port + "," + reward + "," + common + ","
                + violation + "," + forced + ",0.8,0.8,0.2," + times;
    }

    private TwoStepDataset read(String... rows) throws IOException {
        Path f = dir.resolve("export.csv");
        Files.writeString(f, HEADER + "\n" + String.join("\n", rows) + "\n");
        return CsvTwoStepReader.read(f);
    }

    @Test
    void read_eachViolationConditionDropsTheTrial() throws IOException {
        String ok = "1,2,3,4";
        TwoStepDataset d = read(
                row("A", 1, 1, "l", "l", 1, 1, 0, 0, ok),        // kept
                row("A", 1, 2, "r", "l", 1, 0, 1, 0, ok),        // viols = 1
                row("A", 1, 3, "r", "v", 0, 1, 0, 0, ok),        // port 'v'
                row("A", 1, 4, "r", "r", 0, 1, 0, 0, "NaN,2,3,4"),
                row("A", 1, 5, "r", "r", 0, 1, 0, 0, "1,NaN,3,4"),
                row("A", 1, 6, "r", "r", 0, 1, 0, 0, "1,2,NaN,4"),
                row("A", 1, 7, "r", "r", 0, 1, 0, 0, "1,2,3,NaN"),
                row("A", 1, 8, "r", "l", 0, 0, 0, 1, ok));       // forced: kept, not scored
        assertEquals(1, d.numSessions());
        Session s = d.sessions().get(0);
        assertArrayEquals(new int[]{0, 1}, s.choices());
        assertArrayEquals(new int[]{0, 0}, s.outcomes());
        assertArrayEquals(new boolean[]{true, false}, s.commonTransitions());
        assertArrayEquals(new boolean[]{true, false}, s.scoredTrials());
        assertEquals(8, d.subject("A").rawTrials());
    }

    @Test
    void read_droppedSessionFirstTrialPassesStartToNextKeptTrial() throws IOException {
        String ok = "1,2,3,4";
        TwoStepDataset d = read(
                row("A", 1, 1, "l", "l", 1, 1, 0, 0, ok),
                row("A", 1, 2, "l", "l", 0, 1, 0, 0, ok),
                row("A", 2, 1, "r", "v", 0, 1, 0, 0, ok),        // dropped first trial of session 2
                row("A", 2, 2, "r", "r", 1, 1, 0, 0, ok),
                row("A", 3, 1, "l", "l", 1, 1, 1, 0, ok),        // session 3 entirely violations
                row("A", 4, 1, "l", "r", 0, 0, 0, 0, ok));
        assertEquals(3, d.numSessions());
        assertEquals(List.of(2, 1, 1), d.sessions().stream().map(Session::length).toList());
        assertEquals(List.of(0, 1, 2), d.sessions().stream().map(Session::index).toList());
        assertEquals(1, d.sessions().get(1).choice(0));
        assertEquals(0, d.sessions().get(2).choice(0));
        assertEquals(6, d.subject("A").rawTrials());
    }

    @Test
    void read_violationRowMayHoldUncodedValues() throws IOException {
        // A violation row's outcome 'v' and a NaN reward must not fail: only kept rows are decoded.
        TwoStepDataset d = read(
                row("A", 1, 1, "l", "v", 0, 1, 1, 0, "1,2,3,4").replace(",l,v,0,", ",l,v,NaN,"),
                row("A", 1, 2, "r", "r", 1, 1, 0, 0, "1,2,3,4"));
        assertEquals(1, d.numTrials());
    }
}
