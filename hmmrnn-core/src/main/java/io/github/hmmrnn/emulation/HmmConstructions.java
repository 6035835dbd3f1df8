package io.github.hmmrnn.emulation;

import java.util.Arrays;

/**
 * The construction rules of the reference emulation study for start, transition and emission
 * matrices. Every method returns a fresh array and validates its arguments.
 */
public final class HmmConstructions {

    private HmmConstructions() {
    }

    /**
     * Uniform start probabilities 1/M.
     *
     * @param numStates M, at least 1
     * @return [M] probabilities
     * @throws IllegalArgumentException if numStates is below 1
     */
    public static double[] uniformStart(int numStates) {
        requireStates(numStates, 1);
        double[] p = new double[numStates];
        Arrays.fill(p, 1.0 / numStates);
        return p;
    }

    /**
     * A chain that stays with probability {@code stay}: end rows [s, 1-s], interior rows s on the
     * diagonal and (1-s)/2 to each neighbour.
     *
     * @param numStates M, at least 2
     * @param stay      stay probability in [0, 1]
     * @return [M][M] transition matrix
     * @throws IllegalArgumentException if M is below 2 or stay is not a probability
     */
    public static double[][] stayProbability(int numStates, double stay) {
        requireStates(numStates, 2);
        requireProbability("stay", stay);
        double[][] a = new double[numStates][numStates];
        for (int i = 0; i < numStates; i++) {
            a[i][i] = stay;
            if (i == 0) {
                a[i][1] = 1 - stay;
            } else if (i == numStates - 1) {
                a[i][i - 1] = 1 - stay;
            } else {
                a[i][i - 1] = (1 - stay) / 2;
                a[i][i + 1] = (1 - stay) / 2;
            }
        }
        return a;
    }

    /**
     * A chain parameterised by the probability {@code target} of walking from one end to the other
     * in M-1 consecutive steps: q = target^(1/(M-1)); end rows [1-q, q], interior rows q, 1-2q, q.
     * The matrix is symmetric, so the stationary distribution is uniform.
     *
     * @param numStates M, at least 2
     * @param target    end-to-end probability in [0, 1]
     * @return [M][M] transition matrix
     * @throws IllegalArgumentException if M is below 2, target is not a probability, or 1-2q is negative
     *                                  (the rule breaks down for M of 6 and more at target 0.05)
     */
    public static double[][] targetProbability(int numStates, double target) {
        requireStates(numStates, 2);
        requireProbability("target", target);
        double q = Math.pow(target, 1.0 / (numStates - 1));
        if (numStates > 2 && 1 - 2 * q < 0) {
            throw new IllegalArgumentException("target " + target + " with " + numStates
                    + " states gives step probability q = " + q + " and a negative diagonal 1 - 2q = " + (1 - 2 * q));
        }
        double[][] a = new double[numStates][numStates];
        for (int i = 0; i < numStates; i++) {
            if (i == 0) {
                a[i][0] = 1 - q;
                a[i][1] = q;
            } else if (i == numStates - 1) {
                a[i][i - 1] = q;
                a[i][i] = 1 - q;
            } else {
                a[i][i - 1] = q;
                a[i][i] = 1 - 2 * q;
                a[i][i + 1] = q;
            }
        }
        return a;
    }

    /**
     * A fully connected chain: {@code stay} on the diagonal, (1-stay)/(M-1) elsewhere.
     *
     * @param numStates M, at least 2
     * @param stay      stay probability in [0, 1]
     * @return [M][M] transition matrix
     * @throws IllegalArgumentException if M is below 2 or stay is not a probability
     */
    public static double[][] fullyConnected(int numStates, double stay) {
        requireStates(numStates, 2);
        requireProbability("stay", stay);
        double[][] a = new double[numStates][numStates];
        for (int i = 0; i < numStates; i++) {
            for (int j = 0; j < numStates; j++) {
                a[i][j] = i == j ? stay : (1 - stay) / (numStates - 1);
            }
        }
        return a;
    }

