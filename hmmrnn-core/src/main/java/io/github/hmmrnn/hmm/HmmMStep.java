package io.github.hmmrnn.hmm;

/**
 * Closed-form MAP M-step for π and A under a {@link DirichletPrior}, in the MixtureAgentsModels
 * form: π_k ∝ max(Σ_chains γ_1(k) + α^π_k − 1, 0) and A_ij ∝ max(Σ_t ξ_t(i, j) + α^A_ij − 1, 0).
 *
 * <p>When a whole row's numerator is zero (a state with no expected visits under a flat prior)
 * the maximiser is not unique; the previous row is kept, so EM never moves to an arbitrary
 * point and the log posterior cannot decrease.
 */
public final class HmmMStep {

    private HmmMStep() {
    }

    /**
     * Computes the MAP update.
     *
     * @param statistics expected sufficient statistics from the E-step (e.g.
     *                   {@link BatchPosterior#statistics()})
     * @param prior      Dirichlet prior with the same K
     * @param previous   current parameters, used for rows with no evidence
     * @return the updated parameters
     * @throws IllegalArgumentException if the numbers of states disagree
     */
    public static HmmParameters update(HmmStatistics statistics, DirichletPrior prior, HmmParameters previous) {
        int k = statistics.numStates();
        if (prior.numStates() != k || previous.numStates() != k) {
            throw new IllegalArgumentException("statistics have " + k + " states, prior "
                    + prior.numStates() + ", previous parameters " + previous.numStates());
        }
        double[] alphaPi = prior.initialConcentration();
        double[][] alphaA = prior.transitionConcentration();
        double[] pi = mapRow(statistics.initialCounts(), alphaPi, previous.initialArray());
        double[][] a = new double[k][];
        for (int i = 0; i < k; i++) {
            a[i] = mapRow(statistics.transitionCounts()[i], alphaA[i], previous.transitionArray()[i]);
        }
        return HmmParameters.of(pi, a);
    }

    /**
     * MAP estimate of one categorical distribution from expected counts and a Dirichlet
     * concentration: p_j ∝ max(n_j + α_j − 1, 0).
     *
     * @param counts   expected counts n_j
     * @param alpha    concentrations α_j
     * @param fallback returned (copied) when every numerator is zero
     * @return the normalised estimate
     */
    public static double[] mapRow(double[] counts, double[] alpha, double[] fallback) {
        int k = counts.length;
        double[] p = new double[k];
        double s = 0;
        for (int j = 0; j < k; j++) {
            // n + (α − 1): with α = 2 exactly the classic add-one estimate (n + 1)
            p[j] = Math.max(counts[j] + (alpha[j] - 1.0), 0.0);
            s += p[j];
        }
        if (!(s > 0)) {
            return fallback.clone();
        }
        for (int j = 0; j < k; j++) {
            p[j] /= s;
        }
        return p;
    }
}
