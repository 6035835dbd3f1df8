/**
 * Recurrent reinforcement-learning agents on NeuroGym-style cognitive tasks: environments
 * ({@link io.github.hmmrnn.rl.env}), recurrent Q-networks including the multi-plasticity network
 * ({@link io.github.hmmrnn.rl.net}) and deep Q-learning with whole-trial replay
 * ({@link io.github.hmmrnn.rl.dqn}).
 */
package io.github.hmmrnn.rl;
