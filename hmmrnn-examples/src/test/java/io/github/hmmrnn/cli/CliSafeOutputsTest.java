package io.github.hmmrnn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.hmmrnn.data.Session;
import io.github.hmmrnn.data.Subject;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.io.AtomicFiles;
import io.github.hmmrnn.io.CsvTwoStepWriter;
import io.github.hmmrnn.io.DatasetReaders;
import io.github.hmmrnn.io.SharedData;
import io.github.hmmrnn.sweep.SweepPlan;
import io.github.hmmrnn.sweep.TaskRunner;
import io.github.hmmrnn.synthetic.TwoStepGenerator;
import picocli.CommandLine;

/**
 * The problems of issue 13 ("no lost work, no silent surprises"), each reproduced through the
 * command-line entry point on tiny settings: checks before work (1), no silent overwrite or torn
 * file (2), re-runs that neither mix nor drop results (3), flags honoured (4).
 */
class CliSafeOutputsTest {

    @TempDir
    Path tmp;

    /** Exit status, standard output and standard error of one in-process run. */
    record Result(int rc, String out, String err) {
    }

    static Result run(String... args) {
        CommandLine cl = HmmrnnCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int rc = cl.execute(args);
        assertFalse(err.toString().contains("\tat "), "stack trace printed: " + err);
        return new Result(rc, out.toString(), err.toString());
    }

