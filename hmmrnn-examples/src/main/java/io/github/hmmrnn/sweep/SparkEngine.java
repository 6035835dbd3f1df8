package io.github.hmmrnn.sweep;

import java.nio.file.Path;
import java.util.List;
import java.util.function.IntConsumer;

import io.github.hmmrnn.spark.SharedTask;
import io.github.hmmrnn.spark.SparkTaskRunner;

/**
 * Runs tasks on Apache Spark through an open {@link SparkTaskRunner}: the plan and its data are
 * read once on the driver and broadcast; each task runs on an executor and writes its result
 * file there (the sweep's folder must be on a file system the executors share, as for a job
 * array), and sends the result back to the driver as well.
 *
 * @param runner an open Spark context (closed by whoever opened it)
 */
public record SparkEngine(SparkTaskRunner runner) implements SweepEngine {

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public List<TaskResult> run(PlanData data, Path dir, List<Integer> indices, IntConsumer done) {
        return runner.run(data, indices, new Task(dir.toAbsolutePath().toString()), done).stream()
                .map(TaskResult::fromJson).toList();
    }

    /** The work shipped to executors: only the folder's path is captured. */
    private record Task(String dir) implements SharedTask<PlanData> {

        private static final long serialVersionUID = 1L;

        @Override
        public String run(PlanData shared, int index) {
            return TaskRunner.run(shared, index, Path.of(dir), "spark").toJson();
        }
    }
}