    /**
     * A ring: {@code stay} on the diagonal and (1-stay)/2 to each of the two ring neighbours.
     *
     * @param numStates M, at least 3
     * @param stay      stay probability in [0, 1]
     * @return [M][M] transition matrix
     * @throws IllegalArgumentException if M is below 3 or stay is not a probability
     */
    public static double[][] cyclicRing(int numStates, double stay) {
        requireStates(numStates, 3);
        requireProbability("stay", stay);
        double[][] a = new double[numStates][numStates];
        for (int i = 0; i < numStates; i++) {
            a[i][i] = stay;
            a[i][(i + 1) % numStates] += (1 - stay) / 2;
            a[i][(i + numStates - 1) % numStates] += (1 - stay) / 2;
        }
        return a;
    }

    /**
     * Linear emissions over three outputs: row i = [0.99(1-a), 0.01, 0.99a] with a = i/(M-1), so
     * output 1 is a rare 1% noise symbol and outputs 0 and 2 code position along the chain.
     *
     * @param numStates M, at least 2
     * @return [M][3] emission matrix
     * @throws IllegalArgumentException if M is below 2
     */
    public static double[][] linearEmissions(int numStates) {
        requireStates(numStates, 2);
        double[][] e = new double[numStates][3];
        for (int i = 0; i < numStates; i++) {
            double alpha = (double) i / (numStates - 1);
            e[i][0] = 0.99 * (1 - alpha);
            e[i][1] = 0.01;
            e[i][2] = 0.99 * alpha;
        }
        return e;
    }

    /**
     * Gaussian emissions: entry (i, j) proportional to exp(-0.2 (|j - c_i| / (0.1 (K-1)))^2) with
     * centres c = linspace(0, K-1, M), rows normalised.
     *
     * @param numStates  M, at least 1
     * @param numOutputs K, at least 2
     * @return [M][K] emission matrix
     * @throws IllegalArgumentException if M is below 1 or K below 2
     */
    public static double[][] gaussianEmissions(int numStates, int numOutputs) {
        requireStates(numStates, 1);
        requireOutputs(numOutputs);
        double[][] e = new double[numStates][numOutputs];
        for (int i = 0; i < numStates; i++) {
            double c = numStates == 1 ? 0 : (numOutputs - 1) * (double) i / (numStates - 1);
            double sum = 0;
            for (int j = 0; j < numOutputs; j++) {
                double z = Math.abs(j - c) / (0.1 * (numOutputs - 1));
                e[i][j] = Math.exp(-0.2 * z * z);
                sum += e[i][j];
            }
            for (int j = 0; j < numOutputs; j++) {
                e[i][j] /= sum;
            }
        }
        return e;
    }

    /**
     * "Triangular" emissions: {@code diagonal} on the diagonal and the rest spread evenly, one output
     * per state (the reference uses 0.98 with three states and outputs).
     *
     * @param numStates M = K, at least 2
     * @param diagonal  probability of emitting the state's own symbol
     * @return [M][M] emission matrix
     * @throws IllegalArgumentException if M is below 2 or diagonal is not a probability
     */
    public static double[][] triangularEmissions(int numStates, double diagonal) {
        requireStates(numStates, 2);
        requireProbability("diagonal", diagonal);
        double[][] e = new double[numStates][numStates];
        for (int i = 0; i < numStates; i++) {
            for (int j = 0; j < numStates; j++) {
                e[i][j] = i == j ? diagonal : (1 - diagonal) / (numStates - 1);
            }
        }
        return e;
    }

    private static void requireStates(int numStates, int min) {
        if (numStates < min) {
            throw new IllegalArgumentException("numStates must be >= " + min + ", got " + numStates);
        }
    }

    private static void requireOutputs(int numOutputs) {
        if (numOutputs < 2) {
            throw new IllegalArgumentException("numOutputs must be >= 2, got " + numOutputs);
        }
    }

    private static void requireProbability(String name, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(name + " must be a probability in [0, 1], got " + p);
        }
    }
}
