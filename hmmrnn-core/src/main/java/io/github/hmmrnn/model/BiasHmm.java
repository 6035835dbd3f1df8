package io.github.hmmrnn.model;

import java.util.ArrayList;
import java.util.List;

import io.github.hmmrnn.data.Session;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.hmm.ForwardBackward;
import io.github.hmmrnn.hmm.HmmPosterior;

/**
 * The simplest latent-state choice model: a K-state HMM whose state k emits choice 1 with a fixed
 * probability p_k (a bias-only GLM-HMM), fitted by EM.
 *
 * <p>Its purpose is a warm start. Richer emission models (a GRU, learning agents) can explain slow
 * changes in choice preference either through their own memory or through the hidden chain, and
 * the exact likelihood barely distinguishes the two; gradient training from a symmetric start
 * drifts to the first. Starting them from this model's posteriors puts the phase-like structure in
 * the chain, where it is interpretable, and lets training refine it.
 *
 * <p>Unscored trials emit nothing (log-likelihood 0 in every state) but the chain still steps.
 * The fit is deterministic: the initial p_k are spread evenly over [0.25, 0.75] and A starts
 * sticky (0.97 on the diagonal); Dirichlet pseudo-counts of 1 keep every entry positive.
 */
public final class BiasHmm {

    private static final int MAX_ITERATIONS = 200;
    private static final double TOLERANCE = 1e-7;

    private final double[] initial;
    private final double[][] transition;
    private final double[] choiceProbability;
    private final OutcomeEmissions outcomes;
    private final double logLikelihood;

    private BiasHmm(double[] initial, double[][] transition, double[] choiceProbability, OutcomeEmissions outcomes,
                    double logLikelihood) {
        this.initial = initial;
        this.transition = transition;
        this.choiceProbability = choiceProbability;
        this.outcomes = outcomes;
        this.logLikelihood = logLikelihood;
    }

    /**
     * Fits the model by EM.
     *
     * @param data   sessions with at least one scored trial
     * @param states number of states K, at least 1
     * @return the fitted model
     * @throws IllegalArgumentException if {@code states < 1} or no trial is scored
     */
    public static BiasHmm fit(TwoStepDataset data, int states) {
        return fit(data, states, ChainEvidence.CHOICES);
    }

