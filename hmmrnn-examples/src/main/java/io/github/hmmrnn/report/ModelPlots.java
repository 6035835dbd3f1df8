package io.github.hmmrnn.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.hmmrnn.data.Session;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.model.ComponentTraces;
import io.github.hmmrnn.model.FittedChoiceModel;
import io.github.hmmrnn.model.LatentStateModel;
import io.github.hmmrnn.model.ParameterBars;

/**
 * The plots every fitted model asks for through its plot hooks ({@link FittedChoiceModel#parameterBars()},
 * {@link FittedChoiceModel#componentTraces(TwoStepDataset)}) and, for a latent-state model, its
 * transition matrix: one writer for every report, with no knowledge of concrete model classes.
 */
public final class ModelPlots {

    private ModelPlots() {
    }

    /**
     * Writes the model's parameter bar charts, its component traces through one session and, for a
     * latent-state model, its transition matrix, each as PNG and SVG.
     *
     * @param label  the model's label in titles
     * @param model  the fitted model
     * @param one    a dataset whose first session is traced
     * @param dir    output folder
     * @param suffix appended to each file name (e.g. {@code _HmmMoa-K2}), may be empty
     * @return files written
     */
    public static List<Path> write(String label, FittedChoiceModel model, TwoStepDataset one, Path dir,
                                   String suffix) {
        return FileJobs.run(jobs(label, model, one, dir, suffix), 1);
    }

    /**
     * The files of {@link #write} as independent jobs, in the same order; the model's plot data
     * (transition matrix, bars, traces) is computed here, once, and the jobs only draw it.
     */
    static List<FileJobs.Job> jobs(String label, FittedChoiceModel model, TwoStepDataset one, Path dir,
                                   String suffix) {
        List<FileJobs.Job> jobs = new ArrayList<>();
        if (model instanceof LatentStateModel latent) {
            double[][] a = latent.transitionMatrix();
            jobs.add(ChartFiles.job(() -> Plots.transitionMatrix(label + ": transition matrix", a), dir,
                    "transitions" + suffix));
        }
        for (ParameterBars bars : model.parameterBars()) {
            jobs.add(ChartFiles.job(() -> Plots.groupedBars(label + ": " + bars.title(), bars.axis(),
                    bars.categories(), bars.series()), dir, bars.id() + suffix));
        }
        Session s0 = one.sessions().get(0);
        for (ComponentTraces traces : model.componentTraces(one).stream().toList()) {
            jobs.add(ChartFiles.job(() -> Plots.componentTraces(label + ": " + traces.title() + ", session "
                    + s0.index(), traces.title(), traces.components(), traces.sessions().get(0),
                    s0.hasPhases() ? s0.phases() : null), dir, traces.id() + suffix));
        }
        return jobs;
    }
}
