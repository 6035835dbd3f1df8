package io.github.hmmrnn.parallel;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs independent tasks on up to a given number of threads and returns their results in the
 * order the tasks were given. Each task must compute its result from its own inputs only (its own
 * seed, no shared mutable state); then the list is the same for every thread count, and only the
 * order of log lines changes.
 *
 * <p>A task's {@link RuntimeException} or {@link Error} reaches the caller unchanged (an
 * {@code IllegalArgumentException} for bad settings is reported as if the task had run on the
 * caller's thread, and an {@code OutOfMemoryError} stays one); a checked exception is wrapped in an
 * {@link IllegalStateException}. The other tasks are cancelled when one fails.
 */
public final class OrderedPool {

    private OrderedPool() {
    }

    /**
     * @param tasks   the tasks, in the order of their results
     * @param threads most tasks run at once, at least 1; with 1 (or at most one task) they run one
     *                after another on the calling thread
     * @param what    what the tasks do, for the messages of an interrupt or a checked failure
     *                (e.g. {@code "cross-validation"})
     * @param <T>     result type
     * @return one result per task, in task order
     * @throws IllegalArgumentException if {@code threads < 1}
     * @throws IllegalStateException    if the calling thread is interrupted, or a task throws a
     *                                  checked exception
     */
    public static <T> List<T> run(List<? extends Callable<T>> tasks, int threads, String what) {
        Objects.requireNonNull(tasks, "tasks");
        Objects.requireNonNull(what, "what");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        List<T> out = new ArrayList<>(tasks.size());
        if (threads == 1 || tasks.size() <= 1) {
            for (Callable<T> t : tasks) {
                try {
                    out.add(t.call());
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(what + " failed: " + e, e);
                }
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, tasks.size()));
        try {
            List<Future<T>> futures = new ArrayList<>(tasks.size());
            for (Callable<T> t : tasks) {
                futures.add(pool.submit(t));
            }
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(what + " failed: " + cause, cause);
        } finally {
            pool.shutdownNow();
        }
    }
}