    /** Subject "many" has 4 sessions of 60 trials, subject "few" one session. */
    private Path twoSubjects() {
        TwoStepDataset g = TwoStepGenerator.builder().sequences(5).trials(60).seed(11).build().generate();
        List<Session> sessions = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sessions.add(g.sessions().get(i).relabel("many", i));
        }
        sessions.add(g.sessions().get(4).relabel("few", 0));
        Path csv = tmp.resolve("two.csv");
        CsvTwoStepWriter.write(TwoStepDataset.of(List.of(new Subject("many", 0.7, 240), new Subject("few", 0.7, 60)),
                sessions), csv);
        return csv;
    }

    private Path oneSubject() {
        Path csv = tmp.resolve("one.csv");
        CsvTwoStepWriter.write(TwoStepGenerator.builder().sequences(4).trials(200).seed(3).build().generate(), csv);
        return csv;
    }

    private static List<Path> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(dir::relativize).sorted().toList();
        }
    }

    // ---- 1. checks that could run first run first -------------------------------------------

    @Test
    void fitCv_subjectWithTooFewSessionsFailsFirstNamingItAndWritesNothing() {
        Path out = tmp.resolve("cv");
        long start = System.nanoTime();
        Result r = run("fit", "--data", twoSubjects().toString(), "--subject", "all", "--model", "moa",
                "--states", "1", "--cv", "2", "--out", out.toString());
        assertEquals(2, r.rc());
        assertTrue(r.err().contains("few") && r.err().contains("2 folds"), r.err());
        assertFalse(Files.exists(out), "wrote " + out);
        assertTrue(System.nanoTime() - start < 10e9);
    }

    @Test
    void fitCv_ratDataFailsInSecondsNamingM093() {
        Path mat;
        try {
            mat = SharedData.ofcMat();
        } catch (IllegalStateException e) {
            Assumptions.abort("no shared rat data: " + e.getMessage());
            return;
        }
        Path out = tmp.resolve("rats");
        long start = System.nanoTime();
        Result r = run("fit", "--data", mat.toString(), "--subject", "all", "--model", "moa", "--states", "1",
                "--cv", "2", "--quiet", "--out", out.toString());
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(2, r.rc());
        assertTrue(r.err().contains("M093"), r.err());
        assertFalse(Files.exists(out));
        assertTrue(seconds < 10, "took " + seconds + " s");
    }

    @Test
    void unwritableOrWrongKindOfOutputIsFoundBeforeFitting() throws IOException {
        Path data = oneSubject();
        Result proc = run("fit", "--data", data.toString(), "--subject", "all", "--model", "moa", "--states", "1",
                "--out", "/proc/x");
        assertEquals(2, proc.rc());
        assertTrue(proc.err().contains("--out /proc/x: cannot create files in /proc"), proc.err());
        Path file = Files.writeString(tmp.resolve("afile"), "x");
        Result onFile = run("fit", "--data", data.toString(), "--subject", "all", "--model", "moa", "--states", "1",
                "--out", file.toString());
        assertEquals(2, onFile.rc());
        assertTrue(onFile.err().contains("is an existing file; expected a folder"), onFile.err());
        Result under = run("generate", "--sequences", "2", "--trials", "10", "--out", file.resolve("x.csv").toString());
        assertEquals(2, under.rc());
        assertTrue(under.err().contains("is a file"), under.err());
        Result mat = run("generate", "--sequences", "2", "--trials", "10", "--out", tmp.resolve("x.mat").toString());
        assertEquals(2, mat.rc());
        assertTrue(mat.err().contains(".mat is read-only"), mat.err());
        assertFalse(Files.exists(tmp.resolve("x.mat")));
        Result huge = run("generate", "--sequences", "1000000", "--trials", "1000", "--out",
                tmp.resolve("huge.csv").toString());
        assertEquals(2, huge.rc());
        assertTrue(huge.err().contains("GB of memory"), huge.err());
    }

    // ---- 2. no silent overwrite, no torn file -----------------------------------------------

    @Test
    void generate_refusesToReplaceAFileUnlessForced() throws IOException {
        Path file = tmp.resolve("mydata.csv");
        assertEquals(0, run("generate", "--sequences", "2", "--trials", "20", "--quiet", "--out", file.toString()).rc());
        byte[] first = Files.readAllBytes(file);
        Result again = run("generate", "--sequences", "3", "--trials", "20", "--seed", "2", "--out", file.toString());
        assertEquals(2, again.rc());
        assertTrue(again.err().contains("already exists") && again.err().contains("--force"), again.err());
        assertArrayEquals(first, Files.readAllBytes(file));
        assertEquals(0, run("generate", "--sequences", "3", "--trials", "20", "--seed", "2", "--quiet", "--force",
                "--out", file.toString()).rc());
        TwoStepDataset d = DatasetReaders.read(file);
        assertEquals(3, d.numSessions());
        assertEquals(60, d.numTrials());
        assertEquals(List.of(Path.of("mydata.csv")), listing(tmp), "no temporary file left");
        Path npz = tmp.resolve("d.npz");
        assertEquals(0, run("generate", "--sequences", "2", "--trials", "20", "--quiet", "--out", npz.toString()).rc());
        assertEquals(40, DatasetReaders.read(npz).numTrials(), "the extension picks the format");
    }

    /** Ctrl-C (here SIGKILL) in the middle of {@code generate --force} over a data file. */
    @Test
    void generate_killedWhileWritingLeavesTheOriginalIntact() throws Exception {
        Path file = tmp.resolve("mydata.csv");
        assertEquals(0, run("generate", "--sequences", "2", "--trials", "30", "--quiet", "--out", file.toString()).rc());
        byte[] before = Files.readAllBytes(file);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                HmmrnnCli.class.getName(), "generate", "--sequences", "3000", "--trials", "400", "--force", "--quiet",
                "--out", file.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        boolean sawTemporary = false;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!sawTemporary && p.isAlive() && System.nanoTime() < deadline) {
                try (Stream<Path> s = Files.list(tmp)) {
                    sawTemporary = s.anyMatch(f -> f.getFileName().toString().startsWith(AtomicFiles.TEMP_PREFIX));
                }
                Thread.sleep(5);
            }
        } finally {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        byte[] after = Files.readAllBytes(file);
        if (sawTemporary && !Arrays.equals(before, after)) {
            // the child finished its move just before the kill: then the new file must be whole
            assertEquals(3000 * 400, DatasetReaders.read(file).numTrials());
        } else {
            assertArrayEquals(before, after);
        }
        assertTrue(sawTemporary, "the child never started writing");
    }

    // ---- 3. re-runs neither mix nor drop results --------------------------------------------

    @Test
    void fitCv_intoAFolderWithResultsIsRefusedAndRunJsonRecordsTheRun() throws IOException {
        Path data = oneSubject();
        Path out = tmp.resolve("cv");
        String[] args = {"fit", "--data", data.toString(), "--subject", "synthetic", "--model", "moa", "--states",
            "1..2", "--cv", "2", "--starts", "1", "--max-iter", "5", "--quiet", "--out", out.toString()};
        Result first = run(args);
        assertEquals(0, first.rc(), first.err());
        List<String> rows = Files.readAllLines(out.resolve("cv.csv"));
        Result second = run(args);
        assertEquals(2, second.rc());
        assertTrue(second.err().contains("already holds results"), second.err());
        assertEquals(rows, Files.readAllLines(out.resolve("cv.csv")), "earlier rows must not vanish");
        JsonNode record = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertEquals("complete", record.get("status").asText());
        assertTrue(record.get("command").asText().startsWith("hmmrnn fit --data"));
        assertEquals(64, record.get("data").get("sha256").asText().length());
        assertEquals("1..2", record.get("settings").get("--states").asText());
        String md = Files.readString(out.resolve("cv.md"));
        assertTrue(md.contains("`hmmrnn fit --data") && md.contains("SHA-256"), "cv.md names command and data: " + md);
        assertTrue(record.get("finished").asText().compareTo(record.get("started").asText()) >= 0);
    }

    @Test
    void synthetic_forceClearsOnlyWhatItOwns() throws IOException {
        Path out = tmp.resolve("syn");
        Files.createDirectories(out.resolve("models"));
        Files.createDirectories(out.resolve("plots"));
        Files.writeString(out.resolve("models/TinyRnn-H6.json"), "{}");
        Files.writeString(out.resolve("plots/example_TinyRnn-H6.png"), "old");
        Files.writeString(out.resolve("report.md"), "old report");
        Files.writeString(out.resolve("my-notes.txt"), "keep me");
        String[] args = {"synthetic", "--quick", "--models", "moa", "--states", "1", "--sequences", "4", "--trials",
            "60", "--max-iter", "5", "--quiet", "--out", out.toString()};
        Result refused = run(args);
        assertEquals(2, refused.rc());
        assertTrue(refused.err().contains("--force"), refused.err());
        assertEquals("old report", Files.readString(out.resolve("report.md")));
        String[] forced = Arrays.copyOf(args, args.length + 1);
        forced[args.length] = "--force";
        Result r = run(forced);
        assertEquals(0, r.rc(), r.err());
        assertFalse(Files.exists(out.resolve("models/TinyRnn-H6.json")), "stale model left beside the new report");
        assertFalse(Files.exists(out.resolve("plots/example_TinyRnn-H6.png")), "stale plot left");
        assertEquals("keep me", Files.readString(out.resolve("my-notes.txt")));
        assertTrue(Files.exists(out.resolve("models/HmmMoa-K1.json")));
        assertFalse(Files.readString(out.resolve("report.md")).contains("old report"));
        assertEquals("complete", new ObjectMapper().readTree(out.resolve("run.json").toFile()).get("status").asText());
    }

    // ---- 4. flags honoured or rejected ------------------------------------------------------

    @Test
    void simulate_fromAModelHonoursTrialsAndSequences() throws IOException {
        Path data = oneSubject();
        Path fits = tmp.resolve("fits");
        assertEquals(0, run("fit", "--data", data.toString(), "--subject", "synthetic", "--model", "moa", "--states",
                "1", "--starts", "1", "--max-iter", "5", "--quiet", "--out", fits.toString()).rc());
        Path model = fits.resolve("synthetic/HmmMoa-K1/fit.json");
        assertTrue(Files.exists(model));
        Path sim = tmp.resolve("sim.csv");
        Result r = run("simulate", "--model", model.toString(), "--trials", "10", "--sequences", "1", "--quiet",
                "--out", sim.toString());
        assertEquals(0, r.rc(), r.err());
        TwoStepDataset d = DatasetReaders.read(sim);
        assertEquals(1, d.numSessions());
        assertEquals(10, d.numTrials());
        Result clash = run("simulate", "--model", model.toString(), "--beta", "2", "--out",
                tmp.resolve("sim2.csv").toString());
        assertEquals(2, clash.rc());
        assertTrue(clash.err().contains("--beta applies only"), clash.err());
    }

    @Test
    void compare_quickKeepsExplicitFoldsAndAgents() throws IOException {
        Path data = oneSubject();
        Path out = tmp.resolve("cmp");
        Result r = run("compare", "--quick", "--data", data.toString(), "--subject", "synthetic", "--folds", "2",
                "--moa-states", "2", "--rnn-hidden", "1", "--epochs", "2", "--patience", "1", "--starts", "1",
                "--max-iter", "5", "--agents", "hmmrnnOriginal", "--quiet", "--out", out.toString());
        assertEquals(0, r.rc(), r.err());
        List<String> csv = pooledRows(out.resolve("cv.csv"));
        assertTrue(csv.stream().anyMatch(l -> l.startsWith("synthetic,HmmMoa-K2,all,2,")), csv.toString());
        assertTrue(csv.stream().noneMatch(l -> l.contains("HmmMoa-K1")), csv.toString());
        JsonNode record = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertEquals("hmmrnnOriginal", record.get("settings").get("--agents").asText());
        Result resumed = run("compare", "--quick", "--data", data.toString(), "--subject", "synthetic", "--folds", "2",
                "--moa-states", "1..2", "--rnn-hidden", "1", "--epochs", "2", "--patience", "1", "--starts", "1",
                "--max-iter", "5", "--agents", "hmmrnnOriginal", "--quiet", "--resume", "--out", out.toString());
        assertEquals(0, resumed.rc(), resumed.err());
        List<String> after = pooledRows(out.resolve("cv.csv"));
        assertEquals(csv.size() + 1, after.size(), "one new model (K=1), the earlier rows kept: " + after);
        assertTrue(after.containsAll(csv), after.toString());
    }

    @Test
    void repeatedSubjectIsRejected() {
        Result r = run("fit", "--data", oneSubject().toString(), "--subject", "synthetic", "--subject", "synthetic",
                "--model", "moa", "--out", tmp.resolve("o").toString());
        assertEquals(2, r.rc());
        assertTrue(r.err().contains("--subject synthetic is given twice"), r.err());
        assertFalse(Files.exists(tmp.resolve("o")));
    }

    // ---- 6. convergence visible -------------------------------------------------------------

    @Test
    void fit_rangeOfStatesWritesASummaryAndWarnsWhenNotConverged() throws IOException {
        Path data = oneSubject();
        Path out = tmp.resolve("range");
        PrintStream saved = System.err;
        PrintStream savedOut = System.out;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Result r;
        try {
            System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            r = run("fit", "--data", data.toString(), "--subject", "synthetic", "--model", "moa", "--states", "1..2",
                    "--starts", "1", "--max-iter", "2", "--out", out.toString());
        } finally {
            System.setErr(saved);
            System.setOut(savedOut);
        }
        assertEquals(0, r.rc(), r.err());
        String logged = log.toString(StandardCharsets.UTF_8);
        assertTrue(logged.contains("WARN") && logged.contains("HmmMoa-K2 on synthetic did not converge"), logged);
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("NOT converged"), printed.toString());
        List<String> csv = Files.readAllLines(out.resolve("summary.csv"));
        assertEquals("subject,model,scored_trials,choice_log_likelihood,normalized_likelihood,parameters,bic,"
                + "converged,seconds", csv.get(0));
        assertEquals(3, csv.size(), csv.toString());
        String[] k2 = csv.get(2).split(",");
        assertEquals("HmmMoa-K2", k2[1]);
        assertEquals("false", k2[7]);
        double ll = Double.parseDouble(k2[3]);
        double norm = Double.parseDouble(k2[4]);
        int n = Integer.parseInt(k2[2]);
        assertEquals(Math.exp(ll / n), norm, 1e-3, "normalised likelihood = exp(LL / n)");
        assertTrue(Integer.parseInt(k2[5]) > Integer.parseInt(csv.get(1).split(",")[5]), "K=2 has more parameters");
        String md = Files.readString(out.resolve("summary.md"));
        assertTrue(md.contains("`hmmrnn fit --data") && md.contains("SHA-256") && md.contains("**no**"), md);
    }

    @Test
    void fit_moreStatesThanTheDataCanIdentifyIsRejected() {
        Result r = run("fit", "--data", oneSubject().toString(), "--subject", "synthetic", "--model", "moa",
                "--states", "99", "--out", tmp.resolve("o99").toString());
        assertEquals(2, r.rc());
        assertTrue(r.err().contains("--states 99") && r.err().contains("scored trials"), r.err());
        assertFalse(Files.exists(tmp.resolve("o99")));
    }

    // ---- 7. data path -----------------------------------------------------------------------

    @Test
    void compare_missingDefaultDataNamesDataOptionAndEnvironment() {
        String before = System.getProperty(SharedData.PROPERTY);
        try {
            System.setProperty(SharedData.PROPERTY, tmp.toString());
            Result r = run("compare", "--quick", "--out", tmp.resolve("c").toString());
            assertEquals(2, r.rc());
            assertTrue(r.err().contains("--data") && r.err().contains(SharedData.ENV), r.err());
            assertFalse(Files.exists(tmp.resolve("c")));
        } finally {
            if (before == null) {
                System.clearProperty(SharedData.PROPERTY);
            } else {
                System.setProperty(SharedData.PROPERTY, before);
            }
        }
        String help = HmmrnnCli.commandLine().getSubcommands().get("compare").getUsageMessage();
        assertTrue(help.contains("HMMRNN_DATA"), help);
    }

    // ---- 3. resume ---------------------------------------------------------------------------

    @Test
    void fitCv_resumeKeepsEarlierRowsAndSkipsFinishedFits() throws IOException {
        Path data = oneSubject();
        Path out = tmp.resolve("cvr");
        String[] common = {"fit", "--data", data.toString(), "--subject", "synthetic", "--model", "moa", "--cv", "2",
            "--starts", "1", "--max-iter", "5", "--quiet", "--out", out.toString()};
        assertEquals(0, run(concat(common, "--states", "1")).rc());
        // the first run's plan: K=1 folds 0 and 1 are tasks 0 and 1; a resumed run appends K=2, K=3
        Path k1 = TaskRunner.resultFile(out, 0);
        String k1Before = Files.readString(k1);
        List<String> firstRows = pooledRows(out.resolve("cv.csv"));
        Result r = run(concat(common, "--states", "2..3", "--resume"));
        assertEquals(0, r.rc(), r.err());
        List<String> rows = pooledRows(out.resolve("cv.csv"));
        assertEquals(4, rows.size(), "header, the earlier K=1 row and the new K=2, K=3 rows: " + rows);
        assertEquals(firstRows.get(1), rows.get(1), "the earlier row is kept as it was");
        assertTrue(rows.get(2).startsWith("synthetic,HmmMoa-K2,all,2,") && rows.get(3).startsWith("synthetic,HmmMoa-K3,all,2,"),
                rows.toString());
        assertEquals(k1Before, Files.readString(k1));
        assertEquals(6, SweepPlan.read(out).tasks().size());
        // mark the saved K=1 result: a resumed run must take it from the file, not recompute it
        JsonNode saved = new ObjectMapper().readTree(k1.toFile());
        ((ObjectNode) saved.get("test")).put("nll", 9.0);
        Files.writeString(k1, saved.toString());
        Result again = run(concat(common, "--states", "1..3", "--resume"));
        assertEquals(0, again.rc(), again.err());
        List<String> resumed = pooledRows(out.resolve("cv.csv"));
        assertEquals(rows.subList(2, 4), resumed.subList(2, 4), "K=2 and K=3 kept");
        assertTrue(!resumed.get(1).equals(rows.get(1)) && resumed.get(1).startsWith("synthetic,HmmMoa-K1,all,2,"),
                "K=1 read from its saved result, not refitted: " + resumed);
        Result other = run("fit", "--data", data.toString(), "--subject", "synthetic", "--model", "moa", "--cv", "2",
                "--starts", "1", "--max-iter", "6", "--states", "1", "--resume", "--out", out.toString());
        assertEquals(2, other.rc());
        assertTrue(other.err().contains("--max-iter was 5"), other.err());
        Result noCv = run("fit", "--data", data.toString(), "--subject", "synthetic", "--model", "moa", "--resume",
                "--out", tmp.resolve("x").toString());
        assertEquals(2, noCv.rc());
        assertTrue(noCv.err().contains("--resume applies to cross-validation only"), noCv.err());
    }

    private static String[] concat(String[] a, String... b) {
        String[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** The header and the pooled rows of a cv.csv (its per-fold rows dropped). */
    private static List<String> pooledRows(Path csv) throws IOException {
        return Files.readAllLines(csv).stream().filter(l -> l.startsWith("subject,") || l.split(",")[2].equals("all"))
                .toList();
    }

    @Test
    void fitAblate_writesTheAblationTablesWholeAndNoTemporaryFile() throws IOException {
        Path out = tmp.resolve("ablate");
        Path data = tmp.resolve("six.csv");
        // the ablation's default 5 folds need 5 sessions
        CsvTwoStepWriter.write(TwoStepGenerator.builder().sequences(6).trials(100).seed(4).build().generate(), data);
        Result r = run("fit", "--data", data.toString(), "--subject", "synthetic", "--model", "moa",
                "--states", "1", "--starts", "1", "--max-iter", "3", "--ablate", "--out", out.toString());
        assertEquals(0, r.rc(), r.err());
        List<String> csv = Files.readAllLines(out.resolve("ablation.csv"));
        assertEquals("subject,model,variant,folds,test_log_likelihood,test_normalized_likelihood,"
                + "delta_test_log_likelihood,delta_se,delta_per_trial", csv.get(0));
        // the full model, then one row per agent left out (hmmrnnOriginal: four agents)
        assertEquals(1 + 1 + 4, csv.size(), csv.toString());
        assertTrue(csv.stream().skip(1).allMatch(l -> l.startsWith("synthetic,HmmMoa-K1,")), csv.toString());
        assertTrue(Files.readString(out.resolve("ablation.md")).contains("# Agent ablation"));
        assertTrue(Files.exists(out.resolve("ablation.png")));
        assertTrue(listing(out).stream().noneMatch(p -> p.getFileName().toString().startsWith(AtomicFiles.TEMP_PREFIX)),
                listing(out).toString());
    }
}
