/**
 * Sweeps: a {@link io.github.hmmrnn.sweep.SweepPlan plan} of independent cross-validation fits
 * (subject, model specification, fold, inner validation, seed), written as {@code plan.json}
 * before any work; {@linkplain io.github.hmmrnn.sweep.SweepEngine engines} that run its tasks on a
 * thread pool, one per process (scheduler job arrays) or on Apache Spark, each task writing one
 * result file atomically; and {@link io.github.hmmrnn.sweep.Sweeps#gather gather}, which turns the
 * results into the tables and plots of {@code compare} and {@code fit --cv}.
 */
package io.github.hmmrnn.sweep;
