/**
 * Neural mixtures of agents: a tiny GRU reads the trial history and sets, trial by trial, how
 * much each reinforcement-learning agent contributes to the choice.
 *
 * <p>{@link io.github.hmmrnn.moa.neural.TinyMoaRnnModel} fits
 * logit_t = Σ_a w_a · g_{t,a} · x_{a,t} + b with g_t = softmax(W_g h_t + c), where h_t is the
 * GRU state after reading trials &lt; t and x_{a,t} are the agents' value differences (fixed
 * agent parameters). The learnable per-agent weights w_a let the model scale agents, which
 * plain softmax gates (summing to one) cannot.
 *
 * <p>{@link io.github.hmmrnn.moa.neural.HmmTinyMoaModel} gives each of K hidden-Markov states its
 * own gate head, agent weights and bias over the shared GRU, and is trained on the exact log
 * marginal likelihood.
 *
 * <p>The GRU of both is hmmrnn-core's {@link io.github.hmmrnn.rnn.GruGraph}, the same DL4J
 * {@code ComputationGraph} GRU as TinyRNN's; the gate heads are plain Java
 * ({@code GatedMixtureKernel}), whose gradient enters the graph as an external error.
 */
package io.github.hmmrnn.moa.neural;
