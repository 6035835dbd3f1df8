/**
 * The model contract: {@link io.github.hmmrnn.model.ModelSpec}, implemented by every model
 * specification (fit, name, builder, JSON round trip through {@link io.github.hmmrnn.model.ModelSpecs}
 * and the {@link io.github.hmmrnn.model.ModelSpecCodec} providers), and the interfaces shared by every
 * fitted model: causal choice prediction ({@link io.github.hmmrnn.model.FittedChoiceModel}),
 * latent-state posteriors ({@link io.github.hmmrnn.model.LatentStateModel}), training histories
 * with one meaning ({@link io.github.hmmrnn.model.TrainingHistory}) and plot hooks. Also the
 * bias-only choice HMM ({@link io.github.hmmrnn.model.BiasHmmModel}).
 */
package io.github.hmmrnn.model;
