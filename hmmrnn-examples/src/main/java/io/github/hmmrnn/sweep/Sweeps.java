package io.github.hmmrnn.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.hmmrnn.data.SessionCrossValidation;
import io.github.hmmrnn.report.RealDataReport;

/**
 * Running a plan and gathering its results: the plan is written (or checked against the one
 * already in the folder) before any task runs, finished tasks are skipped on resume, failed
 * tasks are listed without losing the others, and {@link #gather} turns complete results into
 * the rows of {@link RealDataReport#writeCrossValidation}.
 */
public final class Sweeps {

    private Sweeps() {
    }

    /**
     * What a run did.
     *
     * @param total   tasks in the plan
     * @param skipped tasks skipped as already finished ({@code --resume})
     * @param results results of the tasks that ran, in index order
     */
    public record Outcome(int total, int skipped, List<TaskResult> results) {

        /** Copies the list. */
        public Outcome {
            results = List.copyOf(results);
        }

        /** @return the tasks that failed in this run */
        public List<TaskResult> failed() {
            return results.stream().filter(r -> r.status() == TaskStatus.FAILED).toList();
        }
    }

    /**
     * Writes {@code plan.json} into {@code dir}, or checks that the one there is the same plan.
     *
     * @param plan    the plan
     * @param dir     the sweep's folder
     * @param replace whether a different plan already there may be replaced (a fresh run); a
     *                resumed run or an array element needs the same plan, or that plan with
     *                tasks appended ({@link SweepPlan#extendedBy})
     * @return the plan file
     * @throws IllegalArgumentException if another plan is there and may not be replaced
     */
    public static Path writePlan(SweepPlan plan, Path dir, boolean replace) {
        Path file = dir.resolve(SweepPlan.FILE_NAME);
        if (Files.exists(file)) {
            SweepPlan old;
            try {
                old = SweepPlan.read(file);
            } catch (IllegalArgumentException e) {
                old = null;
            }
            if (plan.equals(old)) {
                return file;
            }
            // a resumed run that adds tasks: every earlier result keeps its index, so it stays valid
            if (!replace && !(old != null && plan.startsWith(old))) {
                throw new IllegalArgumentException(file + " holds a different plan than this command makes (other "
                        + "data, subjects, models, folds or seeds); give another --out, or run without --resume");
            }
        }
        return plan.write(dir);
    }

    /**
     * @param plan a plan
     * @param dir  its folder
     * @return indices of the tasks without a successful result for the same task
     */
    public static List<Integer> unfinished(SweepPlan plan, Path dir) {
        List<Integer> out = new ArrayList<>();
        for (SweepTask t : plan.tasks()) {
            if (!finished(t, dir)) {
                out.add(t.index());
            }
        }
        return out;
    }

    private static boolean finished(SweepTask t, Path dir) {
        Optional<TaskResult> r = TaskResult.readIfPresent(TaskRunner.resultFile(dir, t.index()));
        return r.isPresent() && r.get().status() == TaskStatus.OK && r.get().subject().equals(t.subject())
                && r.get().label().equals(t.label()) && r.get().fold() == t.fold() && r.get().seed() == t.seed();
    }

    /**
     * Writes the plan and runs its tasks.
     *
     * @param data    the plan and its data
     * @param dir     the sweep's folder
     * @param engine  the engine
     * @param indices the tasks to run, or empty for all
     * @param resume  whether to skip finished tasks (and require the same plan in the folder, or
     *                that plan with tasks appended)
     * @return what ran
     */
    public static Outcome run(PlanData data, Path dir, SweepEngine engine, Optional<List<Integer>> indices,
                              boolean resume) {
        return run(data, dir, engine, indices, resume, TaskListener.NONE);
    }

    /**
     * Writes the plan and runs its tasks, telling {@code listener} how many will run and as each
     * one finishes.
     *
     * @param data     the plan and its data
     * @param dir      the sweep's folder
     * @param engine   the engine
     * @param indices  the tasks to run, or empty for all
     * @param resume   whether to skip finished tasks (and require the same plan in the folder, or
     *                 that plan with tasks appended)
     * @param listener told of the count and of each finished task
     * @return what ran
     */
    public static Outcome run(PlanData data, Path dir, SweepEngine engine, Optional<List<Integer>> indices,
                              boolean resume, TaskListener listener) {
        SweepPlan plan = data.plan();
        boolean array = indices.isPresent();
        writePlan(plan, dir, !resume && !array);
        List<Integer> wanted = indices.orElseGet(() -> plan.tasks().stream().map(SweepTask::index).toList());
        for (int i : wanted) {
            if (i < 0 || i >= plan.tasks().size()) {
                throw new IllegalArgumentException("task index must be in [0, " + plan.tasks().size() + ") for "
                        + dir.resolve(SweepPlan.FILE_NAME) + ", got " + i);
            }
        }
        List<Integer> todo = wanted;
        if (resume) {
            List<Integer> open = unfinished(plan, dir);
            todo = wanted.stream().filter(open::contains).toList();
        }
        listener.starting(todo.size(), wanted.size() - todo.size());
        List<TaskResult> results = new ArrayList<>(engine.run(data, dir, todo,
                i -> listener.finished(plan.tasks().get(i))));
        results.sort(Comparator.comparingInt(TaskResult::task));
        return new Outcome(plan.tasks().size(), wanted.size() - todo.size(), results);
    }

