package io.github.hmmrnn.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

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
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, indices.size()));
        try {
            List<Future<TaskResult>> futures = new ArrayList<>();
            for (int i : indices) {
                futures.add(pool.submit(() -> {
                    TaskResult r = TaskRunner.run(data, i, dir, name());
                    done.accept(i);
                    return r;
                }));
            }
            List<TaskResult> out = new ArrayList<>();
            for (Future<TaskResult> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("sweep interrupted", e);
        } catch (ExecutionException e) {
            // TaskRunner records a task's own failure; what reaches here is an error writing results
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("sweep task failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
