package io.github.hmmrnn.rl.net;

import java.util.SplittableRandom;

/**
 * A recurrent Q-network architecture. Instances are immutable; the trainable parameters are a flat
 * vector passed to every call, so online and target networks share one architecture object.
 * The recurrent state is a flat vector too (the MPN's modulation matrix M, or the GRU's h).
 */
public interface RecurrentQNetwork {

    /**
     * Observation size.
     *
     * @return raw observation length
     */
    int observationSize();

    /**
     * Number of actions (Q-values per step).
     *
     * @return action count
     */
    int actionCount();

    /**
     * Length of the flat parameter vector.
     *
     * @return parameter count
     */
    int parameterCount();

    /**
     * Length of the recurrent state vector.
     *
     * @return state size
     */
    int stateSize();

    /**
     * Draws initial parameters.
     *
     * @param rng random stream
     * @return a new parameter vector satisfying all constraints
     */
    double[] initialParameters(SplittableRandom rng);

    /**
     * Projects parameters back onto their constraint set in place (e.g. clamps the MPN's &lambda;) and
     * resets frozen parameters.
     *
     * @param params parameter vector
     */
    void constrain(double[] params);

    /**
     * The reset state (all zeros: M = 0 or h = 0).
     *
     * @return a new state vector
     */
    default double[] initialState() {
        return new double[stateSize()];
    }

    /**
     * Advances one step: reads {@code obs}, updates {@code state} in place and writes Q-values.
     *
     * @param params parameters
     * @param state  recurrent state, updated in place
     * @param obs    raw observation
     * @param qOut   destination for the Q-values
     */
    void step(double[] params, double[] state, double[] obs, double[] qOut);

    /**
     * Unrolls a sequence from a given state and keeps what the backward pass needs.
     *
     * @param params       parameters
     * @param initialState state before the first step (not modified)
     * @param obs          observations, shape [steps][observationSize]
     * @param steps        number of leading rows of {@code obs} to use
     * @return Q-values per step plus cached activations
     */
    Trace forward(double[] params, double[] initialState, double[][] obs, int steps);

    /**
     * Backpropagation through time: adds dLoss/dParams to {@code gradOut} given dLoss/dQ per step.
     *
     * @param params  the parameters used in {@link #forward}
     * @param trace   the forward trace
     * @param dq      loss gradient with respect to the Q-values, shape [steps][actions]
     * @param gradOut accumulator of length {@link #parameterCount()}
     */
    void backward(double[] params, Trace trace, double[][] dq, double[] gradOut);
}
