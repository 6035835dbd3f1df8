package io.github.hmmrnn.rl.env;

/** Named epochs of a trial; only {@link #FIXATION} and {@link #DECISION} affect rewards. */
public enum Period {
    /** Hold fixation: any non-zero action costs the abort reward (the trial continues). */
    FIXATION,
    /** Evidence presentation (PDM, CDM). */
    STIMULUS,
    /** Memory delay without input. */
    DELAY,
    /** Sample stimulus (DMS). */
    SAMPLE,
    /** Test stimulus (DMS). */
    TEST,
    /** Respond: the first non-zero action ends the trial. */
    DECISION
}
