package io.github.hmmrnn.moa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.hmmrnn.agents.Agent;
import io.github.hmmrnn.agents.AgentJson;
import io.github.hmmrnn.agents.AgentMemory;
import io.github.hmmrnn.agents.AgentParameter;
import io.github.hmmrnn.agents.AgentRegressors;
import io.github.hmmrnn.agents.Agents;
import io.github.hmmrnn.data.Session;
import io.github.hmmrnn.data.Subject;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.hmm.ForwardBackward;
import io.github.hmmrnn.hmm.HmmPosterior;
import io.github.hmmrnn.hmm.Viterbi;
import io.github.hmmrnn.model.ChainEvidence;
import io.github.hmmrnn.model.LatentStateModel;
import io.github.hmmrnn.model.OutcomeChainEmission;
import io.github.hmmrnn.model.OutcomeEmissions;
import io.github.hmmrnn.model.SavableModel;
import io.github.hmmrnn.model.TrainingHistory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
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
 * always causal choice scores. The training {@link #history()} records −(log posterior)/N, the
 * objective EM climbs, so it too is joint when the chain emits outcomes.
 */
public final class FittedHmmMoa implements LatentStateModel, SavableModel {

    /** Version of the saved JSON layout; {@link #load} rejects newer ones. */
    public static final int FORMAT_VERSION = 2;

    /** How choices and regressors are coded, written into every saved file. */
    public static final String CHOICE_CODING = "choice 1 = right, 0 = left; p = P(choice = 1 | trials < t); "
            + "x = Q[right] - Q[left]; rewards 0/1 (agents from MixtureAgentsModels use -1/+1); "
            + "Bias/Intercept weights have the opposite sign to MixtureAgentsModels'";

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
    private final String specification;

    FittedHmmMoa(List<Agent> agents, double[][] beta, double[] pi, double[][] trans, OutcomeEmissions outcomes,
                 double logLikelihood, double choiceLogLikelihood, double logPosterior, int numScored,
                 TrainingHistory history, double[] startLogPosteriors, String specification) {
        this.agents = List.copyOf(agents);
        this.beta = MoaFitter.copy(beta);
        int k = pi.length;
        this.betaKA = new double[k][agents.size()];
        for (int a = 0; a < agents.size(); a++) {
            for (int s = 0; s < k; s++) {
                betaKA[s][a] = beta[a][s];
            }
        }
        this.pi = pi.clone();
        this.trans = MoaFitter.copy(trans);
        this.outcomes = outcomes;
        this.logLikelihood = logLikelihood;
        this.choiceLogLikelihood = choiceLogLikelihood;
        this.logPosterior = logPosterior;
        this.numScored = numScored;
        this.history = history;
        this.startLogPosteriors = startLogPosteriors.clone();
        this.specification = specification;
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
                new TrainingHistory(List.of(), false, 0), new double[0], "given parameters");
    }

    /** This model with its training choice log-likelihood set. */
    FittedHmmMoa withChoiceLogLikelihood(double value) {
        return new FittedHmmMoa(agents, beta, pi, trans, outcomes, logLikelihood, value, logPosterior, numScored,
                history, startLogPosteriors, specification);
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
        return MoaFitter.copy(beta);
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
        return MoaFitter.copy(trans);
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

    @Override
    public TrainingHistory history() {
        return history;
    }

    /**
     * Per-session inference: regressors, choice emissions over scored trials, the chain's
     * emissions (choice plus outcome terms when it emits outcomes; the same array otherwise) and
     * their posterior.
     */
    private record Inference(PreparedSession session, double[][] x, double[][] choiceLogLik, double[][] logLik,
                             HmmPosterior posterior) {
    }

    private List<Inference> infer(TwoStepDataset data, boolean smooth) {
        Objects.requireNonNull(data, "data");
        List<PreparedSession> ps = PreparedSession.of(data);
        double[][] values = new double[agents.size()][];
        for (int a = 0; a < agents.size(); a++) {
            values[a] = agents.get(a).parameters().stream().mapToDouble(AgentParameter::value).toArray();
        }
        List<Inference> out = new ArrayList<>(ps.size());
        for (PreparedSession s : ps) {
            double[][] x = AgentRegressors.compute(agents, values, s.session(), s.pCongruent(), false).values();
            double[][] cl = MoaKernels.emissionLogLik(betaKA, x, s.steps(), s.emits(), s.choices());
            double[][] ll = cl;
            if (outcomes != null) {
                ll = MoaFitter.copy(cl);
                MoaKernels.addInPlace(ll, OutcomeChainEmission.of(List.of(s.session()), List.of(s.layout()), outcomes)
                        .logLikelihoods(0));
            }
            HmmPosterior post = s.steps().length == 0 ? null
                    : smooth ? ForwardBackward.run(pi, trans, ll) : ForwardBackward.filter(pi, trans, ll);
            out.add(new Inference(s, x, cl, ll, post));
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
        for (Inference inf : infer(data, false)) {
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
        for (Inference inf : infer(data, false)) {
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

    private double[][] expand(Inference inf, Kind kind) {
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

    @Override
    public List<double[]> predictChoiceProbabilities(TwoStepDataset data) {
        List<double[]> out = new ArrayList<>();
        for (Inference inf : infer(data, false)) {
            double[][] pz = expand(inf, Kind.PREDICTED);
            double[] p = new double[pz.length];
            for (int t = 0; t < p.length; t++) {
                double s = 0;
                for (int k = 0; k < pi.length; k++) {
                    s += pz[t][k] * MoaKernels.sigmoid(MoaKernels.dot(betaKA[k], inf.x[t]));
                }
                p[t] = s;
            }
            out.add(p);
        }
        return out;
    }

    /**
     * The agents' regressors on data, at the fitted learning rates.
     *
     * @param data sessions
     * @return per session [T][A]
     */
    public List<double[][]> regressors(TwoStepDataset data) {
        return infer(data, false).stream().map(Inference::x).toList();
    }

    @Override
    public List<double[][]> predictedStates(TwoStepDataset data) {
        return infer(data, false).stream().map(i -> expand(i, Kind.PREDICTED)).toList();
    }

    @Override
    public List<double[][]> filteredStates(TwoStepDataset data) {
        return infer(data, false).stream().map(i -> expand(i, Kind.FILTERED)).toList();
    }

    @Override
    public List<double[][]> smoothedStates(TwoStepDataset data) {
        return infer(data, true).stream().map(i -> expand(i, Kind.SMOOTHED)).toList();
    }

    @Override
    public List<int[]> mostLikelyStates(TwoStepDataset data) {
        List<int[]> out = new ArrayList<>();
        for (Inference inf : infer(data, false)) {
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
                java.util.Arrays.fill(path, best);
            }
            out.add(path);
        }
        return out;
    }

    /**
     * Simulates the model on the two-step task: the hidden chain starts from π in each session
     * and steps every trial; the agents learn from the simulated trials. All trials are scored.
     * Rewards are always drawn from the task (its drifting good port), never from the outcome
     * model ρ, even when the chain emits outcomes: ρ describes how reward contingencies line up
     * with the states in fitted data, not a task to simulate.
     *
     * @param sessions number of sessions, ≥ 1
     * @param trials   trials per session, ≥ 1
     * @param task     the task environment
     * @param seed     random seed
     * @return a dataset (subject "simulated", p_congruent of the task) whose phases are the true states
     * @throws IllegalArgumentException if a count is below 1
     */
    public TwoStepDataset simulate(int sessions, int trials, TwoStepTask task, long seed) {
        if (sessions < 1) {
            throw new IllegalArgumentException("sessions must be >= 1, got " + sessions);
        }
        if (trials < 1) {
            throw new IllegalArgumentException("trials must be >= 1, got " + trials);
        }
        Objects.requireNonNull(task, "task");
        SplittableRandom root = new SplittableRandom(seed);
        double[][] values = new double[agents.size()][];
        for (int a = 0; a < agents.size(); a++) {
            values[a] = agents.get(a).parameters().stream().mapToDouble(AgentParameter::value).toArray();
        }
        List<Session> out = new ArrayList<>();
        for (int s = 0; s < sessions; s++) {
            SplittableRandom rng = root.split();
            int[] c = new int[trials];
            int[] o = new int[trials];
            int[] r = new int[trials];
            boolean[] common = new boolean[trials];
            boolean[] scored = new boolean[trials];
            int[] z = new int[trials];
            AgentMemory[] mem = new AgentMemory[agents.size()];
            for (int a = 0; a < mem.length; a++) {
                mem[a] = agents.get(a).start(values[a].clone(), task.pCongruent());
            }
            int good = rng.nextInt(2);
            int sinceFlip = 0;
            int state = MoaKernels.categorical(rng, pi);
            for (int t = 0; t < trials; t++) {
                if (t > 0) {
                    state = MoaKernels.categorical(rng, trans[state]);
                }
                z[t] = state;
                double eta = 0;
                for (int a = 0; a < mem.length; a++) {
                    eta += betaKA[state][a] * mem[a].value();
                }
                c[t] = rng.nextDouble() < MoaKernels.sigmoid(eta) ? 1 : 0;
                boolean congruent = rng.nextDouble() < task.pCongruent();
                o[t] = congruent ? c[t] : 1 - c[t];
                boolean isCommon = task.pCongruent() >= 0.5 ? congruent : !congruent;
                double pr = o[t] == good ? task.pReward() : 1 - task.pReward();
                r[t] = rng.nextDouble() < pr ? 1 : 0;
                scored[t] = true;
                common[t] = isCommon;
                for (AgentMemory m : mem) {
                    m.update(c[t], o[t], r[t], isCommon);
                }
                sinceFlip++;
                if (sinceFlip >= task.minTrialsBeforeFlip() && rng.nextDouble() < task.flipProbability()) {
                    good = 1 - good;
                    sinceFlip = 0;
                }
            }
            out.add(Session.of("simulated", s, c, o, r, common, scored, z));
        }
        return TwoStepDataset.of(List.of(new Subject("simulated", task.pCongruent(), sessions * trials)), out);
    }

    // ---------------------------------------------------------------- persistence

    private ObjectNode modelNode(ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        root.put("format", "hmmrnn-moa");
        root.put("formatVersion", FORMAT_VERSION);
        root.put("model", name());
        root.put("specification", specification);
        root.put("choiceCoding", CHOICE_CODING);
        root.put("numStates", pi.length);
        root.put("chainEvidence", chainEvidence().name());
        ArrayNode ag = root.putArray("agents");
        for (int a = 0; a < agents.size(); a++) {
            ObjectNode n = ag.addObject();
            AgentJson.write(n, agents.get(a));
            ArrayNode w = n.putArray("beta");
            for (double v : beta[a]) {
                w.add(v);
            }
        }
        ArrayNode b = root.putArray("beta");
        for (double[] row : beta) {
            ArrayNode r = b.addArray();
            for (double v : row) {
                r.add(v);
            }
        }
        ArrayNode p0 = root.putArray("initialDistribution");
        for (double v : pi) {
            p0.add(v);
        }
        ArrayNode tr = root.putArray("transitionMatrix");
        for (double[] row : trans) {
            ArrayNode r = tr.addArray();
            for (double v : row) {
                r.add(v);
            }
        }
        if (outcomes != null) {
            ArrayNode rp = root.putArray("rewardProbability");
            for (double[] row : outcomes.rewardProbabilities()) {
                ArrayNode r = rp.addArray();
                for (double v : row) {
                    r.add(v);
                }
            }
        }
        putNumber(root, "logLikelihood", logLikelihood);
        putNumber(root, "choiceLogLikelihood", choiceLogLikelihood);
        putNumber(root, "logPosterior", logPosterior);
        root.put("numScoredTrials", numScored);
        putNumber(root, "normalizedLikelihood", numScored > 0 ? normalizedLikelihood() : Double.NaN);
        ArrayNode sl = root.putArray("startLogPosteriors");
        for (double v : startLogPosteriors) {
            sl.add(v);
        }
        ObjectNode h = root.putObject("history");
        h.put("converged", history.converged());
        h.put("seconds", history.seconds());
        h.put("iterations", Math.max(0, history.entries().size() - 1));
        ArrayNode he = h.putArray("trainLoss");
        for (TrainingHistory.Entry e : history.entries()) {
            he.add(e.trainLoss());
        }
        return root;
    }

    private static void putNumber(ObjectNode n, String field, double v) {
        if (Double.isFinite(v)) {
            n.put(field, v);
        } else {
            n.putNull(field);
        }
    }

    private static ObjectMapper mapper() {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    /**
     * Saves the model as versioned JSON (agents by name with their parameters, β, π, A, the chain
     * evidence and, when the chain emits outcomes, ρ as "rewardProbability" [K][2]; fit summary).
     *
     * @param file destination
     * @throws UncheckedIOException if writing fails
     */
    public void save(Path file) {
        ObjectMapper m = mapper();
        try {
            m.writeValue(file.toFile(), modelNode(m));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    /**
     * Writes {@code fit.json}: the saved model plus data provenance and per-trial predictions
     * (p(choice = 1 | trials &lt; t), predicted and smoothed state probabilities).
     * "dataLogLikelihood" is {@link #logLikelihood(TwoStepDataset)} (joint with outcomes when the
     * chain emits them), "dataChoiceLogLikelihood" the causal choice score and
     * "dataNormalizedLikelihood" exp of the latter per scored trial.
     *
     * @param file       destination
     * @param data       the data the predictions are made on (usually the training data)
     * @param sourceFile where the data came from (file path, or a description), may be null
     * @throws UncheckedIOException if writing fails
     */
    public void writeFitJson(Path file, TwoStepDataset data, String sourceFile) {
        ObjectMapper m = mapper();
        ObjectNode root = modelNode(m);
        ObjectNode d = root.putObject("data");
        d.put("file", sourceFile);
        ArrayNode subs = d.putArray("subjects");
        for (Subject s : data.subjects()) {
            ObjectNode sn = subs.addObject();
            sn.put("name", s.name());
            sn.put("pCongruent", s.pCongruent());
            sn.put("rawTrials", s.rawTrials());
        }
        d.put("sessions", data.numSessions());
        d.put("trials", data.numTrials());
        d.put("scoredTrials", data.numScored());
        double ll = logLikelihood(data);
        double cll = choiceLogLikelihood(data);
        root.put("dataLogLikelihood", ll);
        root.put("dataChoiceLogLikelihood", cll);
        root.put("dataNormalizedLikelihood", Math.exp(cll / Math.max(1, data.numScored())));
        List<double[]> probs = predictChoiceProbabilities(data);
        List<double[][]> pred = predictedStates(data);
        List<double[][]> smooth = smoothedStates(data);
        ArrayNode trials = root.putArray("trials");
        for (int i = 0; i < data.numSessions(); i++) {
            Session s = data.sessions().get(i);
            for (int t = 0; t < s.length(); t++) {
                ObjectNode tn = trials.addObject();
                tn.put("subject", s.subject());
                tn.put("session", s.index());
                tn.put("trial", t);
                tn.put("choice", s.choice(t));
                tn.put("reward", s.reward(t));
                tn.put("common", s.common(t));
                tn.put("scored", s.scored(t));
                tn.put("pChoice1", probs.get(i)[t]);
                ArrayNode pp = tn.putArray("predictedState");
                for (double v : pred.get(i)[t]) {
                    pp.add(v);
                }
                ArrayNode sp = tn.putArray("smoothedState");
                for (double v : smooth.get(i)[t]) {
                    sp.add(v);
                }
                if (s.hasPhases()) {
                    tn.put("phase", s.phase(t));
                }
            }
        }
        try {
            m.writeValue(file.toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    /**
     * Loads a model saved by {@link #save} or {@link #writeFitJson}; agents are looked up with
     * {@link Agents#parse}.
     *
     * @param file the JSON file
     * @return the model
     * @throws IllegalArgumentException if the file is not a MoA fit, its version is newer than
     *                                  {@link #FORMAT_VERSION}, or an agent name is unknown
     * @throws UncheckedIOException     if reading fails
     */
    public static FittedHmmMoa load(Path file) {
        return load(file, Agents::parse);
    }

    /**
     * Loads a model whose agents may include user agents.
     *
     * @param file     the JSON file
     * @param resolver agent name to a new agent (e.g. built-ins first, then user agents)
     * @return the model
     * @throws IllegalArgumentException if the file is malformed or of a newer version
     * @throws UncheckedIOException     if reading fails
     */
    public static FittedHmmMoa load(Path file, Function<String, Agent> resolver) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
        if (!"hmmrnn-moa".equals(root.path("format").asText())) {
            throw new IllegalArgumentException(file + " is not an hmmrnn MoA-HMM file (format '"
                    + root.path("format").asText() + "')");
        }
        int version = root.path("formatVersion").asInt(-1);
        if (version < 1 || version > FORMAT_VERSION) {
            throw new IllegalArgumentException(file + ": format version " + version
                    + " not supported; this library reads versions 1.." + FORMAT_VERSION);
        }
        List<Agent> agents = new ArrayList<>();
        for (JsonNode an : root.get("agents")) {
            agents.add(AgentJson.read(an, resolver));
        }
        double[][] beta = matrix(root.get("beta"));
        double[] pi = vector(root.get("initialDistribution"));
        double[][] trans = matrix(root.get("transitionMatrix"));
        OutcomeEmissions outcomes = readOutcomes(file, root, version);
        FittedHmmMoa base = of(agents, beta, pi, trans, outcomes);
        List<TrainingHistory.Entry> entries = new ArrayList<>();
        JsonNode h = root.path("history");
        int i = 0;
        for (JsonNode v : h.path("trainLoss")) {
            entries.add(new TrainingHistory.Entry(i++, v.asDouble(), Double.NaN));
        }
        double ll = number(root.get("logLikelihood"));
        // version 1 files had choice-only chains, whose choice log-likelihood is the log-likelihood
        double cll = version >= 2 ? number(root.get("choiceLogLikelihood")) : ll;
        return new FittedHmmMoa(base.agents, beta, pi, trans, outcomes, ll, cll,
                number(root.get("logPosterior")), root.path("numScoredTrials").asInt(0),
                new TrainingHistory(entries, h.path("converged").asBoolean(false), h.path("seconds").asDouble(0)),
                vector(root.path("startLogPosteriors")), root.path("specification").asText(""));
    }

    /** The outcome model a file declares (null for a choice-only chain); version 1 files have none. */
    private static OutcomeEmissions readOutcomes(Path file, JsonNode root, int version) {
        ChainEvidence evidence = ChainEvidence.CHOICES;
        if (version >= 2) {
            String name = root.path("chainEvidence").asText("");
            try {
                evidence = ChainEvidence.valueOf(name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": chainEvidence '" + name + "' is not one of "
                        + java.util.Arrays.toString(ChainEvidence.values()), e);
            }
        }
        JsonNode rho = root.get("rewardProbability");
        boolean hasRho = rho != null && !rho.isNull();
        if (evidence == ChainEvidence.CHOICES) {
            if (hasRho) {
                throw new IllegalArgumentException(file + ": chainEvidence is CHOICES but the file has a"
                        + " rewardProbability field; the file is inconsistent");
            }
            return null;
        }
        if (!hasRho || !rho.isArray()) {
            throw new IllegalArgumentException(file + ": chainEvidence is CHOICES_AND_OUTCOMES but the"
                    + " rewardProbability field ([states][2] per-state reward probabilities) is missing");
        }
        try {
            return OutcomeEmissions.of(matrix(rho));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": bad rewardProbability: " + e.getMessage(), e);
        }
    }

    private static double number(JsonNode n) {
        return n == null || n.isNull() ? Double.NaN : n.asDouble();
    }

    private static double[] vector(JsonNode n) {
        double[] v = new double[n.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = n.get(i).asDouble();
        }
        return v;
    }

    private static double[][] matrix(JsonNode n) {
        double[][] m = new double[n.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = vector(n.get(i));
        }
        return m;
    }

    @Override
    public String toString() {
        return name() + "[agents=" + agentNames() + ", logLikelihood=" + logLikelihood + "]";
    }
}
