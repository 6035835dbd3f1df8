package io.github.hmmrnn.spark;

import java.io.Serializable;

/**
 * One unit of work run on an executor: it reads the broadcast value and the task's index, does
 * its work (writing its own result, atomically, so that a retried attempt replaces the output of
 * an earlier one), and returns a one-line summary for the driver. It must derive everything,
 * seeds included, from the shared value and the index, never from the partition or attempt.
 *
 * @param <S> type of the broadcast value
 */
@FunctionalInterface
public interface SharedTask<S> extends Serializable {

    /**
     * Runs task {@code index}.
     *
     * @param shared the broadcast value (deserialised once per executor)
     * @param index  the task's index
     * @return a one-line summary for the driver
     * @throws Exception if the task cannot run; Spark then retries it, and fails the job after
     *                   {@code spark.task.maxFailures} attempts
     */
    String run(S shared, int index) throws Exception;
}
