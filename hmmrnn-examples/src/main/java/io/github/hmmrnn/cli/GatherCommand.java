package io.github.hmmrnn.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.github.hmmrnn.report.RealDataReport;
import io.github.hmmrnn.report.RunRecord;
import io.github.hmmrnn.sweep.SweepPlan;
import io.github.hmmrnn.sweep.Sweeps;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Builds the tables of a plan whose tasks ran elsewhere (job-array elements): every task must
 * have a successful result; the missing and failed ones are named.
 */
@Command(name = "gather", mixinStandardHelpOptions = true,
        description = "Gather the task results of a sweep plan (after --engine array) into cv.csv, cv.md and "
                + "cv_comparison.png/svg.")
final class GatherCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "The plan (plan.json, or the folder holding it).")
    Path plan;

    @Option(names = "--out", description = "Where the tables go (default: the plan's folder).")
    Path out;

    @Override
    public Integer call() {
        Path file = plan.toFile().isDirectory() ? plan.resolve(SweepPlan.FILE_NAME) : plan;
        SweepPlan p = SweepPlan.read(file);
        Path dir = file.toAbsolutePath().getParent();
        Path target = out != null ? out : dir;
        List<RealDataReport.CvRow> rows = Sweeps.gatherAndWrite(p, dir, target);
        for (RealDataReport.CvRow r : rows) {
            System.out.printf(Locale.ROOT, "%s %-18s held-out NLL %.4f  normalised likelihood %.4f%n", r.subject(),
                    r.result().model(), r.result().testNll(), r.result().testNormalizedLikelihood());
        }
        if (target.toAbsolutePath().normalize().equals(dir.normalize())) {
            // the planning step of a job array (compare, fit --cv) left run.json saying running
            RunRecord.read(dir).filter(RunRecord::running).ifPresent(RunRecord::finish);
        }
        System.out.println("gathered " + p.tasks().size() + " tasks; wrote " + target.resolve("cv.md"));
        return 0;
    }
}
