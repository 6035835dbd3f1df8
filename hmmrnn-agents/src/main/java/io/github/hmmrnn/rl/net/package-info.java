/**
 * Recurrent Q-networks with hand-written forward and backward passes over whole trials: the
 * multi-plasticity network ({@link io.github.hmmrnn.rl.net.MpnNetwork}, Aitken &amp; Mihalas, eLife
 * 2023;12:e83035) and a GRU baseline. Parameters live in flat {@code double[]} vectors owned by the
 * caller, so the networks themselves are immutable architecture descriptions; the DL4J graph
 * adapter is {@link io.github.hmmrnn.rl.net.MpnLayer}.
 */
package io.github.hmmrnn.rl.net;
