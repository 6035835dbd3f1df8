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
     * One-step predictive state distributions p(z_t | trials &lt; t): what causal metrics use.
     *
     * @param data sessions
     * @return per session [T][K]
     */
    List<double[][]> predictedStates(TwoStepDataset data);

    /**
     * Filtered posteriors p(z_t | trials ≤ t).
     *
     * @param data sessions
     * @return per session [T][K]
     */
    List<double[][]> filteredStates(TwoStepDataset data);

    /**
     * Smoothed posteriors p(z_t | all trials of the session): for phase recovery only, never for
     * predictive metrics.
     *
     * @param data sessions
     * @return per session [T][K]
     */
    List<double[][]> smoothedStates(TwoStepDataset data);

    /**
     * Most likely state paths (Viterbi).
     *
     * @param data sessions
     * @return per session [T]
     */
    List<int[]> mostLikelyStates(TwoStepDataset data);
}
