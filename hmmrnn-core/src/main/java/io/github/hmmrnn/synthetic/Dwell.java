package io.github.hmmrnn.synthetic;

/**
 * How long the generator stays in a phase.
 */
public sealed interface Dwell permits Dwell.Block, Dwell.Markov {

    /**
     * Deterministic blocks: each block lasts {@code mean + U{-jitter..jitter}} trials (the last one
     * is cut at the end of the sequence), then the phase advances z → z+1 mod K. This is the
     * original Python project's generator; its data are semi-Markov, not exactly an HMM.
     *
     * @param mean   mean block length, at least 1
     * @param jitter half-width of the uniform jitter, in [0, mean)
     */
    record Block(int mean, int jitter) implements Dwell {
        /**
         * Validates the block parameters.
         *
         * @throws IllegalArgumentException if {@code mean < 1} or jitter is outside [0, mean)
         */
        public Block {
            if (mean < 1) {
                throw new IllegalArgumentException("block dwell mean must be >= 1, got " + mean);
            }
            if (jitter < 0 || jitter >= mean) {
                throw new IllegalArgumentException(
                        "block dwell jitter must be in [0, " + mean + "), got " + jitter);
            }
        }
    }

    /**
     * Markov dwell: each trial the phase stays with probability {@code stay}, otherwise it jumps
     * to one of the other phases uniformly, so the data come exactly from an HMM.
     *
     * @param stay per-trial stay probability, in [0, 1]
     */
    record Markov(double stay) implements Dwell {
        /**
         * Validates the stay probability.
         *
         * @throws IllegalArgumentException if {@code stay} is not in [0, 1]
         */
        public Markov {
            if (!(stay >= 0 && stay <= 1)) {
                throw new IllegalArgumentException("Markov dwell stay probability must be in [0, 1], got " + stay);
            }
        }
    }
}
