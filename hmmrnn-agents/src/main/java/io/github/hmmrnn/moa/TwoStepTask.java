package io.github.hmmrnn.moa;

/**
 * The two-step task environment used by {@link MoaSimulator#simulate}: MixtureAgentsModels'
 * TwoStepSim. One port is "good" (rewarded with probability {@code pReward}, the other with
 * 1 − pReward); after at least {@code minTrialsBeforeFlip} trials in a block the good port flips
 * with probability {@code flipProbability} per trial. A choice leads to its congruent port with
 * probability {@code pCongruent} (a common transition when pCongruent ≥ 0.5).
 *
 * @param pReward             reward probability at the good port, in [0, 1]
 * @param pCongruent          probability of the congruent transition, in [0, 1]
 * @param flipProbability     per-trial flip probability once allowed, in [0, 1]
 * @param minTrialsBeforeFlip minimum block length, ≥ 0
 */
public record TwoStepTask(double pReward, double pCongruent, double flipProbability, int minTrialsBeforeFlip) {

    /** MixtureAgentsModels' defaults: pReward 0.8, pCongruent 0.8, flip 0.02 after 10 trials. */
    public static final TwoStepTask DEFAULT = new TwoStepTask(0.8, 0.8, 0.02, 10);

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException if a probability is outside [0, 1] or the block length is negative
     */
    public TwoStepTask {
        check("pReward", pReward);
        check("pCongruent", pCongruent);
        check("flipProbability", flipProbability);
        if (minTrialsBeforeFlip < 0) {
            throw new IllegalArgumentException("minTrialsBeforeFlip must be >= 0, got " + minTrialsBeforeFlip);
        }
    }

    private static void check(String name, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], got " + p);
        }
    }
}
