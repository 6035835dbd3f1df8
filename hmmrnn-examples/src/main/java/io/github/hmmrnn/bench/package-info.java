/**
 * Benchmarks: JMH benchmarks and the plain timing suites behind {@code ./hmmrnn bench}.
 */
package io.github.hmmrnn.bench;
