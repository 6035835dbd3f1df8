package io.github.hmmrnn.rl.net;

/** How the synaptic modulation M combines with the fixed weights W. */
public enum PlasticityMode {
    /** h = tanh(b + (W &odot; (1 + M)) x), the form used in the MPN paper. */
    MULTIPLICATIVE,
    /** h = tanh(b + (W + M) x). */
    ADDITIVE
}
