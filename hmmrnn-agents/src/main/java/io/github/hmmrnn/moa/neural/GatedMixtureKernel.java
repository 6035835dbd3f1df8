package io.github.hmmrnn.moa.neural;

/**
 * Forward and backward pass of the gated agent mixture on plain arrays: the numeric core of
 * {@link TinyMoaRnnModel}, separate from the GRU and from the training loop.
 *
 * <p>For one trial with GRU state h (H values) and agent values x (A values):
 * <pre>
 *   s_a   = Σ_j G[a][j] h_j + c_a
 *   g     = softmax(s)
 *   logit = Σ_a w_a g_a x_a + b
 * </pre>
 * Head parameters are one flat vector laid out as G [A][H], c [A], w [A], b.
 */
final class GatedMixtureKernel {

    private final int agents;
    private final int hidden;

    GatedMixtureKernel(int agents, int hidden) {
        this.agents = agents;
        this.hidden = hidden;
    }

    /** @return A·H + A + A + 1 */
    int numParams() {
        return agents * hidden + 2 * agents + 1;
    }

    int gateOffset() {
        return 0;
    }

    int gateBiasOffset() {
        return agents * hidden;
    }

    int weightOffset() {
        return agents * hidden + agents;
    }

    int biasOffset() {
        return agents * hidden + 2 * agents;
    }

    /**
     * Computes the gates and the logit of one trial.
     *
     * @param p     head parameters
     * @param h     GRU state, read at h[hBase + j·hStride]
     * @param hBase offset of unit 0
     * @param hStride stride between units
     * @param x     agent values, read at x[xBase + a]
     * @param xBase offset of agent 0
     * @param gates [A], written with g
     * @return the logit
     */
    double forward(double[] p, double[] h, int hBase, int hStride, double[] x, int xBase, double[] gates) {
        double max = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < agents; a++) {
            double s = p[gateBiasOffset() + a];
            int row = a * hidden;
            for (int j = 0; j < hidden; j++) {
                s += p[row + j] * h[hBase + j * hStride];
            }
            gates[a] = s;
            max = Math.max(max, s);
        }
        double sum = 0;
        for (int a = 0; a < agents; a++) {
            gates[a] = Math.exp(gates[a] - max);
            sum += gates[a];
        }
        double logit = p[biasOffset()];
        for (int a = 0; a < agents; a++) {
            gates[a] /= sum;
            logit += p[weightOffset() + a] * gates[a] * x[xBase + a];
        }
        return logit;
    }

    /**
     * Back-propagates dLoss/dlogit of one trial, accumulating into the head gradient and into
     * dLoss/dh.
     *
     * @param p      head parameters
     * @param h      GRU state as in {@link #forward}
     * @param hBase  offset of unit 0
     * @param hStride stride between units
     * @param x      agent values as in {@link #forward}
     * @param xBase  offset of agent 0
     * @param gates  gates from the forward pass
     * @param dLogit dLoss/dlogit
     * @param grad   head gradient, accumulated
     * @param dh     dLoss/dh, accumulated at dh[hBase + j·hStride]
     * @param scratch [A] workspace
     */
    void backward(double[] p, double[] h, int hBase, int hStride, double[] x, int xBase, double[] gates,
                  double dLogit, double[] grad, double[] dh, double[] scratch) {
        grad[biasOffset()] += dLogit;
        double dot = 0;
        for (int a = 0; a < agents; a++) {
            double xa = x[xBase + a];
            grad[weightOffset() + a] += dLogit * gates[a] * xa;
            scratch[a] = dLogit * p[weightOffset() + a] * xa; // dLoss/dg_a
            dot += gates[a] * scratch[a];
        }
        for (int a = 0; a < agents; a++) {
            double ds = gates[a] * (scratch[a] - dot);
            grad[gateBiasOffset() + a] += ds;
            int row = a * hidden;
            for (int j = 0; j < hidden; j++) {
                grad[row + j] += ds * h[hBase + j * hStride];
                dh[hBase + j * hStride] += ds * p[row + j];
            }
        }
    }
}
