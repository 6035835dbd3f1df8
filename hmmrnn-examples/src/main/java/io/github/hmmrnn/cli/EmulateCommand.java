package io.github.hmmrnn.cli;

import io.github.hmmrnn.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.github.hmmrnn.emulation.EnergyDistance;
import io.github.hmmrnn.emulation.HmmPreset;
import io.github.hmmrnn.emulation.LossKind;
import io.github.hmmrnn.emulation.LossResult;
import io.github.hmmrnn.emulation.SequenceLoss;
import io.github.hmmrnn.emulation.SinkhornDivergence;
import io.github.hmmrnn.emulation.SinkhornOptions;
import io.github.hmmrnn.emulation.experiment.EmulationConfig;
import io.github.hmmrnn.emulation.experiment.EmulationExperiment;
import io.github.hmmrnn.emulation.experiment.EmulationGrid;
import io.github.hmmrnn.emulation.experiment.EmulationOutcome;
import io.github.hmmrnn.emulation.experiment.EmulationSummary;
import io.github.hmmrnn.emulation.analysis.SequenceStatistics;
import io.github.hmmrnn.emulation.experiment.ExperimentScale;
import io.github.hmmrnn.emulation.experiment.LossProbe;
import io.github.hmmrnn.emulation.rnn.EmulatorModelFile;
import io.github.hmmrnn.emulation.rnn.GenerationMode;
import io.github.hmmrnn.emulation.rnn.RnnEmulator;
import io.github.hmmrnn.report.Numbers;
import io.github.hmmrnn.report.RunRecord;
import io.github.hmmrnn.report.emulation.EmulationGridPlots;
import io.github.hmmrnn.report.emulation.EmulationPlots;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hmmrnn emulate}: trains a noise-driven RNN to emulate an HMM preset (or a grid of them),
 * tests and reverse-engineers it, and writes JSON results and figures.
 */
@Command(name = "emulate", mixinStandardHelpOptions = true,
        description = {"Train RNNs to emulate HMM sequences (Sinkhorn or energy-distance loss), then test and "
                + "reverse-engineer them.",
            "--out is a folder (default runs/emulation): --preset writes a new time-stamped run folder in it (with "
                + "run.json; --force does not apply); --grid resumes, skipping finished cells, unless --force, which "
                + "reruns the grid's cells; --load and --probe write one JSON file there and refuse to replace it "
                + "without --force."})
