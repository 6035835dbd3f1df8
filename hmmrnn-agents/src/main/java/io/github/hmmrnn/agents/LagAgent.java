package io.github.hmmrnn.agents;

/**
 * Lagged regressors of the trial-history GLM: the value at trial t is a signed summary of trial
 * t−n of the same session, or 0 when that trial precedes the session start. (MixtureAgentsModels
 * lets lags of two or more leak one trial across a session start; this implementation does not.)
 */
final class LagAgent implements Agent {

    /** What trial t−n contributes; {@code s(c)} is +1 for a right choice and −1 for a left one. */
    enum Kind {
        /** s(c). */
        CHOICE,
        /** s(c)·(±1 reward). */
        REWARD,
        /** s(c) if common and rewarded. */
        CR,
        /** s(c) if uncommon (rare) and rewarded. */
        UR,
        /** s(c) if common and unrewarded (omission). */
        CO,
        /** s(c) if uncommon and unrewarded. */
        UO
    }

    private final Kind kind;
    private final int lag;
    private final String name;

    LagAgent(Kind kind, int lag, String name) {
        if (lag < 1) {
            throw new IllegalArgumentException("lag must be >= 1, got " + lag);
        }
        this.kind = kind;
        this.lag = lag;
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public AgentMemory start(double[] parameterValues, double pCongruent) {
        return new AgentMemory() {
            private final double[] ring = new double[lag];
            private int seen;

            @Override
            public double value() {
                return seen < lag ? 0 : ring[(seen - lag) % lag];
            }

            @Override
            public double derivative(int p) {
                return 0;
            }

            @Override
            public void update(int choice, int outcome, int reward, boolean common) {
                double s = DecayAgent.sign(choice);
                boolean r = reward == 1;
                double v = switch (kind) {
                    case CHOICE -> s;
                    case REWARD -> s * DecayAgent.pm(reward);
                    case CR -> common && r ? s : 0;
                    case UR -> !common && r ? s : 0;
                    case CO -> common && !r ? s : 0;
                    case UO -> !common && !r ? s : 0;
                };
                ring[seen % lag] = v;
                seen++;
            }
        };
    }

    @Override
    public String toString() {
        return name;
    }
}
