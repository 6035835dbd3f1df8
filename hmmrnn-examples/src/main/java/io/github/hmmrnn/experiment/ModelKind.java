package io.github.hmmrnn.experiment;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The model families the command line and the benchmarks can fit.
 */
public enum ModelKind {
    /** Hidden-Markov mixture of agents ({@code HmmMoaModel}). */
    MOA("moa", true),
    /** A tiny GRU predicting choices directly ({@code TinyRnnModel}). */
    TINYRNN("tinyrnn", false),
    /** A tiny GRU with one readout head per hidden state of an HMM ({@code HmmTinyRnnModel}). */
    HMM_TINYRNN("hmm-tinyrnn", true),
    /** A tiny GRU gating a mixture of agents with learnable per-agent weights ({@code TinyMoaRnnModel}). */
    TINYMOA("tinymoa", false),
    /** Per-state GRU-gated agent mixtures as the emissions of an HMM ({@code HmmTinyMoaModel}). */
    HMM_TINYMOA("hmm-tinymoa", true);

    private final String cliName;
    private final boolean hasStates;

    ModelKind(String cliName, boolean hasStates) {
        this.cliName = cliName;
        this.hasStates = hasStates;
    }

    /** @return the name used on the command line */
    public String cliName() {
        return cliName;
    }

    /**
     * @return whether the model has K hidden states (so {@code --states} applies, and with K ≥ 2
     *         the chain evidence: its states can emit outcomes as well as choices)
     */
    public boolean hasStates() {
        return hasStates;
    }

    /**
     * @param name a command-line name such as {@code hmm-tinyrnn}
     * @return the kind
     * @throws IllegalArgumentException if the name is unknown (the message lists the valid ones)
     */
    public static ModelKind parse(String name) {
        for (ModelKind k : values()) {
            if (k.cliName.equals(name.trim().toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown model '" + name + "'; valid models: "
                + Arrays.stream(values()).map(ModelKind::cliName).collect(Collectors.joining(", ")));
    }
}
