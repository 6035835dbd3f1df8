package io.github.hmmrnn.agents;

import java.util.Objects;

/**
 * One parameter of an agent (a learning rate, decay or discount in [0, 1]): its starting value,
 * whether the fit estimates it, and its prior.
 *
 * @param name    parameter name, e.g. {@code alpha}; not blank
 * @param value   starting value (or the fixed value); in (0, 1) when fitted, in [0, 1] when fixed
 * @param fitted  whether the model fit estimates it
 * @param prior   Beta prior used when fitted
 */
public record AgentParameter(String name, double value, boolean fitted, BetaPrior prior) {

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException if the name is blank or the value is out of range
     */
    public AgentParameter {
        Objects.requireNonNull(name, "parameter name");
        Objects.requireNonNull(prior, "prior of parameter " + name);
        if (name.isBlank()) {
            throw new IllegalArgumentException("parameter name must not be blank");
        }
        if (fitted && !(value > 0 && value < 1)) {
            throw new IllegalArgumentException("fitted parameter '" + name
                    + "' must start inside (0, 1), got " + value);
        }
        if (!fitted && !(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException("fixed parameter '" + name
                    + "' must be in [0, 1], got " + value);
        }
    }

    /**
     * A fitted learning rate with a flat prior.
     *
     * @param name  parameter name
     * @param value starting value in (0, 1)
     * @return the parameter
     */
    public static AgentParameter fitted(String name, double value) {
        return new AgentParameter(name, value, true, BetaPrior.FLAT);
    }

    /**
     * A fixed parameter.
     *
     * @param name  parameter name
     * @param value value in [0, 1]
     * @return the parameter
     */
    public static AgentParameter fixed(String name, double value) {
        return new AgentParameter(name, value, false, BetaPrior.FLAT);
    }

    /**
     * @param newValue the new starting / fixed value
     * @return a copy with another value
     */
    public AgentParameter withValue(double newValue) {
        return new AgentParameter(name, newValue, fitted, prior);
    }
}
