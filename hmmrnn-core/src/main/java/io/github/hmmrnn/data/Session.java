package io.github.hmmrnn.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * One session of the two-step task: an immutable run of consecutive trials of one subject.
 *
 * <p>Coding: {@code choice} is the first-step choice, 0 = left, 1 = right (synthetic data: action
 * index). {@code outcome} is the second-step state / port reached, 0 = left, 1 = right.
 * {@code reward} is 0 or 1. {@code common} is true when the transition was the common one.
 * {@code scored} is false for forced trials, which update learning agents but are not predicted.
 * {@code phase} is the ground-truth latent phase (synthetic data only), or absent.
 *
 * <p>All latent-state models restart their hidden chain at a session start, and every causal
 * input (previous trial's choice, reward, transition) is zero on a session's first trial.
 */
public final class Session {

    private final String subject;
    private final int index;
    private final int[] choices;
    private final int[] outcomes;
    private final int[] rewards;
    private final boolean[] common;
    private final boolean[] scored;
    private final int[] phases;

    private Session(String subject, int index, int[] choices, int[] outcomes, int[] rewards,
                    boolean[] common, boolean[] scored, int[] phases) {
        this.subject = subject;
        this.index = index;
        this.choices = choices;
        this.outcomes = outcomes;
        this.rewards = rewards;
        this.common = common;
        this.scored = scored;
        this.phases = phases;
    }

    /**
     * Creates a session, copying and validating every array.
     *
     * @param subject  subject name
     * @param index    index of the session within its subject (0-based), at least 0
     * @param choices  [T] first-step choices in {0,1}
     * @param outcomes [T] second-step states in {0,1}
     * @param rewards  [T] rewards in {0,1}
     * @param common   [T] true for common transitions
     * @param scored   [T] false for forced trials
     * @param phases   [T] ground-truth phases (each at least 0), or {@code null} if unknown
     * @return the session
     * @throws IllegalArgumentException if lengths differ, the session is empty, or a value is
     *                                  outside its range (the message names field, trial and value)
     */
    public static Session of(String subject, int index, int[] choices, int[] outcomes, int[] rewards,
                             boolean[] common, boolean[] scored, int[] phases) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(choices, "choices");
        Objects.requireNonNull(outcomes, "outcomes");
        Objects.requireNonNull(rewards, "rewards");
        Objects.requireNonNull(common, "common");
        Objects.requireNonNull(scored, "scored");
        String where = "subject " + subject + ", session " + index;
        if (index < 0) {
            throw new IllegalArgumentException(where + ": session index must be >= 0");
        }
        int n = choices.length;
        if (n == 0) {
            throw new IllegalArgumentException(where + ": empty session (no trials)");
        }
        requireLength(where, "outcome", outcomes.length, n);
        requireLength(where, "reward", rewards.length, n);
        requireLength(where, "common", common.length, n);
        requireLength(where, "scored", scored.length, n);
        if (phases != null) {
            requireLength(where, "phase", phases.length, n);
        }
        for (int t = 0; t < n; t++) {
            requireBinary(where, "choice", t, choices[t]);
            requireBinary(where, "outcome", t, outcomes[t]);
            requireBinary(where, "reward", t, rewards[t]);
            if (phases != null && phases[t] < 0) {
                throw new IllegalArgumentException(
                        where + ", trial " + t + ": phase " + phases[t] + " must be >= 0");
            }
        }
        return new Session(subject, index, choices.clone(), outcomes.clone(), rewards.clone(),
                common.clone(), scored.clone(), phases == null ? null : phases.clone());
    }

    private static void requireLength(String where, String field, int got, int expected) {
        if (got != expected) {
            throw new IllegalArgumentException(where + ": field '" + field + "' has " + got
                    + " trials but 'choice' has " + expected);
        }
    }

    private static void requireBinary(String where, String field, int t, int v) {
        if (v != 0 && v != 1) {
            throw new IllegalArgumentException(
                    where + ", trial " + t + ": " + field + " " + v + " not in {0,1}");
        }
    }

    /** @return subject name */
    public String subject() {
        return subject;
    }

    /** @return index of this session within its subject, 0-based */
    public int index() {
        return index;
    }

    /** @return number of trials */
    public int length() {
        return choices.length;
    }

    /**
     * @param t trial index, 0-based
     * @return first-step choice of trial t, 0 or 1
     */
    public int choice(int t) {
        return choices[t];
    }

    /**
     * @param t trial index, 0-based
     * @return second-step state of trial t, 0 or 1
     */
    public int outcome(int t) {
        return outcomes[t];
    }

    /**
     * @param t trial index, 0-based
     * @return reward of trial t, 0 or 1
     */
    public int reward(int t) {
        return rewards[t];
    }

    /**
     * @param t trial index, 0-based
     * @return whether trial t had a common transition
     */
    public boolean common(int t) {
        return common[t];
    }

    /**
     * @param t trial index, 0-based
     * @return whether trial t is a free (scored) trial
     */
    public boolean scored(int t) {
        return scored[t];
    }

    /** @return whether ground-truth phases are known */
    public boolean hasPhases() {
        return phases != null;
    }

    /**
     * @param t trial index, 0-based
     * @return ground-truth phase of trial t
     * @throws IllegalStateException if the session has no phases
     */
    public int phase(int t) {
        if (phases == null) {
            throw new IllegalStateException("subject " + subject + ", session " + index + " has no phases");
        }
        return phases[t];
    }

    /** @return copy of the choices, [T] */
    public int[] choices() {
        return choices.clone();
    }

    /** @return copy of the second-step states, [T] */
    public int[] outcomes() {
        return outcomes.clone();
    }

    /** @return copy of the rewards, [T] */
    public int[] rewards() {
        return rewards.clone();
    }

    /** @return copy of the common-transition flags, [T] */
    public boolean[] commonTransitions() {
        return common.clone();
    }

    /** @return copy of the scored flags, [T] */
    public boolean[] scoredTrials() {
        return scored.clone();
    }

    /** @return copy of the phases, [T], or {@code null} if unknown */
    public int[] phases() {
        return phases == null ? null : phases.clone();
    }

    /** @return number of scored (free) trials */
    public int scoredCount() {
        int c = 0;
        for (boolean s : scored) {
            if (s) {
                c++;
            }
        }
        return c;
    }

    /**
     * Consecutive trials of this session as a session of their own (same subject and index).
     *
     * @param from first trial, inclusive, 0-based
     * @param to   last trial, exclusive
     * @return this session when the range is all of it, else a copy of trials [from, to)
     * @throws IllegalArgumentException if not {@code 0 <= from < to <= length()}
     */
    public Session segment(int from, int to) {
        if (from < 0 || from >= to || to > length()) {
            throw new IllegalArgumentException("segment [" + from + ", " + to + ") of subject " + subject
                    + ", session " + index + " must satisfy 0 <= from < to <= " + length());
        }
        if (from == 0 && to == length()) {
            return this;
        }
        return new Session(subject, index, Arrays.copyOfRange(choices, from, to), Arrays.copyOfRange(outcomes, from, to),
                Arrays.copyOfRange(rewards, from, to), Arrays.copyOfRange(common, from, to),
                Arrays.copyOfRange(scored, from, to), phases == null ? null : Arrays.copyOfRange(phases, from, to));
    }

    /**
     * Returns the same trials under another subject name / session index.
     *
     * @param newSubject subject name
     * @param newIndex   session index
     * @return a relabelled copy
     */
    public Session relabel(String newSubject, int newIndex) {
        return of(newSubject, newIndex, choices, outcomes, rewards, common, scored, phases);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Session s)) {
            return false;
        }
        return index == s.index && subject.equals(s.subject) && Arrays.equals(choices, s.choices)
                && Arrays.equals(outcomes, s.outcomes) && Arrays.equals(rewards, s.rewards)
                && Arrays.equals(common, s.common) && Arrays.equals(scored, s.scored)
                && Arrays.equals(phases, s.phases);
    }

    @Override
    public int hashCode() {
        return Objects.hash(subject, index, Arrays.hashCode(choices), Arrays.hashCode(rewards),
                Arrays.hashCode(outcomes));
    }

    @Override
    public String toString() {
        return "Session[subject=" + subject + ", index=" + index + ", trials=" + length()
                + ", scored=" + scoredCount() + (phases != null ? ", phases" : "") + "]";
    }
}
