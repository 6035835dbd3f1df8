package io.github.hmmrnn.rl.dqn;

/** The state a stored trial is replayed from (R2D2's options). */
public enum ReplayStart {
    /** Zero state; exact under {@link StateCarry#RESET_PER_TRIAL}. */
    ZERO,
    /** The acting-time state stored with the trial (optionally preceded by burn-in steps). */
    STORED
}
