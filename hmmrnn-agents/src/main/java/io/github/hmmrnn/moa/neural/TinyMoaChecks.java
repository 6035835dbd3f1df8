package io.github.hmmrnn.moa.neural;

import java.util.List;
import java.util.Objects;

import io.github.hmmrnn.agents.Agent;

/**
 * The option checks shared by the builders of {@link TinyMoaRnnModel} and {@link HmmTinyMoaModel};
 * each returns the accepted value or throws an {@link IllegalArgumentException} naming it.
 */
final class TinyMoaChecks {

    private TinyMoaChecks() {
    }

    static int atLeastOne(String option, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(option + " must be >= 1, got " + value);
        }
        return value;
    }

    static double learningRate(double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("learningRate must be finite and > 0, got " + value);
        }
        return value;
    }

    static List<Agent> agents(List<Agent> agents) {
        if (agents == null || agents.isEmpty() || agents.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("agents must be a non-empty list without nulls, got " + agents);
        }
        return List.copyOf(agents);
    }
}
