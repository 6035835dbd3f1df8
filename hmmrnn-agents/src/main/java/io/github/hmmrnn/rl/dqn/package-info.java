/**
 * Deep Q-learning for recurrent agents with whole-trial replay. Trials are stored complete and
 * replayed from the state the agent had when the trial began: when the agent's state is reset at every
 * trial start (one trial per episode) that state is zero and replay is exact (&Delta;Q = 0 with
 * unchanged weights). For agents whose state carries across trials an R2D2-style stored-state and
 * burn-in mode is available, and the replay discrepancy &Delta;Q is measured.
 */
package io.github.hmmrnn.rl.dqn;
