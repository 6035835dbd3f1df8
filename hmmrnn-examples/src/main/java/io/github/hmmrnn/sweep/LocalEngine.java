package io.github.hmmrnn.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.concurrent.Callable;
import io.github.hmmrnn.parallel.OrderedPool;

/**
 * Runs tasks on a thread pool in this process: the default engine.
 *
 * @param threads worker threads, at least 1
 */
public record LocalEngine(int threads) implements SweepEngine {

    /**
     * Checks the thread count.
     *
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public LocalEngine {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public List<TaskResult> run(PlanData data, Path dir, List<Integer> indices, IntConsumer done) {
        if (indices.isEmpty()) {
            return List.of();
        }
        List<Callable<TaskResult>> tasks = new ArrayList<>();
        for (int i : indices) {
            tasks.add(() -> {
                // TaskRunner records a task's own failure; what it throws is an error writing results
                TaskResult r = TaskRunner.run(data, i, dir, name());
                done.accept(i);
                return r;
            });
        }
        return OrderedPool.run(tasks, threads, "sweep");
    }
}
