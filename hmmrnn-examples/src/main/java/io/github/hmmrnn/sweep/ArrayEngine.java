package io.github.hmmrnn.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

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
    public List<TaskResult> run(PlanData data, Path dir, List<Integer> indices, IntConsumer done) {
        List<TaskResult> out = new ArrayList<>();
        for (int i : indices) {
            out.add(TaskRunner.run(data, i, dir, name()));
            done.accept(i);
        }
        return out;
    }
}
