package io.github.hmmrnn.moa;

import io.github.hmmrnn.agents.Agent;
import io.github.hmmrnn.agents.AgentParameter;
import io.github.hmmrnn.agents.AgentRegressors;
import io.github.hmmrnn.agents.Agents;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.hmm.ForwardBackward;
import io.github.hmmrnn.hmm.HmmPosterior;
import io.github.hmmrnn.hmm.Viterbi;
import io.github.hmmrnn.model.ChainEvidence;
import io.github.hmmrnn.model.LatentStateModel;
import io.github.hmmrnn.model.OutcomeChainEmission;
import io.github.hmmrnn.model.OutcomeEmissions;
import io.github.hmmrnn.model.Provenance;
import io.github.hmmrnn.model.SavableModel;
import io.github.hmmrnn.model.SessionInference;
import io.github.hmmrnn.model.StateInference;
import io.github.hmmrnn.model.TrainingHistory;
import io.github.hmmrnn.numeric.DoubleArrays;
import io.github.hmmrnn.numeric.Logistic;
import io.github.hmmrnn.model.ComponentTraces;
import io.github.hmmrnn.model.ParameterBars;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Function;

/**
 * An immutable fitted (or hand-specified) MoA-HMM: agents with their learning rates, weights
 * β [agents][states], initial distribution π and transition matrix A.
 *
 * <p>All predictive quantities are causal: p(choice_t = 1 | trials &lt; t) =
 * Σ_k p(z_t = k | trials &lt; t)·σ(Σ_a β[a][k]·x_{a,t}). The hidden chain is laid out by
 * {@link io.github.hmmrnn.hmm.ChainLayout}: one step per trial, restarting from π at every session;
 * an unscored (forced) trial's step emits no choice.
 *
 * <p>When the chain also emits outcomes ({@link ChainEvidence#CHOICES_AND_OUTCOMES}), state k
 * rewards second-step state s with probability ρ[k][s] ({@link #outcomeEmissions()}), and every
 * trial's emission is p(choice_t | z_t = k)·ρ-term (the ρ-term alone on a forced trial). Filtering, smoothing and Viterbi use
 * it; the predictive p(choice_t = 1 | trials &lt; t) still mixes with p(z_t | trials &lt; t), which
 * then includes the outcomes of earlier trials but never that of trial t. {@link #logLikelihood()}
 * and {@link #logLikelihood(TwoStepDataset)} are then joint log-likelihoods of choices and
 * outcomes; {@link #choiceLogLikelihood(TwoStepDataset)} and the normalised likelihoods are
 * always causal choice scores. The training {@link #history()} records the causal choice NLL per
 * scored trial at every EM iteration, and −(log posterior)/N, the objective EM climbs (joint when
 * the chain emits outcomes), as its {@code objective}.
 */
public final class FittedHmmMoa implements LatentStateModel, SavableModel {

    private final List<Agent> agents;
    private final double[][] beta;   // [A][K]
    private final double[][] betaKA; // [K][A]
    private final double[] pi;
    private final double[][] trans;
    private final OutcomeEmissions outcomes;   // null when the chain emits choices only
    private final double logLikelihood;
    private final double choiceLogLikelihood;
    private final double logPosterior;
    private final int numScored;
    private final TrainingHistory history;
    private final double[] startLogPosteriors;
    private final List<StartFamily> startFamilies;
    private final String specification;
    private final Provenance provenance;

    FittedHmmMoa(List<Agent> agents, double[][] beta, double[] pi, double[][] trans, OutcomeEmissions outcomes,
                 double logLikelihood, double choiceLogLikelihood, double logPosterior, int numScored,
                 TrainingHistory history, double[] startLogPosteriors, List<StartFamily> startFamilies,
                 String specification, Provenance provenance) {
        this.agents = List.copyOf(agents);
        this.beta = DoubleArrays.copy(beta);
        int k = pi.length;
        this.betaKA = new double[k][agents.size()];
        for (int a = 0; a < agents.size(); a++) {
            for (int s = 0; s < k; s++) {
                betaKA[s][a] = beta[a][s];
            }
        }
        this.pi = pi.clone();
        this.trans = DoubleArrays.copy(trans);
        this.outcomes = outcomes;
        this.logLikelihood = logLikelihood;
        this.choiceLogLikelihood = choiceLogLikelihood;
        this.logPosterior = logPosterior;
        this.numScored = numScored;
        this.history = history;
        this.startLogPosteriors = startLogPosteriors.clone();
        if (!startFamilies.isEmpty() && startFamilies.size() != startLogPosteriors.length) {
            throw new IllegalArgumentException(startFamilies.size() + " start families for " + startLogPosteriors.length
                    + " start log posteriors");
        }
        this.startFamilies = List.copyOf(startFamilies);
        this.specification = specification;
        this.provenance = Objects.requireNonNull(provenance, "provenance");
    }

