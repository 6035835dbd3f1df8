package io.github.hmmrnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.hmmrnn.data.InnerValidation;
import io.github.hmmrnn.data.Session;
import io.github.hmmrnn.data.Subject;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.io.DatasetJson;
import io.github.hmmrnn.sweep.SweepPlan;
import io.github.hmmrnn.sweep.SweepTask;
import io.github.hmmrnn.sweep.TaskResult;
import io.github.hmmrnn.sweep.TaskRunner;
import io.github.hmmrnn.synthetic.TwoStepGenerator;

/**
 * {@code compare} and {@code fit --cv} run on sweep plans: the same {@code cv.csv} and task
 * results on the local engine, embedded Spark and as a job array, and {@code --resume} skips the
 * plan's finished tasks (reading them back, not refitting them).
 */
class CvPlanCommandsTest {

    @TempDir
    static Path tmp;

    private static Path data;

    /** Two subjects, A and B, of 6 sessions × 200 trials each. */
    @BeforeAll
    static void writeData() {
        List<Session> sessions = new ArrayList<>();
        List<Subject> subjects = new ArrayList<>();
        for (String name : List.of("A", "B")) {
            TwoStepDataset d = TwoStepGenerator.builder().sequences(6).trials(200).seed(name.hashCode()).build()
                    .generate();
            Subject s = d.subjects().get(0);
            subjects.add(new Subject(name, s.pCongruent(), s.rawTrials()));
            for (Session x : d.sessions()) {
                sessions.add(x.relabel(name, x.index()));
            }
        }
        data = tmp.resolve("ab.json");
        DatasetJson.write(TwoStepDataset.of(subjects, sessions), data);
    }

    /** 2 subjects × (HMM-MoA K=1, TinyRNN H=1) × 2 folds = 8 tasks. */
    private static String[] compare(Path out, String... more) {
        return concat(new String[] {"compare", "--quick", "--data", data.toString(), "--subject", "A", "--subject",
            "B", "--folds", "2", "--moa-states", "1", "--rnn-hidden", "1", "--epochs", "3", "--patience", "2",
            "--starts", "1", "--max-iter", "5", "--quiet", "--out", out.toString()}, more);
    }

    /** 2 subjects × TinyRNN H=1 × 2 folds = 4 tasks, early stopping on whole held-out sessions. */
    private static String[] fitCv(Path out, String... more) {
        return concat(new String[] {"fit", "--data", data.toString(), "--subject", "all", "--model", "tinyrnn",
            "--hidden", "1", "--cv", "2", "--epochs", "3", "--patience", "2", "--quiet", "--out", out.toString()}, more);
    }

    @Test
    void compare_onSparkAndAsJobArray_givesTheLocalTable() throws IOException {
        assertSameOnEveryEngine("compare", CvPlanCommandsTest::compare, 8, InnerValidation.SEGMENTS, true);
    }

    @Test
    void fitCv_onSparkAndAsJobArray_givesTheLocalTable() throws IOException {
        assertSameOnEveryEngine("fit", CvPlanCommandsTest::fitCv, 4, InnerValidation.SESSIONS, false);
    }

    /** The command's arguments for an output folder and extra options. */
    private interface Args {
        String[] of(Path out, String... more);
    }

    private static void assertSameOnEveryEngine(String name, Args args, int tasks, InnerValidation inner,
                                                boolean pooled) throws IOException {
        Path local = tmp.resolve(name + "-local");
        Path spark = tmp.resolve(name + "-spark");
        Path array = tmp.resolve(name + "-array");
        assertOk(args.of(local));
        assertOk(args.of(spark, "--engine", "spark", "--threads", "2"));
        // a job array: the planning step, one process per task, then gather
        Printed planned = runPrinting(args.of(array, "--engine", "array"));
        assertEquals(0, planned.rc(), planned.err());
        assertTrue(planned.out().contains(tasks + " tasks"), planned.out());
        assertEquals("running", runJson(array).get("status").asText(), "the array has not run yet");
        assertFalse(Files.exists(array.resolve("cv.csv")));
        for (int i = 0; i < tasks; i++) {
            assertOk(args.of(array, "--engine", "array", "--task-index", Integer.toString(i)));
        }
        assertEquals(0, CliSafeOutputsTest.run("gather", array.toString()).rc());
        assertEquals("complete", runJson(array).get("status").asText(), "gather finishes the array's run.json");

        SweepPlan plan = SweepPlan.read(local);
        assertEquals(tasks, plan.tasks().size());
        assertTrue(plan.tasks().stream().map(SweepTask::inner).allMatch(inner::equals), plan.toJson());
        assertEquals(pooled, plan.pooled());
        assertEquals(plan, SweepPlan.read(spark));
        assertEquals(plan, SweepPlan.read(array));
        String csv = Files.readString(local.resolve("cv.csv"));
        assertEquals(csv, Files.readString(spark.resolve("cv.csv")), name + " on Spark");
        assertEquals(csv, Files.readString(array.resolve("cv.csv")), name + " as a job array");
        assertEquals(pooled, csv.contains("\npooled,"), csv);
        for (int i = 0; i < tasks; i++) {
            TaskResult l = result(local, i);
            assertEquals("local", l.engine());
            assertEquals(l.outcome(), result(spark, i).outcome(), "task " + i + " on Spark");
            assertEquals("spark", result(spark, i).engine());
            assertEquals(l.outcome(), result(array, i).outcome(), "task " + i + " as an array element");
        }
        assertEquals("complete", runJson(local).get("status").asText());
        assertEquals("complete", runJson(spark).get("status").asText());
    }

