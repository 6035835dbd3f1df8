/**
 * Tiny recurrent models of choice on a DL4J backend: {@link io.github.hmmrnn.rnn.TinyRnnModel}
 * (the tiny GRU of Ji-An, Benna &amp; Mattar, Nature 2025) and
 * {@link io.github.hmmrnn.rnn.HmmTinyRnnModel} (the same GRU with K readout heads whose choice
 * probabilities are the emissions of a K-state HMM), both trained by the exact log marginal
 * likelihood of the observed choices.
 *
 * <p>This is the only package that imports DL4J/ND4J; no INDArray crosses its public API. The
 * GRU is {@link io.github.hmmrnn.rnn.FusedGruLayer}, a DL4J layer with a fused hand-written
 * forward/backward kernel, inside a {@link org.deeplearning4j.nn.graph.ComputationGraph}.
 * Model mathematics: {@code docs/hmm-tinyrnn.md}.
 */
package io.github.hmmrnn.rnn;
