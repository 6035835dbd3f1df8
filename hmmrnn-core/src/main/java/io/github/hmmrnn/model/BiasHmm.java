package io.github.hmmrnn.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.github.hmmrnn.data.Session;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.hmm.ChainEm;
import io.github.hmmrnn.hmm.ChainEmission;
import io.github.hmmrnn.hmm.ChainLayout;
import io.github.hmmrnn.hmm.DirichletPrior;
import io.github.hmmrnn.hmm.ForwardBackward;
import io.github.hmmrnn.hmm.HmmParameters;

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
 * <p>The chain is laid out by {@link ChainLayout} (it steps on every trial; unscored trials emit no
 * choice) and fitted by the library's generalised-EM loop {@link ChainEm}. The fit is
 * deterministic: the initial p_k are spread evenly over [0.25, 0.75] and A starts sticky
 * ({@link HmmParameters#stickyStart}, 0.97 on the diagonal); Dirichlet pseudo-counts of 1 keep
 * every entry positive.
 */
public final class BiasHmm {

    private static final int MAX_ITERATIONS = 200;
    private static final double TOLERANCE = 1e-7;
    /** Self-transition probability of the sticky start. */
    private static final double STAY = 0.97;

    private final double[] initial;
    private final double[][] transition;
    private final double[] choiceProbability;
    private final OutcomeEmissions outcomes;
    private final double logLikelihood;

    private final int iterations;
    private final boolean converged;

    private BiasHmm(double[] initial, double[][] transition, double[] choiceProbability, OutcomeEmissions outcomes,
                    double logLikelihood, int iterations, boolean converged) {
        this.iterations = iterations;
        this.converged = converged;
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
        Objects.requireNonNull(evidence, "evidence");
        if (states < 1) {
            throw new IllegalArgumentException("states must be >= 1, got " + states);
        }
        if (data.numScored() == 0) {
            throw new IllegalArgumentException("data have no scored trials to fit");
        }
        int k = states;
        double[] p = new double[k];
        for (int i = 0; i < k; i++) {
            p[i] = k == 1 ? 0.5 : 0.25 + 0.5 * i / (k - 1);
        }
        List<Session> sessions = data.sessions();
        List<ChainLayout> layouts = sessions.stream().map(ChainLayout::of).toList();
        OutcomeChainEmission rho = evidence == ChainEvidence.CHOICES_AND_OUTCOMES
                ? OutcomeChainEmission.of(sessions, layouts, OutcomeEmissions.uninformative(k)) : null;
        ChainEm.Result<BiasEmission, OutcomeChainEmission> r = ChainEm.fit(HmmParameters.stickyStart(k, STAY),
                new BiasEmission(sessions, layouts, p), rho,
                // pseudo-count 1 on every entry of π and A keeps every entry positive
                new ChainEm.Options(DirichletPrior.pseudoCount(k, 1), MAX_ITERATIONS, TOLERANCE));
        return new BiasHmm(r.chain().initial(), r.chain().transition(), r.emission().p.clone(),
                r.outcomes() == null ? null : r.outcomes().outcomes(), r.logLikelihood(),
                Math.max(0, r.objectives().size() - 1), r.converged());
    }

    /** The bias-only choice emission: state k emits choice 1 with probability p_k, on scored steps. */
    static final class BiasEmission implements ChainEmission<BiasEmission> {
        private final List<Session> sessions;
        private final List<ChainLayout> layouts;
        private final double[] p;

        BiasEmission(List<Session> sessions, List<ChainLayout> layouts, double[] p) {
            this.sessions = sessions;
            this.layouts = layouts;
            this.p = p;
        }

        @Override
        public int numSequences() {
            return sessions.size();
        }

        @Override
        public double[][] logLikelihoods(int sequence) {
            return choiceLogLikelihoods(sessions.get(sequence), layouts.get(sequence), p);
        }

        /** p_k or 1 − p_k on steps that emit their choice, 1 elsewhere. */
        @Override
        public double[][] likelihoods(int sequence) {
            Session s = sessions.get(sequence);
            ChainLayout layout = layouts.get(sequence);
            double[] right = p.clone();
            double[] left = new double[p.length];
            double[] none = new double[p.length];
            for (int i = 0; i < p.length; i++) {
                left[i] = 1 - p[i];
                none[i] = 1;
            }
            double[][] l = new double[layout.numSteps()][];
            for (int j = 0; j < layout.numSteps(); j++) {
                l[j] = layout.emitsChoice(j) ? (s.choice(layout.trial(j)) == 1 ? right : left) : none;
            }
            return l;
        }

        @Override
        public BiasEmission mStep(List<double[][]> smoothed) {
            int k = p.length;
            double[] ones = new double[k];
            double[] mass = new double[k];
            for (int s = 0; s < sessions.size(); s++) {
                Session session = sessions.get(s);
                ChainLayout layout = layouts.get(s);
                double[][] g = smoothed.get(s);
                for (int j = 0; j < layout.numSteps(); j++) {
                    if (layout.emitsChoice(j)) {
                        int c = session.choice(layout.trial(j));
                        for (int i = 0; i < k; i++) {
                            mass[i] += g[j][i];
                            ones[i] += g[j][i] * c;
                        }
                    }
                }
            }
            double[] next = new double[k];
            for (int i = 0; i < k; i++) {
                // A Beta(2, 2)-style pseudo-count keeps p_k away from 0 and 1.
                next[i] = (ones[i] + 1) / (mass[i] + 2);
            }
            return new BiasEmission(sessions, layouts, next);
        }

        @Override
        public double logPrior() {
            double lp = 0;
            for (double v : p) {
                lp += Math.log(v) + Math.log1p(-v);
            }
            return lp;
        }
    }

    /**
     * Per chain step and state, the log-likelihood of what the chain emits: the choice on steps that
     * emit one, plus the outcome when {@code outcomes} is given.
     */
    static double[][] logLikelihoods(Session s, ChainLayout layout, double[] p, OutcomeEmissions outcomes) {
        double[][] l = choiceLogLikelihoods(s, layout, p);
        if (outcomes != null) {
            double[][] o = OutcomeChainEmission.of(List.of(s), List.of(layout), outcomes).logLikelihoods(0);
            for (int j = 0; j < l.length; j++) {
                for (int i = 0; i < l[j].length; i++) {
                    l[j][i] += o[j][i];
                }
            }
        }
        return l;
    }

    private static double[][] choiceLogLikelihoods(Session s, ChainLayout layout, double[] p) {
        // the K values of log p and log(1 − p), taken once rather than per step
        double[] logRight = new double[p.length];
        double[] logLeft = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            logRight[i] = Math.log(p[i]);
            logLeft[i] = Math.log(1 - p[i]);
        }
        double[][] l = new double[layout.numSteps()][];
        for (int j = 0; j < layout.numSteps(); j++) {
            if (layout.emitsChoice(j)) {
                l[j] = (s.choice(layout.trial(j)) == 1 ? logRight : logLeft).clone();
            } else {
                l[j] = new double[p.length];
            }
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
            ChainLayout layout = ChainLayout.of(s);
            double[][] l = logLikelihoods(s, layout, choiceProbability, outcomes);
            double[][] g = ForwardBackward.run(initial, transition, l).smoothed();
            double[][] perTrial = new double[s.length()][];
            for (int t = 0; t < perTrial.length; t++) {
                // a trial that is not a chain step takes the state of the next step (the last one at the end)
                perTrial[t] = g[Math.min(layout.stepOf(t), g.length - 1)].clone();
            }
            out.add(perTrial);
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

    /** @return EM iterations run (M-steps) */
    public int iterations() {
        return iterations;
    }

    /** @return whether EM stopped on its tolerance rather than its iteration limit */
    public boolean converged() {
        return converged;
    }
}
