package io.github.hmmrnn.sweep;

import java.nio.file.Path;
import java.util.List;

/**
 * Runs the one task of a scheduler job-array element ({@code --engine array --task-index N},
 * e.g. {@code N = $SLURM_ARRAY_TASK_ID}); {@code gather} then builds the tables once every
 * element has finished.
 */
public final class ArrayEngine implements SweepEngine {

    @Override
    public String name() {
        return "array";
    }

    @Override
    public List<TaskResult> run(PlanData data, Path dir, List<Integer> indices) {
        return indices.stream().map(i -> TaskRunner.run(data, i, dir, name())).toList();
    }
}
