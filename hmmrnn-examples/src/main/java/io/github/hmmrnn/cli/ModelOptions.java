package io.github.hmmrnn.cli;

import io.github.hmmrnn.model.ChainEvidence;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import io.github.hmmrnn.experiment.FitSettings;
import io.github.hmmrnn.rnn.InputEncoding;
import picocli.CommandLine.Option;
import java.util.LinkedHashSet;

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
    @Option(names = "--starts", defaultValue = "2", description = "HMM-MoA perturbed one-state starts; fit, "
            + "compare and sweep add the split, bias-HMM and 8 segment-clustering starts and up to --local-search-rounds rounds of local "
            + "search from the best (default: ${DEFAULT-VALUE}).")
    public int starts;

    /** MoA local-search rounds. */
    @Option(names = "--local-search-rounds", defaultValue = "8", description = "HMM-MoA rounds of iterated local "
            + "search from the best start, at most (4 candidates a round, stops after 2 rounds without a gain; 0: "
            + "none, faster, but the best optimum was then missed on 7 of 18 rat/K cases) (default: ${DEFAULT-VALUE}; "
            + "synthetic: 0 unless given).")
    public int localSearchRounds;

    /** MoA iterations. */
    @Option(names = "--max-iter", defaultValue = "300", description = "HMM-MoA maximum EM iterations (default: ${DEFAULT-VALUE}).")
    public int maxIter;

    /** RNN epochs. */
    @Option(names = "--epochs", defaultValue = "1000", description = "RNN maximum epochs (default: ${DEFAULT-VALUE}).")
    public int epochs;

    /** RNN patience. */
    @Option(names = "--patience", defaultValue = "100", description = "RNN early-stopping patience (default: ${DEFAULT-VALUE}).")
    public int patience;

    /** GRU models' learning rate, or null for each family's default. */
    @Option(names = "--lr", description = "Adam learning rate of the GRU models (default: 0.01 for tinyrnn and "
            + "hmm-tinyrnn, 0.005 for tinymoa and hmm-tinymoa).")
    public Double lr;

    /** RNN training segment length. */
    @Option(names = "--segment-length", defaultValue = "0",
            description = "TinyRNN / HMM-TinyRNN: train on consecutive segments of at most this many trials per "
                    + "session (GRU state reset per segment, first input still the real previous trial; the tiny-RNN "
                    + "paper uses 150); 0 trains on whole sessions. Predictions always run over whole sessions. "
                    + "The TinyMoA models reject a positive value (default: ${DEFAULT-VALUE}).")
    public int segmentLength;

    /** TinyRNN / HMM-TinyRNN input encoding, or null for the default. */
    @Option(names = "--encoding",
            description = "TinyRNN / HMM-TinyRNN input encoding of the previous trial: ${COMPLETION-CANDIDATES} "
                    + "(default: TRIAL_TYPE_ONE_HOT). The TinyMoA models have a fixed input and reject it.")
    public InputEncoding encoding;

    /** What the HMM models' chain emits. */
    @Option(names = "--chain-evidence", split = ",",
            description = "What the hidden states of the HMM models emit: ${COMPLETION-CANDIDATES}. "
                    + "CHOICES_AND_OUTCOMES adds a per-state reward probability for each second-step state, so past "
                    + "rewards count as evidence of the state. `synthetic` takes a comma-separated list and fits "
                    + "each HMM model once per value (default there: both); the other commands take one value "
                    + "(default: CHOICES).")
    public List<ChainEvidence> chainEvidence;

    /**
     * @param defaults the command's default when the option is not given
     * @return the requested chain evidences, in order, without repeats
     */
    public List<ChainEvidence> chainEvidences(List<ChainEvidence> defaults) {
        return chainEvidence == null || chainEvidence.isEmpty() ? defaults
                : List.copyOf(new LinkedHashSet<>(chainEvidence));
    }

    /**
     * @param seed    model seed
     * @param threads threads per fit
     * @return the settings
     */
    public FitSettings settings(long seed, int threads) {
        return settings(seed, threads, singleChainEvidence());
    }

    /**
     * @param seed     model seed
     * @param threads  threads per fit
     * @param evidence what the HMM models' chain emits (overrides the option)
     * @return the settings
     */
    public FitSettings settings(long seed, int threads, ChainEvidence evidence) {
        return new FitSettings(agents, starts, maxIter, lr == null ? OptionalDouble.empty() : OptionalDouble.of(lr),
                epochs, patience, Optional.ofNullable(encoding), seed, threads, evidence, segmentLength,
                localSearchRounds);
    }

    private ChainEvidence singleChainEvidence() {
        List<ChainEvidence> e = chainEvidences(List.of(ChainEvidence.CHOICES));
        if (e.size() != 1) {
            throw new IllegalArgumentException("--chain-evidence takes one value for this command, got " + e);
        }
        return e.get(0);
    }
}
