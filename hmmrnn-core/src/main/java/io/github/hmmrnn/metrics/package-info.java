/**
 * Honest evaluation shared by every model: causal predictive negative log-likelihood and
 * accuracy (a prediction of trial t uses only trials &lt; t), and recovery of latent phases up to
 * relabelling (Hungarian assignment, confusion matrices, alignment of two fits' states).
 */
package io.github.hmmrnn.metrics;
