/**
 * Experiments the command line runs, kept apart from writing their output: the synthetic
 * benchmark (train and test data, fits, causal evaluation beside the Bayes oracle), per-split
 * evaluations, and the settings that turn a model kind into a {@link io.github.hmmrnn.model.ModelSpec}.
 * Nothing here writes files; {@link io.github.hmmrnn.report} writes reports, tables and plots.
 */
package io.github.hmmrnn.experiment;
