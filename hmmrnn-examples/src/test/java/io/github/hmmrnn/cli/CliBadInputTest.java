package io.github.hmmrnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/**
 * Bad input on the command line exits non-zero with one line naming the value (and the valid
 * choices), never a stack trace.
 */
class CliBadInputTest {

    @TempDir
    Path tmp;

    private String run(String... args) {
        CommandLine cl = HmmrnnCli.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        cl.setOut(new PrintWriter(new StringWriter()));
        int rc = cl.execute(args);
        assertNotEquals(0, rc, "exit status");
        String text = err.toString();
        assertFalse(text.contains("\tat "), "stack trace printed: " + text);
        return text;
    }

    @Test
    void jshell_rejectsOptionsItWouldIgnore() {
        for (String o : new String[] {"--force", "--seed=3", "--out=x"}) {
            String err = run("jshell", o);
            assertTrue(err.contains(o.replaceFirst("=.*", "")) && err.contains("does not apply to jshell"), err);
        }
    }

    private Path dataset() throws IOException {
        Path csv = tmp.resolve("d.csv");
        Files.writeString(csv, "subject,session,choice,reward,common,outcome\nr1,0,1,1,1,1\nr1,0,0,0,1,0\nr1,1,1,0,0,0\n");
        return csv;
    }

    @Test
    void fit_unknownModelListsValidOnes() throws IOException {
        String err = run("fit", "--data", dataset().toString(), "--subject", "r1", "--model", "lstm");
        assertTrue(err.contains("'lstm'") && err.contains("moa, tinyrnn, hmm-tinyrnn, tinymoa, hmm-tinymoa"), err);
    }

    @Test
    void fit_chainEvidenceMustBeOneSupportedValue() throws IOException {
        String err = run("fit", "--data", dataset().toString(), "--subject", "r1", "--model", "hmm-tinyrnn",
                "--chain-evidence", "CHOICES,CHOICES_AND_OUTCOMES");
        assertTrue(err.contains("--chain-evidence takes one value"), err);
        err = run("synthetic", "--quick", "--chain-evidence", "OUTCOMES");
        assertTrue(err.contains("OUTCOMES") && err.contains("CHOICES_AND_OUTCOMES"), err);
    }

    @Test
    void fit_unknownSubjectListsKnownOnes() throws IOException {
        String err = run("fit", "--data", dataset().toString(), "--subject", "M999", "--model", "moa");
        assertTrue(err.contains("'M999'") && err.contains("[r1]"), err);
    }

    @Test
    void fit_unknownPresetListsValidOnes() throws IOException {
        String err = run("fit", "--data", dataset().toString(), "--subject", "r1", "--model", "moa", "--agents", "venditto");
        assertTrue(err.contains("'venditto'") && err.contains("venditto2023"), err);
    }

    @Test
    void fit_malformedRangeIsNamed() throws IOException {
        String err = run("fit", "--data", dataset().toString(), "--subject", "r1", "--model", "moa", "--states", "1-4");
        assertTrue(err.contains("'1-4'") && err.contains("1..4"), err);
    }

    @Test
    void fit_negativeLocalSearchRoundsIsNamed() throws IOException {
        String err = run("fit", "--data", dataset().toString(), "--subject", "r1", "--model", "moa",
                "--local-search-rounds", "-1", "--out", tmp.resolve("lsr").toString());
        assertTrue(err.contains("local-search rounds") && err.contains("-1"), err);
        assertFalse(Files.exists(tmp.resolve("lsr")), "nothing written before the check");
    }

    @Test
    void data_unreadableFileIsNamed() {
        String err = run("data", tmp.resolve("missing.mat").toString());
        assertTrue(err.contains("missing.mat"), err);
        assertEquals(1, err.strip().lines().count(), err);
    }

    @Test
    void synthetic_unknownModelListsValidOnes() {
        String err = run("synthetic", "--models", "tinyrnn,transformer", "--out", tmp.toString());
        assertTrue(err.contains("'transformer'") && err.contains("hmm-tinyrnn"), err);
    }

    @Test
    void generate_badProbabilityIsNamed() {
        String err = run("generate", "--p-common", "1.5", "--out", tmp.resolve("x.csv").toString());
        assertTrue(err.contains("pCommon") && err.contains("1.5"), err);
    }

    @Test
    void bench_unknownSuiteListsValidOnes() {
        String err = run("bench", "gpu");
        assertTrue(err.contains("'gpu'") && err.contains("hmm"), err);
    }
}
