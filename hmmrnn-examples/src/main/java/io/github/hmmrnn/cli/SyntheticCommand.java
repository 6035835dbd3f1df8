package io.github.hmmrnn.cli;

import io.github.hmmrnn.model.ChainEvidence;
import io.github.hmmrnn.model.ModelSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.hmmrnn.experiment.FitSettings;
import io.github.hmmrnn.moa.HmmMoaModel;
import io.github.hmmrnn.experiment.ModelKind;
import io.github.hmmrnn.experiment.SyntheticBenchmark;
import io.github.hmmrnn.report.SyntheticReport;
import io.github.hmmrnn.report.RunRecord;
import io.github.hmmrnn.experiment.SyntheticRun;
import io.github.hmmrnn.synthetic.TwoStepGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The main job: the synthetic benchmark of every model against the Bayes oracle.
 */
@Command(name = "synthetic", mixinStandardHelpOptions = true,
        description = "Generate train and test two-step data with latent phases, fit the models, score them causally "
                + "beside the Bayes-optimal predictor, and write report.md, metrics.json, predictions.csv, "
                + "histories, saved models, plots and run.json into --out (a folder; default results/synthetic). "
                + "With --force an earlier run there is replaced: only its models/, history/, plots/, report.md, "
                + "metrics.json and predictions.csv are removed.")
final class SyntheticCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    GeneratorOptions gen;

    @Mixin
    ModelOptions modelOptions;

    @Spec
    CommandSpec spec;

    @Option(names = "--train-seed", defaultValue = "1", description = "Training data seed (default: ${DEFAULT-VALUE}).")
    long trainSeed;

    @Option(names = "--test-seed", defaultValue = "2", description = "Test data seed (default: ${DEFAULT-VALUE}).")
    long testSeed;

    @Option(names = "--models", split = ",", defaultValue = "tinyrnn,hmm-tinyrnn,moa,tinymoa,hmm-tinymoa",
            description = "Models to fit, comma-separated: tinyrnn, hmm-tinyrnn, moa, tinymoa, hmm-tinymoa "
                    + "(default: ${DEFAULT-VALUE}).")
    List<String> models;

    @Option(names = "--states", defaultValue = "2", description = "Hidden states K of the HMM models (default: ${DEFAULT-VALUE}).")
    int states;

    @Option(names = "--hidden", defaultValue = "6", description = "GRU units of HMM-TinyRNN (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--tiny-hidden", defaultValue = "6", description = "GRU units of TinyRNN (default: ${DEFAULT-VALUE}).")
    int tinyHidden;

    @Option(names = "--moa-hidden", defaultValue = "4",
            description = "GRU units of the gated agent-mixture models (default: ${DEFAULT-VALUE}).")
    int moaHidden;

    @Option(names = "--quick", description = "Smoke-test scale: 16 sequences x 200 trials, at most 30 epochs, 1 start of at most 50 EM iterations.")
    boolean quick;

    /** What a synthetic run writes into its folder, and so may remove under {@code --force}. */
    static final List<String> OWNED = List.of("models", "history", "plots", "report.md", "metrics.json",
            "predictions.csv");

    @Override
    public Integer call() {
        common.applyLogging();
        List<ModelKind> kinds = new ArrayList<>();
        for (String m : models) {
            kinds.add(ModelKind.parse(m));
        }
        if (quick) {
            gen.sequences = Math.min(gen.sequences, 16);
            gen.trials = Math.min(gen.trials, 200);
            modelOptions.epochs = Math.min(modelOptions.epochs, 30);
            modelOptions.starts = 1;
            modelOptions.maxIter = Math.min(modelOptions.maxIter, 50);
        }
        TwoStepGenerator trainGen = gen.generator(trainSeed);
        TwoStepGenerator testGen = gen.generator(testSeed);
        List<ChainEvidence> evidences = modelOptions.chainEvidences(
                List.of(ChainEvidence.CHOICES, ChainEvidence.CHOICES_AND_OUTCOMES));
        FitSettings settings = modelOptions.settings(common.seed, common.threads, evidences.get(0));
        int localSearchRounds = common.given("--local-search-rounds") ? modelOptions.localSearchRounds : 0;
        List<ModelSpec<?>> specs = new ArrayList<>();
        for (ModelKind k : kinds) {
            int units = switch (k) {
                case TINYRNN -> tinyHidden;
                case TINYMOA, HMM_TINYMOA -> moaHidden;
                default -> hidden;
            };
            // models without a chain are fitted once
            boolean both = k.hasStates() && states > 1;
            for (ChainEvidence e : both ? evidences : List.of(ChainEvidence.CHOICES)) {
                ModelSpec<?> spec = settings.withChainEvidence(e).spec(k, states, units);
                // pinned to the perturbed one-state starts that produced the README's synthetic
                // table: the start families of the real-data fits would change it; a local search
                // runs only when asked for by name
                if (spec instanceof HmmMoaModel moa) {
                    spec = moa.toBuilder().splitStarts(false).biasHmmStart(false).segmentStarts(0)
                            .localSearchRounds(localSearchRounds).build();
                }
                specs.add(spec);
            }
        }
        Path out = common.outOr("results/synthetic");
        Outputs.checkFolder(out, common.force, " (only " + OWNED + " are removed)");
        RunRecord record = common.startRun(out, null);
        Progress progress = new Progress("fits", specs.size());
        // the fits are independent: --threads of them at once (the same numbers for any count)
        SyntheticRun run = SyntheticBenchmark.run(trainGen, testGen, specs, common.threads, progress::step);
        // a new report must not sit beside the previous run's models, histories and plots
        Outputs.clearOwned(out, OWNED);
        Map<String, Object> recorded = new LinkedHashMap<>();
        recorded.put("models", models);
        recorded.put("states", states);
        recorded.put("hidden", hidden);
        recorded.put("tinyHidden", tinyHidden);
        recorded.put("moaHidden", moaHidden);
        recorded.put("fit", settings);
        // every fitted specification, as ModelSpecs.fromJson reads it back
        recorded.put("specs", specs.stream().map(ModelSpec::toJson).map(SyntheticCommand::tree).toList());
        recorded.put("chainEvidence", evidences);
        recorded.put("quick", quick);
        String command = "hmmrnn " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        SyntheticReport.write(run, out, command.trim(), recorded);
        record.finish();
        System.out.print(SyntheticReport.resultsTable(run, "test"));
        System.out.println("wrote " + out.resolve("report.md"));
        return 0;
    }

    private static JsonNode tree(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a specification wrote invalid JSON: " + json, e);
        }
    }
}
