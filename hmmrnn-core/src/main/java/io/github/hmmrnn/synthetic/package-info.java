/**
 * Synthetic data: the two-step task generator with latent phases.
 */
package io.github.hmmrnn.synthetic;
