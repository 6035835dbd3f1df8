/**
 * Short runnable examples, one per use case: generate and fit, fit a rat, compare models, write a
 * custom agent, save and load.
 */
package io.github.hmmrnn.examples;
