package io.github.hmmrnn.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.model.Provenance;
import io.github.hmmrnn.report.RealDataReport;
import io.github.hmmrnn.report.RunRecord;
import io.github.hmmrnn.sweep.PlanData;
import io.github.hmmrnn.sweep.SweepPlan;
import io.github.hmmrnn.sweep.TaskRunner;

/**
 * The cross-validations of {@code compare} and {@code fit --cv} as sweep plans: the checks made
 * before any work (output folder, and for {@code --resume} or a job-array element the earlier
 * run's settings and data), then the plan run on the chosen engine, and the tables and
 * {@code run.json} written from the task results. {@code --resume} skips the plan's finished
 * tasks; the plan's task results are the only store of finished work.
 */
final class CvPlanRun {

    /** What an earlier version kept per (subject, model) for {@code --resume}; plans replaced it. */
    private static final String OLD_RESULTS = "cv-results";

    /** What a fresh run (with {@code --force}) clears: the earlier plan and its task results. */
    private static final List<String> OWNED = List.of(SweepPlan.FILE_NAME, TaskRunner.TASKS_DIR, OLD_RESULTS);

    private static final ObjectMapper JSON = new ObjectMapper();

    private CvPlanRun() {
    }

    /**
     * The checks that can run before the data is read: the engine options, the output folder
     * (empty unless {@code --force} or {@code --resume}), and, when resuming or running one
     * job-array element, that the earlier run had the same settings and data.
     *
     * @param out    the run folder
     * @param common the command's common options
     * @param engine the command's engine options
     * @param keys   the settings a resumed run must share with the earlier one
     * @param data   the data file
     * @throws IllegalArgumentException naming what does not fit
     */
    static void checkBeforeWork(Path out, CommonOptions common, EngineOptions engine, List<String> keys, Path data) {
        engine.check();
        if (engine.arrayElement()) {
            // an element writes only its own task's files into the folder its planning step made
            if (!Files.exists(out.resolve(RunRecord.FILE))) {
                throw new IllegalArgumentException("--engine array --task-index " + engine.taskIndex + ": " + out
                        + " has no " + RunRecord.FILE + "; write the plan first with the same command without "
                        + "--task-index (one process, before the array starts)");
            }
            checkSameRun(out, common.settings(), keys, data);
            return;
        }
        Outputs.checkFolder(out, common.force || engine.resume, ", or --resume to continue it");
        if (engine.resume && !Outputs.isEmptyOrAbsent(out)) {
            if (Files.exists(out.resolve(OLD_RESULTS)) && !Files.exists(out.resolve(SweepPlan.FILE_NAME))) {
                throw new IllegalArgumentException("--resume: " + out + " was written by an earlier version (its "
                        + OLD_RESULTS + "/ has no " + SweepPlan.FILE_NAME + "), which this one cannot continue; "
                        + "use --force to recompute it, or choose another --out");
            }
            checkSameRun(out, common.settings(), keys, data);
        }
    }

    /**
     * Refuses to resume a run made with other settings or data: its rows would not be comparable.
     *
     * @param out      the run folder
     * @param settings this run's settings (from {@link CommonOptions#settings()})
     * @param keys     the settings that must be equal
     * @param data     this run's data file
     */
    static void checkSameRun(Path out, Map<String, Object> settings, List<String> keys, Path data) {
        Path record = out.resolve(RunRecord.FILE);
        if (!Files.exists(record)) {
            throw new IllegalArgumentException("--resume: " + out + " has no " + RunRecord.FILE
                    + ", so it was not written by a cross-validation run to resume; use --force to replace it");
        }
        JsonNode earlier;
        try {
            earlier = JSON.readTree(record.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("--resume: cannot read " + record + ": " + e.getMessage(), e);
        }
        JsonNode old = earlier.path("settings");
        for (String k : keys) {
            String now = String.valueOf(JSON.valueToTree(settings.get(k)));
            String then = String.valueOf(old.get(k));
            if (!now.equals(then)) {
                throw new IllegalArgumentException("--resume: " + k + " was " + then + " in the earlier run in " + out
                        + " and is " + now + " now; resume with the same value, or start a new --out");
            }
        }
        String hash = Provenance.DataFile.of(data).sha256();
        if (!hash.equals(earlier.path("data").path("sha256").asText())) {
            throw new IllegalArgumentException("--resume: the data file " + data + " differs from the earlier run's ("
                    + earlier.path("data").path("file").asText() + ", by SHA-256); start a new --out");
        }
    }

    /**
     * Runs the plan and writes the tables ({@code cv.csv}, {@code cv.md}, the chart) and, last,
     * {@code run.json}. The planning step of a job array writes {@code plan.json} and a
     * {@code run.json} that says {@code running} until {@code gather} has written the tables; an
     * element writes only its task's result.
     *
     * @param fresh    the plan this command makes
     * @param all      the data read from {@code data}
     * @param out      the run folder
     * @param data     the data file
     * @param common   the command's common options
     * @param engine   the command's engine options
     * @param preamble the top of {@code cv.md}
     * @param more     further outputs of the same run, written after the tables and before
     *                 {@code run.json} is finished (not after a planning step or an element)
     * @return the rows written, or empty if the command ran an array's planning step or one element
     */
    static Optional<List<RealDataReport.CvRow>> run(SweepPlan fresh, TwoStepDataset all, Path out, Path data,
                                                    CommonOptions common, EngineOptions engine, String preamble,
                                                    Runnable more) {
        SweepPlan plan = engine.plan(fresh, out);
        PlanData planData = PlanData.of(plan, all);
        if (engine.arrayElement()) {
            return engine.run(planData, out, common.threads, System.out);
        }
        if (!engine.resume) {
            // a fresh run (the folder is empty, or --force): no earlier task result may be gathered into it
            Outputs.clearOwned(out, OWNED);
        }
        // the file as typed, with the hash this command's plan already took of it
        RunRecord record = common.startRun(out, new Provenance.DataFile(data.toString(), fresh.data().sha256()));
        try {
            Optional<List<RealDataReport.CvRow>> rows = engine.run(planData, out, common.threads, System.out);
            if (rows.isPresent()) {
                for (RealDataReport.CvRow r : rows.get()) {
                    System.out.printf(Locale.ROOT, "%s %-18s held-out NLL %.4f  normalised likelihood %.4f%n",
                            r.subject(), r.result().model(), r.result().testNll(), r.result().testNormalizedLikelihood());
                }
                RealDataReport.writeCrossValidation(rows.get(), out, preamble);
                more.run();
                record.finish();
            }
            return rows;
        } catch (RuntimeException e) {
            record.fail(String.valueOf(e.getMessage()));
            throw e;
        }
    }
}
