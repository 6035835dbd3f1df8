package io.github.hmmrnn.report;

/**
 * Which part of a cross-validation training fold a model with early stopping holds out to
 * choose its epoch ({@link CrossValidation}). The outer test fold is always whole sessions.
 */
public enum InnerValidation {

    /**
     * About {@value CrossValidation#INNER_VALIDATION_FRACTION} of the fold's training sessions,
     * picked by stride from the first. With 5–9 training sessions per rat that is one session,
     * and an atypical one (M064's first session) can stop training after a few epochs.
     */
    SESSIONS,

    /**
     * Every ⌊1 / {@value CrossValidation#INNER_VALIDATION_FRACTION}⌉-th segment of
     * {@value CrossValidation#INNER_VALIDATION_SEGMENT_LENGTH} trials, counted through all
     * training sessions (see {@code SessionFolds.holdOutSegments}): the early-stopping set samples
     * every session, like the tiny-RNN paper's cross-validation over segments.
     */
    SEGMENTS
}
