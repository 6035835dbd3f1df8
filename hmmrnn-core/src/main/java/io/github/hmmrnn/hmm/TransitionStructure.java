package io.github.hmmrnn.hmm;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The shape of a transition matrix: which transitions are allowed and how to initialise A.
 *
 * <p>The MAP M-step ({@link HmmMStep}) keeps structural zeros at zero automatically, because the
 * expected count of a transition of probability zero is zero; {@link #allows} additionally lets
 * initialisers and priors respect the structure.
 */
public sealed interface TransitionStructure {

    /**
     * @param numStates K
     * @return the deterministic starting matrix [K][K] for this structure
     * @throws IllegalArgumentException if {@code numStates < 1} or the structure does not fit K
     */
    double[][] initialTransition(int numStates);

    /**
     * @param numStates K
     * @return the starting initial distribution [K] (uniform, except left-to-right: all mass on
     *         state 0)
     * @throws IllegalArgumentException if {@code numStates < 1}
     */
    default double[] initialDistribution(int numStates) {
        requireStates(numStates);
        double[] p = new double[numStates];
        Arrays.fill(p, 1.0 / numStates);
        return p;
    }

    /**
     * A random starting matrix for multi-start EM: each allowed row entry of
     * {@link #initialTransition} is multiplied by an Exp(1)-distributed factor raised to
     * {@code spread}, then the row is renormalised, so structure and rough stickiness are kept.
     *
     * @param numStates K
     * @param spread    perturbation strength, 0 = no perturbation
     * @param rng       randomness source
     * @return [K][K] a row-stochastic matrix respecting {@link #allows}
     * @throws IllegalArgumentException if {@code spread} is negative or not finite
     */
    default double[][] randomTransition(int numStates, double spread, SplittableRandom rng) {
        if (!(spread >= 0) || Double.isInfinite(spread)) {
            throw new IllegalArgumentException("spread must be finite and >= 0, got " + spread);
        }
        double[][] a = initialTransition(numStates);
        for (double[] row : a) {
            double s = 0;
            for (int j = 0; j < row.length; j++) {
                if (row[j] > 0) {
                    row[j] *= Math.pow(-Math.log(1.0 - rng.nextDouble()), spread);
                }
                s += row[j];
            }
            for (int j = 0; j < row.length; j++) {
                row[j] /= s;
            }
        }
        return a;
    }

    /**
     * @param i from state
     * @param j to state
     * @return whether the transition i → j may have positive probability
     */
    default boolean allows(int i, int j) {
        return true;
    }

    private static void requireStates(int numStates) {
        if (numStates < 1) {
            throw new IllegalArgumentException("numStates must be >= 1, got " + numStates);
        }
    }

    /** Any row-stochastic matrix; starts uniform. */
    record Free() implements TransitionStructure {
        @Override
        public double[][] initialTransition(int numStates) {
            requireStates(numStates);
            double[][] a = new double[numStates][numStates];
            for (double[] row : a) {
                Arrays.fill(row, 1.0 / numStates);
            }
            return a;
        }
    }

    /**
     * Sticky start: stay probability on the diagonal, the rest spread evenly over other states.
     *
     * @param stay probability of staying, in [0, 1]
     */
    record Sticky(double stay) implements TransitionStructure {
        /**
         * @param stay probability of staying, in [0, 1]
         * @throws IllegalArgumentException if {@code stay} is outside [0, 1]
         */
        public Sticky {
            if (!(stay >= 0 && stay <= 1)) {
                throw new IllegalArgumentException("stay must be in [0, 1], got " + stay);
            }
        }

        @Override
        public double[][] initialTransition(int numStates) {
            double[] s = new double[numStates > 0 ? numStates : 0];
            Arrays.fill(s, stay);
            return new StickyPerState(s).initialTransition(numStates);
        }
    }

    /**
     * Sticky start with one stay probability per state.
     *
     * @param stay [K] stay probabilities, each in [0, 1]
     */
    record StickyPerState(double[] stay) implements TransitionStructure {
        /**
         * @param stay [K] stay probabilities, each in [0, 1]
         * @throws IllegalArgumentException if {@code stay} is null, empty or has an entry outside
         *                                  (0, 1]
         */
        public StickyPerState {
            if (stay == null || stay.length == 0) {
                throw new IllegalArgumentException("stay must have one entry per state");
            }
            stay = stay.clone();
            for (int i = 0; i < stay.length; i++) {
                if (!(stay[i] >= 0 && stay[i] <= 1)) {
                    throw new IllegalArgumentException("stay[" + i + "] must be in [0, 1], got " + stay[i]);
                }
            }
        }

        /** @return a copy of the stay probabilities */
        @Override
        public double[] stay() {
            return stay.clone();
        }

        @Override
        public double[][] initialTransition(int numStates) {
            requireStates(numStates);
            if (numStates != stay.length) {
                throw new IllegalArgumentException("numStates " + numStates + " does not match "
                        + stay.length + " per-state stay probabilities");
            }
            double[][] a = new double[numStates][numStates];
            for (int i = 0; i < numStates; i++) {
                if (numStates == 1) {
                    a[i][i] = 1.0;
                    continue;
                }
                Arrays.fill(a[i], (1 - stay[i]) / (numStates - 1));
                a[i][i] = stay[i];
            }
            return a;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof StickyPerState s && Arrays.equals(stay, s.stay);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(stay);
        }

        @Override
        public String toString() {
            return "StickyPerState" + Arrays.toString(stay);
        }
    }

    /**
     * Left-to-right (Bakis) chain: state i either stays or moves to i+1; the last state absorbs.
     * Starts in state 0.
     *
     * @param stay probability of staying in states 0..K−2, in (0, 1)
     */
    record LeftToRight(double stay) implements TransitionStructure {
        /**
         * @param stay probability of staying, in (0, 1)
         * @throws IllegalArgumentException if {@code stay} is outside (0, 1)
         */
        public LeftToRight {
            if (!(stay > 0 && stay < 1)) {
                throw new IllegalArgumentException("stay must be in (0, 1), got " + stay);
            }
        }

        @Override
        public double[][] initialTransition(int numStates) {
            requireStates(numStates);
            double[][] a = new double[numStates][numStates];
            for (int i = 0; i < numStates - 1; i++) {
                a[i][i] = stay;
                a[i][i + 1] = 1 - stay;
            }
            a[numStates - 1][numStates - 1] = 1.0;
            return a;
        }

        @Override
        public double[] initialDistribution(int numStates) {
            requireStates(numStates);
            double[] p = new double[numStates];
            p[0] = 1.0;
            return p;
        }

        @Override
        public boolean allows(int i, int j) {
            return j == i || j == i + 1;
        }
    }
}
