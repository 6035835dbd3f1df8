package io.github.hmmrnn.agents;

/**
 * Parameter-free agents whose value is a fixed function of the previous trial (or constant):
 * novelty preference, perseveration, bias and intercept.
 */
final class StatelessAgent implements Agent {

    /** The rule. */
    enum Kind { NOVELTY_PREF, PERSEV, BIAS, INTERCEPT }

    private final Kind kind;
    private final String name;

    StatelessAgent(Kind kind, String name) {
        this.kind = kind;
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public AgentMemory start(double[] parameterValues, double pCongruent) {
        return new AgentMemory() {
            private double x = switch (kind) {
                case BIAS -> 2;
                case INTERCEPT -> 1;
                default -> 0;
            };

            @Override
            public double value() {
                return x;
            }

            @Override
            public double derivative(int p) {
                return 0;
            }

            @Override
            public void update(int choice, int outcome, int reward, boolean common) {
                switch (kind) {
                    case NOVELTY_PREF -> x = common ? DecayAgent.sign(choice) : -DecayAgent.sign(choice);
                    case PERSEV -> x = DecayAgent.sign(choice);
                    case INTERCEPT -> x = 2;
                    default -> {
                    }
                }
            }
        };
    }

    @Override
    public String toString() {
        return name;
    }
}