    /**
     * Fits the model by EM, with the states emitting choices and, if asked, outcomes.
     *
     * <p>With {@link ChainEvidence#CHOICES_AND_OUTCOMES} the outcome model starts uninformative
     * (ρ = 0.5), so the first E-step is the choice-only one and the spread of the initial p_k
     * breaks the symmetry.
     *
     * @param data     sessions with at least one scored trial
     * @param states   number of states K, at least 1
     * @param evidence what the states emit
     * @return the fitted model
     * @throws IllegalArgumentException if {@code states < 1} or no trial is scored
     */
    public static BiasHmm fit(TwoStepDataset data, int states, ChainEvidence evidence) {
        java.util.Objects.requireNonNull(evidence, "evidence");
        if (states < 1) {
            throw new IllegalArgumentException("states must be >= 1, got " + states);
        }
        if (data.numScored() == 0) {
            throw new IllegalArgumentException("data have no scored trials to fit");
        }
        int k = states;
        double[] pi = new double[k];
        double[][] a = new double[k][k];
        double[] p = new double[k];
        for (int i = 0; i < k; i++) {
            pi[i] = 1.0 / k;
            p[i] = k == 1 ? 0.5 : 0.25 + 0.5 * i / (k - 1);
            for (int j = 0; j < k; j++) {
                a[i][j] = k == 1 ? 1 : (i == j ? 0.97 : 0.03 / (k - 1));
            }
        }
        OutcomeEmissions rho = evidence == ChainEvidence.CHOICES_AND_OUTCOMES
                ? OutcomeEmissions.uninformative(k) : null;
        double previous = Double.NEGATIVE_INFINITY;
        double ll = Double.NEGATIVE_INFINITY;
        for (int iter = 0; iter < MAX_ITERATIONS; iter++) {
            List<double[][]> gammas = new ArrayList<>(data.numSessions());
            double[] piCounts = new double[k];
            double[][] aCounts = new double[k][k];
            double[] ones = new double[k];
            double[] mass = new double[k];
            ll = 0;
            for (Session s : data.sessions()) {
                HmmPosterior post = ForwardBackward.run(pi, a, logLikelihoods(s, p, rho));
                ll += post.logMarginalLikelihood();
                double[][] g = post.smoothed();
                gammas.add(g);
                for (int i = 0; i < k; i++) {
                    piCounts[i] += g[0][i];
                    for (int j = 0; j < k; j++) {
                        aCounts[i][j] += post.expectedTransitions()[i][j];
                    }
                }
                for (int t = 0; t < s.length(); t++) {
                    if (s.scored(t)) {
                        for (int i = 0; i < k; i++) {
                            mass[i] += g[t][i];
                            ones[i] += g[t][i] * s.choice(t);
                        }
                    }
                }
            }
            double piTotal = 0;
            for (int i = 0; i < k; i++) {
                piTotal += piCounts[i] + 1;
            }
            for (int i = 0; i < k; i++) {
                pi[i] = (piCounts[i] + 1) / piTotal;
                double row = 0;
                for (int j = 0; j < k; j++) {
                    row += aCounts[i][j] + 1;
                }
                for (int j = 0; j < k; j++) {
                    a[i][j] = (aCounts[i][j] + 1) / row;
                }
                // A Beta(2, 2)-style pseudo-count keeps p_k away from 0 and 1.
                p[i] = (ones[i] + 1) / (mass[i] + 2);
            }
            if (rho != null) {
                rho = OutcomeEmissions.mapEstimate(data.sessions(), gammas, k);
            }
            if (ll - previous < TOLERANCE * Math.abs(ll)) {
                break;
            }
            previous = ll;
        }
        return new BiasHmm(pi, a, p, rho, ll);
    }

    private static double[][] logLikelihoods(Session s, double[] p, OutcomeEmissions rho) {
        double[][] l = new double[s.length()][p.length];
        for (int t = 0; t < s.length(); t++) {
            if (s.scored(t)) {
                for (int i = 0; i < p.length; i++) {
                    l[t][i] = Math.log(s.choice(t) == 1 ? p[i] : 1 - p[i]);
                }
            }
        }
        if (rho != null) {
            rho.addLogLikelihoods(s, l);
        }
        return l;
    }

    /**
     * Smoothed posteriors p(z_t | the session's choices, and outcomes if the chain emits them)
     * under the fitted model.
     *
     * @param data sessions
     * @return per session [T][K]
     */
    public List<double[][]> smoothedStates(TwoStepDataset data) {
        List<double[][]> out = new ArrayList<>(data.numSessions());
        for (Session s : data.sessions()) {
            out.add(ForwardBackward.run(initial, transition, logLikelihoods(s, choiceProbability, outcomes)).smoothed());
        }
        return out;
    }

    /** @return number of states K */
    public int numStates() {
        return initial.length;
    }

    /** @return initial distribution π, [K] (copy) */
    public double[] initialDistribution() {
        return initial.clone();
    }

    /** @return transition matrix A, [K][K] (copy) */
    public double[][] transitionMatrix() {
        double[][] c = new double[transition.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = transition[i].clone();
        }
        return c;
    }

    /** @return p(choice = 1 | state k), [K] (copy) */
    public double[] choiceProbabilities() {
        return choiceProbability.clone();
    }

    /**
     * @return the per-state outcome model, or {@code null} if the states emit choices only
     */
    public OutcomeEmissions outcomeEmissions() {
        return outcomes;
    }

    /** @return log marginal likelihood of the scored choices (and outcomes, if emitted) at the fit */
    public double logLikelihood() {
        return logLikelihood;
    }
}
