package io.github.hmmrnn.emulation.rnn;

/**
 * How the recurrent matrix W_hh of a fresh emulator is drawn. Both rules take a gain g; the
 * input and readout weights are always PyTorch-uniform in ±1/√n.
 *
 * <p>Why this matters: the emulator has to turn i.i.d. noise into outputs that persist for
 * ~15 steps (Two: switch probability ≈ 0.05 per step). Under {@link #UNIFORM} the bias-free ReLU
 * map h ↦ ReLU(W_hh h) has spectral radius ≈ g/√3 ≈ 0.58 at g = 1, so the hidden state forgets
 * within two or three steps and the logits' temporal variation is tiny next to the Gumbel noise.
 * The straight-through Sinkhorn gradient then hardly correlates with the hidden state (the
 * matched HMM target of an RNN sequence is chosen by its Gumbel-driven symbols), and training sits
 * on a memoryless plateau whose escape needs the long, large-batch runs of the reference (≈ 150
 * Adam steps at batch 4096 for Two). {@link #SCALED_IDENTITY} starts every unit as a leaky
 * integrator with time constant 1/(1 − g), so persistent, output-relevant hidden states exist from
 * the first step and the gradient can shape them.
 */
public enum RecurrentInitialization {

    /**
     * W_hh entries uniform in ±g/√n; g = 1 is PyTorch's {@code nn.RNN} default and the reference.
     */
    UNIFORM,

    /**
     * W_hh = g·I, the identity-initialised ReLU RNN of Le, Jaitly and Hinton (2015, "IRNN"),
     * scaled below 1 so that the noise-driven hidden state stays bounded (a leaky integrator).
     */
    SCALED_IDENTITY
}
