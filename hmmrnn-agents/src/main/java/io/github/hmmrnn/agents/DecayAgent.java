package io.github.hmmrnn.agents;

import io.github.hmmrnn.data.Session;

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
        double scale = scale(pCongruent);
        double g = gain(alpha);
        double dg = gainDerivative();
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
                dx = -x + (1 - alpha) * dx + dg * u;
                x = (1 - alpha) * x + g * u;
            }
        };
    }

    /** The signed input u of every trial of a session: it does not depend on α, so it is computed once per fit. */
    double[] inputs(Session session) {
        double[] u = new double[session.length()];
        for (int t = 0; t < u.length; t++) {
            u[t] = input.u(session.choice(t), session.outcome(t), session.reward(t), session.common(t));
        }
        return u;
    }

    /** The increment scale g at rate α, as {@link #start} uses it. */
    double gain(double alpha) {
        return switch (gain) {
            case ALPHA -> alpha;
            case ONE -> 1;
            default -> gainConstant;
        };
    }

    /** ∂g/∂α, as {@link #start} uses it. */
    double gainDerivative() {
        return gain == Gain.ALPHA ? 1 : 0;
    }

    /** The factor of the stored value: 2·p_congruent − 1 for the Bellman agents, else 1. */
    double scale(double pCongruent) {
        return scaleByCongruence ? 2 * pCongruent - 1 : 1;
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
