package io.github.hmmrnn.report;

import io.github.hmmrnn.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.github.hmmrnn.analysis.TrialHistoryRegression;
import io.github.hmmrnn.analysis.TrialHistoryRegression.LaggedWeights;
import io.github.hmmrnn.analysis.TrialType;
import io.github.hmmrnn.data.Session;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.model.SavableModel;
import io.github.hmmrnn.model.TrainingHistory;
import io.github.hmmrnn.synthetic.TwoStepGenerator;
import io.github.hmmrnn.experiment.Evaluations;
import io.github.hmmrnn.experiment.SplitEvaluation;
import io.github.hmmrnn.experiment.SyntheticRun;

/**
 * Writes a synthetic benchmark's outputs: {@code report.md}, {@code metrics.json},
 * {@code predictions.csv}, {@code history/<model>.json}, {@code models/<model>.json} and
 * {@code plots/*.png|svg}.
 */
public final class SyntheticReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int LAGS = 5;

    private SyntheticReport() {
    }

    /**
     * Writes every output file.
     *
     * @param run     the benchmark run
     * @param out     output folder (created)
     * @param command the command line that produced the run, for the report
     * @param extra   further settings to record (model options, seeds, threads)
     * @return the files written
     * @throws UncheckedIOException if a file cannot be written
     */
    public static List<Path> write(SyntheticRun run, Path out, String command, Map<String, Object> extra) {
        List<Path> files = new ArrayList<>();
        try {
            Files.createDirectories(out.resolve("history"));
            Files.createDirectories(out.resolve("models"));
            Path plots = out.resolve("plots");
            Files.createDirectories(plots);
            Map<String, TwoStepDataset> splits = new LinkedHashMap<>();
            splits.put("train", run.train());
            splits.put("test", run.test());

            Path predictions = out.resolve("predictions.csv");
            PredictionsCsv.write(predictions, splits, run.evaluations(), Evaluations.numPhases(run.test()));
            files.add(predictions);

            Map<String, Object> metrics = metrics(run, command, extra);
            Path metricsFile = out.resolve("metrics.json");
            AtomicFiles.write(metricsFile, o -> JSON.writeValue(o, metrics));
            files.add(metricsFile);

            Map<String, TrainingHistory> histories = new LinkedHashMap<>();
            for (var e : run.fitted().entrySet()) {
                // every history holds the choice NLL per scored trial, so all share one plot
                histories.put(e.getKey(), e.getValue().history());
                Path h = out.resolve("history").resolve(e.getKey() + ".json");
                TrainingHistory history = e.getValue().history();
                AtomicFiles.write(h, o -> JSON.writeValue(o, history));
                files.add(h);
                if (e.getValue() instanceof SavableModel savable) {
                    Path m = out.resolve("models").resolve(e.getKey() + ".json");
                    savable.save(m);
                    files.add(m);
                }
            }
            files.addAll(plots(run, plots, histories));
            Path report = out.resolve("report.md");
            AtomicFiles.writeString(report, markdown(run, command, extra, files, out));
            files.add(report);
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + out, e);
        }
    }

    private static Map<String, Object> metrics(SyntheticRun run, String command, Map<String, Object> extra) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", command);
        m.put("generator", generatorMap(run.trainGenerator()));
        m.put("trainSeed", run.trainGenerator().seed());
        m.put("testSeed", run.testGenerator().seed());
        m.put("settings", extra);
        m.put("versions", Map.of("hmmrnn", Versions.hmmrnn(), "java", System.getProperty("java.version"),
                "os", System.getProperty("os.name") + " " + System.getProperty("os.arch")));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (SplitEvaluation e : run.evaluations()) {
            double oracleNll = run.evaluation(SyntheticRun.ORACLE, e.split()).score().nll();
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("model", e.model());
            r.put("split", e.split());
            r.put("nll", e.score().nll());
            r.put("nllBits", e.score().nllBits());
            r.put("nllStandardError", e.score().nllStandardError());
            r.put("accuracy", e.score().accuracy());
            r.put("phaseAccuracy", e.phaseAccuracy().isPresent() ? e.phaseAccuracy().getAsDouble() : null);
            r.put("numScored", e.score().numScored());
            r.put("nllMinusOracle", e.score().nll() - oracleNll);
            r.put("fitSeconds", run.fitSeconds().getOrDefault(e.model(), 0.0));
            rows.add(r);
        }
        m.put("results", rows);
        return m;
    }

    private static Map<String, Object> generatorMap(TwoStepGenerator g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sequences", g.sequences());
        m.put("trials", g.trials());
        m.put("pCommon", g.pCommon());
        m.put("beta", g.beta());
        List<double[]> maps = new ArrayList<>();
        for (int z = 0; z < g.numPhases(); z++) {
            maps.add(new double[] {g.rewardProbability(z, 0), g.rewardProbability(z, 1)});
        }
        m.put("rewardMaps", maps);
        m.put("dwell", g.dwell().toString());
        return m;
    }

    private static List<Path> plots(SyntheticRun run, Path dir, Map<String, TrainingHistory> histories) {
        List<Path> files = new ArrayList<>();
        double oracleTrain = run.evaluation(SyntheticRun.ORACLE, "train").score().nll();
        if (!histories.isEmpty()) {
            files.addAll(ChartFiles.save(Plots.trainingCurves(histories, oracleTrain, "Bayes oracle (train data)"),
                    dir, "training_curves"));
        }
        Session first = run.test().sessions().get(0);
        SplitEvaluation oracle = run.evaluation(SyntheticRun.ORACLE, "test");
        for (SplitEvaluation e : run.evaluations()) {
            if (!e.split().equals("test")) {
                continue;
            }
            boolean isOracle = e.model().equals(SyntheticRun.ORACLE);
            files.addAll(ChartFiles.save(Plots.exampleSequence(e.model() + ": test sequence 0", first.choices(),
                    first.hasPhases() ? first.phases() : null, e.choiceProb1().get(0),
                    isOracle ? null : oracle.choiceProb1().get(0), column(e.predictedPhases(), 1),
                    column(e.smoothedPhases(), 1)), dir, "example_" + e.model()));
        }
        TwoStepDataset firstTest = run.test().selectSessions(List.of(0));
        for (var e : run.fitted().entrySet()) {
            files.addAll(ModelPlots.write(e.getKey(), e.getValue(), firstTest, dir, "_" + e.getKey()));
        }
        Map<String, Map<TrialType, Double>> stay = new LinkedHashMap<>();
        Map<String, LaggedWeights> lagged = new LinkedHashMap<>();
        stay.put("data", TrialHistoryRegression.stayProbabilities(run.test(), null));
        lagged.put("data", TrialHistoryRegression.fit(run.test(), null, LAGS));
        for (SplitEvaluation e : run.evaluations()) {
            if (e.split().equals("test")) {
                stay.put(e.model(), TrialHistoryRegression.stayProbabilities(run.test(), e.choiceProb1()));
                lagged.put(e.model(), TrialHistoryRegression.fit(run.test(), e.choiceProb1(), LAGS));
            }
        }
        files.addAll(ChartFiles.save(Plots.stayProbabilities(stay), dir, "stay_probabilities"));
        files.addAll(ChartFiles.save(Plots.laggedIndices(lagged), dir, "trial_history_regression"));
        return files;
    }

    /**
     * The results of one split as a Markdown table, the oracle first.
     *
     * @param run   the benchmark run
     * @param split split label
     * @return the table
     */
    public static String resultsTable(SyntheticRun run, String split) {
        StringBuilder md = new StringBuilder();
        double oracle = run.evaluation(SyntheticRun.ORACLE, split).score().nll();
        md.append("| model | NLL (nats) | ± s.e. | NLL − oracle | accuracy | phase accuracy | fit (s) |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (SplitEvaluation e : run.evaluations()) {
            if (!e.split().equals(split)) {
                continue;
            }
            md.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %+.4f | %.4f | %s | %s |%n", e.model(),
                    e.score().nll(), e.score().nllStandardError(), e.score().nll() - oracle, e.score().accuracy(),
                    e.phaseAccuracy().isPresent()
                            ? String.format(Locale.ROOT, "%.4f", e.phaseAccuracy().getAsDouble()) : "–",
                    run.fitSeconds().containsKey(e.model())
                            ? String.format(Locale.ROOT, "%.1f", run.fitSeconds().get(e.model())) : "–"));
        }
        return md.toString();
    }

    private static double[] column(List<double[][]> post, int j) {
        if (post == null || post.get(0)[0].length <= j) {
            return null;
        }
        double[][] g = post.get(0);
        double[] c = new double[g.length];
        for (int t = 0; t < g.length; t++) {
            c[t] = g[t][j];
        }
        return c;
    }

    private static String markdown(SyntheticRun run, String command, Map<String, Object> extra, List<Path> files,
                                   Path out) {
        StringBuilder md = new StringBuilder();
        md.append("# Synthetic benchmark\n\n");
        md.append("Command: `").append(command).append("`\n\n");
        TwoStepGenerator g = run.trainGenerator();
        md.append("Data: ").append(g.sequences()).append(" sequences × ").append(g.trials())
                .append(" trials per split; train seed ").append(g.seed()).append(", test seed ")
                .append(run.testGenerator().seed()).append("; p_common ").append(g.pCommon()).append(", β ")
                .append(g.beta()).append(", ").append(g.numPhases()).append(" phases, dwell ").append(g.dwell())
                .append(".\n\n");
        md.append("Settings: ").append(extra).append("\n\n");
        md.append("hmmrnn ").append(Versions.hmmrnn()).append(", Java ").append(System.getProperty("java.version"))
                .append(".\n\n");
        md.append("All predictions are causal: p(choice_t | trials < t). NLL is per scored trial in nats; "
                + "phase accuracy uses the smoothed state posterior against the true phases, up to relabelling. "
                + "The Bayes oracle is the exact causal predictor under the true generator: a model below it "
                + "(beyond sampling noise) would be a leak.\n\n");
        for (String split : List.of("test", "train")) {
            md.append("## ").append(split).append("\n\n").append(resultsTable(run, split)).append('\n');
        }
        md.append("## Plots\n\n");
        md.append("Training curves show the causal choice NLL per scored trial of every model; where a fit "
                + "minimises another objective (the EM −log posterior, the joint likelihood of choices and "
                + "outcomes) that is in `history/` as `objective`.\n\n");
        for (Path f : files) {
            String rel = out.relativize(f).toString();
            if (rel.endsWith(".png")) {
                md.append("- [").append(rel.substring(6, rel.length() - 4)).append("](").append(rel)
                        .append(") ([svg](").append(rel.substring(0, rel.length() - 4)).append(".svg))\n");
            }
        }
        md.append("\nOther files: `metrics.json` (the numbers above), `predictions.csv` (per-trial causal "
                + "predictions), `history/` (per-epoch training curves), `models/` (saved fitted models).\n");
        return md.toString();
    }

}
