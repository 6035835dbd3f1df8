package io.github.hmmrnn.sweep;

import java.nio.file.Path;

import io.github.hmmrnn.io.AtomicFiles;
import io.github.hmmrnn.data.DatasetSplit;
import io.github.hmmrnn.data.SessionCrossValidation;
import io.github.hmmrnn.data.SessionFolds;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.metrics.PredictiveMetrics;
import io.github.hmmrnn.metrics.PredictiveScore;
import io.github.hmmrnn.model.FittedChoiceModel;
import io.github.hmmrnn.model.ModelSpec;
import io.github.hmmrnn.model.SavableModel;

/**
 * Runs one task of a plan, the way {@link SessionCrossValidation} runs one fold, and writes its
 * result file (and fitted model) atomically into the sweep's {@code tasks} folder. A task that
 * throws is recorded as {@link TaskStatus#FAILED} with its error, so the others carry on.
 */
public final class TaskRunner {

    /** Name of the folder of task results inside a sweep's folder. */
    public static final String TASKS_DIR = "tasks";

    private TaskRunner() {
    }

    /**
     * Runs task {@code index} and writes its result.
     *
     * @param data   the plan and its data
     * @param index  the task's index
     * @param dir    the sweep's folder (results go to {@code dir/tasks})
     * @param engine the engine's name, recorded in the result
     * @return the result, as written
     * @throws IllegalArgumentException if the index is not a task of the plan
     */
    public static TaskResult run(PlanData data, int index, Path dir, String engine) {
        if (index < 0 || index >= data.plan().tasks().size()) {
            throw new IllegalArgumentException("task index must be in [0, " + data.plan().tasks().size() + "), got "
                    + index);
        }
        SweepTask t = data.plan().tasks().get(index);
        Path tasks = dir.resolve(TASKS_DIR);
        long start = System.nanoTime();
        TaskResult r;
        try {
            ModelSpec<?> spec = data.plan().spec(t);
            TwoStepDataset d = data.subject(t.subject());
            DatasetSplit split = SessionFolds.kFold(d, t.folds(), t.split(), t.splitSeed()).get(t.fold());
            FittedChoiceModel m = SessionCrossValidation.fit(spec, split.train(), t.inner());
            PredictiveScore train = PredictiveMetrics.evaluate(split.train(), m.predictChoiceProbabilities(split.train()));
            PredictiveScore test = PredictiveMetrics.evaluate(split.test(), m.predictChoiceProbabilities(split.test()));
            String modelFile = null;
            if (m instanceof SavableModel savable) {
                modelFile = TaskResult.modelFileName(index);
                SavableModel withData = savable.withProvenance(savable.provenance().withDataFile(data.plan().data()));
                // every model file is written atomically by its own save
                withData.save(tasks.resolve(modelFile));
            }
            r = new TaskResult(index, t.subject(), t.label(), t.fold(), t.seed(), TaskStatus.OK, train, test,
                    -train.nll() * train.numScored(), -test.nll() * test.numScored(), modelFile, null,
                    seconds(start), engine);
        } catch (RuntimeException e) {
            r = new TaskResult(index, t.subject(), t.label(), t.fold(), t.seed(), TaskStatus.FAILED, null, null, null,
                    null, null, e.getClass().getSimpleName() + ": " + e.getMessage(), seconds(start), engine);
        }
        AtomicFiles.writeString(tasks.resolve(TaskResult.fileName(index)), r.toJson());
        return r;
    }

    /**
     * @param dir   a sweep's folder
     * @param index a task index
     * @return the task's result file
     */
    public static Path resultFile(Path dir, int index) {
        return dir.resolve(TASKS_DIR).resolve(TaskResult.fileName(index));
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
