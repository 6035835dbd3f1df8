package io.github.hmmrnn.moa.neural;

import io.github.hmmrnn.model.OutcomeEmissions;

import io.github.hmmrnn.hmm.BatchPosterior;
import io.github.hmmrnn.hmm.ForwardBackward;
import io.github.hmmrnn.hmm.HmmParameters;
import io.github.hmmrnn.hmm.HmmPosterior;
import io.github.hmmrnn.numeric.Logistic;
import io.github.hmmrnn.rnn.GruGraph;

import java.util.ArrayList;
import java.util.List;

/**
 * Exact negative log marginal likelihood of the HMM over gated mixtures, per scored trial, and
 * its gradient with respect to the network parameters [GRU | head_0 | … | head_{K−1}] at fixed
 * π and A.
 *
 * <p>State k emits choice_t with p = σ(logit^k_t), where head k is a {@link GatedMixtureKernel}
 * over the shared GRU state. Unscored trials emit nothing (log-likelihood 0 in every state). The
 * gradient of log p(choices) with respect to an emission log-likelihood is the smoothed
 * posterior γ_{t,k}, so dLoss/dlogit^k_t = γ_{t,k}(p^k_t − y_t)/N.
 */
final class HmmMixtureObjective {

    private final GruGraph gru;
    private final GatedMixtureKernel head;
    private final int hidden;
    private final int agents;
    private final int states;

    HmmMixtureObjective(GruGraph gru, int hidden, int agents, int states) {
        this.gru = gru;
        this.hidden = hidden;
        this.agents = agents;
        this.states = states;
        this.head = new GatedMixtureKernel(agents, hidden);
    }

    int numParams() {
        return gru.numParams() + states * head.numParams();
    }

    /** @return offset of head k in the parameter vector */
    int headOffset(int k) {
        return gru.numParams() + k * head.numParams();
    }

    GatedMixtureKernel head() {
        return head;
    }

    /** What one pass computed. */
    record Pass(double[] h, double[][] headParams, double[][][] logits, double[][][] gates) {
    }

    Pass pass(double[] theta, EncodedSessions d, boolean keepGates) {
        double[] g = new double[gru.numParams()];
        System.arraycopy(theta, 0, g, 0, g.length);
        gru.setParameters(g);
        double[] h = gru.forward(d.inputs, d.batch, d.steps);
        double[][] p = new double[states][head.numParams()];
        for (int k = 0; k < states; k++) {
            System.arraycopy(theta, headOffset(k), p[k], 0, p[k].length);
        }
        double[][][] logits = new double[d.batch][][];
        double[][][] gates = keepGates ? new double[d.batch][][] : null;
        double[] scratch = new double[agents];
        for (int b = 0; b < d.batch; b++) {
            logits[b] = new double[d.lengths[b]][states];
            if (keepGates) {
                gates[b] = new double[d.lengths[b] * states][];
            }
            for (int t = 0; t < d.lengths[b]; t++) {
                for (int k = 0; k < states; k++) {
                    logits[b][t][k] = head.forward(p[k], h, b * hidden * d.steps + t, d.steps, d.values,
                            (b * d.steps + t) * agents, scratch);
                    if (keepGates) {
                        gates[b][t * states + k] = scratch.clone();
                    }
                }
            }
        }
        return new Pass(h, p, logits, gates);
    }

    /**
     * @param logits   per session [T][K]
     * @param d        data
     * @param outcomes per-state outcome model, or null when the chain emits choices only
     * @return per session [T][K] emission log-likelihoods (0 for unscored trials, plus the outcome
     *         term on every trial when the chain emits outcomes)
     */
    List<double[][]> emissionLogLikelihoods(double[][][] logits, EncodedSessions d, OutcomeEmissions outcomes) {
        List<double[][]> out = new ArrayList<>(d.batch);
        for (int b = 0; b < d.batch; b++) {
            double[][] ll = new double[d.lengths[b]][states];
            for (int t = 0; t < d.lengths[b]; t++) {
                if (d.scored[b][t]) {
                    for (int k = 0; k < states; k++) {
                        ll[t][k] = Logistic.logSigmoid(d.choices[b][t] == 1 ? logits[b][t][k] : -logits[b][t][k]);
                    }
                }
            }
            if (outcomes != null) {
                outcomes.addLogLikelihoods(d.sessions.get(b), ll);
            }
            out.add(ll);
        }
        return out;
    }

