package io.github.hmmrnn.data;

/** How sessions are assigned to cross-validation folds. */
public enum SplitMethod {
    /** Session i goes to fold i mod n (MixtureAgentsModels' default). */
    STRIDE,
    /** Sessions are shuffled with the given seed, then dealt out by stride. */
    RANDOM
}
