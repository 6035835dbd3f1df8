package io.github.hmmrnn.sweep;

/**
 * What a running plan reports as it goes, e.g. the command line's progress lines. Engines call
 * {@link #finished} from whichever thread learns of the task's end, so implementations must be
 * thread-safe; Spark reports a task when the driver hears of it, which may be after later ones.
 */
public interface TaskListener {

    /** A listener that does nothing. */
    TaskListener NONE = new TaskListener() {
        @Override
        public void starting(int toRun, int skipped) {
        }

        @Override
        public void finished(SweepTask task) {
        }
    };

    /**
     * Called once, before any task runs.
     *
     * @param toRun   tasks that will run now
     * @param skipped tasks skipped as already finished ({@code --resume})
     */
    void starting(int toRun, int skipped);

    /**
     * Called once per task that ran, successfully or not.
     *
     * @param task the task
     */
    void finished(SweepTask task);
}
