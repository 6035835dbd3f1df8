package io.github.hmmrnn.data;

/**
 * Which part of a cross-validation training fold a model with early stopping holds out to
 * choose its epoch ({@link SessionCrossValidation}). The outer test fold is always whole sessions.
 */
public enum InnerValidation {

    /**
     * About {@value SessionFolds#INNER_VALIDATION_FRACTION} of the fold's training sessions,
     * picked by stride from the first. With 5–9 training sessions per rat that is one session,
     * and an atypical one (M064's first session) can stop training after a few epochs.
     */
    SESSIONS,

    /**
     * Every ⌊1 / {@value SessionFolds#INNER_VALIDATION_FRACTION}⌉-th segment of
     * {@value SessionFolds#INNER_VALIDATION_SEGMENT_LENGTH} trials, counted through all
     * training sessions ({@link SessionFolds#innerValidation}): the early-stopping set samples
     * every session, like the tiny-RNN paper's cross-validation over segments. What
     * {@code ModelSpec.fit(train)} uses.
     */
    SEGMENTS;

    /**
     * The split of a training fold for a model that early-stops.
     *
     * @param train the fold's training sessions
     * @return the part to fit and the part to early-stop on; with {@link #SESSIONS} and a single
     *         training session, both are that session (there is nothing else to hold out)
     */
    public DatasetSplit split(TwoStepDataset train) {
        if (this == SEGMENTS) {
            return SessionFolds.innerValidation(train);
        }
        return train.numSessions() >= 2
                ? SessionFolds.holdOut(train, SessionFolds.INNER_VALIDATION_FRACTION, SplitMethod.STRIDE, 0)
                : new DatasetSplit(train, train);
    }
}
