/**
 * Runs independent tasks on Apache Spark: embedded ({@code local[N]}, nothing to install) or on
 * a cluster ({@code spark://HOST:PORT}, or whatever {@code spark-submit} sets). The module knows
 * nothing of models or data; it ships one shared, broadcast value and a serialisable task, and
 * collects one line per task. The sweep engine of the command line is its only user.
 */
package io.github.hmmrnn.spark;
