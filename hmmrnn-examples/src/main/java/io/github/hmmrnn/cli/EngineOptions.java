package io.github.hmmrnn.cli;

import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.github.hmmrnn.report.RealDataReport;
import io.github.hmmrnn.spark.SparkSettings;
import io.github.hmmrnn.spark.SparkTaskRunner;
import io.github.hmmrnn.sweep.ArrayEngine;
import io.github.hmmrnn.sweep.EngineKind;
import io.github.hmmrnn.sweep.LocalEngine;
import io.github.hmmrnn.sweep.PlanData;
import io.github.hmmrnn.sweep.SparkEngine;
import io.github.hmmrnn.sweep.SweepPlan;
import io.github.hmmrnn.sweep.SweepTask;
import io.github.hmmrnn.sweep.Sweeps;
import io.github.hmmrnn.sweep.TaskListener;
import io.github.hmmrnn.sweep.TaskResult;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/**
 * Where the tasks of a plan run ({@code compare}, {@code fit --cv}, {@code sweep}), and the one
 * routine that runs a plan with them.
 */
public final class EngineOptions {

    /** The engine. */
    @Option(names = "--engine", defaultValue = "local", converter = EngineConverter.class,
            description = "Where the fits run: local (a thread pool of --threads), array (one task per process: "
                    + "--task-index N, then `hmmrnn gather PLAN`), spark (embedded local[--threads], or --master) "
                    + "(default: ${DEFAULT-VALUE}).")
    public EngineKind engine;

    /** The array element's task. */
    @Option(names = "--task-index", description = "With --engine array: the one task to run (e.g. "
            + "$SLURM_ARRAY_TASK_ID); without it, --engine array only writes plan.json and prints the task count.")
    public Integer taskIndex;

    /** The Spark master. */
    @Option(names = "--master", description = "With --engine spark: the master URL, e.g. spark://127.0.0.1:7077 "
            + "(default: spark-submit's, else embedded local[--threads]).")
    public String master;

    /** Skip finished tasks. */
    @Option(names = "--resume", description = "Continue an earlier run in --out made with the same settings and "
            + "data: tasks whose result is there are skipped; subjects or models this command adds are appended to "
            + "the earlier plan, and the tables keep its rows.")
    public boolean resume;

    /**
     * Checks that the engine options fit together; call before any work.
     *
     * @throws IllegalArgumentException if {@code --task-index} comes without {@code --engine array},
     *                                  or {@code --master} without {@code --engine spark}
     */
    public void check() {
        if (taskIndex != null && engine != EngineKind.ARRAY) {
            throw new IllegalArgumentException("--task-index is for --engine array, got --engine " + engine.cliName());
        }
        if (master != null && engine != EngineKind.SPARK) {
            throw new IllegalArgumentException("--master is for --engine spark, got --engine " + engine.cliName());
        }
    }

    /** @return whether this process runs one element of a job array ({@code --engine array --task-index N}) */
    public boolean arrayElement() {
        return engine == EngineKind.ARRAY && taskIndex != null;
    }

