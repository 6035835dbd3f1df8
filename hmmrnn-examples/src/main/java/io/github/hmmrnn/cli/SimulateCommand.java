package io.github.hmmrnn.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.io.DatasetReaders;
import io.github.hmmrnn.moa.FittedHmmMoa;
import io.github.hmmrnn.moa.MoaSimulator;
import io.github.hmmrnn.moa.TwoStepTask;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Samples a dataset from a saved HMM-MoA fit (on MixtureAgentsModels' two-step task) or from the
 * synthetic generator.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Sample a dataset from a saved HMM-MoA model (--model FILE, on MixtureAgentsModels' two-step "
                + "task) or from the synthetic generator (no --model), and write it (.csv, .json or .npz by --out's "
                + "extension; a file, required, replaced only with --force) with the true hidden states as phases. With "
                + "--model, --sequences/--trials are accepted as --sessions/--session-trials.")
final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--model", description = "A saved HMM-MoA model (models/HmmMoa-*.json from synthetic, or save()).")
    Path model;

    @Option(names = "--sessions", defaultValue = "20", description = "Sessions to simulate from a model (default: ${DEFAULT-VALUE}).")
    int sessions;

    @Option(names = "--session-trials", defaultValue = "400",
            description = "Trials per simulated session from a model (default: ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--p-reward", defaultValue = "0.8", description = "Task: reward probability of the better port (default: ${DEFAULT-VALUE}).")
    double pReward;

    @Option(names = "--p-congruent", defaultValue = "0.8", description = "Task: common-transition probability (default: ${DEFAULT-VALUE}).")
    double pCongruent;

    @Option(names = "--flip", defaultValue = "0.02", description = "Task: per-trial reward flip probability (default: ${DEFAULT-VALUE}).")
    double flip;

    @Mixin
    GeneratorOptions gen;

    @Mixin
    CommonOptions common;

    /** Options of the synthetic generator that a model replaces. */
    private static final List<String> GENERATOR_ONLY = List.of("--p-common", "--beta", "--reward-maps", "--dwell",
            "--dwell-jitter", "--markov-stay");

    /** Options of the model's task, meaningless for the synthetic generator. */
    private static final List<String> MODEL_ONLY = List.of("--sessions", "--session-trials", "--p-reward",
            "--p-congruent", "--flip");

    @Override
    public Integer call() {
        common.applyLogging();
        if (common.out == null) {
            throw new IllegalArgumentException("--out FILE (.csv, .json or .npz) is required");
        }
        Outputs.checkDatasetFile(common.out, common.force);
        for (String o : model != null ? GENERATOR_ONLY : MODEL_ONLY) {
            if (common.given(o)) {
                throw new IllegalArgumentException(o + " applies only " + (model != null
                        ? "to the synthetic generator (without --model)" : "with --model") + "; remove it");
            }
        }
        TwoStepDataset data;
        if (model != null) {
            // --sequences/--trials are the generator's names for the same counts: honour either
            int n = pick("--sessions", sessions, "--sequences", gen.sequences);
            int t = pick("--session-trials", trials, "--trials", gen.trials);
            gen.checkMemory(n, t);
            FittedHmmMoa fit = FittedHmmMoa.load(model);
            data = MoaSimulator.simulate(fit, n, t, new TwoStepTask(pReward, pCongruent, flip, 10), common.seed);
        } else {
            gen.checkMemory(gen.sequences, gen.trials);
            data = gen.generator(common.seed).generate();
        }
        DatasetReaders.write(data, common.out);
        if (!common.quiet) {
            System.out.println("wrote " + data.numSessions() + " sessions, " + data.numTrials() + " trials to " + common.out);
        }
        return 0;
    }

    private int pick(String modelOption, int modelValue, String generatorOption, int generatorValue) {
        boolean a = common.given(modelOption);
        boolean b = common.given(generatorOption);
        if (a && b && modelValue != generatorValue) {
            throw new IllegalArgumentException(modelOption + " " + modelValue + " and " + generatorOption + " "
                    + generatorValue + " name the same count; give one");
        }
        return b ? generatorValue : modelValue;
    }
}
