package io.github.hmmrnn.hmm;

import java.util.Arrays;

/**
 * Independent Dirichlet priors on π and on each row of A, as in MixtureAgentsModels: π ~
 * Dir(α^π), A[i] ~ Dir(α^A_i). Concentrations of exactly 1 are flat (MAP = maximum likelihood);
 * larger diagonal concentrations encode stickiness.
 *
 * @param initialConcentration    [K] α^π, each &gt; 0
 * @param transitionConcentration [K][K] α^A, each &gt; 0
 */
public record DirichletPrior(double[] initialConcentration, double[][] transitionConcentration) {

    /**
     * Validates and copies the concentrations.
     *
     * @param initialConcentration    [K] α^π, each &gt; 0 and finite
     * @param transitionConcentration [K][K] α^A, each &gt; 0 and finite
     * @throws IllegalArgumentException naming the offending entry
     */
    public DirichletPrior {
        if (initialConcentration == null || initialConcentration.length == 0) {
            throw new IllegalArgumentException("initialConcentration must have at least one entry");
        }
        int k = initialConcentration.length;
        initialConcentration = initialConcentration.clone();
        for (int i = 0; i < k; i++) {
            requirePositive(initialConcentration[i], "initialConcentration[" + i + "]");
        }
        if (transitionConcentration == null || transitionConcentration.length != k) {
            throw new IllegalArgumentException("transitionConcentration must have " + k + " rows, got "
                    + (transitionConcentration == null ? "null" : transitionConcentration.length));
        }
        double[][] copy = new double[k][];
        for (int i = 0; i < k; i++) {
            if (transitionConcentration[i] == null || transitionConcentration[i].length != k) {
                throw new IllegalArgumentException("transitionConcentration[" + i + "] must have " + k + " entries");
            }
            copy[i] = transitionConcentration[i].clone();
            for (int j = 0; j < k; j++) {
                requirePositive(copy[i][j], "transitionConcentration[" + i + "][" + j + "]");
            }
        }
        transitionConcentration = copy;
    }

    private static void requirePositive(double v, String name) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be finite and > 0, got " + v);
        }
    }

    /**
     * Flat prior (all concentrations 1): the MAP M-step is then maximum likelihood.
     *
     * @param numStates K, at least 1
     * @return the prior
     * @throws IllegalArgumentException if {@code numStates < 1}
     */
    public static DirichletPrior flat(int numStates) {
        return sticky(numStates, 1.0, 1.0, 1.0);
    }

    /**
     * The same pseudo-count c on every entry of π and A (concentration c + 1): c = 1 keeps every
     * probability positive (the add-one estimate (n + 1) / (N + K)).
     *
     * @param numStates   K, at least 1
     * @param pseudoCount c, &gt; −1
     * @return the prior
     * @throws IllegalArgumentException if {@code numStates < 1} or {@code pseudoCount <= -1}
     */
    public static DirichletPrior pseudoCount(int numStates, double pseudoCount) {
        return sticky(numStates, pseudoCount + 1, pseudoCount + 1, pseudoCount + 1);
    }

    /**
     * Prior with α^π = {@code alphaInitial} everywhere, α^A_ii = {@code alphaStay} and
     * α^A_ij = {@code alphaSwitch} for i ≠ j.
     *
     * @param numStates    K, at least 1
     * @param alphaInitial concentration for π
     * @param alphaStay    diagonal concentration
     * @param alphaSwitch  off-diagonal concentration
     * @return the prior
     * @throws IllegalArgumentException if {@code numStates < 1} or a concentration is not &gt; 0
     */
    public static DirichletPrior sticky(int numStates, double alphaInitial, double alphaStay, double alphaSwitch) {
        if (numStates < 1) {
            throw new IllegalArgumentException("numStates must be >= 1, got " + numStates);
        }
        double[] a0 = new double[numStates];
        Arrays.fill(a0, alphaInitial);
        double[][] a = new double[numStates][numStates];
        for (int i = 0; i < numStates; i++) {
            Arrays.fill(a[i], alphaSwitch);
            a[i][i] = alphaStay;
        }
        return new DirichletPrior(a0, a);
    }

    /** @return number of states K */
    public int numStates() {
        return initialConcentration.length;
    }

    /** @return a copy of α^π */
    @Override
    public double[] initialConcentration() {
        return initialConcentration.clone();
    }

    /** @return a copy of α^A */
    @Override
    public double[][] transitionConcentration() {
        double[][] c = new double[transitionConcentration.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = transitionConcentration[i].clone();
        }
        return c;
    }

    /**
     * Unnormalised log density Σ (α − 1) log p over π and the rows of A (the Dirichlet
     * normalising constants are dropped: they do not depend on the parameters). Terms with
     * α = 1 contribute 0 even where p = 0.
     *
     * @param parameters π and A with K states
     * @return the log prior density up to a constant; −∞ if a parameter with α &gt; 1 is 0
     * @throws IllegalArgumentException if the number of states differs
     */
    public double logDensity(HmmParameters parameters) {
        int k = numStates();
        if (parameters.numStates() != k) {
            throw new IllegalArgumentException("parameters have " + parameters.numStates()
                    + " states, prior has " + k);
        }
        double s = 0;
        for (int i = 0; i < k; i++) {
            s += term(initialConcentration[i], parameters.initial(i));
            for (int j = 0; j < k; j++) {
                s += term(transitionConcentration[i][j], parameters.transition(i, j));
            }
        }
        return s;
    }

    static double term(double alpha, double p) {
        return alpha == 1.0 ? 0.0 : (alpha - 1.0) * Math.log(p);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DirichletPrior d && Arrays.equals(initialConcentration, d.initialConcentration)
                && Arrays.deepEquals(transitionConcentration, d.transitionConcentration);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(initialConcentration) + Arrays.deepHashCode(transitionConcentration);
    }

    @Override
    public String toString() {
        return "DirichletPrior{initial=" + Arrays.toString(initialConcentration) + ", transition="
                + Arrays.deepToString(transitionConcentration) + "}";
    }
}
