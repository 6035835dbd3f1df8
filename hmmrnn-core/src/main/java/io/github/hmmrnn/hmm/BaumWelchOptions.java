package io.github.hmmrnn.hmm;

/**
 * Options for fitting a {@link CategoricalHmm} by Baum–Welch (EM).
 *
 * @param numStates             K, at least 1
 * @param numSymbols            number of emission symbols M, at least 1
 * @param maxIterations         EM iterations per restart, at least 1
 * @param tolerance             stop when the log posterior improves by less than
 *                              {@code tolerance × max(1, |log posterior|)}; &gt;= 0
 * @param starts                number of random starts, at least 1; the best log posterior wins
 * @param seed                  root seed; restart r uses the r-th split of one root
 *                              {@link java.util.SplittableRandom}
 * @param structure             transition structure used to initialise A
 * @param transitionPrior       Dirichlet prior on π and A (K states)
 * @param emissionConcentration symmetric Dirichlet concentration on each emission row, &gt; 0
 *                              (1 = flat)
 */
public record BaumWelchOptions(int numStates, int numSymbols, int maxIterations, double tolerance, int starts,
                               long seed, TransitionStructure structure, DirichletPrior transitionPrior,
                               double emissionConcentration) {

    /**
     * Validates every option.
     *
     * @throws IllegalArgumentException naming the offending option
     */
    public BaumWelchOptions {
        if (numStates < 1) {
            throw new IllegalArgumentException("numStates must be >= 1, got " + numStates);
        }
        if (numSymbols < 1) {
            throw new IllegalArgumentException("numSymbols must be >= 1, got " + numSymbols);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
        }
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("tolerance must be finite and >= 0, got " + tolerance);
        }
        if (starts < 1) {
            throw new IllegalArgumentException("starts must be >= 1, got " + starts);
        }
        if (structure == null) {
            throw new IllegalArgumentException("structure must not be null");
        }
        if (transitionPrior == null) {
            throw new IllegalArgumentException("transitionPrior must not be null");
        }
        if (transitionPrior.numStates() != numStates) {
            throw new IllegalArgumentException("transitionPrior has " + transitionPrior.numStates()
                    + " states, numStates is " + numStates);
        }
        if (!(emissionConcentration > 0) || Double.isInfinite(emissionConcentration)) {
            throw new IllegalArgumentException("emissionConcentration must be finite and > 0, got "
                    + emissionConcentration);
        }
    }

    /**
     * Defaults: 500 iterations, tolerance 1e-8, 5 starts, seed 1, sticky start (stay 0.9),
     * flat priors.
     *
     * @param numStates  K
     * @param numSymbols M
     * @return the options
     * @throws IllegalArgumentException if K or M is below 1
     */
    public static BaumWelchOptions defaults(int numStates, int numSymbols) {
        return new BaumWelchOptions(numStates, numSymbols, 500, 1e-8, 5, 1L,
                numStates == 1 ? new TransitionStructure.Free() : new TransitionStructure.Sticky(0.9),
                DirichletPrior.flat(Math.max(numStates, 1)), 1.0);
    }

    /**
     * @param newStarts number of starts
     * @return a copy with a different number of starts
     */
    public BaumWelchOptions withStarts(int newStarts) {
        return new BaumWelchOptions(numStates, numSymbols, maxIterations, tolerance, newStarts, seed, structure,
                transitionPrior, emissionConcentration);
    }

    /**
     * @param newSeed root seed
     * @return a copy with a different seed
     */
    public BaumWelchOptions withSeed(long newSeed) {
        return new BaumWelchOptions(numStates, numSymbols, maxIterations, tolerance, starts, newSeed, structure,
                transitionPrior, emissionConcentration);
    }

    /**
     * @param newPrior prior on π and A
     * @param newEmissionConcentration symmetric emission concentration
     * @return a copy with different priors
     */
    public BaumWelchOptions withPriors(DirichletPrior newPrior, double newEmissionConcentration) {
        return new BaumWelchOptions(numStates, numSymbols, maxIterations, tolerance, starts, seed, structure,
                newPrior, newEmissionConcentration);
    }

    /**
     * @param newMaxIterations iteration cap per restart
     * @param newTolerance     relative convergence tolerance
     * @return a copy with different stopping rules
     */
    public BaumWelchOptions withStopping(int newMaxIterations, double newTolerance) {
        return new BaumWelchOptions(numStates, numSymbols, newMaxIterations, newTolerance, starts, seed, structure,
                transitionPrior, emissionConcentration);
    }
}
