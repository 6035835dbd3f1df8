/**
 * The noise-driven ReLU RNN that emulates an HMM: its pure forward/backward kernel, the DL4J
 * layer that hosts the kernel inside a {@code ComputationGraph}, the immutable
 * {@link io.github.hmmrnn.emulation.rnn.RnnEmulator} and the Sinkhorn training loop
 * {@link io.github.hmmrnn.emulation.rnn.EmulatorTrainer}.
 */
package io.github.hmmrnn.emulation.rnn;
