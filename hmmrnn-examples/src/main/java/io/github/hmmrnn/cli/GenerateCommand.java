package io.github.hmmrnn.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.io.DatasetReaders;
import io.github.hmmrnn.synthetic.TwoStepGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Generates synthetic two-step data to the generic CSV schema (with true phases).
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate synthetic two-step data with latent phases and write it to --out, a file (required; "
                + ".csv, .json or .npz by its extension); an existing non-empty file is replaced only with --force.")
final class GenerateCommand implements Callable<Integer> {

    @Mixin
    GeneratorOptions gen;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        common.applyLogging();
        if (common.out == null) {
            throw new IllegalArgumentException("--out FILE is required (.csv, .json or .npz: the extension picks the format)");
        }
        Path out = common.out;
        Outputs.checkDatasetFile(out, common.force);
        TwoStepGenerator g = gen.generator(common.seed);
        gen.checkMemory(gen.sequences, gen.trials);
        TwoStepDataset data = g.generate();
        DatasetReaders.write(data, out);
        if (!common.quiet) {
            System.out.println("wrote " + data.numSessions() + " sequences x " + g.trials() + " trials to " + out);
        }
        return 0;
    }
}
