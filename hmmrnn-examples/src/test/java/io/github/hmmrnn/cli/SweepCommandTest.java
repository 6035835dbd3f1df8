package io.github.hmmrnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.hmmrnn.io.DatasetJson;
import io.github.hmmrnn.sweep.SweepPlan;
import io.github.hmmrnn.sweep.SweepTask;
import io.github.hmmrnn.synthetic.TwoStepGenerator;
import picocli.CommandLine;

/**
 * {@code sweep --grid} as a job array (plan only, one element per task, {@code gather}) gives the
 * same table as on the local engine; the grid's seeds reach the specifications.
 */
class SweepCommandTest {

    @TempDir
    Path tmp;

    @Test
    void gridAsJobArray_equalsLocalEngine() throws IOException {
        DatasetJson.write(TwoStepGenerator.builder().sequences(4).trials(320).seed(4).build().generate(),
                tmp.resolve("d.json"));
        Path grid = tmp.resolve("grid.json");
        Files.writeString(grid, """
                {"data": "d.json", "subjects": ["all"], "folds": 2, "seeds": [1, 2],
                 "models": [{"model": "moa", "states": [1]}, {"model": "tinyrnn", "hidden": [1]}]}
                """);
        List<String> common = List.of("--grid", grid.toString(), "--epochs", "3", "--patience", "2", "--starts", "1",
                "--max-iter", "5", "--quiet");
        Path array = tmp.resolve("array");
        assertEquals(0, run("sweep", common, "--engine", "array", "--out", array.toString()));
        SweepPlan plan = SweepPlan.read(array.resolve(SweepPlan.FILE_NAME));
        assertEquals(8, plan.tasks().size());
        assertEquals(List.of("HmmMoa-K1-seed1", "HmmMoa-K1-seed2", "TinyRnn-H1-seed1", "TinyRnn-H1-seed2"), plan.labels());
        for (SweepTask t : plan.tasks()) {
            assertEquals(t.label().endsWith("seed2") ? 2 : 1, plan.spec(t).seed(), t.label());
        }
        for (int i = 0; i < plan.tasks().size(); i++) {
            assertEquals(0, run("sweep", common, "--engine", "array", "--task-index", Integer.toString(i), "--out",
                    array.toString()));
        }
        assertEquals(0, run("gather", List.of(array.toString())));
        Path local = tmp.resolve("local");
        assertEquals(0, run("sweep", common, "--out", local.toString()));
        String csv = Files.readString(local.resolve("cv.csv"));
        assertEquals(csv, Files.readString(array.resolve("cv.csv")));
        // the two seeds fit different TinyRNNs (the check would pass vacuously if the seed were lost)
        List<String> rows = csv.lines().filter(l -> l.contains("TinyRnn") && l.contains(",all,")).toList();
        assertNotEquals(rows.get(0).split(",", 4)[3], rows.get(1).split(",", 4)[3]);
        assertTrue(Files.exists(local.resolve("cv_comparison.png")));
    }

    @Test
    void failedTasks_areNamedAndExitNonZero() throws IOException {
        // two 100-trial sessions: a TinyRNN's training fold is one segment, too few to early-stop on
        DatasetJson.write(TwoStepGenerator.builder().sequences(2).trials(100).seed(4).build().generate(),
                tmp.resolve("short.json"));
        Path grid = tmp.resolve("grid.json");
        Files.writeString(grid, """
                {"data": "short.json", "subjects": ["all"], "folds": 2,
                 "models": [{"model": "moa", "states": [1]}, {"model": "tinyrnn", "hidden": [1]}]}
                """);
        StringWriter err = new StringWriter();
        CommandLine cl = HmmrnnCli.commandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err));
        int rc = cl.execute("sweep", "--grid", grid.toString(), "--epochs", "3", "--patience", "2", "--starts", "1",
                "--max-iter", "5", "--quiet", "--out", tmp.resolve("out").toString());
        assertEquals(2, rc);
        assertTrue(err.toString().contains("2 of 4 tasks failed"), err.toString());
        assertTrue(err.toString().contains("TinyRnn-H1 fold 1 FAILED"), err.toString());
        // the HMM-MoA results are kept
        assertTrue(Files.exists(tmp.resolve("out").resolve("tasks").resolve("task-000000.json")));
    }

    private static int run(String command, List<String> args, String... more) {
        List<String> all = new ArrayList<>();
        all.add(command);
        all.addAll(args);
        all.addAll(List.of(more));
        CommandLine cl = HmmrnnCli.commandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        return cl.execute(all.toArray(String[]::new));
    }
}
