package io.github.hmmrnn.moa.neural;

import io.github.hmmrnn.numeric.Logistic;
import io.github.hmmrnn.rnn.GruGraph;

/**
 * Mean binary cross-entropy of the gated mixture over the scored trials of a prepared dataset,
 * and its gradient, as a function of one flat parameter vector [GRU parameters | head
 * parameters]. Stateful only through the GRU's forward cache, so one instance serves one
 * thread.
 */
final class MixtureObjective {

    private final GruGraph gru;
    private final GatedMixtureKernel head;
    private final int hidden;
    private final int agents;

    MixtureObjective(GruGraph gru, int hidden, int agents) {
        this.gru = gru;
        this.hidden = hidden;
        this.agents = agents;
        this.head = new GatedMixtureKernel(agents, hidden);
    }

    int numParams() {
        return gru.numParams() + head.numParams();
    }

    int headOffset() {
        return gru.numParams();
    }

    GatedMixtureKernel head() {
        return head;
    }

    private double[] headParams(double[] theta) {
        double[] p = new double[head.numParams()];
        System.arraycopy(theta, gru.numParams(), p, 0, p.length);
        return p;
    }

    private double[] hidden(double[] theta, EncodedSessions d) {
        double[] g = new double[gru.numParams()];
        System.arraycopy(theta, 0, g, 0, g.length);
        gru.setParameters(g);
        return gru.forward(d.inputs, d.batch, d.steps);
    }

    /**
     * @param theta parameters
     * @param d     data
     * @return [B][T] p(choice_t = 1), zero at padded steps
     */
    double[][] probabilities(double[] theta, EncodedSessions d) {
        return probabilitiesAndGates(theta, d, null);
    }

    /**
     * @param theta parameters
     * @param d     data
     * @param gatesOut per session [T][A] gates, filled when non-null
     * @return [B][T] p(choice_t = 1), zero at padded steps
     */
    double[][] probabilitiesAndGates(double[] theta, EncodedSessions d, double[][][] gatesOut) {
        double[] p = headParams(theta);
        double[] h = hidden(theta, d);
        double[][] out = new double[d.batch][d.steps];
        double[] gates = new double[agents];
        for (int b = 0; b < d.batch; b++) {
            for (int t = 0; t < d.lengths[b]; t++) {
                double logit = head.forward(p, h, b * hidden * d.steps + t, d.steps, d.values,
                        (b * d.steps + t) * agents, gates);
                out[b][t] = Logistic.sigmoid(logit);
                if (gatesOut != null) {
                    gatesOut[b][t] = gates.clone();
                }
            }
        }
        return out;
    }

    /**
     * Mean NLL over scored trials, optionally with its gradient.
     *
     * @param theta parameters
     * @param d     data
     * @param grad  gradient, written when non-null (length {@link #numParams()})
     * @return the mean NLL in nats
     */
    double loss(double[] theta, EncodedSessions d, double[] grad) {
        double[] p = headParams(theta);
        double[] h = hidden(theta, d);
        double[] gates = new double[agents];
        double[] scratch = new double[agents];
        double[] headGrad = grad == null ? null : new double[head.numParams()];
        double[] dh = grad == null ? null : new double[h.length];
        double n = d.numScored;
        double total = 0;
        for (int b = 0; b < d.batch; b++) {
            for (int t = 0; t < d.lengths[b]; t++) {
                if (!d.scored[b][t]) {
                    continue;
                }
                int hBase = b * hidden * d.steps + t;
                int xBase = (b * d.steps + t) * agents;
                double logit = head.forward(p, h, hBase, d.steps, d.values, xBase, gates);
                int y = d.choices[b][t];
                // log σ(±logit) written to stay finite for large |logit|
                double signed = y == 1 ? logit : -logit;
                total += signed >= 0 ? Math.log1p(Math.exp(-signed)) : -signed + Math.log1p(Math.exp(signed));
                if (grad != null) {
                    double prob = Logistic.sigmoid(logit);
                    head.backward(p, h, hBase, d.steps, d.values, xBase, gates, (prob - y) / n, headGrad, dh,
                            scratch);
                }
            }
        }
        if (grad != null) {
            double[] g = gru.backward(dh, d.batch, d.steps);
            System.arraycopy(g, 0, grad, 0, g.length);
            System.arraycopy(headGrad, 0, grad, g.length, headGrad.length);
        }
        return total / n;
    }
}
