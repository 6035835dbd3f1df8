package io.github.hmmrnn.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.hmmrnn.data.InnerValidation;
import io.github.hmmrnn.data.SessionCrossValidation;
import io.github.hmmrnn.data.SplitMethod;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.io.DatasetReaders;
import io.github.hmmrnn.model.FittedChoiceModel;
import io.github.hmmrnn.model.Provenance;
import io.github.hmmrnn.model.ModelSpec;
import io.github.hmmrnn.experiment.FitSettings;
import io.github.hmmrnn.experiment.ModelKind;
import io.github.hmmrnn.moa.HmmMoaModel;
import io.github.hmmrnn.moa.MoaModelSelection;
import io.github.hmmrnn.report.AblationReport;
import io.github.hmmrnn.report.RealDataReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
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
    private static final int DEFAULT_ABLATION_FOLDS = 5;

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

    @Option(names = "--ablate", description = "HMM-MoA only: also cross-validate the model without each agent "
            + "(folds from --cv, default 5) and write ablation.csv/.md/.png: Δ held-out log-likelihood ± s.e. across folds.")
    boolean ablate;

    @Spec
    CommandSpec commandSpec;

    @Mixin
    ModelOptions modelOptions;

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
        List<RealDataReport.CvRow> rows = new ArrayList<>();
        for (String subject : names) {
            TwoStepDataset d = all.forSubject(subject);
            for (ModelSpec<?> f : specs(kind, settings)) {
                if (cv == null) {
                    LOG.info("fitting {} to {} ({} sessions, {} scored trials{})", f.name(), subject, d.numSessions(),
                            d.numScored(), f.earlyStops() ? "; every 7th 150-trial segment held out for early stopping"
                                    : "");
                    FittedChoiceModel m = f.fit(d);
                    RealDataReport.writeFit(m, d, dataFile, out.resolve(subject).resolve(f.name()));
                    System.out.println(subject + " " + f.name() + ": wrote " + out.resolve(subject).resolve(f.name()));
                } else {
                    SessionCrossValidation.Result r = SessionCrossValidation.run(d, f, cv, split, common.seed,
                            common.threads, InnerValidation.SESSIONS);
                    rows.add(new RealDataReport.CvRow(subject, r));
                    System.out.printf(Locale.ROOT, "%s %s: held-out NLL %.4f, normalised likelihood %.4f%n",
                            subject, f.name(), r.testNll(), r.testNormalizedLikelihood());
                }
            }
        }
        if (cv != null) {
            RealDataReport.writeCrossValidation(rows, out);
            System.out.println("wrote " + out.resolve("cv.md"));
        }
        if (ablate) {
            writeAblation(kind, settings, all, names, out);
        }
        return 0;
    }

    /** The agent ablation of every HMM-MoA spec per subject, on the same session folds. */
    private void writeAblation(ModelKind kind, FitSettings settings, TwoStepDataset all, List<String> names, Path out) {
        if (kind != ModelKind.MOA) {
            throw new IllegalArgumentException("--ablate needs --model moa, got " + model);
        }
        int folds = cv != null ? cv : DEFAULT_ABLATION_FOLDS;
        List<AblationReport.Row> ablation = new ArrayList<>();
        for (String subject : names) {
            TwoStepDataset d = all.forSubject(subject);
            for (ModelSpec<?> f : specs(kind, settings)) {
                LOG.info("agent ablation of {} on {} ({} folds)", f.name(), subject, folds);
                ablation.add(new AblationReport.Row(subject, f.name(),
                        MoaModelSelection.agentAblation((HmmMoaModel) f, d, folds, split, common.seed)));
            }
        }
        AblationReport.write(ablation, out, "hmmrnn " + String.join(" ",
                commandSpec.commandLine().getParseResult().originalArgs()));
        System.out.println("wrote " + out.resolve("ablation.md"));
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
