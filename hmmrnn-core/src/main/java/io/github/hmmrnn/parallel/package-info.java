/**
 * Running independent pieces of work (starts of a fit, cross-validation folds, sweep tasks,
 * benchmark models) on a few threads with results in submission order
 * ({@link io.github.hmmrnn.parallel.OrderedPool}), so that a result never depends on the thread
 * count.
 */
package io.github.hmmrnn.parallel;
