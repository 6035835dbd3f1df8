package io.github.hmmrnn.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.hmmrnn.io.CsvTwoStepWriter;
import io.github.hmmrnn.synthetic.TwoStepGenerator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Issue 13, problem 5: one error path. User errors exit 2 with one line naming the file or value;
 * runtime failures exit 1 with one line and a log file; {@code --debug} adds the stack trace;
 * exception class names never reach normal output; unknown commands and options get suggestions.
 */
class CliErrorPathTest {

    @TempDir
    Path tmp;

    private static CliSafeOutputsTest.Result run(String... args) {
        return CliSafeOutputsTest.run(args);
    }

    private static void assertOneUserLine(CliSafeOutputsTest.Result r, String... parts) {
        assertEquals(2, r.rc(), r.err());
        assertFalse(r.err().contains("Exception"), "class name in: " + r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line expected: " + r.err());
        for (String p : parts) {
            assertTrue(r.err().contains(p), "'" + p + "' missing from: " + r.err());
        }
    }

    private Path moaModel() throws IOException {
        Path csv = tmp.resolve("d.csv");
        CsvTwoStepWriter.write(TwoStepGenerator.builder().sequences(2).trials(60).seed(2).build().generate(), csv);
        Path out = tmp.resolve("fits");
        assertEquals(0, run("fit", "--data", csv.toString(), "--subject", "synthetic", "--model", "moa", "--states",
                "1", "--starts", "1", "--max-iter", "3", "--quiet", "--out", out.toString()).rc());
        return out.resolve("synthetic/HmmMoa-K1/fit.json");
    }

    @Test
    void brokenModelFilesGetDistinctOneLineMessages() throws IOException {
        Path good = moaModel();
        Path sim = tmp.resolve("s.csv");
        ObjectNode root = (ObjectNode) new ObjectMapper().readTree(good.toFile());
        root.remove("agents");
        Path noAgents = Files.writeString(tmp.resolve("noagents.json"), root.toString());
        assertOneUserLine(run("simulate", "--model", noAgents.toString(), "--out", sim.toString()),
                noAgents.toString(), "malformed HMM-MoA model");
        assertOneUserLine(run("simulate", "--model", tmp.resolve("nope.json").toString(), "--out", sim.toString()),
                "does not exist");
        String text = Files.readString(good);
        Path truncated = Files.writeString(tmp.resolve("truncated.json"), text.substring(0, text.length() / 2));
        assertOneUserLine(run("simulate", "--model", truncated.toString(), "--out", sim.toString()),
                truncated.toString(), "not valid JSON", "line");
        Path empty = Files.writeString(tmp.resolve("empty.json"), "");
        assertOneUserLine(run("simulate", "--model", empty.toString(), "--out", sim.toString()), "is empty");
        Path rnn = Files.writeString(tmp.resolve("rnn.json"), "{\"formatVersion\": 5, \"modelType\": \"tinyrnn\"}");
        assertOneUserLine(run("simulate", "--model", rnn.toString(), "--out", sim.toString()),
                "a saved 'tinyrnn' model, not an HMM-MoA model");
        assertFalse(Files.exists(sim));
    }

    @Test
    void unknownSubcommandAndOptionGetSuggestions() {
        CliSafeOutputsTest.Result r = run("fitt");
        assertEquals(2, r.rc());
        assertFalse(r.err().contains("hmmrnn hmmrnn"), r.err());
        assertTrue(r.err().contains("Did you mean") && r.err().contains("fit"), r.err());
        r = run("compare", "--fold", "3");
        assertEquals(2, r.rc());
        assertTrue(r.err().contains("--folds"), r.err());
    }

    @Test
    void enumValuesAreCaseInsensitiveEverywhere() {
        CommandLine cl = HmmrnnCli.commandLine();
        assertDoesNotThrow(() -> cl.parseArgs("fit", "--data", "x.csv", "--subject", "a", "--model", "moa",
                "--split", "random", "--encoding", "trial_type_one_hot", "--chain-evidence", "choices"));
        assertDoesNotThrow(() -> HmmrnnCli.commandLine().parseArgs("compare", "--inner-validation", "sessions"));
        assertDoesNotThrow(() -> HmmrnnCli.commandLine().parseArgs("bench", "MOA"));
        String help = HmmrnnCli.commandLine().getSubcommands().get("fit").getUsageMessage();
        assertTrue(help.contains("STRIDE") && help.contains("RANDOM"), "canonical names in help: " + help);
    }

    /** A command that fails the way a bug would. */
    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Override
        public Integer call() {
            Object o = null;
            return o.hashCode();
        }
    }

    private static CliSafeOutputsTest.Result runBoom(String... args) {
        CommandLine cl = new CommandLine(new HmmrnnCli()).addSubcommand(new Boom());
        cl.setExecutionExceptionHandler(new CliErrors());
        cl.setParameterExceptionHandler(new CliErrors());
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        cl.setOut(new PrintWriter(new StringWriter()));
        return new CliSafeOutputsTest.Result(cl.execute(args), "", err.toString());
    }

    @Test
    void runtimeFailureExitsOneWithALogFileAndDebugShowsTheTrace() throws IOException {
        CliSafeOutputsTest.Result r = runBoom("boom");
        assertEquals(1, r.rc());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertTrue(r.err().contains("hmmrnn boom: internal error"), r.err());
        Matcher m = Pattern.compile("details in (\\S+\\.log)").matcher(r.err());
        assertTrue(m.find(), r.err());
        Path log = Path.of(m.group(1));
        assertTrue(Files.readString(log).contains("NullPointerException"));
        Files.delete(log);
        CliSafeOutputsTest.Result d = runBoom("boom", "--debug");
        assertEquals(1, d.rc());
        assertTrue(d.err().contains("\tat "), "--debug prints the stack trace: " + d.err());
        Matcher m2 = Pattern.compile("details in (\\S+\\.log)").matcher(d.err());
        if (m2.find()) {
            Files.deleteIfExists(Path.of(m2.group(1)));
        }
    }
}
