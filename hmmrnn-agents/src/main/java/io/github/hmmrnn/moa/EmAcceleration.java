package io.github.hmmrnn.moa;

/**
 * How the generalized-EM iterations of {@link HmmMoaModel} are accelerated. Both stop by the same
 * rule (the change in log posterior over one plain EM step, or in the weights and learning rates),
 * so they reach the same optimum up to that tolerance.
 */
public enum EmAcceleration {
    /** Plain generalized EM, one M-step per E-step (MixtureAgentsModels' scheme). */
    NONE,
    /**
     * SQUAREM (Varadhan &amp; Roland 2008): after every two EM steps, one extrapolated point along
     * them is evaluated and kept only if its log posterior beats the second EM step's, so the
     * objective still never decreases. The step length is capped; the cap grows after a kept jump
     * at the cap and shrinks again after a rejected one. Slowly mixing chains (sticky states) need
     * far fewer iterations.
     */
    SQUAREM
}
