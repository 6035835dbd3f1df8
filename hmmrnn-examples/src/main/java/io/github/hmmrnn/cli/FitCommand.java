package io.github.hmmrnn.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
import io.github.hmmrnn.report.FitSummary;
import io.github.hmmrnn.report.Numbers;
import io.github.hmmrnn.moa.HmmMoaModel;
import io.github.hmmrnn.moa.MoaModelSelection;
import io.github.hmmrnn.report.AblationReport;
import io.github.hmmrnn.report.RealDataReport;
import io.github.hmmrnn.report.RunRecord;
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
                + "(--cv N: cv.csv, cv.md and a chart); summary.csv/summary.md compare the fits and run.json records "
                + "the run, all in --out (a folder; default results/fit). Models with early stopping (the GRU models) stop on "
                + "held-out 150-trial segments of the subject's sessions (every 7th).")
final class FitCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(FitCommand.class);
    private static final int DEFAULT_ABLATION_FOLDS = 5;

    @Option(names = "--data", required = true, description = "Data file (.mat, .csv, .npz or .json).")
    Path data;

    @Option(names = "--subject", required = true, description = "Subject name (repeatable, each once), or 'all'.")
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

    @Option(names = "--resume", description = "With --cv: continue an earlier run in --out made with the same "
            + "settings and data: finished (subject, model) results are kept and skipped, and the tables keep the "
            + "earlier rows.")
    boolean resume;

    /** Settings a resumed cross-validation must share with the earlier run. */
    private static final List<String> RESUME_KEYS = List.of("--cv", "--split", "--seed", "--agents", "--starts",
            "--max-iter", "--epochs", "--patience", "--lr", "--segment-length", "--encoding", "--chain-evidence");
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
        if (cv != null && cv < 2) {
            throw new IllegalArgumentException("--cv must be >= 2 folds, got " + cv);
        }
        FitSettings settings = modelOptions.settings(common.seed, cv != null ? 1 : common.threads);
        List<ModelSpec<?>> fitSpecs = specs(kind, settings);
        Path out = common.outOr("results/fit");
        if (resume && cv == null) {
            throw new IllegalArgumentException("--resume applies to cross-validation only (with --cv N)");
        }
        Outputs.checkFolder(out, common.force || resume, cv != null ? ", or --resume to continue it" : "");
        if (resume && !Outputs.isEmptyOrAbsent(out)) {
            CvResume.checkSameRun(out, common.settings(), RESUME_KEYS, data);
        }
        TwoStepDataset all = DatasetReaders.read(data);
        List<String> names = Preflight.subjects(all, subjects);
        boolean earlyStops = fitSpecs.stream().anyMatch(ModelSpec::earlyStops);
        if (kind.hasStates()) {
            Preflight.stateCounts(all, names, states.values());
        }
        Preflight.memory(all, names, Preflight.sizes(kind, states.values(), hidden.values()), common.threads,
                Runtime.getRuntime().maxMemory());
        if (cv != null) {
            Preflight.folds(all, names, cv, split, common.seed, InnerValidation.SESSIONS, earlyStops);
        } else if (earlyStops) {
            Preflight.earlyStoppingSegments(all, names);
        }
        if (ablate) {
            if (kind != ModelKind.MOA) {
                throw new IllegalArgumentException("--ablate needs --model moa, got " + model);
            }
            Preflight.folds(all, names, cv != null ? cv : DEFAULT_ABLATION_FOLDS, split, common.seed,
                    InnerValidation.SESSIONS, false);
        }
        RunRecord record = common.startRun(out, data);
        try {
            fitAll(fitSpecs, all, names, out);
            if (ablate) {
                writeAblation(kind, settings, all, names, out);
            }
        } catch (RuntimeException e) {
            record.fail(String.valueOf(e.getMessage()));
            throw e;
        }
        record.finish();
        return 0;
    }

    private void fitAll(List<ModelSpec<?>> fitSpecs, TwoStepDataset all, List<String> names,
                        Path out) {
        Provenance.DataFile dataFile = Provenance.DataFile.of(data);
        List<RealDataReport.CvRow> rows = new ArrayList<>();
        List<FitSummary.Row> fits = new ArrayList<>();
        CvResume saved = new CvResume(out, resume);
        Set<String> requested = new HashSet<>();
        Progress progress = new Progress(cv == null ? "fits" : "cross-validations", names.size() * fitSpecs.size());
        for (String subject : names) {
            TwoStepDataset d = all.forSubject(subject);
            for (ModelSpec<?> f : fitSpecs) {
                if (cv == null) {
                    LOG.info("fitting {} to {} ({} sessions, {} scored trials{})", f.name(), subject, d.numSessions(),
                            d.numScored(), f.earlyStops() ? "; every 7th 150-trial segment held out for early stopping"
                                    : "");
                    FittedChoiceModel m = f.fit(d);
                    if (!m.history().converged()) {
                        LOG.warn("{} on {} did not converge (EM tolerance or early stopping not reached within the "
                                + "iteration/epoch limit); raise --max-iter or --epochs", f.name(), subject);
                    }
                    RealDataReport.writeFit(m, d, dataFile, out.resolve(subject).resolve(f.name()));
                    FitSummary.Row row = FitSummary.row(subject, f.name(), m, d);
                    fits.add(row);
                    System.out.println(subject + " " + f.name() + ": log-likelihood " + Numbers.sig4(
                            row.choiceLogLikelihood()) + ", normalised likelihood "
                            + Numbers.sig4(row.normalizedLikelihood()) + (row.converged() ? ", converged"
                            : ", NOT converged") + "; wrote " + out.resolve(subject).resolve(f.name()));
                } else {
                    Optional<SessionCrossValidation.Result> earlier = saved.finished(subject, f.name(), cv);
                    SessionCrossValidation.Result r = earlier.orElseGet(() -> SessionCrossValidation.run(d, f, cv,
                            split, common.seed, common.threads, InnerValidation.SESSIONS));
                    if (earlier.isEmpty()) {
                        saved.save(subject, r);
                    }
                    requested.add(CvResume.key(subject, f.name()));
                    rows.add(new RealDataReport.CvRow(subject, r));
                    System.out.println(subject + " " + f.name() + ": held-out NLL " + Numbers.sig4(r.testNll())
                            + ", normalised likelihood " + Numbers.sig4(r.testNormalizedLikelihood())
                            + (earlier.isPresent() ? " (earlier result, kept)" : ""));
                }
                progress.step(subject + " " + f.name());
            }
        }
        String source = "`" + data + "` (SHA-256 " + dataFile.sha256() + ")";
        if (cv != null) {
            rows.addAll(0, saved.earlierRows(requested));
            RealDataReport.writeCrossValidation(rows, out, "Cross-validation by `" + common.commandText() + "` on "
                    + source + ".\n\n");
            System.out.println("wrote " + out.resolve("cv.md"));
        } else {
            FitSummary.write(fits, out, common.commandText(), source);
            System.out.println("wrote " + out.resolve("summary.md"));
        }
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
