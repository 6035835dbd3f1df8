package io.github.hmmrnn.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.hmmrnn.data.InnerValidation;
import io.github.hmmrnn.data.SplitMethod;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.io.DatasetReaders;
import io.github.hmmrnn.model.FittedChoiceModel;
import io.github.hmmrnn.model.Provenance;
import io.github.hmmrnn.model.ModelSpec;
import io.github.hmmrnn.experiment.FitSettings;
import io.github.hmmrnn.experiment.ModelKind;
import io.github.hmmrnn.report.RealDataReport;
import io.github.hmmrnn.sweep.EngineKind;
import io.github.hmmrnn.sweep.PlanData;
import io.github.hmmrnn.sweep.SweepPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import java.util.Locale;

/**
 * Fits a model to real data, per subject, optionally cross-validated over sessions. A single fit
 * of a model that early-stops holds out every 7th 150-trial segment of the subject's sessions
 * ({@code ModelSpec.fit(train)}); under {@code --cv} it holds out
 * {@link InnerValidation#SESSIONS whole sessions} of each training fold, as before.
 */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = "Fit a model per subject (fit.json and plots per fit), or cross-validate it over sessions "
                + "(--cv N: cv.csv, cv.md and a chart). Models with early stopping (the GRU models) stop on "
                + "held-out 150-trial segments of the subject's sessions (every 7th).")
final class FitCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(FitCommand.class);

    @Option(names = "--data", required = true, description = "Data file (.mat, .csv, .npz or .json).")
    Path data;

    @Option(names = "--subject", required = true, description = "Subject name (repeatable), or 'all'.")
    List<String> subjects;

    @Option(names = "--model", required = true, description = "Model: moa, tinyrnn, hmm-tinyrnn, tinymoa, hmm-tinymoa.")
    String model;

    @Option(names = "--states", defaultValue = "2", converter = IntRange.Converter.class,
            description = "Hidden states K, or a range such as 1..4 (default: ${DEFAULT-VALUE}).")
    IntRange states;

    @Option(names = "--hidden", defaultValue = "2", converter = IntRange.Converter.class,
            description = "GRU units of the RNN models, or a range such as 1..4 (default: ${DEFAULT-VALUE}).")
    IntRange hidden;

    @Option(names = "--cv", description = "Cross-validate with this many session folds instead of one fit.")
    Integer cv;

    @Option(names = "--split", defaultValue = "STRIDE", description = "CV fold assignment: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    SplitMethod split;

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    EngineOptions engineOptions;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        common.applyLogging();
        ModelKind kind = ModelKind.parse(model);
        TwoStepDataset all = DatasetReaders.read(data);
        List<String> names = subjects.size() == 1 && subjects.get(0).equals("all") ? all.subjectNames() : subjects;
        for (String n : names) {
            all.subject(n);
        }
        if (cv != null && cv < 2) {
            throw new IllegalArgumentException("--cv must be >= 2 folds, got " + cv);
        }
        FitSettings settings = modelOptions.settings(common.seed, cv != null ? 1 : common.threads);
        Path out = common.outOr("results/fit");
        Provenance.DataFile dataFile = cv == null ? Provenance.DataFile.of(data) : null;
        if (cv != null) {
            List<SweepPlan.Labelled> models = specs(kind, settings).stream().map(SweepPlan.Labelled::of).toList();
            SweepPlan plan = SweepPlan.crossValidation("fit --cv", Provenance.DataFile.of(data.toAbsolutePath()
                    .normalize()), names, models, cv, split, common.seed, InnerValidation.SESSIONS, false);
            Optional<List<RealDataReport.CvRow>> rows = engineOptions.run(PlanData.of(plan, all), out, common.threads,
                    System.out);
            if (rows.isPresent()) {
                for (RealDataReport.CvRow r : rows.get()) {
                    System.out.printf(Locale.ROOT, "%s %s: held-out NLL %.4f, normalised likelihood %.4f%n",
                            r.subject(), r.result().model(), r.result().testNll(), r.result().testNormalizedLikelihood());
                }
                RealDataReport.writeCrossValidation(rows.get(), out);
                System.out.println("wrote " + out.resolve("cv.md"));
            }
            return 0;
        }
        if (engineOptions.engine != EngineKind.LOCAL || engineOptions.resume) {
            throw new IllegalArgumentException("--engine and --resume apply to cross-validation (--cv N); a single fit "
                    + "per subject runs here");
        }
        for (String subject : names) {
            TwoStepDataset d = all.forSubject(subject);
            for (ModelSpec<?> f : specs(kind, settings)) {
                LOG.info("fitting {} to {} ({} sessions, {} scored trials{})", f.name(), subject, d.numSessions(),
                        d.numScored(), f.earlyStops() ? "; every 7th 150-trial segment held out for early stopping"
                                : "");
                FittedChoiceModel m = f.fit(d);
                RealDataReport.writeFit(m, d, dataFile, out.resolve(subject).resolve(f.name()));
                System.out.println(subject + " " + f.name() + ": wrote " + out.resolve(subject).resolve(f.name()));
            }
        }
        return 0;
    }

    private List<ModelSpec<?>> specs(ModelKind kind, FitSettings settings) {
        List<ModelSpec<?>> list = new ArrayList<>();
        if (kind == ModelKind.TINYRNN || kind == ModelKind.TINYMOA) {
            for (int h : hidden.values()) {
                list.add(settings.spec(kind, 1, h));
            }
        } else if (kind == ModelKind.HMM_TINYRNN || kind == ModelKind.HMM_TINYMOA) {
            for (int k : states.values()) {
                for (int h : hidden.values()) {
                    list.add(settings.spec(kind, k, h));
                }
            }
        } else {
            for (int k : states.values()) {
                list.add(settings.spec(kind, k, 0));
            }
        }
        return list;
    }
}
