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
     * log p_k(choice = c) for every row, head, choice and step, in the logits' own layout:
     * lp[(b·2K + 2k + c)·T + t] (padded steps included). Each value is
     * {@link GruMath#logSoftmax2}'s, which depends on that step's two logits alone.
     *
     * @param logits [B][2K][T] row-major head logits
     * @param heads  K
     * @param steps  padded T
     * @return [B][2K][T] log-probabilities
     */
    static double[] logProbabilities(double[] logits, int heads, int steps) {
        double[] lp = new double[logits.length];
        for (int pair = 0; pair < logits.length / (2 * steps); pair++) {
            GruMath.logSoftmax2(logits, 2 * pair * steps, (2 * pair + 1) * steps, lp, 2 * pair * steps,
                    (2 * pair + 1) * steps, steps);
        }
        return lp;
    }

    /**
     * log p_k(choice = c) for one session: the values of {@link #logProbabilities(double[], int, int)}
     * for one row.
     *
     * @param logits [B][2K][T] row-major head logits
     * @param heads  K
     * @param steps  padded T
     * @param row    session row b
     * @param length session length L
     * @return [L][K][2] log-probabilities
     */
    static double[][][] logProbabilities(double[] logits, int heads, int steps, int row, int length) {
        double[] flat = new double[2 * heads * steps];
        int base = row * 2 * heads * steps;
        for (int k = 0; k < heads; k++) {
            GruMath.logSoftmax2(logits, base + 2 * k * steps, base + (2 * k + 1) * steps, flat, 2 * k * steps,
                    (2 * k + 1) * steps, steps);
        }
        double[][][] lp = new double[length][heads][2];
        for (int t = 0; t < length; t++) {
            for (int k = 0; k < heads; k++) {
                lp[t][k][0] = flat[2 * k * steps + t];
                lp[t][k][1] = flat[(2 * k + 1) * steps + t];
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
                // GruMath's exp: the same bits as the trainer's vectorised probabilities
                s += predicted[t][k] * GruMath.exp(lp[t][k][1]);
            }
            p[t] = s;
        }
        return p;
    }
}
