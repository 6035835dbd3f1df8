package io.github.hmmrnn.agents;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Named agent sets from the literature and the original project. */
public enum AgentPreset {

    /** Miller, Botvinick &amp; Brody 2017: [MBbellman, NoveltyPref, Persev, Bias]. */
    MILLER2017,
    /** Venditto et al. 2023/24: [MBrewardB, MBchoiceB, MFrewardB, MFchoiceB, Bias], one α each. */
    VENDITTO2023,
    /** Trial-history GLM: Bias + CR/UR/CO/UO at lags 1..5 (21 regressors). */
    TWOSTEP_GLM,
    /** The original Python project's suite: [MFrewardDecay, MFchoiceDecay, MBstate, Bias]. */
    HMMRNN_ORIGINAL;

    /** @return fresh agents of this preset, with default parameters */
    public List<Agent> agents() {
        return switch (this) {
            case MILLER2017 -> List.of(Agents.mbBellman(), Agents.noveltyPref(), Agents.persev(), Agents.bias());
            case VENDITTO2023 -> List.of(Agents.mbRewardB(), Agents.mbChoiceB(), Agents.mfRewardB(),
                    Agents.mfChoiceB(), Agents.bias());
            case TWOSTEP_GLM -> {
                List<Agent> out = new ArrayList<>();
                out.add(Agents.bias());
                out.addAll(Agents.transRewardLags(5));
                yield List.copyOf(out);
            }
            case HMMRNN_ORIGINAL -> List.of(Agents.mfRewardDecay(), Agents.mfChoiceDecay(), Agents.mbState(),
                    Agents.bias());
        };
    }

    /** @return the name users type, e.g. {@code venditto2023}, {@code twostepGlm} */
    public String displayName() {
        return switch (this) {
            case MILLER2017 -> "miller2017";
            case VENDITTO2023 -> "venditto2023";
            case TWOSTEP_GLM -> "twostepGlm";
            case HMMRNN_ORIGINAL -> "hmmrnnOriginal";
        };
    }

    /**
     * Parses a preset name, ignoring case, underscores and hyphens ({@code venditto2023},
     * {@code TWOSTEP_GLM}, {@code twostep-glm} and {@code hmmrnnOriginal} all work).
     *
     * @param name the name
     * @return the preset
     * @throws IllegalArgumentException if unknown (the message lists the valid names)
     */
    public static AgentPreset parse(String name) {
        String key = name == null ? "" : name.trim().replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
        for (AgentPreset p : values()) {
            if (p.name().replace("_", "").toLowerCase(Locale.ROOT).equals(key)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown agent preset '" + name + "'; valid presets: "
                + Arrays.stream(values()).map(AgentPreset::displayName).toList());
    }
}
