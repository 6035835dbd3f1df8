package io.github.hmmrnn.sweep;

/** How a task ended. */
public enum TaskStatus {
    /** The fit and both scores were written. */
    OK,
    /** The task threw; the result file holds the error. */
    FAILED
}
