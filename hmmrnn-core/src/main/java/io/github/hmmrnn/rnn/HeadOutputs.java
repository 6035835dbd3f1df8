package io.github.hmmrnn.rnn;

import io.github.hmmrnn.model.OutcomeEmissions;

/**
 * Per-session view of the network's head logits: log-probabilities of each choice under each
 * head, and the HMM emission log-likelihoods derived from them. Pure arithmetic, no DL4J.
 */
final class HeadOutputs {

    private HeadOutputs() {
    }

    /**
     * log p_k(choice = c) for one session.
     *
     * @param logits [B][2K][T] row-major head logits
     * @param heads  K
     * @param steps  padded T
     * @param row    session row b
     * @param length session length L
     * @return [L][K][2] log-probabilities
     */
    static double[][][] logProbabilities(double[] logits, int heads, int steps, int row, int length) {
        double[][][] lp = new double[length][heads][2];
        int base = row * 2 * heads * steps;
        for (int t = 0; t < length; t++) {
            for (int k = 0; k < heads; k++) {
                double a0 = logits[base + (2 * k) * steps + t];
                double a1 = logits[base + (2 * k + 1) * steps + t];
                double m = Math.max(a0, a1);
                double lse = m + Math.log(Math.exp(a0 - m) + Math.exp(a1 - m));
                lp[t][k][0] = a0 - lse;
                lp[t][k][1] = a1 - lse;
            }
        }
        return lp;
    }

    /**
     * Emission log-likelihoods τ·log p_k(observed choice); 0 for every state on unscored trials
     * (a forced trial's choice carries no evidence about the state but the chain still steps: the
     * library's layout, {@link io.github.hmmrnn.hmm.ChainLayout}); plus, when
     * the chain emits outcomes, log p(reward_t | z_t = k, s_t) on every trial (not tempered).
     *
     * @param lp          [L][K][2] head log-probabilities
     * @param inputs      encoded data
     * @param row         session row
     * @param temperature τ
     * @param outcomes    per-state outcome model, or null when the chain emits choices only
     * @return [L][K]
     */
    static double[][] emissions(double[][][] lp, RnnInputs inputs, int row, double temperature,
                                OutcomeEmissions outcomes) {
        int length = lp.length;
        int heads = length == 0 ? 0 : lp[0].length;
        double[][] e = new double[length][heads];
        for (int t = 0; t < length; t++) {
            if (!inputs.scored(row, t)) {
                continue;
            }
            int c = inputs.choice(row, t);
            for (int k = 0; k < heads; k++) {
                e[t][k] = temperature * lp[t][k][c];
            }
        }
        if (outcomes != null) {
            outcomes.addLogLikelihoods(inputs.rowTrials(row), e);
        }
        return e;
    }

    /**
     * Causal predictive probability of choice 1: Σ_k p(z_t = k | trials &lt; t) · p_k(1).
     *
     * @param lp        [L][K][2] head log-probabilities
     * @param predicted [L][K] one-step predictive state distribution
     * @return [L]
     */
    static double[] predictiveChoice1(double[][][] lp, double[][] predicted) {
        double[] p = new double[lp.length];
        for (int t = 0; t < lp.length; t++) {
            double s = 0;
            for (int k = 0; k < lp[t].length; k++) {
                s += predicted[t][k] * Math.exp(lp[t][k][1]);
            }
            p[t] = s;
        }
        return p;
    }
}
