package io.github.hmmrnn.rl.env;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The available NeuroGym task ports, with their NeuroGym names. */
public enum Task {
    /** PerceptualDecisionMaking-v0. */
    PERCEPTUAL_DECISION_MAKING("PerceptualDecisionMaking", "coherence"),
    /** ContextDecisionMaking-v0 (implicit context). */
    CONTEXT_DECISION_MAKING("ContextDecisionMaking", "coherence"),
    /** DelayMatchSample-v0. */
    DELAY_MATCH_SAMPLE("DelayMatchSample", "match");

    private final String neuroGymName;
    private final String conditionName;

    Task(String neuroGymName, String conditionName) {
        this.neuroGymName = neuroGymName;
        this.conditionName = conditionName;
    }

    /**
     * NeuroGym's name without version suffix.
     *
     * @return e.g. "PerceptualDecisionMaking"
     */
    public String neuroGymName() {
        return neuroGymName;
    }

    /**
     * Meaning of {@link Trial#condition()} for this task.
     *
     * @return "coherence" or "match"
     */
    public String conditionName() {
        return conditionName;
    }

    /**
     * Creates a fresh environment of this task.
     *
     * @param seed trial generator seed
     * @return the environment
     */
    public TrialEnv create(long seed) {
        return switch (this) {
            case PERCEPTUAL_DECISION_MAKING -> new PerceptualDecisionMaking(seed);
            case CONTEXT_DECISION_MAKING -> new ContextDecisionMaking(seed);
            case DELAY_MATCH_SAMPLE -> new DelayMatchSample(seed);
        };
    }

    /**
     * Looks a task up by its NeuroGym name (with or without "-v0") or enum name, case-insensitively.
     *
     * @param name task name
     * @return the task
     * @throws IllegalArgumentException if unknown, listing the valid names
     */
    public static Task fromName(String name) {
        if (name != null) {
            String n = name.trim().replaceFirst("(?i)-v0$", "");
            for (Task t : values()) {
                if (t.neuroGymName.equalsIgnoreCase(n) || t.name().equalsIgnoreCase(n)) {
                    return t;
                }
            }
        }
        throw new IllegalArgumentException("unknown task '" + name + "'; valid tasks: "
                + Arrays.stream(values()).map(Task::neuroGymName).collect(Collectors.joining(", ")));
    }
}
