package io.github.hmmrnn.agents;

import java.util.List;

/**
 * The original Python project's model-based agent ("Model-based"): second-step state values V
 * start at 0 and learn V[o] += α_state·(r − V[o]) (r ∈ {0, 1}) for the state reached; the
 * first-step values are q_c = p·V[c] + (1−p)·V[1−c] with a fixed p_common, so
 * x = (2p−1)·(V[1] − V[0]). p only rescales x (absorbed by β), hence it is a constant.
 */
final class OriginalMbAgent implements Agent {

    private final double pCommon;
    private final List<AgentParameter> parameters;

    OriginalMbAgent(double pCommon, AgentParameter stateRate) {
        this.pCommon = pCommon;
        this.parameters = List.of(stateRate);
    }

    @Override
    public String name() {
        return "MBstate";
    }

    @Override
    public List<AgentParameter> parameters() {
        return parameters;
    }

    @Override
    public AgentMemory start(double[] parameterValues, double pCongruent) {
        double a = parameterValues[0];
        double scale = 2 * pCommon - 1;
        return new AgentMemory() {
            private final double[] v = new double[2];
            private final double[] vA = new double[2];

            @Override
            public double value() {
                return scale * (v[1] - v[0]);
            }

            @Override
            public double derivative(int p) {
                return scale * (vA[1] - vA[0]);
            }

            @Override
            public void update(int choice, int outcome, int reward, boolean common) {
                double old = v[outcome];
                vA[outcome] = (1 - a) * vA[outcome] + (reward - old);
                v[outcome] = old + a * (reward - old);
            }
        };
    }

    @Override
    public String toString() {
        return name();
    }
}
