package io.github.hmmrnn.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.hmmrnn.data.Session;
import io.github.hmmrnn.data.Subject;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.synthetic.TwoStepGenerator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The generic CSV schema's data checks (issue 19): outcomes must follow one port mapping per
 * subject, the mapping is never assumed, and ignored columns are reported.
 */
class CsvSchemaChecksTest {

    private static final String HEADER = "subject,session,choice,reward,common,outcome";

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    private static void assertMessage(IllegalArgumentException e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "message lacks '" + p + "': " + e.getMessage());
        }
    }

    @Test
    void outcome_contradictsCongruentMappingOfFirstRow() throws IOException {
        // line 2 is congruent (common, outcome = choice); line 4 has common 1, choice 1, outcome 0
        Path f = write("incons.csv", HEADER + "\nA,0,0,1,1,0\nA,0,1,0,0,0\nA,0,1,0,1,0\n");
        var e = assertThrows(IllegalArgumentException.class, () -> CsvTwoStepReader.read(f));
        assertMessage(e, "incons.csv", "line 4", "column 'outcome'", "subject A", "outcome 0 with choice 1 and common 1",
                "congruent", "line 2", "expected outcome 1");
    }

    @Test
    void outcome_contradictsMirroredMappingOfFirstRow() throws IOException {
        // A is congruent; B's first row is mirrored (common, outcome = 1 - choice), its second congruent
        Path f = write("mirror.csv", HEADER + "\nA,0,1,1,1,1\nB,0,1,1,1,0\nB,0,0,1,1,0\n");
        var e = assertThrows(IllegalArgumentException.class, () -> CsvTwoStepReader.read(f));
        assertMessage(e, "mirror.csv", "line 4", "subject B", "outcome 0 with choice 0 and common 1", "mirrored",
                "line 3", "expected outcome 1");
    }

    @Test
    void mirroredSubjectWithConsistentOutcomesReads() throws IOException {
        Path f = write("ok.csv", HEADER + "\nB,0,1,1,1,0\nB,0,0,1,0,0\nB,0,0,1,1,1\nB,0,1,0,1,0\n");
        TwoStepDataset d = CsvTwoStepReader.read(f);
        assertEquals(0.25, d.subject("B").pCongruent(), 0);
    }

    @Test
    void pCongruent_disagreesWithMapping() throws IOException {
        Path f = write("pc.csv", HEADER + ",p_congruent\nA,0,1,1,1,1,0.2\n");
        var e = assertThrows(IllegalArgumentException.class, () -> CsvTwoStepReader.read(f));
        assertMessage(e, "pc.csv", "line 2", "column 'p_congruent'", "subject A", "p_congruent 0.2", "mirrored",
                "outcome 1 with choice 1 and common 1", "expected outcome 0", ">= 0.5");
        Path g = write("pc2.csv", HEADER + ",p_congruent\nB,0,1,1,1,0,0.8\n");
        e = assertThrows(IllegalArgumentException.class, () -> CsvTwoStepReader.read(g));
        assertMessage(e, "pc2.csv", "line 2", "subject B", "p_congruent 0.8", "congruent", "< 0.5");
    }

    @Test
    void pCongruent_laterRowContradictsGivenMapping() throws IOException {
        Path f = write("pc3.csv", HEADER + ",p_congruent\nB,0,1,1,1,0,0.2\nB,0,1,1,0,0,0.2\n");
        var e = assertThrows(IllegalArgumentException.class, () -> CsvTwoStepReader.read(f));
        assertMessage(e, "pc3.csv", "line 3", "subject B", "outcome 0 with choice 1 and common 0",
                "p_congruent 0.2", "expected outcome 1");
    }

    @Test
    void noOutcomeAndNoPCongruent_rejectedNamingTheSubject() throws IOException {
        Path f = write("nomap.csv", "subject,session,choice,reward,common,trial\nratX,0,1,1,1,1\n");
        var e = assertThrows(IllegalArgumentException.class, () -> CsvTwoStepReader.read(f));
        assertMessage(e, "nomap.csv", "subject ratX", "'outcome'", "'p_congruent'", "port mapping");
    }

    @Test
    void noOutcome_pCongruentDecidesTheMappingPerSubject() throws IOException {
        Path f = write("derive.csv", "subject,session,choice,reward,common,p_congruent\n"
                + "C,0,1,1,1,0.8\nC,0,1,1,0,0.8\nM,0,1,1,1,0.2\nM,0,1,1,0,0.2\n");
        TwoStepDataset d = CsvTwoStepReader.read(f);
        assertArrayEquals(new int[]{1, 0}, d.sessions().get(0).outcomes());
        assertArrayEquals(new int[]{0, 1}, d.sessions().get(1).outcomes());
    }

    @Test
    void estimatedPCongruent_contradictingTheMapping_rejected() throws IOException {
        // congruent outcomes, but only 1 of 3 trials common: the estimate 1/3 would say mirrored
        Path f = write("est.csv", HEADER + "\nA,0,1,1,1,1\nA,0,1,1,0,0\nA,0,0,1,0,1\n");
        var e = assertThrows(IllegalArgumentException.class, () -> CsvTwoStepReader.read(f));
        assertMessage(e, "est.csv", "subject A", "congruent", "33%", "add a 'p_congruent' column", ">= 0.5");
    }

    @Test
    void ignoredColumns_listedInHeaderOrder() {
        CsvTwoStepReader.Header h = new CsvTwoStepReader.Header(Path.of("x.csv"),
                List.of("trial", "subject", "session", "choice", "reward", "common", "outcome", "note"), 1);
        assertEquals(List.of("trial", "note"), CsvTwoStepReader.ignoredColumns(h, CsvSchema.GENERIC));
        CsvTwoStepReader.Header export = new CsvTwoStepReader.Header(Path.of("x.csv"),
                List.of("rat", "trial", "left_prob", "outcome_port", "extra"), 1);
        assertEquals(List.of("extra"), CsvTwoStepReader.ignoredColumns(export, CsvSchema.MIXTURE_AGENTS_EXPORT));
    }

    @Test
    void ignoredColumns_warnedOncePerFile() throws IOException {
        Path f = write("extra.csv", "trial," + HEADER + ",note\n1,A,0,1,1,1,1,x\n2,A,0,0,1,1,0,y\n");
        PrintStream saved = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
            CsvTwoStepReader.read(f);
        } finally {
            System.setErr(saved);
        }
        String logged = log.toString(StandardCharsets.UTF_8);
        assertTrue(logged.contains("WARN") && logged.contains("extra.csv") && logged.contains("[trial, note]"), logged);
        assertEquals(1, logged.split("ignoring column", -1).length - 1, logged);
    }

    @Test
    void writer_rejectsOutcomesContradictingPCongruent() {
        Session s = Session.of("A", 0, new int[]{1}, new int[]{1}, new int[]{0}, new boolean[]{true},
                new boolean[]{true}, null);
        TwoStepDataset d = TwoStepDataset.of(List.of(new Subject("A", 0.3, 1)), List.of(s));
        var e = assertThrows(IllegalArgumentException.class, () -> CsvTwoStepWriter.write(d, dir.resolve("w.csv")));
        assertMessage(e, "subject A", "session 0", "trial 0", "outcome 1 with choice 1 and common 1", "mirrored",
                "expected outcome 0");
        assertTrue(Files.notExists(dir.resolve("w.csv")));
    }

    @Test
    void generatedDataWritesAndReadsBack() {
        TwoStepDataset d = TwoStepGenerator.builder().sequences(2).trials(30).pCommon(0.5).seed(3).build().generate();
        Path f = dir.resolve("gen.csv");
        CsvTwoStepWriter.write(d, f);
        assertEquals(d, CsvTwoStepReader.read(f));
        assertThrows(IllegalArgumentException.class, () -> TwoStepGenerator.builder().pCommon(0.3));
    }
}
