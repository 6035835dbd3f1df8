package io.github.hmmrnn.hmm;

/**
 * The most likely state path of one chain.
 *
 * @param states     [T] the maximising path z_1..T (owned by this record; do not modify)
 * @param logJoint   log p(z_1..T, y_1..T) of that path, natural log
 */
public record ViterbiPath(int[] states, double logJoint) {
}
