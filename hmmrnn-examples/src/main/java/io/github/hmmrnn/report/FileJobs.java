package io.github.hmmrnn.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The files of one report written independently, on one thread or several: each job writes its
 * files (atomically, through {@code io.AtomicFiles}) from data computed before the jobs run and
 * shares nothing mutable with the other jobs, so the bytes of every file and the returned list do
 * not depend on the thread count or on the order in which the jobs finish.
 */
final class FileJobs {

    private FileJobs() {
    }

    /**
     * Output files and the work that writes them.
     *
     * @param files the files the job writes, in order
     * @param write writes {@code files}; throws an unchecked exception naming the file if it cannot
     */
    record Job(List<Path> files, Runnable write) {

        /** Copies the list. */
        Job {
            files = List.copyOf(files);
        }

        /**
         * @param file  the one file the job writes
         * @param write writes it
         */
        Job(Path file, Runnable write) {
            this(List.of(file), write);
        }
    }

    /**
     * Runs every job and waits for all of them.
     *
     * @param jobs    the files to write, in the order they are returned
     * @param threads threads to write them on (1: in the calling thread, one after another)
     * @return the written files, in the order of {@code jobs}
     * @throws IllegalArgumentException if {@code threads} is below 1
     * @throws RuntimeException         the failure of the first failing job in list order, after
     *                                  every job has run
     */
    static List<Path> run(List<Job> jobs, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        List<Path> files = new ArrayList<>(jobs.size());
        for (Job j : jobs) {
            files.addAll(j.files());
        }
        if (threads == 1 || jobs.size() < 2) {
            for (Job j : jobs) {
                j.write().run();
            }
            return files;
        }
        AtomicInteger count = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, jobs.size()), r -> {
            Thread t = new Thread(r, "hmmrnn-output-" + count.incrementAndGet());
            // a daemon: a stuck encoder must not keep the JVM alive after the command has failed
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>(jobs.size());
            for (Job j : jobs) {
                futures.add(pool.submit(j.write()));
            }
            RuntimeException first = null;
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (first == null) {
                        first = asUnchecked(e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while writing " + files, e);
                }
            }
            if (first != null) {
                throw first;
            }
            return files;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The job's own exception where it is unchecked, so callers see the same error as on one thread. */
    private static RuntimeException asUnchecked(Throwable cause) {
        if (cause instanceof RuntimeException r) {
            return r;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        return new IllegalStateException(cause);
    }
}
