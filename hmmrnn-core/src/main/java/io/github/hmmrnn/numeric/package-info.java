/**
 * Small numerical helpers shared by every model family: the {@link io.github.hmmrnn.numeric.Adam}
 * optimiser on flat parameter vectors, the logistic function and its logarithm
 * ({@link io.github.hmmrnn.numeric.Logistic}), and copies of nested arrays
 * ({@link io.github.hmmrnn.numeric.DoubleArrays}).
 *
 * <p>One copy of each, so that every model computes them with the same arithmetic (and the same
 * rounding); none of them touches ND4J.
 */
package io.github.hmmrnn.numeric;
