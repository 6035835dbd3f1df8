package io.github.hmmrnn.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The model families the command line and the benchmarks can fit.
 */
public enum ModelKind {
    /** Hidden-Markov mixture of agents ({@code HmmMoaModel}). */
    MOA("moa", true, false),
    /** A tiny GRU predicting choices directly ({@code TinyRnnModel}). */
    TINYRNN("tinyrnn", false, false),
    /** A tiny GRU with one readout head per hidden state of an HMM ({@code HmmTinyRnnModel}). */
    HMM_TINYRNN("hmm-tinyrnn", true, true),
    /** A tiny GRU gating a mixture of agents with learnable per-agent weights ({@code TinyMoaRnnModel}). */
    TINYMOA("tinymoa", false, false),
    /** Per-state GRU-gated agent mixtures as the emissions of an HMM ({@code HmmTinyMoaModel}). */
    HMM_TINYMOA("hmm-tinymoa", true, true);

    private final String cliName;
    private final boolean hasStates;
    private final boolean outcomeEvidence;

    ModelKind(String cliName, boolean hasStates, boolean outcomeEvidence) {
        this.cliName = cliName;
        this.hasStates = hasStates;
        this.outcomeEvidence = outcomeEvidence;
    }

    /**
     * @return whether the model's hidden states can emit outcomes as well as choices
     *         ({@link io.github.hmmrnn.model.ChainEvidence#CHOICES_AND_OUTCOMES})
     */
    public boolean supportsOutcomeEvidence() {
        return outcomeEvidence;
    }

    /** @return the name used on the command line */
    public String cliName() {
        return cliName;
    }

    /** @return whether the model has K hidden states (so {@code --states} applies) */
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
