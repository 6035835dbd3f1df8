/** Plots for recurrent RL agents: training curves, psychometric curves and example trials. */
package io.github.hmmrnn.report.rl;
