/**
 * Interfaces shared by every fitted model: causal choice prediction, latent-state posteriors (one
 * immutable {@link io.github.hmmrnn.model.StateInference} per dataset), training histories and
 * the {@link io.github.hmmrnn.model.Provenance} record every saved model carries.
 */
package io.github.hmmrnn.model;
