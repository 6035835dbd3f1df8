package io.github.hmmrnn.analysis;

/**
 * The four outcome types of a two-step trial: transition (common / rare) × reward.
 *
 * <p>A model-free learner repeats rewarded choices whatever the transition; a model-based learner
 * repeats a choice after common-rewarded and rare-unrewarded trials and switches after
 * rare-rewarded and common-unrewarded ones.
 */
public enum TrialType {
    /** Common transition, rewarded. */
    COMMON_REWARDED("CR"),
    /** Common transition, unrewarded. */
    COMMON_OMITTED("CO"),
    /** Rare transition, rewarded. */
    RARE_REWARDED("UR"),
    /** Rare transition, unrewarded. */
    RARE_OMITTED("UO");

    private final String code;

    TrialType(String code) {
        this.code = code;
    }

    /** @return the two-letter code used in the literature (CR, CO, UR, UO) */
    public String code() {
        return code;
    }

    /**
     * @param common whether the transition was common
     * @param reward 0 or 1
     * @return the trial type
     */
    public static TrialType of(boolean common, int reward) {
        if (common) {
            return reward == 1 ? COMMON_REWARDED : COMMON_OMITTED;
        }
        return reward == 1 ? RARE_REWARDED : RARE_OMITTED;
    }
}
