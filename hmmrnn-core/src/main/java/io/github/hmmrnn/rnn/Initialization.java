package io.github.hmmrnn.rnn;

/**
 * How an HMM-TinyRNN fit starts.
 *
 * <p>A GRU with heads can explain slow changes in choice preference in two ways: through its own
 * memory (every head predicts the same mixture, the chain carries nothing) or through the hidden
 * chain (each head is the policy of one phase). The exact likelihood barely distinguishes the
 * two, and gradient training from a symmetric start drifts to the first, leaving the phase
 * posteriors at chance. {@link #BIAS_HMM} starts in the basin of the second.
 */
public enum Initialization {

    /**
     * Warm start from a bias-only K-state choice HMM ({@link io.github.hmmrnn.model.BiasHmm})
     * fitted by EM to the training choices: π and A are copied from it; head k starts with output
     * bias logit(p_k) and small weights on the GRU state; then the network is trained for
     * {@code warmStartEpochs} Adam steps against that HMM's smoothed posteriors held fixed, before
     * the exact-likelihood generalised EM begins. The default for K &gt; 1.
     */
    BIAS_HMM,

    /**
     * Sticky A (stay probability {@code stickiness}) and uniform π with small seeded noise, heads
     * from DL4J's seeded Xavier initialisation. Used for K = 1 (the TinyRNN), where there is no
     * chain.
     */
    SYMMETRIC
}
