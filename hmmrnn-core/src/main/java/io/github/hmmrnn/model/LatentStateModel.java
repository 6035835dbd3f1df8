package io.github.hmmrnn.model;

import java.util.List;

import io.github.hmmrnn.data.TwoStepDataset;

/**
 * A fitted choice model with K hidden states (phases / strategies) that follow a Markov chain.
 */
public interface LatentStateModel extends FittedChoiceModel {

    /** @return number of hidden states K */
    int numStates();

    /** @return initial state distribution π, [K] (a copy) */
    double[] initialDistribution();

    /** @return transition matrix A, [K][K] (a copy) */
    double[][] transitionMatrix();

    /**
     * Runs inference once over every session: per-trial choice probabilities, predictive, filtered
     * and smoothed state posteriors, the Viterbi path and the log-likelihoods, all from one pass.
     * The per-query methods of this interface are views of it; call this once when several
     * quantities are needed.
     *
     * @param data sessions
     * @return the immutable result, sessions in dataset order
     * @throws IllegalArgumentException if the data cannot be handled by this model
     */
    StateInference infer(TwoStepDataset data);

    /**
     * One-step predictive state distributions p(z_t | trials &lt; t): what causal metrics use.
     *
     * @param data sessions
     * @return per session [T][K]
     */
    default List<double[][]> predictedStates(TwoStepDataset data) {
        return infer(data).predictedStates();
    }

    /**
     * Filtered posteriors p(z_t | trials ≤ t).
     *
     * @param data sessions
     * @return per session [T][K]
     */
    default List<double[][]> filteredStates(TwoStepDataset data) {
        return infer(data).filteredStates();
    }

    /**
     * Smoothed posteriors p(z_t | all trials of the session): for phase recovery only, never for
     * predictive metrics.
     *
     * @param data sessions
     * @return per session [T][K]
     */
    default List<double[][]> smoothedStates(TwoStepDataset data) {
        return infer(data).smoothedStates();
    }

    /**
     * Most likely state paths (Viterbi).
     *
     * @param data sessions
     * @return per session [T]
     */
    default List<int[]> mostLikelyStates(TwoStepDataset data) {
        return infer(data).mostLikelyStates();
    }
}