    @Test
    void compare_resumeSkipsFinishedTasksOnAnyEngine() throws IOException {
        Path out = tmp.resolve("resume");
        assertOk(compare(out));
        List<String> rows = Files.readAllLines(out.resolve("cv.csv"));
        String task3 = Files.readString(TaskRunner.resultFile(out, 3));
        // task 3 lost (as if killed); task 0 marked: a resumed run must read it back, not refit it
        Files.delete(TaskRunner.resultFile(out, 3));
        Path task0 = TaskRunner.resultFile(out, 0);
        ObjectNode marked = (ObjectNode) new ObjectMapper().readTree(task0.toFile());
        ((ObjectNode) marked.get("test")).put("nll", 9.0);
        Files.writeString(task0, marked.toString());

        Printed resumed = runPrinting(compare(out, "--resume"));
        assertEquals(0, resumed.rc(), resumed.err());
        assertTrue(resumed.out().contains("resumed: 7 of 8 tasks were already done"), resumed.out());
        assertEquals(TaskResult.fromJson(task3).outcome(), result(out, 3).outcome(), "task 3 recomputed alike");
        List<String> after = Files.readAllLines(out.resolve("cv.csv"));
        Predicate<String> aK1 = l -> l.startsWith("A,HmmMoa-K1,");
        Predicate<String> k1 = aK1.or(l -> l.startsWith("pooled,HmmMoa-K1,"));
        assertFalse(after.stream().filter(aK1).toList().isEmpty(), after.toString());
        assertNotEquals(rows.stream().filter(aK1).toList(), after.stream().filter(aK1).toList(),
                "A HmmMoa-K1 read from its marked result: " + after);
        assertEquals(rows.stream().filter(k1.negate()).toList(), after.stream().filter(k1.negate()).toList(),
                "the other rows are unchanged");
        assertEquals("complete", runJson(out).get("status").asText());

        // on Spark: the missing task alone runs, and the table is the same
        Files.delete(TaskRunner.resultFile(out, 5));
        Printed onSpark = runPrinting(compare(out, "--resume", "--engine", "spark", "--threads", "2"));
        assertEquals(0, onSpark.rc(), onSpark.err());
        assertTrue(onSpark.out().contains("resumed: 7 of 8 tasks were already done"), onSpark.out());
        assertEquals("spark", result(out, 5).engine());
        assertEquals(after, Files.readAllLines(out.resolve("cv.csv")));

        // other data or other settings: refused before any work, naming what differs
        Path changed = tmp.resolve("changed.json");
        Files.writeString(changed, Files.readString(data) + "\n");
        String[] otherData = compare(out, "--resume");
        otherData[Arrays.asList(otherData).indexOf("--data") + 1] = changed.toString();
        CliSafeOutputsTest.Result d = CliSafeOutputsTest.run(otherData);
        assertEquals(2, d.rc());
        assertTrue(d.err().contains("differs from the earlier run's"), d.err());
        CliSafeOutputsTest.Result lr = CliSafeOutputsTest.run(concat(compare(out, "--resume"), "--lr", "0.123"));
        assertEquals(2, lr.rc());
        assertTrue(lr.err().contains("--lr was") && lr.err().contains("0.123 now"), lr.err());
        // without --resume or --force the folder is refused
        CliSafeOutputsTest.Result again = CliSafeOutputsTest.run(compare(out));
        assertEquals(2, again.rc());
        assertTrue(again.err().contains("--resume to continue it"), again.err());
    }

    @Test
    void arrayElementWithoutPlanningStep_isRefused() {
        Path out = tmp.resolve("no-plan");
        CliSafeOutputsTest.Result r = CliSafeOutputsTest.run(compare(out, "--engine", "array", "--task-index", "0"));
        assertEquals(2, r.rc());
        assertTrue(r.err().contains("without --task-index"), r.err());
        assertFalse(Files.exists(out));
        CliSafeOutputsTest.Result master = CliSafeOutputsTest.run(fitCv(out, "--master", "spark://127.0.0.1:7077"));
        assertEquals(2, master.rc());
        assertTrue(master.err().contains("--master is for --engine spark"), master.err());
    }

    private static void assertOk(String[] args) {
        CliSafeOutputsTest.Result r = CliSafeOutputsTest.run(args);
        assertEquals(0, r.rc(), String.join(" ", args) + ": " + r.err());
    }

    /** Exit status, what the command printed on System.out, and its error output. */
    private record Printed(int rc, String out, String err) {
    }

    private static Printed runPrinting(String[] args) {
        PrintStream saved = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        CliSafeOutputsTest.Result r;
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            r = CliSafeOutputsTest.run(args);
        } finally {
            System.setOut(saved);
        }
        return new Printed(r.rc(), printed.toString(StandardCharsets.UTF_8), r.err());
    }

    private static TaskResult result(Path dir, int task) throws IOException {
        return TaskResult.fromJson(Files.readString(TaskRunner.resultFile(dir, task)));
    }

    private static JsonNode runJson(Path dir) throws IOException {
        return new ObjectMapper().readTree(dir.resolve("run.json").toFile());
    }

    private static String[] concat(String[] a, String... b) {
        String[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
