package io.github.hmmrnn.metrics;

import io.github.hmmrnn.data.Session;
import io.github.hmmrnn.data.TwoStepDataset;
import java.util.List;

/**
 * Predictive NLL and accuracy from causal choice probabilities.
 *
 * <p>The caller supplies, for every trial t of every session, p(choice_t = 1 | trials &lt; t of
 * that session). Nothing here can check causality; the contract is that the probability for
 * trial t was computed without looking at trial t or later (for latent-state models: from the
 * one-step predictive state distribution p(z_t | y_&lt;t), never the filtered or smoothed one).
 * Unscored (forced) trials are skipped and their entries are not read.
 */
public final class PredictiveMetrics {

    private PredictiveMetrics() {
    }

    /**
     * Scores causal predictions.
     *
     * @param data         the observed sessions
     * @param probChoice1  one array per session, in dataset order, each of the session's length:
     *                     p(choice_t = 1 | trials &lt; t)
     * @return NLL and accuracy over the scored trials
     * @throws IllegalArgumentException if the number of arrays or a length differs from the
     *                                  data, a scored entry is NaN or outside [0, 1] (the message
     *                                  names session and trial), or no trial is scored
     */
    public static PredictiveScore evaluate(TwoStepDataset data, List<double[]> probChoice1) {
        if (data == null || probChoice1 == null) {
            throw new IllegalArgumentException("data and probChoice1 must not be null");
        }
        List<Session> sessions = data.sessions();
        if (probChoice1.size() != sessions.size()) {
            throw new IllegalArgumentException("probChoice1 has " + probChoice1.size() + " sessions, data has "
                    + sessions.size());
        }
        double sum = 0;
        double sumSq = 0;
        double correct = 0;
        int n = 0;
        for (int b = 0; b < sessions.size(); b++) {
            Session s = sessions.get(b);
            double[] p = probChoice1.get(b);
            if (p == null || p.length != s.length()) {
                throw new IllegalArgumentException("probChoice1 of session " + b + " has "
                        + (p == null ? "no" : String.valueOf(p.length)) + " trials, expected " + s.length());
            }
            for (int t = 0; t < p.length; t++) {
                if (!s.scored(t)) {
                    continue;
                }
                double q = p[t];
                if (!(q >= 0 && q <= 1)) {
                    throw new IllegalArgumentException("probChoice1 of session " + b + ", trial " + t + " = " + q
                            + ", expected a probability in [0, 1]");
                }
                int c = s.choice(t);
                double loss = -Math.log(c == 1 ? q : 1 - q);
                sum += loss;
                sumSq += loss * loss;
                if (q == 0.5) {
                    correct += 0.5;
                } else if ((q > 0.5) == (c == 1)) {
                    correct += 1;
                }
                n++;
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("data has no scored trials");
        }
        double mean = sum / n;
        double se = 0;
        if (n > 1 && Double.isFinite(mean)) {
            double var = Math.max(0, (sumSq - n * mean * mean) / (n - 1));
            se = Math.sqrt(var / n);
        }
        return new PredictiveScore(mean, correct / n, n, se);
    }
}
