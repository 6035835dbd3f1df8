/**
 * The HMM inference engine: forward–backward, filtering, smoothing and related kernels over
 * arbitrary per-state emission log-likelihoods, independent of any emission model.
 */
package io.github.hmmrnn.hmm;
