package io.github.hmmrnn.model;

/**
 * What the hidden chain of a latent-state choice model is allowed to explain.
 *
 * <p>Every model predicts choice t from trials &lt; t only; this setting decides which observations
 * the chain's states emit, and so what its filtered and smoothed posteriors are evidence of.
 */
public enum ChainEvidence {

    /**
     * The states emit choices only; the reward process is not modelled. The exact likelihood is
     * then that of the choices, and any phase information in past rewards can only reach the
     * prediction through the emission model's own inputs (a GRU, learning agents). Such emission
     * models can explain slow preference changes without the chain, so the chain's states need
     * not line up with task phases.
     */
    CHOICES,

    /**
     * The states emit choices and outcomes: state k also has its own probability of reward in each
     * second-step state, p(reward | z = k, second-step state) ({@link OutcomeEmissions}). The fit
     * maximises the joint likelihood of choices and outcomes (second-step states taken as given);
     * choice predictions still mix the heads with p(z_t | trials &lt; t), which now also weighs past
     * rewards. Use it when the latent phases change the reward contingencies (the synthetic task,
     * reward blocks); on data where they do not, the states follow the reward blocks instead of
     * the animal's strategy.
     */
    CHOICES_AND_OUTCOMES;

    /**
     * @return what this evidence adds to a model's {@link ModelSpec#name()}: {@code -outcomes} when
     *         the chain also emits outcomes, nothing for choices only
     */
    public String nameSuffix() {
        return this == CHOICES_AND_OUTCOMES ? "-outcomes" : "";
    }
}
