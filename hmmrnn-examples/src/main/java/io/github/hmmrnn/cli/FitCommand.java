package io.github.hmmrnn.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.hmmrnn.data.InnerValidation;
import io.github.hmmrnn.data.SplitMethod;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.io.DatasetReaders;
import io.github.hmmrnn.numeric.SignificantDigits;
import io.github.hmmrnn.model.FittedChoiceModel;
import io.github.hmmrnn.model.Provenance;
import io.github.hmmrnn.model.ModelSpec;
import io.github.hmmrnn.experiment.FitSettings;
import io.github.hmmrnn.experiment.ModelKind;
import io.github.hmmrnn.report.FitSummary;
import io.github.hmmrnn.report.Numbers;
import io.github.hmmrnn.moa.FittedHmmMoa;
import io.github.hmmrnn.moa.HmmMoaModel;
import io.github.hmmrnn.moa.MoaModelSelection;
import io.github.hmmrnn.report.AblationReport;
import io.github.hmmrnn.report.RealDataReport;
import io.github.hmmrnn.report.RunRecord;
import io.github.hmmrnn.sweep.EngineKind;
import io.github.hmmrnn.sweep.SweepPlan;
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
                + "held-out 150-trial segments of the subject's sessions (every 7th); under --cv they stop on "
                + "held-out whole sessions of each training fold. --cv runs as a plan (plan.json, one result per "
                + "subject, model and fold in tasks/) on any --engine.")
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
    EngineOptions engineOptions;

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
        if (cv == null) {
            if (engineOptions.resume) {
                throw new IllegalArgumentException("--resume applies to cross-validation only (with --cv N)");
            }
            if (engineOptions.engine != EngineKind.LOCAL || engineOptions.master != null
                    || engineOptions.taskIndex != null) {
                throw new IllegalArgumentException("--engine, --master and --task-index apply to cross-validation only "
                        + "(with --cv N)");
            }
            Outputs.checkFolder(out, common.force, "");
        } else {
            if (ablate && engineOptions.engine == EngineKind.ARRAY) {
                throw new IllegalArgumentException("--ablate runs in the command's own process, not as a job array: "
                        + "run it without --engine array");
            }
            CvPlanRun.checkBeforeWork(out, common, engineOptions, RESUME_KEYS, data);
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
        if (cv != null) {
            crossValidate(fitSpecs, kind, settings, all, names, out);
            return 0;
        }
        // hashed once, for the run record and every fit's provenance
        Provenance.DataFile dataFile = Provenance.DataFile.of(data);
        RunRecord record = common.startRun(out, dataFile);
        try {
            fitAll(fitSpecs, all, names, out, dataFile);
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

    /** Single fits, one per subject and specification. */
    private void fitAll(List<ModelSpec<?>> fitSpecs, TwoStepDataset all, List<String> names, Path out,
                        Provenance.DataFile dataFile) {
        List<FitSummary.Row> fits = new ArrayList<>();
        Progress progress = new Progress("fits", names.size() * fitSpecs.size());
        for (String subject : names) {
            TwoStepDataset d = all.forSubject(subject);
            // a MoA fit with K states splits the (K - 1)-state fit: reuse it when this sweep made it
            Map<HmmMoaModel, FittedHmmMoa> moaFits = new HashMap<>();
            for (ModelSpec<?> f : fitSpecs) {
                LOG.info("fitting {} to {} ({} sessions, {} scored trials{})", f.name(), subject, d.numSessions(),
                        d.numScored(), f.earlyStops() ? "; every 7th 150-trial segment held out for early stopping"
                                : "");
                long start = System.nanoTime();
                FittedChoiceModel m;
                if (f instanceof HmmMoaModel moa) {
                    FittedHmmMoa smaller = moa.splitSource().map(moaFits::get).orElse(null);
                    FittedHmmMoa fitted = smaller == null ? moa.fit(d) : moa.fit(d, smaller);
                    moaFits.put(moa, fitted);
                    m = fitted;
                } else {
                    m = f.fit(d);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                if (!m.history().converged()) {
                    LOG.warn("{} on {} did not converge (EM tolerance or early stopping not reached within the "
                            + "iteration/epoch limit); raise --max-iter or --epochs", f.name(), subject);
                }
                RealDataReport.writeFit(m, d, dataFile, out.resolve(subject).resolve(f.name()), common.threads);
                FitSummary.Row row = FitSummary.row(subject, f.name(), m, d, seconds);
                fits.add(row);
                System.out.println(subject + " " + f.name() + ": log-likelihood " + SignificantDigits.nats(
                        row.choiceLogLikelihood()) + ", normalised likelihood "
                        + Numbers.sig4(row.normalizedLikelihood()) + (row.converged() ? ", converged"
                        : ", NOT converged") + "; wrote " + out.resolve(subject).resolve(f.name()));
                progress.step(subject + " " + f.name());
            }
        }
        FitSummary.write(fits, out, common.commandText(), "`" + data + "` (SHA-256 " + dataFile.sha256() + ")");
        System.out.println("wrote " + out.resolve("summary.md"));
    }

    /**
     * Cross-validation as a plan of one task per (subject, model, fold), on the chosen engine; the
     * models with early stopping hold out whole sessions of each training fold, as before plans.
     */
    private void crossValidate(List<ModelSpec<?>> fitSpecs, ModelKind kind, FitSettings settings, TwoStepDataset all,
                               List<String> names, Path out) {
        Provenance.DataFile dataFile = Provenance.DataFile.of(data.toAbsolutePath().normalize());
        SweepPlan plan = SweepPlan.crossValidation("fit", dataFile, names,
                fitSpecs.stream().map(SweepPlan.Labelled::of).toList(), cv, split, common.seed,
                InnerValidation.SESSIONS, false);
        String preamble = "Cross-validation by `" + common.commandText() + "` on `" + data + "` (SHA-256 "
                + dataFile.sha256() + ").\n\n";
        Optional<List<RealDataReport.CvRow>> rows = CvPlanRun.run(plan, all, out, data, common, engineOptions, preamble,
                () -> {
                    if (ablate) {
                        writeAblation(kind, settings, all, names, out);
                    }
                });
        rows.ifPresent(r -> System.out.println("wrote " + out.resolve("cv.md")));
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