public final class EmulateCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = "--preset", description = "HMM preset: two, three, four, five, fully, cyclic.")
    String preset;

    @Option(names = "--scale", defaultValue = "cpu", description = "cpu or paper (default: ${DEFAULT-VALUE}).")
    String scale;

    @Option(names = "--grid", description = "Grid JSON file (preset, scale, hidden[], input[], seeds[], epochs).")
    Path grid;

    @Option(names = "--epochs", description = "Override the preset's number of epochs.")
    Integer epochs;

    @Option(names = "--hidden", description = "Override the hidden size.")
    Integer hidden;

    @Option(names = "--input", description = "Override the noise input size.")
    Integer input;

    @Option(names = "--loss", description = "Training loss: sinkhorn (reference; biased on finite batches) or energy "
            + "(unbiased energy distance). Default: the configuration's (sinkhorn when it names none).")
    String loss;

    @Option(names = "--energy-windows", split = ",", description = "Window lengths of the energy loss's multi-scale "
            + "embedding, e.g. 1,10 (default: the configuration's).")
    int[] energyWindows;

    @Option(names = "--energy-bandwidth", description = "0 for the distance kernel (energy distance), otherwise a "
            + "Gaussian kernel bandwidth in Hamming steps (default: the configuration's).")
    Double energyBandwidth;

    @Option(names = "--energy-switch-weight", description = "Weight of the energy loss's switch-count features "
            + "(0: none; default: the configuration's).")
    Double energySwitchWeight;

    @Option(names = "--lr", description = "Override the initial and final learning rate (two values: start end).",
            arity = "2")
    double[] learningRate;

    @Option(names = "--temperature", description = "Override the straight-through temperature (two values: start end).",
            arity = "2")
    double[] temperature;

    @Option(names = "--load", description = "A saved emulator (model.json of a run): generate sequences from it "
            + "instead of training (with --generate and --length).")
    Path load;

    @Option(names = "--generate", defaultValue = "100", description = "Sequences to generate with --load "
            + "(default: ${DEFAULT-VALUE}).")
    int generate;

    @Option(names = "--length", description = "Sequence length for --load (default: the --preset's T).")
    Integer length;

    @Option(names = "--probe", description = "Instead of training: score true-HMM batches and wrong variants "
            + "(sticky, fast, no middle symbol) against true-HMM batches under each loss; writes "
            + "probe_<preset>_n<N>.json.")
    boolean probe;

    @Option(names = "--probe-batch", defaultValue = "256", description = "Batch size N of --probe "
            + "(default: ${DEFAULT-VALUE}).")
    int probeBatch;

    @Option(names = "--probe-repeats", defaultValue = "40", description = "Repeats of --probe "
            + "(default: ${DEFAULT-VALUE}).")
    int probeRepeats;

    @Option(names = "--no-plots", description = "Skip figures.")
    boolean noPlots;

    @Override
    public Integer call() throws IOException {
        if (load != null) {
            return generateFromModel();
        }
        if (probe) {
            return runProbe();
        }
        if ((preset == null) == (grid == null)) {
            throw new IllegalArgumentException("give exactly one of --preset or --grid");
        }
        Path out = common.outOr("runs/emulation");
        if (grid != null) {
            return runGrid(out);
        }
        if (common.force) {
            throw new IllegalArgumentException("--force does not apply to emulate --preset: each run writes a new"
                    + " time-stamped folder under --out and never replaces an earlier one");
        }
        EmulationConfig c = EmulationConfig.load(HmmPreset.parse(preset), ExperimentScale.parse(scale), common.seed,
                loss != null ? LossKind.parse(loss) : null);
        if (epochs != null || hidden != null || input != null) {
            c = c.withNetwork(hidden != null ? hidden : c.hiddenSize(), input != null ? input : c.inputSize(), c.seed());
            if (epochs != null) {
                c = c.withEpochs(epochs);
            }
        }
        if (energyWindows != null || energyBandwidth != null) {
            c = c.withEnergyKernel(energyWindows != null ? energyWindows : c.energyWindows(),
                    energyBandwidth != null ? energyBandwidth : c.energyBandwidth());
        }
        if (energySwitchWeight != null) {
            c = c.withEnergySwitchWeight(energySwitchWeight);
        }
        if (learningRate != null || temperature != null) {
            c = c.withTraining(learningRate != null ? learningRate[0] : c.learningRate(),
                    learningRate != null ? learningRate[1] : c.finalLearningRate(),
                    temperature != null ? temperature[0] : c.temperature(),
                    temperature != null ? temperature[1] : c.finalTemperature());
        }
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss"));
        Path dir = out.resolve(stamp + "_" + c.preset().id() + "_" + c.scale().id());
        Outputs.checkFolder(dir, false, "");
        Progress progress = new Progress("epochs", c.epochs(), Duration.ofSeconds(5));
        RunRecord record = common.startRun(dir, null);
        try {
            EmulationOutcome o = EmulationExperiment.run(c, dir, (epoch, trainLoss, validationLoss, floor) ->
                    progress.step("validation loss " + Numbers.sig4(validationLoss) + ", floor "
                            + Numbers.sig4(floor)));
            plots(o);
            print(o.summary());
        } catch (RuntimeException e) {
            record.fail(String.valueOf(e.getMessage()));
            throw e;
        }
        record.finish();
        System.out.println("results in " + dir);
        return 0;
    }

    /**
     * Runs a grid into {@code out}: cells finished earlier are kept and skipped (the grid resumes);
     * with {@code --force} this grid's cells, summary and figures are removed first and all rerun.
     */
    private int runGrid(Path out) {
        EmulationGrid g = EmulationGrid.read(grid);
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + out + " is an existing file; expected a folder");
        }
        if (common.force) {
            for (Path cell : g.cellDirectories(out)) {
                Outputs.clearOwned(cell.getParent(), List.of(cell.getFileName().toString()));
            }
            Outputs.clearOwned(out, List.of("grid_results.json", "figs", RunRecord.FILE));
        }
        Progress progress = new Progress("grid cells", g.unfinishedCells(out));
        RunRecord record = common.startRun(out, null);
        try {
            List<EmulationSummary> all = g.run(out, o -> {
                plots(o);
                progress.step(o.runDirectory().getFileName().toString());
            });
            if (!noPlots) {
                EmulationGridPlots.writeAll(all, out.resolve("figs"));
            }
            for (EmulationSummary s : all) {
                print(s);
            }
        } catch (RuntimeException e) {
            record.fail(String.valueOf(e.getMessage()));
            throw e;
        }
        record.finish();
        return 0;
    }

    private int generateFromModel() throws IOException {
        if (grid != null) {
            throw new IllegalArgumentException("--load cannot be combined with --grid");
        }
        if (generate < 1) {
            throw new IllegalArgumentException("--generate must be >= 1, got " + generate);
        }
        int len;
        if (length != null) {
            len = length;
        } else if (preset != null) {
            len = HmmPreset.parse(preset).sequenceLength();
        } else {
            throw new IllegalArgumentException("--load needs --length or --preset (for its sequence length)");
        }
        if (len < 2) {
            throw new IllegalArgumentException("--length must be >= 2, got " + len);
        }
        RnnEmulator net = EmulatorModelFile.load(load);
        RnnEmulator.Rollout r = net.generate(generate, len, GenerationMode.FULL, new SplittableRandom(common.seed));
        SequenceStatistics stats = SequenceStatistics.of(r.outputs(), net.weights().numOutputs(),
                Math.min(10, len - 1));
        Path out = common.outOr("runs/emulation");
        Path file = out.resolve("generated.json");
        Outputs.checkFile(file, common.force, "--out");
        Files.createDirectories(out);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", load.toString());
        m.put("seed", common.seed);
        m.put("length", len);
        m.put("statistics", stats);
        m.put("sequences", r.outputs());
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        AtomicFiles.write(file, o -> json.writeValue(o, m));
        if (!common.quiet) {
            System.out.printf("generated %d sequences of length %d: switches %.2f, frequencies %s; wrote %s%n",
                    generate, len, stats.meanSwitches(), fmt(stats.frequencies()), file);
        }
        return 0;
    }

    private int runProbe() throws IOException {
        if (preset == null) {
            throw new IllegalArgumentException("--probe needs --preset");
        }
        HmmPreset p = HmmPreset.parse(preset);
        EmulationConfig energy = EmulationConfig.load(p, ExperimentScale.parse(scale), common.seed, LossKind.ENERGY);
        Map<String, SequenceLoss> losses = new LinkedHashMap<>();
        SinkhornDivergence sinkhorn = new SinkhornDivergence(SinkhornOptions.REFERENCE);
        losses.put("sinkhorn", (x, y, k, g) -> {
            var r = sinkhorn.betweenSequences(x, y, k, g);
            return new LossResult(r.value(), r.gradient());
        });
        losses.put("energy, one-hot", new EnergyDistance(null));
        if (energy.energyWeights() != null) {
            losses.put("energy, weights " + Arrays.toString(energy.energyWeights()),
                    new EnergyDistance(energy.energyWeights()));
        }
        EnergyDistance configured = new EnergyDistance(energy.energyWeights(),
                energy.energyWindows() == null ? new int[] {1} : energy.energyWindows(), energy.energyBandwidth(),
                energy.energySwitchWeight());
        losses.putIfAbsent("configured: " + configured, configured);
        List<LossProbe.Variant> variants = p.hmm().numOutputs() == 3
                ? List.of(LossProbe.Variant.STICKY, LossProbe.Variant.FAST, LossProbe.Variant.NO_MIDDLE_SYMBOL)
                : List.of(LossProbe.Variant.STICKY, LossProbe.Variant.FAST);
        Path out = common.outOr("runs/emulation");
        Path file = out.resolve("probe_" + p.id() + "_n" + probeBatch + ".json");
        Outputs.checkFile(file, common.force, "--out");
        List<LossProbe.Row> rows = LossProbe.run(p.hmm(), p.sequenceLength(), losses, variants, probeBatch,
                probeRepeats, common.seed);
        Files.createDirectories(out);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        AtomicFiles.write(file, o -> json.writeValue(o, rows));
        if (!common.quiet) {
            System.out.println("| loss | N | model | loss (mean ± s.e.) | margin over true HMM (± s.e.) |");
            System.out.println("|---|---|---|---|---|");
            for (LossProbe.Row r : rows) {
                System.out.printf("| %s | %d | %s | %.5g ± %.2g | %+.5g ± %.2g (%.1f s.e.) |%n", r.loss(), r.batchSize(),
                        r.variant().name().toLowerCase(), r.mean(), r.standardError(), r.margin(),
                        r.marginStandardError(), r.marginStandardError() > 0 ? r.margin() / r.marginStandardError() : 0);
            }
            System.out.println("wrote " + file);
        }
        return 0;
    }

    private void plots(EmulationOutcome o) {
        if (!noPlots) {
            EmulationPlots.writeAll(o, o.runDirectory().resolve("figs"));
        }
    }

    private void print(EmulationSummary s) {
        if (common.quiet) {
            return;
        }
        System.out.printf("%s/%s h%d d%d seed %d, %s loss: best val %s, floor %s (ratio %.3f, excess %s, "
                + "epoch %d, %.0f s)%n", s.preset(), s.scale(), s.hiddenSize(), s.inputSize(), s.seed(), s.loss(),
                Numbers.sig4(s.bestValidationLoss()), Numbers.sig4(s.floor()), s.lossToFloor(),
                Numbers.sig4(s.lossAboveFloor()), s.bestEpoch(), s.trainingSeconds());
        System.out.printf("  transition max|dP| %s (all rows %s); freq hmm %s rnn %s%n",
                Numbers.sig4(s.transitionError()), Numbers.sig4(s.transitionErrorAllRows()), fmt(s.hmmFrequencies()),
                fmt(s.rnnFrequencies()));
        System.out.printf("  transition max|dP| against the exact HMM matrix, %d sequences: %s (all rows %s ± %s)%n",
                s.exactEvaluationSequences(), Numbers.sig4(s.exactTransitionError()),
                Numbers.sig4(s.exactTransitionErrorAllRows()), Numbers.sig4(s.exactTransitionErrorAllRowsSe()));
        System.out.printf("  switches hmm %.2f rnn %.2f; run length hmm %s rnn %s; acf max err %.3f%n",
                s.hmmSwitches(), s.rnnSwitches(), fmt(s.hmmRunLength()), fmt(s.rnnRunLength()),
                s.autocorrelationError());
        System.out.printf("  matched distance hmm-hmm %.3f hmm-rnn %.3f ratio %.3f; PCA %s; fixed points %d (%d stable)%n",
                s.hmmMatchedDistance(), s.rnnMatchedDistance(), s.matchedDistanceRatio(),
                fmt(s.pcaExplainedVariance()), s.fixedPoints(), s.stableFixedPoints());
    }

    private static String fmt(double[] a) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < a.length; i++) {
            b.append(i > 0 ? ", " : "").append(String.format("%.3f", a[i]));
        }
        return b.append(']').toString();
    }

    /**
     * Runs this command alone (before it is registered in {@link HmmrnnCli}).
     *
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        CommandLine cl = new CommandLine(new EmulateCommand());
        cl.setExecutionExceptionHandler(new CliErrors());
        cl.setParameterExceptionHandler(new CliErrors());
        System.exit(cl.execute(args));
    }
}
