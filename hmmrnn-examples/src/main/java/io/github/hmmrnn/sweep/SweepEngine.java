package io.github.hmmrnn.sweep;

import java.nio.file.Path;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Runs tasks of a plan. Every engine runs each task through {@link TaskRunner}, so the results
 * of a plan are bit-identical whichever engine ran them.
 */
public interface SweepEngine {

    /** @return the engine's name, recorded in each result ({@code local}, {@code array}, {@code spark}) */
    String name();

    /**
     * Runs tasks; a task that fails is recorded as failed, the others still run.
     *
     * @param data    the plan and its data
     * @param dir     the sweep's folder
     * @param indices the tasks to run
     * @param done    told each task's index when it has finished (from any thread)
     * @return their results, in the order of {@code indices}
     */
    List<TaskResult> run(PlanData data, Path dir, List<Integer> indices, IntConsumer done);
}
