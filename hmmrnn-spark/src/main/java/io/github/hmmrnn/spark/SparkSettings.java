package io.github.hmmrnn.spark;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how Spark runs.
 *
 * @param master       Spark master URL ({@code spark://HOST:PORT}, {@code local[N]}), or empty for the
 *                     one {@code spark-submit} sets in {@code spark.master}, and otherwise the embedded
 *                     {@code local[localThreads]}
 * @param localThreads executor threads of the embedded master, at least 1
 * @param appName      application name shown by the cluster
 * @param jars         jars the executors of a cluster need (the runnable jar); ignored by
 *                     {@code local} masters and when {@code spark-submit} already set {@code spark.jars}
 */
public record SparkSettings(Optional<String> master, int localThreads, String appName, List<String> jars) {

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException if {@code localThreads < 1} or the master is blank
     */
    public SparkSettings {
        Objects.requireNonNull(master, "master");
        Objects.requireNonNull(appName, "appName");
        jars = List.copyOf(jars);
        if (localThreads < 1) {
            throw new IllegalArgumentException("localThreads must be >= 1, got " + localThreads);
        }
        if (master.isPresent() && master.get().isBlank()) {
            throw new IllegalArgumentException("master must be a Spark master URL such as spark://127.0.0.1:7077 "
                    + "or local[2], got a blank string");
        }
    }

    /**
     * Embedded Spark with {@code threads} executor threads.
     *
     * @param threads executor threads, at least 1
     * @param appName application name
     * @return the settings
     */
    public static SparkSettings local(int threads, String appName) {
        return new SparkSettings(Optional.of("local[" + threads + "]"), threads, appName, List.of());
    }
}
