package io.github.hmmrnn.model;

import java.util.Objects;

import io.github.hmmrnn.data.Session;

/**
 * Everything a latent-state model infers about one session, computed once: the per-trial causal
 * choice probabilities, the predictive, filtered and smoothed state distributions, the most likely
 * state path and the session's log-likelihoods. The per-session part of a {@link StateInference};
 * the same quantities that hmmlearn's {@code score_samples} and dynamax's {@code HMMPosterior}
 * give.
 *
 * <p>Immutable: arrays are copied in, and every accessor returns a fresh copy, so a caller may
 * modify what it gets. T is the number of trials of the session (scored or not), K the number of
 * hidden states.
 */
public final class SessionInference {

    private final double[] choiceProbabilities;
    private final double[][] predicted;
    private final double[][] filtered;
    private final double[][] smoothed;
    private final int[] mostLikely;
    private final int numStates;
    private final double logLikelihood;
    private final double choiceLogLikelihood;

    /**
     * @param choiceProbabilities [T] p(choice_t = 1 | trials &lt; t)
     * @param predicted           [T][K] p(z_t | trials &lt; t)
     * @param filtered            [T][K] p(z_t | trials ≤ t)
     * @param smoothed            [T][K] p(z_t | the whole session)
     * @param mostLikely          [T] the Viterbi path, states in 0..K−1
     * @param logLikelihood       log marginal likelihood of what the chain emits in this session
     * @param choiceLogLikelihood Σ over scored trials of log p(choice_t | trials &lt; t)
     * @throws IllegalArgumentException if the lengths of the arrays disagree, a state row does not
     *                                  have the same K as the others, or a state index is outside 0..K−1
     */
    public SessionInference(double[] choiceProbabilities, double[][] predicted, double[][] filtered,
                            double[][] smoothed, int[] mostLikely, double logLikelihood,
                            double choiceLogLikelihood) {
        int n = Objects.requireNonNull(choiceProbabilities, "choiceProbabilities").length;
        int k = n == 0 ? 0 : Objects.requireNonNull(predicted, "predicted")[0].length;
        this.numStates = k;
        this.choiceProbabilities = choiceProbabilities.clone();
        this.predicted = copy("predicted", predicted, n, k);
        this.filtered = copy("filtered", filtered, n, k);
        this.smoothed = copy("smoothed", smoothed, n, k);
        if (Objects.requireNonNull(mostLikely, "mostLikely").length != n) {
            throw new IllegalArgumentException("mostLikely has " + mostLikely.length + " trials, expected " + n);
        }
        for (int t = 0; t < n; t++) {
            if (mostLikely[t] < 0 || mostLikely[t] >= k) {
                throw new IllegalArgumentException("mostLikely[" + t + "] = " + mostLikely[t]
                        + " is not a state in 0.." + (k - 1));
            }
        }
        this.mostLikely = mostLikely.clone();
        this.logLikelihood = logLikelihood;
        this.choiceLogLikelihood = choiceLogLikelihood;
    }

    private static double[][] copy(String name, double[][] m, int n, int k) {
        Objects.requireNonNull(m, name);
        if (m.length != n) {
            throw new IllegalArgumentException(name + " has " + m.length + " trials, expected " + n);
        }
        double[][] out = new double[n][];
        for (int t = 0; t < n; t++) {
            if (m[t].length != k) {
                throw new IllegalArgumentException(name + "[" + t + "] has " + m[t].length + " states, expected " + k);
            }
            out[t] = m[t].clone();
        }
        return out;
    }

    private static double[][] copy(double[][] m) {
        double[][] out = new double[m.length][];
        for (int t = 0; t < m.length; t++) {
            out[t] = m[t].clone();
        }
        return out;
    }

    /** @return number of trials T */
    public int length() {
        return choiceProbabilities.length;
    }

    /** @return number of hidden states K (0 for a session without trials) */
    public int numStates() {
        return numStates;
    }

    /**
     * The causal choice score of predictions: Σ over the scored trials of log p(observed choice_t |
     * trials &lt; t).
     *
     * @param session             the session
     * @param choiceProbabilities [T] p(choice_t = 1 | trials &lt; t) for it
     * @return the sum, natural log (0 without scored trials)
     * @throws IllegalArgumentException if the lengths differ
     */
    public static double choiceLogLikelihood(Session session, double[] choiceProbabilities) {
        if (choiceProbabilities.length != session.length()) {
            throw new IllegalArgumentException("choiceProbabilities has " + choiceProbabilities.length
                    + " trials, the session " + session.length());
        }
        double s = 0;
        for (int t = 0; t < session.length(); t++) {
            if (session.scored(t)) {
                double p = choiceProbabilities[t];
                s += Math.log(session.choice(t) == 1 ? p : 1 - p);
            }
        }
        return s;
    }

    /** @return [T] p(choice_t = 1 | trials &lt; t), causal (a copy) */
    public double[] choiceProbabilities() {
        return choiceProbabilities.clone();
    }

    /**
     * @return [T][K] one-step predictive state distributions p(z_t | trials &lt; t): the only state
     *         posterior that predictive metrics may use (a copy)
     */
    public double[][] predictedStates() {
        return copy(predicted);
    }

    /** @return [T][K] filtered state posteriors p(z_t | trials ≤ t) (a copy) */
    public double[][] filteredStates() {
        return copy(filtered);
    }

    /**
     * @return [T][K] smoothed state posteriors p(z_t | all trials of the session): for phase
     *         recovery, never for predictive metrics (a copy)
     */
    public double[][] smoothedStates() {
        return copy(smoothed);
    }

    /** @return [T] the most likely state path (Viterbi), states in 0..K−1 (a copy) */
    public int[] mostLikelyStates() {
        return mostLikely.clone();
    }

    /**
     * @return the log marginal likelihood of what the chain emits in this session (natural log):
     *         the scored choices, or the scored choices and their outcomes when the chain emits
     *         outcomes ({@link ChainEvidence#CHOICES_AND_OUTCOMES}); 0 for a session without
     *         scored trials
     */
    public double logLikelihood() {
        return logLikelihood;
    }

    /**
     * @return Σ over the scored trials of log p(choice_t | trials &lt; t) (natural log): the causal
     *         choice score, which equals {@link #logLikelihood()} up to rounding when the chain
     *         emits choices only and the emissions are exact likelihoods
     */
    public double choiceLogLikelihood() {
        return choiceLogLikelihood;
    }
}
