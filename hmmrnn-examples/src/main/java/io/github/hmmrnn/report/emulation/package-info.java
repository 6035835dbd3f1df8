/**
 * Figures of HMM emulation runs: loss against the HMM-vs-HMM floor, transition matrices,
 * volatility and frequency summaries, run lengths, PCA trajectories with fixed points and the
 * residency-time map.
 */
package io.github.hmmrnn.report.emulation;