    /**
     * A model with given parameters (e.g. a ground truth to simulate from); learning rates are
     * the agents' declared parameter values.
     *
     * @param agents     agents with their parameter values set (unique names)
     * @param beta       [A][K] weights
     * @param pi         [K] initial distribution
     * @param transition [K][K] transition matrix
     * @return the model (no training history, log-likelihood NaN)
     * @throws IllegalArgumentException if shapes disagree or a distribution is not stochastic
     */
    public static FittedHmmMoa of(List<Agent> agents, double[][] beta, double[] pi, double[][] transition) {
        return of(agents, beta, pi, transition, null);
    }

    /**
     * A model with given parameters whose chain also emits outcomes
     * ({@link ChainEvidence#CHOICES_AND_OUTCOMES}); learning rates are the agents' declared
     * parameter values.
     *
     * @param agents     agents with their parameter values set (unique names)
     * @param beta       [A][K] weights
     * @param pi         [K] initial distribution
     * @param transition [K][K] transition matrix
     * @param outcomes   per-state reward probabilities with K states, or null for a chain that
     *                   emits choices only
     * @return the model (no training history, log-likelihood NaN)
     * @throws IllegalArgumentException if shapes disagree (including the outcome model's number of
     *                                  states) or a distribution is not stochastic
     */
    public static FittedHmmMoa of(List<Agent> agents, double[][] beta, double[] pi, double[][] transition,
                                  OutcomeEmissions outcomes) {
        int k = pi.length;
        if (k < 1) {
            throw new IllegalArgumentException("states must be >= 1, got " + k);
        }
        if (beta.length != agents.size()) {
            throw new IllegalArgumentException("beta has " + beta.length + " rows but there are " + agents.size() + " agents");
        }
        Set<String> names = new HashSet<>();
        for (int a = 0; a < agents.size(); a++) {
            if (!names.add(agents.get(a).name())) {
                throw new IllegalArgumentException("agent name '" + agents.get(a).name() + "' appears twice");
            }
            if (beta[a].length != k) {
                throw new IllegalArgumentException("beta row " + a + " has " + beta[a].length + " states, expected " + k);
            }
            for (double v : beta[a]) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("beta row " + a + " has a non-finite value " + v);
                }
            }
        }
        checkStochastic("pi", pi);
        if (transition.length != k) {
            throw new IllegalArgumentException("transition has " + transition.length + " rows, expected " + k);
        }
        for (int i = 0; i < k; i++) {
            if (transition[i].length != k) {
                throw new IllegalArgumentException("transition row " + i + " has " + transition[i].length + " entries, expected " + k);
            }
            checkStochastic("transition row " + i, transition[i]);
        }
        if (outcomes != null && outcomes.numStates() != k) {
            throw new IllegalArgumentException("outcomes has " + outcomes.numStates() + " states, expected " + k);
        }
        return new FittedHmmMoa(agents, beta, pi, transition, outcomes, Double.NaN, Double.NaN, Double.NaN, 0,
                new TrainingHistory(List.of(), false, 0), new double[0], List.of(), "given parameters",
                Provenance.ofGivenParameters(Provenance.PURE_JAVA));
    }

    /** This model with its training choice log-likelihood set. */
    FittedHmmMoa withChoiceLogLikelihood(double value) {
        return new FittedHmmMoa(agents, beta, pi, trans, outcomes, logLikelihood, value, logPosterior, numScored,
                history, startLogPosteriors, startFamilies, specification, provenance);
    }

    @Override
    public FittedHmmMoa withProvenance(Provenance other) {
        return new FittedHmmMoa(agents, beta, pi, trans, outcomes, logLikelihood, choiceLogLikelihood, logPosterior,
                numScored, history, startLogPosteriors, startFamilies, specification, other);
    }

    @Override
    public Provenance provenance() {
        return provenance;
    }

    /** @return a one-line description of how the model was made (the fitted spec, or "given parameters") */
    String specification() {
        return specification;
    }

    static void checkStochastic(String what, double[] p) {
        double s = 0;
        for (double v : p) {
            if (!(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException(what + " has an entry " + v + " outside [0, 1]");
            }
            s += v;
        }
        if (Math.abs(s - 1) > 1e-6) {
            throw new IllegalArgumentException(what + " must sum to 1, sums to " + s);
        }
    }

    @Override
    public String name() {
        return "HmmMoa(K=" + pi.length + ",agents=" + agents.size() + (outcomes == null ? "" : ",outcomes") + ")";
    }

    /** @return what the hidden chain emits */
    public ChainEvidence chainEvidence() {
        return outcomes == null ? ChainEvidence.CHOICES : ChainEvidence.CHOICES_AND_OUTCOMES;
    }

    /**
     * @return the per-state reward probabilities ρ [K][2] (states in this model's order), or
     *         empty when the chain emits choices only
     */
    public Optional<OutcomeEmissions> outcomeEmissions() {
        return Optional.ofNullable(outcomes);
    }

    /** @return the agents, their parameters set to the fitted values */
    public List<Agent> agents() {
        return agents;
    }

    /** @return agent names in order */
    public List<String> agentNames() {
        return agents.stream().map(Agent::name).toList();
    }

    /** @return β, [agents][states] (a copy) */
    public double[][] weights() {
        return DoubleArrays.copy(beta);
    }

    /**
     * @return every agent parameter value by "agent.parameter" name (fitted and fixed), in
     *         agent order
     */
    public Map<String, Double> learningRates() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (Agent a : agents) {
            for (AgentParameter p : a.parameters()) {
                m.put(a.name() + "." + p.name(), p.value());
            }
        }
        return m;
    }

    @Override
    public int numStates() {
        return pi.length;
    }

    @Override
    public double[] initialDistribution() {
        return pi.clone();
    }

    @Override
    public double[][] transitionMatrix() {
        return DoubleArrays.copy(trans);
    }

    /**
     * @return training log marginal likelihood of what the chain emits: the scored choices, or
     *         the scored choices and their outcomes jointly with {@link ChainEvidence#CHOICES_AND_OUTCOMES}
     *         (NaN for a hand-specified model)
     */
    public double logLikelihood() {
        return logLikelihood;
    }

    /**
     * @return training Σ_t log p(choice_t | trials &lt; t) over scored trials; equals
     *         {@link #logLikelihood()} when the chain emits choices only (NaN for a hand-specified model)
     */
    public double choiceLogLikelihood() {
        return choiceLogLikelihood;
    }

    /**
     * @return training log posterior = log-likelihood + log priors (constants dropped, as in
     *         MixtureAgentsModels; with outcomes it includes ρ's Beta(2, 2) prior): the objective EM climbs
     */
    public double logPosterior() {
        return logPosterior;
    }

    /** @return number of scored training trials */
    public int numScoredTrials() {
        return numScored;
    }

    /**
     * @return training normalised likelihood of the choices exp(LL_c / N), LL_c =
     *         {@link #choiceLogLikelihood()}, N = scored trials
     */
    public double normalizedLikelihood() {
        return Math.exp(choiceLogLikelihood / numScored);
    }

    /** @return the final log posterior of every start, in start order */
    public double[] startLogPosteriors() {
        return startLogPosteriors.clone();
    }

    /**
     * @return the family of every start, in start order (parallel to {@link #startLogPosteriors()});
     *         empty for given parameters and for files written before the families were recorded
     */
    public List<StartFamily> startFamilies() {
        return startFamilies;
    }

    /**
     * How many starts ended within {@link #AGREEMENT_TOLERANCE} nats of the best log posterior:
     * a measure of how trustworthy the optimum is (one means no other start confirmed it).
     *
     * @return the number of agreeing starts, including the best; 0 for a model with no starts
     */
    public int startsAgreeing() {
        return countAgreeing(startLogPosteriors);
    }

    /** Starts whose final log posterior is within this many nats of the best agree with it. */
    public static final double AGREEMENT_TOLERANCE = 0.1;

    /** Number of values within {@link #AGREEMENT_TOLERANCE} of the largest (0 for none). */
    static int countAgreeing(double[] logPosteriors) {
        double best = Double.NEGATIVE_INFINITY;
        for (double v : logPosteriors) {
            best = Math.max(best, v);
        }
        int n = 0;
        for (double v : logPosteriors) {
            if (v >= best - AGREEMENT_TOLERANCE) {
                n++;
            }
        }
        return n;
    }

    /**
     * Plot hook: each agent's effective weight Σ_k p(z_t = k | session) β[a][k] through each
     * session (smoothed posteriors: a description of the fit, not a prediction).
     *
     * @param data sessions
     * @return the traces
     */
    @Override
    public Optional<ComponentTraces> componentTraces(TwoStepDataset data) {
        List<double[][]> out = new ArrayList<>();
        for (double[][] g : smoothedStates(data)) {
            double[][] w = new double[g.length][agents.size()];
            for (int t = 0; t < g.length; t++) {
                for (int a = 0; a < agents.size(); a++) {
                    for (int k = 0; k < g[t].length; k++) {
                        w[t][a] += g[t][k] * beta[a][k];
                    }
                }
            }
            out.add(w);
        }
        return Optional.of(new ComponentTraces("agent_weight_traces", "effective agent weights Σ_k p(state k) β_k", agentNames(), out));
    }

    /**
     * Plot hook: the agent weights β per state, and the fitted learning rates α when there are any.
     *
     * @return the parameter groups
     */
    @Override
    public List<ParameterBars> parameterBars() {
        Map<String, double[]> byState = new LinkedHashMap<>();
        for (int k = 0; k < numStates(); k++) {
            double[] col = new double[agents.size()];
            for (int a = 0; a < agents.size(); a++) {
                col[a] = beta[a][k];
            }
            byState.put("state " + k, col);
        }
        List<ParameterBars> out = new ArrayList<>();
        out.add(new ParameterBars("weights", "agent weights β per state", "β", agentNames(), byState));
        Map<String, Double> alpha = learningRates();
        if (!alpha.isEmpty()) {
            out.add(new ParameterBars("learning_rates", "learning rates α", "α", new ArrayList<>(alpha.keySet()),
                    Map.of("α", alpha.values().stream().mapToDouble(d -> d).toArray())));
        }
        return out;
    }

    @Override
    public TrainingHistory history() {
        return history;
    }

    /**
     * Per-session inference: regressors, choice emissions over scored trials, the chain's
     * emissions (choice plus outcome terms when it emits outcomes; the same array otherwise) and
     * their posterior.
     */
    private record Pass(PreparedSession session, double[][] x, double[][] choiceLogLik, double[][] logLik,
                        HmmPosterior posterior) {
    }

    private List<Pass> passes(TwoStepDataset data, boolean smooth) {
        Objects.requireNonNull(data, "data");
        List<PreparedSession> ps = PreparedSession.of(data);
        double[][] values = new double[agents.size()][];
        for (int a = 0; a < agents.size(); a++) {
            values[a] = agents.get(a).parameters().stream().mapToDouble(AgentParameter::value).toArray();
        }
        List<Pass> out = new ArrayList<>(ps.size());
        for (PreparedSession s : ps) {
            double[][] x = AgentRegressors.compute(agents, values, s.session(), s.pCongruent(), false).values();
            double[][] cl = MoaKernels.emissionLogLik(betaKA, x, s.steps(), s.emits(), s.choices());
            double[][] ll = cl;
            if (outcomes != null) {
                ll = DoubleArrays.copy(cl);
                MoaKernels.addInPlace(ll, OutcomeChainEmission.of(List.of(s.session()), List.of(s.layout()), outcomes)
                        .logLikelihoods(0));
            }
            HmmPosterior post = s.steps().length == 0 ? null
                    : smooth ? ForwardBackward.run(pi, trans, ll) : ForwardBackward.filter(pi, trans, ll);
            out.add(new Pass(s, x, cl, ll, post));
        }
        return out;
    }

    /**
     * Log marginal likelihood of what the chain emits on the scored trials of new data: the
     * choices, or choices and outcomes jointly with {@link ChainEvidence#CHOICES_AND_OUTCOMES}.
     *
     * @param data sessions
     * @return Σ_sessions log p(scored choices [and their outcomes])
     */
    public double logLikelihood(TwoStepDataset data) {
        double ll = 0;
        for (Pass inf : passes(data, false)) {
            if (inf.posterior != null) {
                ll += inf.posterior.logMarginalLikelihood();
            }
        }
        return ll;
    }

    /**
     * Causal log-likelihood of the scored choices of new data, Σ_t log p(choice_t | trials &lt; t):
     * the held-out score of cross-validation. Equal to {@link #logLikelihood(TwoStepDataset)} when
     * the chain emits choices only (where it is computed the same way, so the values are identical).
     *
     * @param data sessions
     * @return Σ over scored trials of log p(choice_t | trials &lt; t)
     */
    public double choiceLogLikelihood(TwoStepDataset data) {
        if (outcomes == null) {
            return logLikelihood(data);
        }
        double ll = 0;
        for (Pass inf : passes(data, false)) {
            if (inf.posterior != null) {
                ll += MoaKernels.causalChoiceLogLik(inf.posterior.predicted(), inf.choiceLogLik,
                        inf.session.emits());
            }
        }
        return ll;
    }

    /**
     * @param data sessions with at least one scored trial
     * @return exp(choice log-likelihood / scored trials), from {@link #choiceLogLikelihood(TwoStepDataset)}
     * @throws IllegalArgumentException if the data have no scored trial
     */
    public double normalizedLikelihood(TwoStepDataset data) {
        int n = data.numScored();
        if (n == 0) {
            throw new IllegalArgumentException("data has no scored trials");
        }
        return Math.exp(choiceLogLikelihood(data) / n);
    }

    private enum Kind { PREDICTED, FILTERED, SMOOTHED }

    private double[][] expand(Pass inf, Kind kind) {
        int n = inf.session.session().length();
        int k = pi.length;
        int[] free = inf.session.steps();
        double[][] out = new double[n][];
        if (free.length == 0) {
            for (int t = 0; t < n; t++) {
                out[t] = pi.clone();
            }
            return out;
        }
        double[][] src = switch (kind) {
            case PREDICTED -> inf.posterior.predicted();
            case FILTERED -> inf.posterior.filtered();
            case SMOOTHED -> inf.posterior.smoothed();
        };
        double[][] pred = inf.posterior.predicted();
        double[] lastOn = kind == Kind.SMOOTHED ? src[free.length - 1] : inf.posterior.filtered()[free.length - 1];
        double[] after = new double[k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                after[j] += lastOn[i] * trans[i][j];
            }
        }
        int step = 0;
        for (int t = 0; t < n; t++) {
            while (step < free.length && free[step] < t) {
                step++;
            }
            if (step == free.length) {
                out[t] = after.clone();
            } else if (free[step] == t) {
                out[t] = src[step].clone();
            } else {
                out[t] = (kind == Kind.SMOOTHED ? src[step] : pred[step]).clone();
            }
        }
        return out;
    }

    /** p(choice_t = 1 | trials &lt; t) for every trial of one session. */
    private double[] choiceProbabilities(Pass inf) {
        double[][] pz = expand(inf, Kind.PREDICTED);
        double[] p = new double[pz.length];
        for (int t = 0; t < p.length; t++) {
            double s = 0;
            for (int k = 0; k < pi.length; k++) {
                s += pz[t][k] * Logistic.sigmoid(MoaKernels.dot(betaKA[k], inf.x[t]));
            }
            p[t] = s;
        }
        return p;
    }

    /** The Viterbi path over the chain steps, each trial carrying the state of its step. */
    private int[] mostLikelyPath(Pass inf) {
        int n = inf.session.session().length();
        int[] free = inf.session.steps();
        int[] path = new int[n];
        if (free.length > 0) {
            int[] v = Viterbi.decode(pi, trans, inf.logLik).states();
            int step = 0;
            for (int t = 0; t < n; t++) {
                while (step < free.length && free[step] < t) {
                    step++;
                }
                path[t] = v[Math.min(step, free.length - 1)];
            }
        } else {
            int best = 0;
            for (int k = 1; k < pi.length; k++) {
                if (pi[k] > pi[best]) {
                    best = k;
                }
            }
            Arrays.fill(path, best);
        }
        return path;
    }

    @Override
    public List<double[]> predictChoiceProbabilities(TwoStepDataset data) {
        List<double[]> out = new ArrayList<>();
        for (Pass inf : passes(data, false)) {
            out.add(choiceProbabilities(inf));
        }
        return out;
    }

    /**
     * Runs the agents and forward–backward once over every session. Per trial, as the class
     * comment describes for forced trials: choice probabilities, predictive, filtered and smoothed
     * state distributions and the Viterbi state; per session, the log-likelihood of what the
     * chain emits and the causal choice log-likelihood (the same number when the chain emits
     * choices only). The forward recursion is the one of the causal queries, so the result equals
     * {@link #predictChoiceProbabilities}, {@link #logLikelihood(TwoStepDataset)} and
     * {@link #choiceLogLikelihood(TwoStepDataset)} bit for bit.
     *
     * @param data sessions
     * @return the immutable result
     */
    @Override
    public StateInference infer(TwoStepDataset data) {
        List<SessionInference> out = new ArrayList<>();
        for (Pass inf : passes(data, true)) {
            double ll = 0;
            double cll = 0;
            if (inf.posterior != null) {
                ll = inf.posterior.logMarginalLikelihood();
                cll = outcomes == null ? ll : MoaKernels.causalChoiceLogLik(inf.posterior.predicted(), inf.choiceLogLik,
                        inf.session.emits());
            }
            out.add(new SessionInference(choiceProbabilities(inf), expand(inf, Kind.PREDICTED),
                    expand(inf, Kind.FILTERED), expand(inf, Kind.SMOOTHED), mostLikelyPath(inf), ll, cll));
        }
        return new StateInference(pi.length, out);
    }

    /**
     * The agents' regressors on data, at the fitted learning rates.
     *
     * @param data sessions
     * @return per session [T][A]
     */
    public List<double[][]> regressors(TwoStepDataset data) {
        return passes(data, false).stream().map(Pass::x).toList();
    }

    /**
     * Saves the model as versioned JSON ({@link MoaModelFile}): agents, β, π, A, the chain
     * evidence, ρ when the chain emits outcomes, the fit summary and the provenance.
     *
     * @param file destination
     * @throws UncheckedIOException if writing fails
     */
    @Override
    public void save(Path file) {
        MoaModelFile.save(this, file);
    }

    /**
     * Loads a model saved by {@link #save} (or a {@code fit.json} report); agents are looked up
     * with {@link Agents#parse}. Same as {@link MoaModelFile#load(Path)}.
     *
     * @param file the JSON file
     * @return the model
     * @throws IllegalArgumentException if the file is not a MoA fit, its version is newer than
     *                                  {@link MoaModelFile#FORMAT_VERSION}, or an agent name is unknown
     * @throws UncheckedIOException     if reading fails
     */
    public static FittedHmmMoa load(Path file) {
        return MoaModelFile.load(file);
    }

    /**
     * Loads a model whose agents may include user agents. Same as
     * {@link MoaModelFile#load(Path, Function)}.
     *
     * @param file     the JSON file
     * @param resolver agent name to a new agent (e.g. built-ins first, then user agents)
     * @return the model
     * @throws IllegalArgumentException if the file is malformed or of a newer version
     * @throws UncheckedIOException     if reading fails
     */
    public static FittedHmmMoa load(Path file, Function<String, Agent> resolver) {
        return MoaModelFile.load(file, resolver);
    }

    @Override
    public String toString() {
        return name() + "[agents=" + agentNames() + ", logLikelihood=" + logLikelihood + "]";
    }
}
