/**
 * HMM emulation: small hidden Markov models used as sequence generators, noise-driven RNNs
 * trained to reproduce their output statistics, the debiased Sinkhorn divergence used as the
 * training loss, and the tools that compare and reverse-engineer the trained networks.
 *
 * <p>The research line follows Torre et al., "RNNs emulating HMMs" (arXiv 2510.25674). Entry
 * points: {@link io.github.hmmrnn.emulation.HmmPreset} (the reference HMMs),
 * {@link io.github.hmmrnn.emulation.SinkhornDivergence} (the loss),
 * {@link io.github.hmmrnn.emulation.rnn.RnnEmulator} (the network) and
 * {@link io.github.hmmrnn.emulation.experiment.EmulationExperiment} (a full run).
 */
package io.github.hmmrnn.emulation;
