package io.github.hmmrnn.hmm;

import java.util.Arrays;

/**
 * Immutable parameters of a Markov chain over K hidden states: the initial distribution π and
 * the transition matrix A. Created only through {@link #of}, which validates and copies.
 */
public final class HmmParameters {

    private final double[] initial;
    private final double[][] transition;

    private HmmParameters(double[] initial, double[][] transition) {
        this.initial = initial;
        this.transition = transition;
    }

    /**
     * Validates and copies π and A.
     *
     * @param initial    [K] initial distribution π, non-negative, summing to 1 within 1e-9
     * @param transition [K][K] row-stochastic matrix, A[i][j] = p(z_t+1 = j | z_t = i)
     * @return the parameters
     * @throws IllegalArgumentException naming {@code initial} or {@code transition} and the
     *                                  offending entry if either is not a valid distribution or
     *                                  the shapes disagree
     */
    public static HmmParameters of(double[] initial, double[][] transition) {
        HmmValidation.requireDistribution(initial, "initial");
        HmmValidation.requireStochastic(transition, initial.length, "transition");
        double[][] a = new double[transition.length][];
        for (int i = 0; i < a.length; i++) {
            a[i] = transition[i].clone();
        }
        return new HmmParameters(initial.clone(), a);
    }

    /**
     * The sticky start of the library's chain fits: uniform π and A with {@code stay} on the
     * diagonal and (1 − stay)/(K − 1) elsewhere (A = [[1]] for K = 1); see
     * {@link TransitionStructure.Sticky}.
     *
     * @param numStates K, at least 1
     * @param stay      self-transition probability, in [0, 1]
     * @return the parameters
     * @throws IllegalArgumentException if {@code numStates < 1} or {@code stay} is outside [0, 1]
     */
    public static HmmParameters stickyStart(int numStates, double stay) {
        TransitionStructure structure = new TransitionStructure.Sticky(stay);
        return of(structure.initialDistribution(numStates), structure.initialTransition(numStates));
    }

    /** @return number of hidden states K */
    public int numStates() {
        return initial.length;
    }

    /** @return a copy of π, [K] */
    public double[] initial() {
        return initial.clone();
    }

    /**
     * @param k state index
     * @return π_k
     */
    public double initial(int k) {
        return initial[k];
    }

    /** @return a copy of A, [K][K] */
    public double[][] transition() {
        double[][] a = new double[transition.length][];
        for (int i = 0; i < a.length; i++) {
            a[i] = transition[i].clone();
        }
        return a;
    }

    /**
     * @param i from state
     * @param j to state
     * @return A[i][j]
     */
    public double transition(int i, int j) {
        return transition[i][j];
    }

    /** Internal array, not copied: for kernels in this package only. */
    double[] initialArray() {
        return initial;
    }

    /** Internal array, not copied: for kernels in this package only. */
    double[][] transitionArray() {
        return transition;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HmmParameters p && Arrays.equals(initial, p.initial)
                && Arrays.deepEquals(transition, p.transition);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(initial) + Arrays.deepHashCode(transition);
    }

    @Override
    public String toString() {
        return "HmmParameters{initial=" + Arrays.toString(initial) + ", transition="
                + Arrays.deepToString(transition) + "}";
    }
}
