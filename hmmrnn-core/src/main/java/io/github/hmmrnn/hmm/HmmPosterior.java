package io.github.hmmrnn.hmm;

/**
 * Result of forward–backward on one chain (one session): every quantity is exact for the given
 * initial distribution, transition matrix and emission log-likelihoods.
 *
 * <p>Arrays are owned by this record and never modified after construction; callers must not
 * modify them either (they are exposed without copying because inference sits on hot paths).
 *
 * @param logMarginalLikelihood log p(y_1..T), natural log
 * @param logConditionals       [T] log p(y_t | y_&lt;t): the causal, one-step-ahead log
 *                              probability of each observation
 * @param predicted             [T][K] one-step predictive state distribution p(z_t | y_&lt;t)
 *                              (row 0 is the initial distribution); what predictive metrics use
 * @param filtered              [T][K] filtered posterior p(z_t | y_≤t)
 * @param smoothed              [T][K] smoothed posterior γ_t = p(z_t | y_1..T); also the gradient
 *                              of {@code logMarginalLikelihood} with respect to each emission
 *                              log-likelihood
 * @param expectedTransitions   [K][K] Σ_t ξ_t(i, j) = Σ_t p(z_t = i, z_t+1 = j | y_1..T)
 */
public record HmmPosterior(double logMarginalLikelihood, double[] logConditionals, double[][] predicted,
                           double[][] filtered, double[][] smoothed, double[][] expectedTransitions) {

    /** @return number of time steps T */
    public int length() {
        return predicted.length;
    }

    /** @return number of states K */
    public int numStates() {
        return expectedTransitions.length;
    }
}
