/**
 * Interfaces shared by every fitted model: causal choice prediction, latent-state posteriors and
 * training histories.
 */
package io.github.hmmrnn.model;