    /**
     * Reads every task's result and builds the table rows: one per (subject, label) in plan
     * order, its folds in fold order, then (when the plan pools) one {@code pooled} row per label.
     *
     * @param plan the plan
     * @param dir  its folder
     * @return the rows for {@link RealDataReport#writeCrossValidation}
     * @throws IllegalStateException if a task has no result or failed (each is named)
     */
    public static List<RealDataReport.CvRow> gather(SweepPlan plan, Path dir) {
        List<String> problems = new ArrayList<>();
        Map<List<String>, List<SessionCrossValidation.Fold>> groups = new LinkedHashMap<>();
        Map<String, List<SessionCrossValidation.Fold>> pooled = new LinkedHashMap<>();
        List<TaskResult> results = results(plan, dir);
        for (SweepTask t : plan.tasks()) {
            TaskResult r = results.get(t.index());
            if (r == null) {
                problems.add(t.describe() + ": no result");
            } else if (r.status() != TaskStatus.OK) {
                problems.add(t.describe() + ": failed: " + r.error());
            } else {
                groups.computeIfAbsent(List.of(t.subject(), t.label()), k -> new ArrayList<>())
                        .add(new SessionCrossValidation.Fold(t.fold(), r.train(), r.test()));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(problems.size() + " of " + plan.tasks().size() + " tasks of "
                    + dir.resolve(SweepPlan.FILE_NAME) + " are not done; run them (--resume runs only those) and gather "
                    + "again:\n  " + String.join("\n  ", problems));
        }
        // rows by subject, then label, each in order of first appearance: task order for a fresh
        // plan, and each subject's rows together when a resumed run appended subjects or models
        List<String> subjects = plan.subjects();
        List<String> labels = plan.labels();
        List<Map.Entry<List<String>, List<SessionCrossValidation.Fold>>> ordered = new ArrayList<>(groups.entrySet());
        ordered.sort(Comparator.<Map.Entry<List<String>, List<SessionCrossValidation.Fold>>>comparingInt(
                e -> subjects.indexOf(e.getKey().get(0))).thenComparingInt(e -> labels.indexOf(e.getKey().get(1))));
        List<RealDataReport.CvRow> rows = new ArrayList<>();
        for (var e : ordered) {
            List<SessionCrossValidation.Fold> folds = new ArrayList<>(e.getValue());
            folds.sort(Comparator.comparingInt(SessionCrossValidation.Fold::fold));
            String label = e.getKey().get(1);
            rows.add(new RealDataReport.CvRow(e.getKey().get(0), new SessionCrossValidation.Result(label, folds)));
            pooled.computeIfAbsent(label, k -> new ArrayList<>()).addAll(folds);
        }
        if (plan.pooled() && plan.subjects().size() > 1) {
            for (var e : pooled.entrySet()) {
                rows.add(new RealDataReport.CvRow("pooled", new SessionCrossValidation.Result(e.getKey(), e.getValue())));
            }
        }
        return rows;
    }

    /**
     * @param plan a plan
     * @param dir  its folder
     * @return each task's result by index, null where there is none
     */
    public static List<TaskResult> results(SweepPlan plan, Path dir) {
        List<TaskResult> out = new ArrayList<>();
        for (SweepTask t : plan.tasks()) {
            out.add(TaskResult.readIfPresent(TaskRunner.resultFile(dir, t.index())).orElse(null));
        }
        return out;
    }

    /**
     * Gathers a plan's results and writes {@code cv.csv}, {@code cv.md} and the chart.
     *
     * @param plan the plan
     * @param dir  its folder (results are read from here)
     * @param out  where the tables go
     * @return the rows written
     */
    public static List<RealDataReport.CvRow> gatherAndWrite(SweepPlan plan, Path dir, Path out) {
        List<RealDataReport.CvRow> rows = gather(plan, dir);
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + out, e);
        }
        RealDataReport.writeCrossValidation(rows, out);
        return rows;
    }
}
