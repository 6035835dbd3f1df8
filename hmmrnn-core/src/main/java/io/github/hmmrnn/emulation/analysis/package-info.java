/**
 * Tests and reverse engineering of trained emulators: output statistics (switches, frequencies,
 * lag-1 transitions, run lengths, autocorrelation), one-to-one sequence matching, PCA of hidden
 * trajectories, a fixed-point finder, residency times, noise sensitivity and ablation.
 */
package io.github.hmmrnn.emulation.analysis;
