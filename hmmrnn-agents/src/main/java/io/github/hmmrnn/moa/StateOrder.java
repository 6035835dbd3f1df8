package io.github.hmmrnn.moa;

/** How the states of a fitted model are numbered. */
public enum StateOrder {
    /**
     * State 0 is the most likely start state (largest π); each following state is the not yet
     * placed state most likely to be entered from the previous one (largest A[prev][j]), which
     * numbers a left-to-right chain in its natural order (MixtureAgentsModels' sort by transition).
     */
    START_THEN_TRANSITION,
    /** Keep the order the fit produced. */
    AS_FITTED
}
