package io.github.hmmrnn.hmm;

import java.util.List;

/**
 * Boundary checks for HMM inputs. The kernels in this package assume valid input; public entry
 * points that accept user data call these first, so bad input fails with a message naming the
 * parameter and the offending entry instead of producing NaN.
 */
public final class HmmValidation {

    /** Largest accepted deviation of a probability vector's sum from 1. */
    public static final double SUM_TOLERANCE = 1e-9;

    private HmmValidation() {
    }

    /**
     * Checks that {@code p} is a probability vector: finite, non-negative entries summing to 1
     * within {@link #SUM_TOLERANCE}.
     *
     * @param p    the vector
     * @param name the parameter name used in messages, e.g. {@code "initial"}
     * @throws IllegalArgumentException if {@code p} is null or empty, has a NaN, infinite or
     *                                  negative entry, or does not sum to 1
     */
    public static void requireDistribution(double[] p, String name) {
        if (p == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (p.length == 0) {
            throw new IllegalArgumentException(name + " must have at least one entry");
        }
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            double v = p[i];
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(name + "[" + i + "] = " + v + " is not a finite probability");
            }
            if (v < 0) {
                throw new IllegalArgumentException(name + "[" + i + "] = " + v + " is negative");
            }
            sum += v;
        }
        if (Math.abs(sum - 1.0) > SUM_TOLERANCE) {
            throw new IllegalArgumentException(name + " sums to " + sum + ", expected 1 within " + SUM_TOLERANCE);
        }
    }

    /**
     * Checks that {@code a} is a square row-stochastic matrix of size {@code numStates}.
     *
     * @param a         the matrix, a[i][j] = p(z_t+1 = j | z_t = i)
     * @param numStates expected K
     * @param name      the parameter name used in messages, e.g. {@code "transition"}
     * @throws IllegalArgumentException if a shape is wrong or a row is not a probability vector
     */
    public static void requireStochastic(double[][] a, int numStates, String name) {
        if (a == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (a.length != numStates) {
            throw new IllegalArgumentException(name + " has " + a.length + " rows, expected " + numStates);
        }
        for (int i = 0; i < numStates; i++) {
            if (a[i] == null || a[i].length != numStates) {
                throw new IllegalArgumentException(name + "[" + i + "] has "
                        + (a[i] == null ? "no" : String.valueOf(a[i].length)) + " columns, expected " + numStates);
            }
            requireDistribution(a[i], name + "[" + i + "]");
        }
    }

    /**
     * Checks one chain's emission log-likelihoods: shape [T][K] with T &gt;= 1, no NaN, no +∞,
     * and at least one state with a finite value at every time step (−∞ marks an impossible
     * state and is allowed).
     *
     * @param logLik    [T][K] natural-log emission likelihoods
     * @param numStates expected K
     * @param name      the parameter name used in messages, e.g. {@code "logLik"}
     * @throws IllegalArgumentException naming the first offending entry
     */
    public static void requireLogLikelihoods(double[][] logLik, int numStates, String name) {
        if (logLik == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (logLik.length == 0) {
            throw new IllegalArgumentException(name + " has no time steps, expected T >= 1");
        }
        for (int t = 0; t < logLik.length; t++) {
            double[] row = logLik[t];
            if (row == null || row.length != numStates) {
                throw new IllegalArgumentException(name + "[" + t + "] has "
                        + (row == null ? "no" : String.valueOf(row.length)) + " states, expected " + numStates);
            }
            boolean anyFinite = false;
            for (int k = 0; k < numStates; k++) {
                double v = row[k];
                if (Double.isNaN(v) || v == Double.POSITIVE_INFINITY) {
                    throw new IllegalArgumentException(name + "[" + t + "][" + k + "] = " + v
                            + ", expected a finite log-likelihood or -Infinity");
                }
                anyFinite |= v != Double.NEGATIVE_INFINITY;
            }
            if (!anyFinite) {
                throw new IllegalArgumentException(name + "[" + t + "] is -Infinity for every state");
            }
        }
    }

    /**
     * Checks every chain of a batch with {@link #requireLogLikelihoods}; messages name the chain.
     *
     * @param chains    one [T_b][K] array per chain
     * @param numStates expected K
     * @throws IllegalArgumentException if the list is null or empty or a chain is invalid
     */
    public static void requireChains(List<double[][]> chains, int numStates) {
        if (chains == null || chains.isEmpty()) {
            throw new IllegalArgumentException("chains must contain at least one chain");
        }
        for (int b = 0; b < chains.size(); b++) {
            requireLogLikelihoods(chains.get(b), numStates, "logLik of chain " + b + ": logLik");
        }
    }
}
