/**
 * Bayes-optimal reference predictors for synthetic data: given a generator's true parameters,
 * the best causal prediction any model could make, so every benchmark can print the floor.
 */
package io.github.hmmrnn.oracle;
