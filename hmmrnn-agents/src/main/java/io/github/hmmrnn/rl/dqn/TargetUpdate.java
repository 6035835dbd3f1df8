package io.github.hmmrnn.rl.dqn;

/**
 * How the target network follows the online network.
 *
 * @param period hard-copy period in gradient updates (used when {@code tau == 1})
 * @param tau    Polyak rate: target &larr; (1 - &tau;) target + &tau; online after every update;
 *               1 means hard copies every {@code period} updates
 */
public record TargetUpdate(int period, double tau) {

    /**
     * Validates.
     *
     * @throws IllegalArgumentException if period &lt; 1 or tau outside (0, 1]
     */
    public TargetUpdate {
        if (period < 1) {
            throw new IllegalArgumentException("target update period must be >= 1, got " + period);
        }
        if (!(tau > 0 && tau <= 1)) {
            throw new IllegalArgumentException("Polyak tau must be in (0, 1], got " + tau);
        }
    }

    /**
     * Hard copy every {@code period} updates.
     *
     * @param period updates between copies
     * @return the rule
     */
    public static TargetUpdate hard(int period) {
        return new TargetUpdate(period, 1.0);
    }

    /**
     * Polyak averaging after every update.
     *
     * @param tau rate in (0, 1)
     * @return the rule
     */
    public static TargetUpdate polyak(double tau) {
        return new TargetUpdate(1, tau);
    }
}
