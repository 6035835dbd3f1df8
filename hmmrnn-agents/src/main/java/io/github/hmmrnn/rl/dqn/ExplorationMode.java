package io.github.hmmrnn.rl.dqn;

/** How &epsilon;-greedy exploration is applied. */
public enum ExplorationMode {
    /** With probability &epsilon; a whole trial is played with one uniformly drawn action held throughout. */
    PER_TRIAL,
    /** Each step independently takes a uniform random action with probability &epsilon;. */
    PER_STEP
}