    /**
     * The plan to run in {@code dir}. A fresh run runs the plan its command makes. A resumed run
     * ({@code --resume}) runs the earlier plan in {@code dir} with this command's new tasks
     * appended, so the earlier results keep their indices. A job-array element runs the plan the
     * planning step wrote, which must hold every task of its command (the element's index counts
     * in that plan).
     *
     * @param fresh the plan this command makes
     * @param dir   the sweep's folder
     * @return the plan to run
     * @throws IllegalArgumentException if an element finds no plan, or a plan its command does not
     *                                  match, or a resumed run's plan contradicts the earlier one
     */
    public SweepPlan plan(SweepPlan fresh, Path dir) {
        Path file = dir.resolve(SweepPlan.FILE_NAME);
        if (arrayElement()) {
            if (!Files.exists(file)) {
                throw new IllegalArgumentException("--engine array --task-index " + taskIndex + ": " + dir + " has no "
                        + SweepPlan.FILE_NAME + "; write it first with the same command without --task-index (one "
                        + "process, before the array starts)");
            }
            SweepPlan written = SweepPlan.read(file);
            if (!written.extendedBy(fresh).equals(written)) {
                throw new IllegalArgumentException(file + " does not hold every task of this command (other data, "
                        + "subjects, models, folds or seeds); run the array with the options that wrote the plan");
            }
            return written;
        }
        if (!resume || !Files.exists(file)) {
            return fresh;
        }
        try {
            return SweepPlan.read(file).extendedBy(fresh);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--resume: " + file + ": " + e.getMessage() + "; resume with the same "
                    + "settings, or start a new --out", e);
        }
    }

    /**
     * Runs a plan in {@code dir} with the chosen engine, logging progress (tasks done of the total,
     * time so far and left) and, unless it only wrote the plan or ran one array element, gathers
     * the table rows.
     *
     * @param data    the plan and its data
     * @param dir     the sweep's folder (plan.json, tasks/)
     * @param threads worker threads of the local engine and of embedded Spark
     * @param out     where result lines go
     * @return the gathered rows, or empty after an array element or the planning step of an array
     * @throws IllegalArgumentException if the options do not fit together
     * @throws IllegalStateException    if a task failed (every failed task is named; the others' results are kept)
     */
    public Optional<List<RealDataReport.CvRow>> run(PlanData data, Path dir, int threads, PrintStream out) {
        check();
        SweepPlan plan = data.plan();
        if (engine == EngineKind.ARRAY && taskIndex == null) {
            // planning only: what a job-array script runs first, to learn how many elements to submit
            Path file = Sweeps.writePlan(plan, dir, !resume);
            out.println("wrote " + file + ": " + plan.tasks().size() + " tasks; run each with --engine array "
                    + "--task-index N (e.g. sbatch --array=0-" + (plan.tasks().size() - 1) + "), then hmmrnn gather "
                    + file);
            return Optional.empty();
        }
        Sweeps.Outcome outcome;
        TaskListener progress = new ProgressListener();
        switch (engine) {
            case ARRAY -> outcome = Sweeps.run(data, dir, new ArrayEngine(), Optional.of(List.of(taskIndex)), resume,
                    progress);
            case SPARK -> {
                SparkSettings settings = new SparkSettings(Optional.ofNullable(master), threads, "hmmrnn " + plan.command(),
                        runnableJar().stream().toList());
                try (SparkTaskRunner runner = SparkTaskRunner.open(settings)) {
                    out.println("spark: " + runner.master() + ", parallelism " + runner.parallelism() + ", "
                            + plan.tasks().size() + " tasks");
                    outcome = Sweeps.run(data, dir, new SparkEngine(runner), Optional.empty(), resume, progress);
                }
            }
            default -> outcome = Sweeps.run(data, dir, new LocalEngine(threads), Optional.empty(), resume, progress);
        }
        if (outcome.skipped() > 0) {
            out.println("resumed: " + outcome.skipped() + " of " + outcome.total() + " tasks were already done");
        }
        List<TaskResult> failed = outcome.failed();
        if (!failed.isEmpty()) {
            throw new IllegalStateException(failed.size() + " of " + outcome.results().size() + " tasks failed (the "
                    + "others' results are in " + dir.resolve("tasks") + "; rerun with --resume to run only the "
                    + "unfinished ones):\n  " + String.join("\n  ", failed.stream().map(TaskResult::summary).toList()));
        }
        if (engine == EngineKind.ARRAY) {
            outcome.results().forEach(r -> out.println(r.summary()));
            out.println("when every task has run: hmmrnn gather " + dir.resolve(SweepPlan.FILE_NAME));
            return Optional.empty();
        }
        return Optional.of(Sweeps.gather(plan, dir));
    }

    /** Progress lines of a running plan: tasks done of those to run, time so far, time left. */
    private static final class ProgressListener implements TaskListener {

        private Progress progress;

        @Override
        public synchronized void starting(int toRun, int skipped) {
            progress = new Progress("fits", toRun);
        }

        @Override
        public synchronized void finished(SweepTask task) {
            progress.step(task.subject() + " " + task.label() + " fold " + (task.fold() + 1) + "/" + task.folds());
        }
    }

    /** @return the jar this class runs from, which a Spark cluster's executors need; empty outside a jar */
    private static Optional<String> runnableJar() {
        try {
            Path p = Path.of(EngineOptions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(p) ? Optional.of(p.toString()) : Optional.empty();
        } catch (URISyntaxException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** Reads {@code --engine} in any case. */
    static final class EngineConverter implements ITypeConverter<EngineKind> {
        @Override
        public EngineKind convert(String value) {
            return EngineKind.parse(value);
        }
    }
}
