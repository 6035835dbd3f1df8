package io.github.hmmrnn.agents;

import java.util.List;

/**
 * The original Python project's model-free reward agent ("MF Reward"): values start at 0; after
 * each trial Q ← (1−d)·Q, then Q[c] += α·(r − Q[c]) with r ∈ {0, 1}. Parameters α and decay d.
 */
final class OriginalMfRewardAgent implements Agent {

    private final List<AgentParameter> parameters;

    OriginalMfRewardAgent(AgentParameter alpha, AgentParameter decay) {
        this.parameters = List.of(alpha, decay);
    }

    @Override
    public String name() {
        return "MFrewardDecay";
    }

    @Override
    public List<AgentParameter> parameters() {
        return parameters;
    }

    @Override
    public AgentMemory start(double[] parameterValues, double pCongruent) {
        double a = parameterValues[0];
        double d = parameterValues[1];
        return new AgentMemory() {
            private final double[] q = new double[2];
            private final double[] qA = new double[2];
            private final double[] qD = new double[2];

            @Override
            public double value() {
                return q[1] - q[0];
            }

            @Override
            public double derivative(int p) {
                return p == 0 ? qA[1] - qA[0] : qD[1] - qD[0];
            }

            @Override
            public void update(int choice, int outcome, int reward, boolean common) {
                for (int i = 0; i < 2; i++) {
                    qD[i] = -q[i] + (1 - d) * qD[i];
                    qA[i] = (1 - d) * qA[i];
                    q[i] = (1 - d) * q[i];
                }
                double qc = q[choice];
                qA[choice] = -qc + (1 - a) * qA[choice] + reward;
                qD[choice] = (1 - a) * qD[choice];
                q[choice] = (1 - a) * qc + a * reward;
            }
        };
    }

    @Override
    public String toString() {
        return name();
    }
}
