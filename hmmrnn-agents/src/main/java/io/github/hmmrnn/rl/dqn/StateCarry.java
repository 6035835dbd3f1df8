package io.github.hmmrnn.rl.dqn;

/** Whether the agent's recurrent state is reset at each trial start while acting. */
public enum StateCarry {
    /** Reset to zero at every trial start: replay from zero is exact. */
    RESET_PER_TRIAL,
    /** Carry the state from one trial into the next (replay then needs stored state / burn-in). */
    CARRY_ACROSS_TRIALS
}
