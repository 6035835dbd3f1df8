package io.github.hmmrnn.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.io.DatasetReaders;
import io.github.hmmrnn.report.RealDataReport;
import io.github.hmmrnn.sweep.Grid;
import io.github.hmmrnn.sweep.PlanData;
import io.github.hmmrnn.sweep.SweepPlan;
import io.github.hmmrnn.sweep.TaskRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Fits a grid of cross-validated models (subjects × models × K/H × seeds × folds) as a plan on
 * any engine, and writes the tables {@code compare} writes.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Cross-validate a grid (grid.json: data, subjects, folds, seeds, models with states/hidden "
                + "lists or full specs) on the local engine, a job array or Spark; writes plan.json, tasks/ and "
                + "cv.csv, cv.md, cv_comparison.png/svg.")
final class SweepCommand implements Callable<Integer> {

    @Option(names = "--grid", required = true, description = "The grid file (JSON; see docs/sweeps.md).")
    Path grid;

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    EngineOptions engineOptions;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        common.applyLogging();
        engineOptions.check();
        Path out = common.outOr("results/sweep");
        if (!engineOptions.arrayElement()) {
            // an array element writes only its task's files, into the folder its planning step made
            Outputs.checkFolder(out, common.force || engineOptions.resume, ", or --resume to continue it");
        }
        Grid g = Grid.read(grid);
        TwoStepDataset all = DatasetReaders.read(Path.of(g.data()));
        List<String> names = g.subjects().equals(List.of("all")) ? all.subjectNames() : g.subjects();
        SweepPlan plan = engineOptions.plan(g.plan(names, seed -> modelOptions.settings(seed, 1), common.seed), out);
        PlanData planData = PlanData.of(plan, all);
        if (!engineOptions.resume && !engineOptions.arrayElement()) {
            // a fresh run (an empty folder, or --force): no earlier task result may be gathered into it
            Outputs.clearOwned(out, List.of(SweepPlan.FILE_NAME, TaskRunner.TASKS_DIR));
        }
        long start = System.nanoTime();
        Optional<List<RealDataReport.CvRow>> rows = engineOptions.run(planData, out, common.threads,
                System.out);
        if (rows.isPresent()) {
            RealDataReport.writeCrossValidation(rows.get(), out);
            System.out.printf(Locale.ROOT, "ran %d tasks (%d models, %d subjects) in %.0f s; wrote %s%n",
                    plan.tasks().size(), plan.labels().size(), names.size(), (System.nanoTime() - start) / 1e9,
                    out.resolve("cv.md"));
        }
        return 0;
    }
}
