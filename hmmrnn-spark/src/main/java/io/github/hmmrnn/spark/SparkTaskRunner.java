package io.github.hmmrnn.spark;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * A Spark context that runs lists of independent tasks, one partition per task, so that a long
 * task never holds up short ones queued behind it in the same partition. Open one per process
 * (Spark allows one active context per JVM) and close it when done.
 */
public final class SparkTaskRunner implements AutoCloseable {

    /** The Java 17 module flags Spark needs (as Spark's own launch scripts pass them). */
    public static final List<String> JAVA_17_FLAGS = List.of(
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED");

    private final JavaSparkContext context;

    private SparkTaskRunner(JavaSparkContext context) {
        this.context = context;
    }

    /**
     * Starts a Spark context.
     *
     * @param settings where to run
     * @return the runner; close it to stop the context
     */
    public static SparkTaskRunner open(SparkSettings settings) {
        Objects.requireNonNull(settings, "settings");
        // new SparkConf() reads the spark.* system properties, which is how spark-submit passes its master
        SparkConf conf = new SparkConf().setAppName(settings.appName()).set("spark.ui.enabled", "false");
        String master = settings.master().orElse(conf.get("spark.master", "local[" + settings.localThreads() + "]"));
        conf.setMaster(master);
        if (!master.startsWith("local") && !conf.contains("spark.jars") && !settings.jars().isEmpty()) {
            conf.set("spark.jars", String.join(",", settings.jars()));
        }
        // the fits are single-threaded; native BLAS threads on executors would only contend with them
        if (!conf.contains("spark.executorEnv.OMP_NUM_THREADS")) {
            conf.setExecutorEnv("OMP_NUM_THREADS", System.getenv().getOrDefault("OMP_NUM_THREADS", "1"));
        }
        return new SparkTaskRunner(new JavaSparkContext(conf));
    }

    /** @return the master URL the context runs on */
    public String master() {
        return context.master();
    }

    /** @return the default parallelism: executor threads (local) or cores (cluster) */
    public int parallelism() {
        return context.defaultParallelism();
    }

    /**
     * Runs tasks, one partition each, with {@code shared} broadcast once to every executor.
     *
     * @param shared  the value every task reads (deserialised once per executor, not per task)
     * @param indices the task indices to run
     * @param task    the work
     * @param <S>     type of the shared value
     * @return each task's summary, in the order of {@code indices}
     */
    public <S extends Serializable> List<String> run(S shared, List<Integer> indices, SharedTask<S> task) {
        return run(shared, indices, task, i -> { });
    }

    /**
     * Runs tasks, one partition each, with {@code shared} broadcast once to every executor, and
     * tells {@code done} of each task as the driver hears that it succeeded (for progress; Spark's
     * listener bus is asynchronous, so a task the bus has not reported when the job ends is
     * reported then, and each task exactly once).
     *
     * @param shared  the value every task reads (deserialised once per executor, not per task)
     * @param indices the task indices to run
     * @param task    the work
     * @param done    told each finished task's index, on the driver
     * @param <S>     type of the shared value
     * @return each task's summary, in the order of {@code indices}
     */
    public <S extends Serializable> List<String> run(S shared, List<Integer> indices, SharedTask<S> task,
                                                     IntConsumer done) {
        Objects.requireNonNull(shared, "shared");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(done, "done");
        if (indices.isEmpty()) {
            return List.of();
        }
        List<Integer> list = List.copyOf(indices);
        Set<Integer> reported = ConcurrentHashMap.newKeySet();
        IntConsumer once = p -> {
            if (reported.add(p)) {
                done.accept(list.get(p));
            }
        };
        SparkListener progress = new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                int p = end.taskInfo().partitionId();
                if (end.taskInfo().successful() && p >= 0 && p < list.size()) {
                    once.accept(p);
                }
            }
        };
        Broadcast<S> value = context.broadcast(shared);
        context.sc().addSparkListener(progress);
        try {
            List<String> out = context.parallelize(list, list.size()).map(new Call<>(value, task)).collect();
            context.sc().removeSparkListener(progress);
            for (int p = 0; p < list.size(); p++) {
                once.accept(p);
            }
            return out;
        } finally {
            context.sc().removeSparkListener(progress);
            value.destroy();
        }
    }

    @Override
    public void close() {
        context.close();
    }

    /** The function Spark ships: a named class, so that nothing but the broadcast and the task is captured. */
    private static final class Call<S> implements Function<Integer, String> {

        private static final long serialVersionUID = 1L;

        private final Broadcast<S> shared;
        private final SharedTask<S> task;

        Call(Broadcast<S> shared, SharedTask<S> task) {
            this.shared = shared;
            this.task = task;
        }

        @Override
        public String call(Integer index) throws Exception {
            return task.run(shared.value(), index);
        }
    }
}
