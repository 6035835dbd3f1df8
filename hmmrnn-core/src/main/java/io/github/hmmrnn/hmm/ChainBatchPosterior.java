package io.github.hmmrnn.hmm;

/**
 * Flat output of {@link ForwardBackward#runBatch}: every per-step quantity uses the
 * {@link ChainBatch} layout, value for step t of chain b, state k at
 * {@code ((batch.offset(b) + t) * K + k)}.
 *
 * <p>Arrays are owned by this record and exposed without copying (hot path); do not modify.
 * {@link ForwardBackwardWorkspace#toPosterior()} leaves {@code logConditionals},
 * {@code predicted} and {@code filtered} null when its workspace does not keep them.
 *
 * @param logMarginalLikelihood Σ over chains of log p(y_chain), natural log
 * @param chainLogLikelihoods   [B] log p(y_chain) per chain
 * @param logConditionals       [N] log p(y_t | y_&lt;t) within its chain
 * @param predicted             [N·K] p(z_t | y_&lt;t); a chain's first step holds π
 * @param filtered              [N·K] p(z_t | y_≤t)
 * @param smoothed              [N·K] γ_t = p(z_t | y of the whole chain) = ∂ log p / ∂ logLik
 * @param statistics            Σγ at chain starts and Σξ, for the M-step
 */
public record ChainBatchPosterior(double logMarginalLikelihood, double[] chainLogLikelihoods,
                                  double[] logConditionals, double[] predicted, double[] filtered,
                                  double[] smoothed, HmmStatistics statistics) {
}
