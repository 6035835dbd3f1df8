/**
 * Plain benchmarks that the {@code ./hmmrnn bench} command runs; each returns named results
 * (name, value, unit, parameters) so the CLI can print them or write JSON.
 */
package io.github.hmmrnn.bench;