    /**
     * @param probabilities per session p(choice_t = 1 | trials &lt; t)
     * @param d             data
     * @return −Σ log p(observed choice_t | trials &lt; t) over scored trials (a sum, not a mean)
     */
    static double choiceNll(List<double[]> probabilities, EncodedSessions d) {
        double s = 0;
        for (int b = 0; b < d.batch; b++) {
            double[] p = probabilities.get(b);
            for (int t = 0; t < d.lengths[b]; t++) {
                if (d.scored[b][t]) {
                    s -= Math.log(d.choices[b][t] == 1 ? p[t] : 1 - p[t]);
                }
            }
        }
        return s;
    }

    /**
     * Loss and (optionally) gradient at fixed π and A.
     *
     * @param theta network parameters
     * @param hmm   π and A
     * @param outcomes per-state outcome model, or null when the chain emits choices only
     * @param d     data
     * @param grad  written when non-null
     * @return the posterior (for the M-step) and the causal choice NLL per scored trial (equal to
     *         −log p(choices)/N when the chain emits choices only; the gradient is always that of
     *         the chain's exact log marginal likelihood)
     */
    Result loss(double[] theta, HmmParameters hmm, OutcomeEmissions outcomes, EncodedSessions d, double[] grad) {
        Pass pass = pass(theta, d, false);
        BatchPosterior post = ForwardBackward.runAll(hmm, emissionLogLikelihoods(pass.logits(), d, outcomes));
        double n = d.numScored;
        if (grad != null) {
            double[] dh = new double[pass.h().length];
            double[][] headGrad = new double[states][head.numParams()];
            double[] gates = new double[agents];
            double[] scratch = new double[agents];
            for (int b = 0; b < d.batch; b++) {
                double[][] gamma = post.chains().get(b).smoothed();
                for (int t = 0; t < d.lengths[b]; t++) {
                    if (!d.scored[b][t]) {
                        continue;
                    }
                    int hBase = b * hidden * d.steps + t;
                    int xBase = (b * d.steps + t) * agents;
                    int y = d.choices[b][t];
                    for (int k = 0; k < states; k++) {
                        // recomputing the gates is cheaper than keeping [B][T][K][A] of them
                        double logit = head.forward(pass.headParams()[k], pass.h(), hBase, d.steps, d.values, xBase,
                                gates);
                        double prob = Logistic.sigmoid(logit);
                        head.backward(pass.headParams()[k], pass.h(), hBase, d.steps, d.values, xBase, gates,
                                gamma[t][k] * (prob - y) / n, headGrad[k], dh, scratch);
                    }
                }
            }
            double[] g = gru.backward(dh, d.batch, d.steps);
            System.arraycopy(g, 0, grad, 0, g.length);
            for (int k = 0; k < states; k++) {
                System.arraycopy(headGrad[k], 0, grad, headOffset(k), headGrad[k].length);
            }
        }
        return new Result(post, choiceNll(mixture(post, pass, d), d) / n, -post.logMarginalLikelihood() / n);
    }

    /**
     * Causal predictions: p(choice_t = 1 | trials &lt; t) = Σ_k p(z_t = k | trials &lt; t) σ(logit^k_t).
     *
     * @param theta network parameters
     * @param hmm   π and A
     * @param d     data
     * @return the forward-only posteriors and the per-session predictions
     */
    Prediction predict(double[] theta, HmmParameters hmm, OutcomeEmissions outcomes, EncodedSessions d,
                       boolean keepGates) {
        Pass pass = pass(theta, d, keepGates);
        BatchPosterior post = ForwardBackward.filterAll(hmm, emissionLogLikelihoods(pass.logits(), d, outcomes));
        return new Prediction(post, mixture(post, pass, d), pass);
    }

    /** Σ_k p(z_t = k | trials &lt; t) σ(logit^k_t) per session. */
    List<double[]> mixture(BatchPosterior post, Pass pass, EncodedSessions d) {
        List<double[]> probs = new ArrayList<>(d.batch);
        for (int b = 0; b < d.batch; b++) {
            HmmPosterior c = post.chains().get(b);
            double[] p = new double[d.lengths[b]];
            for (int t = 0; t < p.length; t++) {
                for (int k = 0; k < states; k++) {
                    p[t] += c.predicted()[t][k] / (1.0 + Math.exp(-pass.logits()[b][t][k]));
                }
            }
            probs.add(p);
        }
        return probs;
    }

    /**
     * Loss evaluation.
     *
     * @param posterior forward–backward output
     * @param loss      causal choice NLL per scored trial
     * @param objective −log p(everything the chain emits)/N, whose gradient {@link #loss} computes
     *                  (equal to {@code loss} when the chain emits choices only)
     */
    record Result(BatchPosterior posterior, double loss, double objective) {
    }

    /** Prediction output. */
    record Prediction(BatchPosterior posterior, List<double[]> probabilities, Pass pass) {
    }
}
