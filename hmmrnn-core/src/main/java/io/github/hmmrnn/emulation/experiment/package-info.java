/**
 * Experiment management for HMM emulation: JSON preset configurations at two scales, single
 * runs into timestamped folders (config, training results, summary, model), and resumable grids
 * over hidden size, input size and seed.
 */
package io.github.hmmrnn.emulation.experiment;
