/**
 * The hidden-Markov mixture of agents (MoA-HMM) of Venditto, Miller, Brody &amp; Daw: a hidden
 * Markov chain over strategy states, each state weighting the agents' regressors differently,
 * p(choice_t = right | z_t = k) = σ(Σ_a β[a][k]·x_{a,t}).
 *
 * <p>Entry points: {@link io.github.hmmrnn.moa.HmmMoaModel#builder()} (the model
 * specification; {@code fit(data)} runs generalized EM) returning an immutable
 * {@link io.github.hmmrnn.moa.FittedHmmMoa}; {@link io.github.hmmrnn.moa.MoaModelSelection}
 * for session-level cross-validation, state-count sweeps and agent ablation. The chain may also
 * emit outcomes ({@link io.github.hmmrnn.moa.HmmMoaModel.Builder#chainEvidence}), so that its
 * states follow changes in the reward contingencies.
 */
package io.github.hmmrnn.moa;
