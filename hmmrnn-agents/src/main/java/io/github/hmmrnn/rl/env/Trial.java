package io.github.hmmrnn.rl.env;

import java.util.Objects;

/**
 * One pre-generated trial: the observation and period of every step and the correct action.
 *
 * @param observations observation per step, shape [steps][observationSize]
 * @param periods      period per step, length steps
 * @param groundTruth  the correct decision action (1 or 2)
 * @param condition    the task's condition variable: the (relevant) coherence in percent for PDM
 *                     and CDM, 1 for match and 0 for non-match in DMS
 */
public record Trial(double[][] observations, Period[] periods, int groundTruth, double condition) {

    /**
     * Validates shapes.
     *
     * @throws IllegalArgumentException if lengths differ or the trial is empty
     */
    public Trial {
        Objects.requireNonNull(observations, "observations");
        Objects.requireNonNull(periods, "periods");
        if (observations.length == 0 || observations.length != periods.length) {
            throw new IllegalArgumentException("trial needs equal, non-zero observation and period counts, got "
                    + observations.length + " and " + periods.length);
        }
    }

    /**
     * Number of steps of the trial if the agent never responds.
     *
     * @return the maximal trial length in steps
     */
    public int length() {
        return observations.length;
    }
}
