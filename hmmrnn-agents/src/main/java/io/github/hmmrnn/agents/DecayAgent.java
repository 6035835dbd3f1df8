package io.github.hmmrnn.agents;

import java.util.List;

/**
 * The scalar recursion shared by most MixtureAgentsModels agents: after each trial
 * x ← (1−α)·x + g·u, where u is the trial's signed input and g = α (plain form), 1 ("B" form,
 * α absorbed into β) or a constant. x starts at 0 each session. Every Julia agent of this kind
 * keeps a 4-vector Q whose decay and increment are linear, so its value difference obeys exactly
 * this scalar recursion.
 */
final class DecayAgent implements Agent {

    /** How the increment is scaled. */
    enum Gain { ALPHA, ONE, CONSTANT }

    /** The signed input u of one trial (rewards 0/1 as stored in the data). */
    @FunctionalInterface
    interface Input {
        double u(int choice, int outcome, int reward, boolean common);
    }

    private final String name;
    private final Input input;
    private final Gain gain;
    private final double gainConstant;
    private final boolean scaleByCongruence;
    private final List<AgentParameter> parameters;

    DecayAgent(String name, Input input, Gain gain, double gainConstant, boolean scaleByCongruence,
               AgentParameter rate) {
        this.name = name;
        this.input = input;
        this.gain = gain;
        this.gainConstant = gainConstant;
        this.scaleByCongruence = scaleByCongruence;
        this.parameters = List.of(rate);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<AgentParameter> parameters() {
        return parameters;
    }

    @Override
    public AgentMemory start(double[] parameterValues, double pCongruent) {
        double alpha = parameterValues[0];
        double scale = scaleByCongruence ? 2 * pCongruent - 1 : 1;
        return new AgentMemory() {
            private double x;
            private double dx;

            @Override
            public double value() {
                return scale * x;
            }

            @Override
            public double derivative(int p) {
                return scale * dx;
            }

            @Override
            public void update(int choice, int outcome, int reward, boolean common) {
                double u = input.u(choice, outcome, reward, common);
                double g;
                double dg;
                switch (gain) {
                    case ALPHA -> {
                        g = alpha;
                        dg = 1;
                    }
                    case ONE -> {
                        g = 1;
                        dg = 0;
                    }
                    default -> {
                        g = gainConstant;
                        dg = 0;
                    }
                }
                dx = -x + (1 - alpha) * dx + dg * u;
                x = (1 - alpha) * x + g * u;
            }
        };
    }

    @Override
    public String toString() {
        return name;
    }

    static double sign(int side) {
        return side == 1 ? 1 : -1;
    }

    static double pm(int reward) {
        return reward == 1 ? 1 : -1;
    }
}
