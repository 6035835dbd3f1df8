package io.github.hmmrnn.agents;

import java.util.List;

/**
 * TD(0): first-step values bootstrap from the old value of the port reached.
 * After trial t: Q_c ← (1−α)Q_c, Q_c[c] += αγ·Q_p[o] (old); Q_p ← (1−α)Q_p, Q_p[o] += α·r (±1);
 * all values start at 0.5. Derivatives with respect to α and γ are carried forward exactly.
 */
final class TdZeroAgent implements Agent {

    private final List<AgentParameter> parameters;

    TdZeroAgent(AgentParameter alpha, AgentParameter gamma) {
        this.parameters = List.of(alpha, gamma);
    }

    @Override
    public String name() {
        return "TD0";
    }

    @Override
    public List<AgentParameter> parameters() {
        return parameters;
    }

    @Override
    public AgentMemory start(double[] parameterValues, double pCongruent) {
        double a = parameterValues[0];
        double g = parameterValues[1];
        return new AgentMemory() {
            private final double[] qc = {0.5, 0.5};
            private final double[] qp = {0.5, 0.5};
            // d/dα and d/dγ of each value
            private final double[] qcA = new double[2];
            private final double[] qcG = new double[2];
            private final double[] qpA = new double[2];
            private final double[] qpG = new double[2];

            @Override
            public double value() {
                return qc[1] - qc[0];
            }

            @Override
            public double derivative(int p) {
                return p == 0 ? qcA[1] - qcA[0] : qcG[1] - qcG[0];
            }

            @Override
            public void update(int choice, int outcome, int reward, boolean common) {
                double r = DecayAgent.pm(reward);
                double vo = qp[outcome];
                double voA = qpA[outcome];
                double voG = qpG[outcome];
                for (int i = 0; i < 2; i++) {
                    qcA[i] = -qc[i] + (1 - a) * qcA[i];
                    qcG[i] = (1 - a) * qcG[i];
                    qc[i] = (1 - a) * qc[i];
                }
                qc[choice] += a * g * vo;
                qcA[choice] += g * vo + a * g * voA;
                qcG[choice] += a * vo + a * g * voG;
                for (int j = 0; j < 2; j++) {
                    qpA[j] = -qp[j] + (1 - a) * qpA[j];
                    qpG[j] = (1 - a) * qpG[j];
                    qp[j] = (1 - a) * qp[j];
                }
                qp[outcome] += a * r;
                qpA[outcome] += r;
            }
        };
    }

    @Override
    public String toString() {
        return name();
    }
}
