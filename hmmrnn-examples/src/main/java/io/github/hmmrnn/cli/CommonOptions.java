package io.github.hmmrnn.cli;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/**
 * Options shared by every subcommand (mixed in with {@code @Mixin}).
 */
public final class CommonOptions {

    /** Root random seed; every component derives its own stream from it. */
    @Option(names = "--seed", defaultValue = "1", description = "Root random seed (default: ${DEFAULT-VALUE}).")
    public long seed;

    /** Worker threads for parallel fits. */
    @Option(names = "--threads", defaultValue = "2", description = "Worker threads: parallel HMM-MoA starts, HMM-TinyRNN sessions and cross-validation folds; the TinyMoA models fit on one thread (default: ${DEFAULT-VALUE}).")
    public int threads;

    /** Output folder. */
    @Option(names = "--out", description = "Output folder.")
    public Path out;

    /** Silence progress output. */
    @Option(names = "--quiet", description = "No progress output.")
    public boolean quiet;

    /**
     * Applies {@code --quiet}: progress logging drops to warnings. Call before any work starts,
     * since the logging backend reads its level when the first logger is created.
     */
    public void applyLogging() {
        if (quiet) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
    }

    /**
     * Returns the output folder, or {@code fallback} if none was given.
     *
     * @param fallback folder to use when {@code --out} is absent
     * @return the output folder
     */
    public Path outOr(String fallback) {
        return out != null ? out : Path.of(fallback);
    }
}
