package io.github.hmmrnn.hmm;

import java.util.Arrays;
import java.util.Objects;

import io.github.hmmrnn.data.Session;

/**
 * Which trials of a session are steps of the hidden chain, and which of those steps emit their
 * choice: the one place where every HMM model (bias-only HMM, HMM-MoA, HMM-TinyRNN, HMM-TinyMoA)
 * decides what to do with forced and unscored trials.
 *
 * <p>The rule of the library is {@link ForcedTrialRule#EVERY_TRIAL}: the chain takes one step per
 * trial, scored or not; an unscored (forced) trial's step emits no choice (log-likelihood 0 in
 * every state), and its outcome when the chain emits outcomes. So {@code transitionMatrix()} means
 * "per trial" in every model, and a chain that emits outcomes sees those of forced trials too. The
 * alternative, {@link ForcedTrialRule#SCORED_TRIALS} (the chain steps over scored trials only, the
 * rule of MixtureAgentsModels and of this library's HMM-MoA before), predicts held-out choices of
 * the Miller rats equally well (within 0.0005 nats per trial pooled; table in docs/hmm.md,
 * "Forced and unscored trials"), so consistency decided.
 *
 * <p>Immutable; arrays are copied out.
 */
public final class ChainLayout {

    /** What a session's forced (unscored) trials are to the hidden chain. */
    public enum ForcedTrialRule {
        /** Every trial is a chain step; unscored trials emit no choice (outcomes still emitted). */
        EVERY_TRIAL,
        /** Only scored trials are chain steps; unscored trials are invisible to the chain. */
        SCORED_TRIALS
    }

    /** The rule every model of the library uses. */
    public static final ForcedTrialRule RULE = ForcedTrialRule.EVERY_TRIAL;

    private final int length;
    private final int[] steps;
    private final boolean[] emitsChoice;
    private final int numChoiceSteps;

    private ChainLayout(int length, int[] steps, boolean[] emitsChoice) {
        this.length = length;
        this.steps = steps;
        this.emitsChoice = emitsChoice;
        int n = 0;
        for (boolean e : emitsChoice) {
            n += e ? 1 : 0;
        }
        this.numChoiceSteps = n;
    }

    /**
     * The layout of a session under the library's rule {@link #RULE}.
     *
     * @param session the session
     * @return its layout
     */
    public static ChainLayout of(Session session) {
        return of(session, RULE);
    }

    /**
     * The layout of a session under a given rule (for measuring the rules against each other; the
     * models use {@link #of(Session)}).
     *
     * @param session the session
     * @param rule    what forced trials are to the chain
     * @return its layout
     */
    public static ChainLayout of(Session session, ForcedTrialRule rule) {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(rule, "rule");
        int n = session.length();
        int m = rule == ForcedTrialRule.EVERY_TRIAL ? n : session.scoredCount();
        int[] steps = new int[m];
        boolean[] emits = new boolean[m];
        int j = 0;
        for (int t = 0; t < n; t++) {
            if (rule == ForcedTrialRule.EVERY_TRIAL || session.scored(t)) {
                steps[j] = t;
                emits[j] = session.scored(t);
                j++;
            }
        }
        return new ChainLayout(n, steps, emits);
    }

    /**
     * A layout from explicit steps, for emission models whose sequences are not {@link Session}s.
     *
     * @param length      number of trials of the sequence
     * @param steps       strictly increasing trial indices in [0, length) that are chain steps
     * @param emitsChoice per step, whether it emits its choice; same length as {@code steps}
     * @return the layout
     * @throws IllegalArgumentException if the arrays disagree in length, or a step is out of range or
     *                                  not increasing
     */
    public static ChainLayout of(int length, int[] steps, boolean[] emitsChoice) {
        if (steps.length != emitsChoice.length) {
            throw new IllegalArgumentException("emitsChoice must have one entry per step (" + steps.length + "), got "
                    + emitsChoice.length);
        }
        for (int j = 0; j < steps.length; j++) {
            if (steps[j] < 0 || steps[j] >= length || j > 0 && steps[j] <= steps[j - 1]) {
                throw new IllegalArgumentException("steps[" + j + "] = " + steps[j]
                        + " must be in [0, " + length + ") and greater than the step before");
            }
        }
        return new ChainLayout(length, steps.clone(), emitsChoice.clone());
    }

    /** @return number of trials of the session */
    public int length() {
        return length;
    }

    /** @return number of chain steps */
    public int numSteps() {
        return steps.length;
    }

    /** @return number of chain steps that emit their choice (the scored trials) */
    public int numChoiceSteps() {
        return numChoiceSteps;
    }

    /**
     * @param step chain step j
     * @return the session trial of step j
     */
    public int trial(int step) {
        return steps[step];
    }

    /**
     * @param step chain step j
     * @return whether step j emits its choice
     */
    public boolean emitsChoice(int step) {
        return emitsChoice[step];
    }

    /** @return trial index of every chain step (copy) */
    public int[] steps() {
        return steps.clone();
    }

    /** @return whether each chain step emits its choice (copy) */
    public boolean[] choiceSteps() {
        return emitsChoice.clone();
    }

    /**
     * The chain step a trial's state belongs to: the trial's own step, or, for a trial that is not
     * a step, the next step after it ({@code numSteps()} when there is none).
     *
     * @param trial trial index in [0, length)
     * @return the step index, in [0, numSteps()]
     */
    public int stepOf(int trial) {
        int i = Arrays.binarySearch(steps, trial);
        return i >= 0 ? i : -i - 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChainLayout l && length == l.length && Arrays.equals(steps, l.steps)
                && Arrays.equals(emitsChoice, l.emitsChoice);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * length + Arrays.hashCode(steps)) + Arrays.hashCode(emitsChoice);
    }

    @Override
    public String toString() {
        return "ChainLayout{trials=" + length + ", steps=" + steps.length + ", choiceSteps=" + numChoiceSteps + "}";
    }
}
