/**
 * Descriptive analyses of two-step behaviour: stay probabilities and lagged trial-history
 * regressions that separate model-based from model-free signatures.
 */
package io.github.hmmrnn.analysis;
