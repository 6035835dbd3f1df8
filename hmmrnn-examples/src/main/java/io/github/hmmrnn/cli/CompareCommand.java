package io.github.hmmrnn.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.github.hmmrnn.data.InnerValidation;
import io.github.hmmrnn.data.SplitMethod;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.io.DatasetReaders;
import io.github.hmmrnn.model.Provenance;
import io.github.hmmrnn.model.ModelSpec;
import io.github.hmmrnn.experiment.FitSettings;
import io.github.hmmrnn.experiment.ModelKind;
import io.github.hmmrnn.report.RealDataReport;
import io.github.hmmrnn.sweep.SweepPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import java.util.Locale;

/**
 * Real-data model comparison on the Miller rats: the same session folds for every model.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Cross-validated comparison on real two-step data: HMM-MoA (venditto2023, K = 1..4), TinyRNN "
                + "(1..4 units) and HMM-TinyRNN (K = 2, 3), with the same session folds for every model; per-rat and "
                + "pooled held-out NLL and normalised likelihood (cv.csv, cv.md, cv_comparison.png/svg, run.json in --out, "
                + "a folder; default results/compare). HMM-MoA uses the venditto2023 agents unless --agents is given. "
                + "Each (rat, model, fold) is one task of plan.json, its result in tasks/; --engine runs them on this "
                + "machine, on Spark or as a job array.")
final class CompareCommand implements Callable<Integer> {

    /** The four rats of the tiny-RNN paper's two-step dataset. */
    static final List<String> MILLER_RATS = List.of("M055", "M064", "M070", "M071");

    @Option(names = "--data", description = "Data file (default: ofc_physdata.mat in $HMMRNN_DATA, else in "
            + "../shared/data beside the project root).")
    Path data;

    @Option(names = "--subject", description = "Subjects (repeatable; default: the Miller rats M055, M064, M070, M071).")
    List<String> subjects;

    @Option(names = "--folds", defaultValue = "6", description = "Session folds (default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--moa-states", defaultValue = "1..4", converter = IntRange.Converter.class,
            description = "HMM-MoA state counts (default: ${DEFAULT-VALUE}).")
    IntRange moaStates;

    @Option(names = "--rnn-hidden", defaultValue = "1..4", converter = IntRange.Converter.class,
            description = "TinyRNN sizes (default: ${DEFAULT-VALUE}).")
    IntRange rnnHidden;

    @Option(names = "--hmm-rnn-states", defaultValue = "2..3", converter = IntRange.Converter.class,
            description = "HMM-TinyRNN state counts (default: ${DEFAULT-VALUE}).")
    IntRange hmmRnnStates;

    @Option(names = "--hmm-rnn-hidden", defaultValue = "2", description = "HMM-TinyRNN GRU units (default: ${DEFAULT-VALUE}).")
    int hmmRnnHidden;

    @Option(names = "--inner-validation", defaultValue = "SEGMENTS",
            description = "What the RNN models hold out of each training fold for early stopping: SEGMENTS (every "
                    + "7th 150-trial segment, sampling all training sessions) or SESSIONS (15 %% of the sessions, i.e. "
                    + "one per rat, which can stop training after a few epochs) (default: ${DEFAULT-VALUE}).")
    InnerValidation innerValidation;

    @Option(names = "--quick", description = "Smaller defaults: one rat (M071), two models (HMM-MoA K=1, TinyRNN H=1), 3 folds; "
            + "--subject, --folds, --moa-states, --rnn-hidden and --hmm-rnn-* given explicitly still apply.")
    boolean quick;

    /** Settings a resumed comparison must share with the earlier run. */
    private static final List<String> RESUME_KEYS = List.of("--folds", "--seed", "--agents", "--starts", "--max-iter",
            "--epochs", "--patience", "--lr", "--segment-length", "--encoding", "--chain-evidence",
            "--inner-validation", "--quick");

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    EngineOptions engineOptions;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        common.applyLogging();
        if (!common.given("--agents")) {
            // compare's own default (its help says so); an explicit --agents is always honoured
            modelOptions.agents = "venditto2023";
        }
        Path out = common.outOr("results/compare");
        data = DataDefaults.orSharedMat(data);
        CvPlanRun.checkBeforeWork(out, common, engineOptions, RESUME_KEYS, data);
        TwoStepDataset all = DatasetReaders.read(data);
        List<String> names = subjects != null ? Preflight.subjects(all, subjects) : quick ? List.of("M071") : MILLER_RATS;
        for (String n : names) {
            all.subject(n);
        }
        // --quick picks small defaults; every explicitly given value still wins
        int k = quick && !common.given("--folds") ? Math.min(folds, 3) : folds;
        FitSettings settings = modelOptions.settings(common.seed, 1);
        List<ModelSpec<?>> fitters = new ArrayList<>();
        for (int s : quick && !common.given("--moa-states") ? List.of(1) : moaStates.values()) {
            fitters.add(settings.spec(ModelKind.MOA, s, 0));
        }
        for (int h : quick && !common.given("--rnn-hidden") ? List.of(1) : rnnHidden.values()) {
            fitters.add(settings.spec(ModelKind.TINYRNN, 1, h));
        }
        if (!quick || common.given("--hmm-rnn-states") || common.given("--hmm-rnn-hidden")) {
            for (int s : hmmRnnStates.values()) {
                fitters.add(settings.spec(ModelKind.HMM_TINYRNN, s, hmmRnnHidden));
            }
        }
        List<Preflight.FitSize> sizes = new ArrayList<>(Preflight.sizes(ModelKind.MOA, moaStates.values(), List.of()));
        sizes.addAll(Preflight.sizes(ModelKind.TINYRNN, List.of(), rnnHidden.values()));
        sizes.addAll(Preflight.sizes(ModelKind.HMM_TINYRNN, hmmRnnStates.values(), List.of(hmmRnnHidden)));
        Preflight.memory(all, names, sizes, common.threads, Runtime.getRuntime().maxMemory());
        Preflight.folds(all, names, k, SplitMethod.STRIDE, common.seed, innerValidation,
                fitters.stream().anyMatch(ModelSpec::earlyStops));
        long start = System.nanoTime();
        // one task per (subject, model, fold), with the folds and seeds SessionCrossValidation uses
        SweepPlan plan = SweepPlan.crossValidation("compare", Provenance.DataFile.of(data.toAbsolutePath().normalize()),
                names, fitters.stream().map(SweepPlan.Labelled::of).toList(), k, SplitMethod.STRIDE, common.seed,
                innerValidation, true);
        Optional<List<RealDataReport.CvRow>> rows = CvPlanRun.run(plan, all, out, data, common, engineOptions,
                "Comparison by `" + common.commandText() + "` on `" + data + "`.\n\n", () -> { });
        if (rows.isPresent()) {
            System.out.printf(Locale.ROOT, "compared %d models on %d subjects in %.0f s; wrote %s%n",
                    fitters.size(), names.size(), (System.nanoTime() - start) / 1e9, out.resolve("cv.md"));
        }
        return 0;
    }
}
