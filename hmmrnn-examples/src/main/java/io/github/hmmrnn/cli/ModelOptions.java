package io.github.hmmrnn.cli;

import io.github.hmmrnn.report.FitSettings;
import io.github.hmmrnn.rnn.InputEncoding;
import picocli.CommandLine.Option;

/**
 * Model hyper-parameters shared by {@code synthetic}, {@code fit} and {@code compare}.
 */
public final class ModelOptions {

    /** MoA agents. */
    @Option(names = "--agents", defaultValue = "hmmrnnOriginal",
            description = "HMM-MoA agents: a preset (hmmrnnOriginal, venditto2023, miller2017, twostepGlm) or a "
                    + "comma-separated list of agent names (default: ${DEFAULT-VALUE}).")
    public String agents;

    /** MoA starts. */
    @Option(names = "--starts", defaultValue = "2", description = "HMM-MoA random starts (default: ${DEFAULT-VALUE}).")
    public int starts;

    /** MoA iterations. */
    @Option(names = "--max-iter", defaultValue = "300", description = "HMM-MoA maximum EM iterations (default: ${DEFAULT-VALUE}).")
    public int maxIter;

    /** RNN epochs. */
    @Option(names = "--epochs", defaultValue = "1000", description = "RNN maximum epochs (default: ${DEFAULT-VALUE}).")
    public int epochs;

    /** RNN patience. */
    @Option(names = "--patience", defaultValue = "100", description = "RNN early-stopping patience (default: ${DEFAULT-VALUE}).")
    public int patience;

    /** RNN learning rate. */
    @Option(names = "--lr", defaultValue = "0.01", description = "RNN Adam learning rate (default: ${DEFAULT-VALUE}).")
    public double lr;

    /** RNN input encoding. */
    @Option(names = "--encoding", defaultValue = "TRIAL_TYPE_ONE_HOT",
            description = "RNN input encoding of the previous trial: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    public InputEncoding encoding;

    /**
     * @param seed    model seed
     * @param threads threads per fit
     * @return the settings
     */
    public FitSettings settings(long seed, int threads) {
        return new FitSettings(agents, starts, maxIter, lr, epochs, patience, encoding, seed, threads);
    }
}
