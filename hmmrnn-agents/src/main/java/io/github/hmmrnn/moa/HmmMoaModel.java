package io.github.hmmrnn.moa;

import io.github.hmmrnn.agents.Agent;
import io.github.hmmrnn.agents.AgentJson;
import io.github.hmmrnn.agents.AgentParameter;
import io.github.hmmrnn.agents.AgentPreset;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.hmm.ChainLayout;
import io.github.hmmrnn.hmm.ChainLayout.ForcedTrialRule;
import io.github.hmmrnn.model.BiasHmm;
import io.github.hmmrnn.model.ChainEvidence;
import io.github.hmmrnn.model.ModelSpec;
import io.github.hmmrnn.model.ModelSpecs;
import io.github.hmmrnn.model.OutcomeEmissions;
import io.github.hmmrnn.numeric.DoubleArrays;
import io.github.hmmrnn.numeric.SignificantDigits;
import io.github.hmmrnn.numeric.Logistic;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.concurrent.Callable;
import io.github.hmmrnn.parallel.OrderedPool;

/**
 * Specification of a hidden-Markov mixture of agents (MoA-HMM; Venditto, Miller, Brody &amp; Daw):
 * K hidden states in a Markov chain that restarts at each session; in state k the choice follows
 * p(choice_t = 1 | z_t = k) = σ(Σ_a β[a][k]·x_{a,t}) with agent regressors x (see
 * {@link io.github.hmmrnn.agents}). Forced (unscored) trials update the agents and are steps of the
 * chain ({@link ChainLayout}) that emit no choice; they are not scored.
 *
 * <p>{@link #fit} runs generalized EM from several starts and keeps the start with the highest
 * log posterior. Priors: β[a][k] ~ Normal (default N(0, 10)), each fitted learning rate ~ its
 * agent's Beta prior, π ~ Dirichlet(c_π), rows of A ~ Dirichlet (defaults: all concentrations 1,
 * i.e. no prior). Start 0 begins from a one-state fit (β copied to every state plus noise,
 * learning rates at the one-state fit); other starts draw β = pooled β + N(0, (0.5|β| + 0.5)²),
 * learning rates ~ Beta(5, 5), π ~ Dirichlet(1), A rows ~ Dirichlet(10 on the diagonal, 1
 * elsewhere). {@link Builder#biasHmmStart} adds one start warm-started from a bias-only choice
 * HMM. EM is accelerated by SQUAREM unless {@link Builder#acceleration} says otherwise. Results
 * are bit-identical for a seed, whatever the thread count.
 *
 * <p>With {@link Builder#chainEvidence}({@link ChainEvidence#CHOICES_AND_OUTCOMES}) the chain also
 * emits the outcome of every trial: p(reward_t | z_t = k, s_t) = ρ[k][s_t] for second-step
 * state s_t, with ρ[k][s] ~ Beta(2, 2) and a closed-form MAP M-step. The states then follow
 * whatever changes the reward contingencies (task phases, reward blocks); choices are still
 * predicted from trials &lt; t only.
 *
 * <pre>{@code
 * FittedHmmMoa fit = HmmMoaModel.builder().states(3).agents(AgentPreset.VENDITTO2023)
 *         .starts(5).seed(1).build().fit(data);
 * }</pre>
 *
 * <p>EM has no early stopping: {@link #fit(TwoStepDataset)} fits all of the data and
 * {@link #fit(TwoStepDataset, TwoStepDataset)} rejects a validation set.
 */
public final class HmmMoaModel implements ModelSpec<FittedHmmMoa> {

    /** The JSON family key. */
    public static final String FAMILY = "hmm-moa";

    private static final Logger LOG = LoggerFactory.getLogger(HmmMoaModel.class);
    /** EM iterations of a screened candidate start ({@link Builder#screenedStarts}). */
    public static final int SCREEN_ITERATIONS = 20;
    /** Segment-clustering starts of {@link Builder#recommendedStartFamilies()}. */
    public static final int RECOMMENDED_SEGMENT_STARTS = 8;
    /** Maximum local-search rounds of {@link Builder#recommendedStartFamilies()}. */
    public static final int RECOMMENDED_LOCAL_SEARCH_ROUNDS = 8;
    /** One screened candidate in this many continues as a full start. */
    public static final int SCREEN_KEEP_PER = 8;
    /**
     * Convergence tolerance of the starts of a search with several starts, in nats of log
     * posterior per EM iteration and per scored trial (10^−3 nats per iteration for M055's
     * 12,440 trials, 5·10^−5 for M093's 488): each start stops there, and only the best is
     * continued to the spec's tolerance ({@link MoaFitter#polish}). EM's last nats come slowly
     * (about a third of a start's iterations go from 0.01 nats below its optimum to 10^−5
     * below), and they decide nothing but the best start's final digits. Per trial, because
     * small data sets converge more slowly: at 10^−3 nats M093's local-search candidates stopped
     * up to a nat below their optima and the search missed M093's best K = 3 and 4 optima.
     */
    public static final double SEARCH_TOLERANCE_PER_TRIAL = 1e-7;

    private final int numStates;
    private final List<Agent> agents;
    private final NormalPrior weightPrior;
    private final double[][] weightPriorMeans;   // [A][K] or null
    private final double[][] weightPriorSds;     // [A][K] or null
    private final double initialConcentration;
    private final double transitionDiagonal;
    private final double transitionOffDiagonal;
    private final int starts;
    private final int maxIterations;
    private final double tolerance;
    private final long seed;
    private final int threads;
    private final StateOrder stateOrder;
    private final double[][] initialWeights;     // [A][K] or null
    private final double[] initialPi;
    private final double[][] initialTransition;
    private final boolean biasHmmStart;
    private final int randomStarts;
    private final boolean splitStarts;
    private final int screenedStarts;
    private final int segmentStarts;
    private final int localSearchRounds;
    private final EmAcceleration acceleration;
    private final ChainEvidence chainEvidence;

    private HmmMoaModel(Builder b) {
        this.numStates = b.numStates;
        this.agents = List.copyOf(b.agents);
        this.weightPrior = b.weightPrior;
        this.weightPriorMeans = b.weightPriorMeans;
        this.weightPriorSds = b.weightPriorSds;
        this.initialConcentration = b.initialConcentration;
        this.transitionDiagonal = b.transitionDiagonal;
        this.transitionOffDiagonal = b.transitionOffDiagonal;
        this.starts = b.starts;
        this.maxIterations = b.maxIterations;
        this.tolerance = b.tolerance;
        this.seed = b.seed;
        this.threads = b.threads;
        this.stateOrder = b.stateOrder;
        this.initialWeights = b.initialWeights;
        this.initialPi = b.initialPi;
        this.biasHmmStart = b.biasHmmStart;
        this.randomStarts = b.randomStarts;
        this.splitStarts = b.splitStarts;
        this.screenedStarts = b.screenedStarts;
        this.segmentStarts = b.segmentStarts;
        this.localSearchRounds = b.localSearchRounds;
        this.acceleration = b.acceleration;
        this.initialTransition = b.initialTransition;
        this.chainEvidence = b.chainEvidence;
    }

    /** @return a builder with MixtureAgentsModels' defaults (2 states, 1 start, 300 iterations, tol 1e-5) */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this specification's settings */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.numStates = numStates;
        b.agents = new ArrayList<>(agents);
        b.weightPrior = weightPrior;
        b.weightPriorMeans = weightPriorMeans;
        b.weightPriorSds = weightPriorSds;
        b.initialConcentration = initialConcentration;
        b.transitionDiagonal = transitionDiagonal;
        b.transitionOffDiagonal = transitionOffDiagonal;
        b.starts = starts;
        b.maxIterations = maxIterations;
        b.tolerance = tolerance;
        b.seed = seed;
        b.threads = threads;
        b.stateOrder = stateOrder;
        b.initialWeights = initialWeights;
        b.initialPi = initialPi;
        b.initialTransition = initialTransition;
        b.biasHmmStart = biasHmmStart;
        b.randomStarts = randomStarts;
        b.splitStarts = splitStarts;
        b.screenedStarts = screenedStarts;
        b.segmentStarts = segmentStarts;
        b.localSearchRounds = localSearchRounds;
        b.acceleration = acceleration;
        b.chainEvidence = chainEvidence;
        return b;
    }

    /** @return number of states K */
    public int numStates() {
        return numStates;
    }

    /** @return the agents */
    public List<Agent> agents() {
        return agents;
    }

    /** @return number of random starts (the bias-HMM warm start, if enabled, comes on top) */
    @Override
    public int starts() {
        return starts;
    }

    /** @return the root seed */
    @Override
    public long seed() {
        return seed;
    }

    /** @return what the hidden chain emits */
    public ChainEvidence chainEvidence() {
        return chainEvidence;
    }

    @Override
    public String family() {
        return FAMILY;
    }

    /**
     * @return {@code HmmMoa-K<states>}, with {@code -outcomes} when the chain also emits outcomes
     */
    @Override
    public String name() {
        return "HmmMoa-K" + numStates + chainEvidence.nameSuffix();
    }

    /** @return false: EM runs to its tolerance or iteration limit */
    @Override
    public boolean earlyStops() {
        return false;
    }

    /**
     * Always rejects: HMM-MoA has no early stopping, so a validation set would be ignored.
     *
     * @param train      unused
     * @param validation unused
     * @return never
     * @throws IllegalArgumentException always; call {@link #fit(TwoStepDataset)}
     */
    @Override
    public FittedHmmMoa fit(TwoStepDataset train, TwoStepDataset validation) {
        throw ModelSpecs.noValidationSet(this);
    }

    @Override
    public String toJson() {
        ObjectNode n = ModelSpecs.newObject(FAMILY);
        n.put("states", numStates);
        AgentJson.writeNamed(n.putArray("agents"), agents);
        n.put("weightPriorMean", weightPrior.mean());
        n.put("weightPriorSd", weightPrior.sd());
        ModelSpecs.putMatrix(n, "weightPriorMeans", weightPriorMeans);
        ModelSpecs.putMatrix(n, "weightPriorSds", weightPriorSds);
        n.put("initialConcentration", initialConcentration);
        n.put("transitionDiagonal", transitionDiagonal);
        n.put("transitionOffDiagonal", transitionOffDiagonal);
        n.put("starts", starts);
        n.put("maxIterations", maxIterations);
        n.put("tolerance", tolerance);
        n.put("seed", seed);
        n.put("threads", threads);
        n.put("stateOrder", stateOrder.name());
        ModelSpecs.putMatrix(n, "initialWeights", initialWeights);
        ModelSpecs.putVector(n, "initialPi", initialPi);
        ModelSpecs.putMatrix(n, "initialTransition", initialTransition);
        n.put("biasHmmStart", biasHmmStart);
        n.put("randomStarts", randomStarts);
        n.put("splitStarts", splitStarts);
        n.put("screenedStarts", screenedStarts);
        n.put("segmentStarts", segmentStarts);
        n.put("localSearchRounds", localSearchRounds);
        n.put("acceleration", acceleration.name());
        n.put("chainEvidence", chainEvidence.name());
        return ModelSpecs.write(n);
    }

    /**
     * Reads a specification written by {@link #toJson()}.
     *
     * @param n the JSON object
     * @return an equal specification
     * @throws IllegalArgumentException if a field is missing or invalid
     */
    static HmmMoaModel fromJson(JsonNode n) {
        Builder b = builder().states(ModelSpecs.requiredInt(n, "states"))
                .agents(AgentJson.readNamed(ModelSpecs.required(n, "agents")))
                .weightPrior(new NormalPrior(ModelSpecs.requiredDouble(n, "weightPriorMean"),
                        ModelSpecs.requiredDouble(n, "weightPriorSd")));
        double[][] means = ModelSpecs.optionalMatrix(n, "weightPriorMeans");
        if (means != null) {
            b.weightPrior(means, ModelSpecs.optionalMatrix(n, "weightPriorSds"));
        }
        b.initialConcentration(ModelSpecs.requiredDouble(n, "initialConcentration"))
                .transitionConcentration(ModelSpecs.requiredDouble(n, "transitionDiagonal"),
                        ModelSpecs.requiredDouble(n, "transitionOffDiagonal"))
                .starts(ModelSpecs.requiredInt(n, "starts"))
                .maxIterations(ModelSpecs.requiredInt(n, "maxIterations"))
                .tolerance(ModelSpecs.requiredDouble(n, "tolerance"))
                .seed(ModelSpecs.requiredLong(n, "seed"))
                .threads(ModelSpecs.requiredInt(n, "threads"))
                .stateOrder(ModelSpecs.requiredEnum(n, "stateOrder", StateOrder.class))
                .biasHmmStart(ModelSpecs.requiredBoolean(n, "biasHmmStart"))
                // absent in specifications written before the start families: their defaults
                .randomStarts(n.has("randomStarts") ? ModelSpecs.requiredInt(n, "randomStarts") : 0)
                .splitStarts(n.has("splitStarts") && ModelSpecs.requiredBoolean(n, "splitStarts"))
                .screenedStarts(n.has("screenedStarts") ? ModelSpecs.requiredInt(n, "screenedStarts") : 0)
                .segmentStarts(n.has("segmentStarts") ? ModelSpecs.requiredInt(n, "segmentStarts") : 0)
                .localSearchRounds(n.has("localSearchRounds") ? ModelSpecs.requiredInt(n, "localSearchRounds") : 0)
                .acceleration(ModelSpecs.requiredEnum(n, "acceleration", EmAcceleration.class))
                .chainEvidence(ModelSpecs.requiredEnum(n, "chainEvidence", ChainEvidence.class));
        double[][] initialBeta = ModelSpecs.optionalMatrix(n, "initialWeights");
        if (initialBeta != null) {
            b.initialParameters(initialBeta, ModelSpecs.optionalVector(n, "initialPi"),
                    ModelSpecs.optionalMatrix(n, "initialTransition"));
        }
        try {
            return b.build();
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("invalid HMM-MoA specification: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof HmmMoaModel m)) {
            return false;
        }
        return numStates == m.numStates && agents.size() == m.agents.size()
                && IntStream.range(0, agents.size())
                        .allMatch(i -> AgentJson.describe(agents.get(i)).equals(AgentJson.describe(m.agents.get(i))))
                && weightPrior.equals(m.weightPrior) && Arrays.deepEquals(weightPriorMeans, m.weightPriorMeans)
                && Arrays.deepEquals(weightPriorSds, m.weightPriorSds)
                && Double.compare(initialConcentration, m.initialConcentration) == 0
                && Double.compare(transitionDiagonal, m.transitionDiagonal) == 0
                && Double.compare(transitionOffDiagonal, m.transitionOffDiagonal) == 0
                && starts == m.starts && maxIterations == m.maxIterations
                && Double.compare(tolerance, m.tolerance) == 0 && seed == m.seed && threads == m.threads
                && stateOrder == m.stateOrder && Arrays.deepEquals(initialWeights, m.initialWeights)
                && Arrays.equals(initialPi, m.initialPi) && Arrays.deepEquals(initialTransition, m.initialTransition)
                && biasHmmStart == m.biasHmmStart && randomStarts == m.randomStarts
                && splitStarts == m.splitStarts && screenedStarts == m.screenedStarts
                && segmentStarts == m.segmentStarts
                && localSearchRounds == m.localSearchRounds && acceleration == m.acceleration && chainEvidence == m.chainEvidence;
    }

    @Override
    public int hashCode() {
        return Objects.hash(numStates, agents.stream().map(Agent::name).toList(), weightPrior, starts, maxIterations,
                tolerance, seed, stateOrder, biasHmmStart, randomStarts, splitStarts,
                screenedStarts, segmentStarts, localSearchRounds, acceleration, chainEvidence);
    }

    /**
     * Fits the model by generalized EM from {@link Builder#starts} starts, on all of {@code data}.
     *
     * @param data training sessions; at least one scored trial
     * @return the best fit by log posterior, states ordered by the {@link StateOrder}
     * @throws IllegalArgumentException if the data has no scored trial
     */
    @Override
    public FittedHmmMoa fit(TwoStepDataset data) {
        return fit(data, ChainLayout.RULE);
    }

    /**
     * The specification whose fit the {@link StartFamily#SPLIT split starts} split: this one with
     * K − 1 states and the scalar weight prior (per-state priors and given parameters have K
     * columns). Empty when there are no split starts or K &le; 2 (K = 2 splits the pooled one-state
     * fit, which every fit computes itself).
     *
     * @return the (K − 1)-state specification, when the split starts use one
     */
    public Optional<HmmMoaModel> splitSource() {
        if (!splitStarts || numStates <= 2) {
            return Optional.empty();
        }
        Builder b = toBuilder().states(numStates - 1);
        b.weightPriorMeans = null;
        b.weightPriorSds = null;
        b.initialWeights = null;
        b.initialPi = null;
        b.initialTransition = null;
        return Optional.of(b.build());
    }

    /**
     * Fits like {@link #fit(TwoStepDataset)}, but takes the split starts from {@code smaller}
     * instead of fitting {@link #splitSource()} again: a sweep over K = 1, 2, 3, … then fits each K
     * once. When {@code smaller} is {@code splitSource().fit(data)} for the same {@code data}, the
     * result is bit-identical to {@code fit(data)} (the fit is deterministic).
     *
     * @param data    training sessions; at least one scored trial
     * @param smaller the fit of {@link #splitSource()} on {@code data}
     * @return the best fit by log posterior
     * @throws IllegalArgumentException if this specification has no split source, or {@code smaller}
     *                                  was fitted with another specification
     */
    public FittedHmmMoa fit(TwoStepDataset data, FittedHmmMoa smaller) {
        Objects.requireNonNull(smaller, "smaller");
        HmmMoaModel source = splitSource().orElseThrow(() -> new IllegalArgumentException("smaller: "
                + "this specification (states=" + numStates + ", splitStarts=" + splitStarts + ") fits no smaller "
                + "model for its split starts"));
        if (!source.toString().equals(smaller.specification())) {
            throw new IllegalArgumentException("smaller: fitted with " + smaller.specification()
                    + " but the split starts need a fit of " + source);
        }
        return fit(data, ChainLayout.RULE, null, null, smaller);
    }

    /**
     * Fits with a given forced-trial rule of the chain layout: only for measuring the rules
     * against each other (docs/hmm.md, "Forced and unscored trials"). The returned model's own
     * inference always uses {@link ChainLayout#RULE}.
     */
    FittedHmmMoa fit(TwoStepDataset data, ForcedTrialRule rule) {
        return fit(data, rule, null, null, null);
    }

    /**
     * Fits and hands every start's result, in start order, to {@code observer} before the best is
     * chosen (the screening study's view of each start's log-posterior trajectory).
     */
    FittedHmmMoa fit(TwoStepDataset data, Consumer<List<MoaFitter.StartResult>> observer) {
        return fit(data, ChainLayout.RULE, null, observer, null);
    }

    /** The pooled one-state fit's weights and learning rates, the centre of the starts. */
    private record Pooled(double[] beta, double[] alpha) {
    }

    /**
     * Fits, reusing {@code pooled} when given: a split start's (K − 1)-state fit has the same
     * agents and scalar prior, so its pooled one-state fit would be the same.
     */
    private FittedHmmMoa fit(TwoStepDataset data, ForcedTrialRule rule, Pooled pooled,
                             Consumer<List<MoaFitter.StartResult>> observer, FittedHmmMoa smaller) {
        Objects.requireNonNull(data, "data");
        if (data.numScored() == 0) {
            throw new IllegalArgumentException("data has no scored trials to fit: " + data);
        }
        long t0 = System.nanoTime();
        List<PreparedSession> sessions = PreparedSession.of(data, rule);
        int na = agents.size();
        MoaFitter fitter = newFitter(numStates, sessions, chainEvidence);
        SplittableRandom root = new SplittableRandom(seed);
        double[] declaredAlpha = declaredFittedValues();

        // pooled one-state fit: the centre of every start (outcomes would only add a constant to it)
        double[][] pooledBeta;
        double[] pooledAlpha;
        if (numStates == 1 && initialWeights == null) {
            pooledBeta = new double[1][na];
            pooledAlpha = declaredAlpha;
        } else if (pooled != null) {
            pooledBeta = new double[][] {pooled.beta().clone()};
            pooledAlpha = pooled.alpha().clone();
        } else {
            MoaFitter single = newFitter(1, sessions, ChainEvidence.CHOICES);
            MoaFitter.StartResult one = single.fit(new MoaFitter.Params(new double[1][na], declaredAlpha,
                    new double[] {1}, new double[][] {{1}}), -1);
            pooledBeta = one.params().beta;
            pooledAlpha = one.params().alpha;
        }
        List<MoaFitter.Params> inits = new ArrayList<>();
        List<StartFamily> families = new ArrayList<>();
        for (int s = 0; s < starts; s++) {
            SplittableRandom rng = root.split();
            inits.add(initialParams(s, rng, pooledBeta[0], pooledAlpha));
            families.add(s == 0 && initialWeights != null ? StartFamily.GIVEN : StartFamily.PERTURBED_ONE_STATE);
        }
        // the later families draw from their own streams, so adding them leaves the earlier starts unchanged
        for (int s = 0; s < randomStarts; s++) {
            inits.add(randomParams(root.split(), pooledAlpha.length));
            families.add(StartFamily.RANDOM);
        }
        // The split starts' (K − 1)-state fit and the segment and bias-HMM warm starts are independent
        // given their random streams (drawn here, in the order they always were): they are prepared in
        // parallel, results in order, so the starts are the same for every thread count.
        double[] centreBeta = pooledBeta[0];
        double[] centreAlpha = pooledAlpha;
        List<Callable<List<MoaFitter.Params>>> preparations = new ArrayList<>();
        List<StartFamily> preparedFamilies = new ArrayList<>();
        if (splitStarts && numStates > 1) {
            SplittableRandom rng = root.split();
            preparations.add(() -> splitParams(data, rule, rng, centreBeta, centreAlpha, smaller));
            preparedFamilies.add(StartFamily.SPLIT);
        }
        if (segmentStarts > 0 && numStates > 1) {
            SplittableRandom rng = root.split();
            for (int s = 0; s < segmentStarts; s++) {
                SplittableRandom own = rng.split();
                int number = s;
                preparations.add(() -> List.of(segmentStart(sessions, fitter, own, number, centreBeta, centreAlpha)));
                preparedFamilies.add(StartFamily.SEGMENTS);
            }
        }
        if (biasHmmStart && numStates > 1) {
            preparations.add(() -> List.of(biasHmmWarmStart(data, sessions, fitter, centreBeta, centreAlpha)));
            preparedFamilies.add(StartFamily.BIAS_HMM);
        }
        List<List<MoaFitter.Params>> prepared = OrderedPool.run(preparations, threads, "preparing the starts");
        for (int i = 0; i < prepared.size(); i++) {
            for (MoaFitter.Params q : prepared.get(i)) {
                inits.add(q);
                families.add(preparedFamilies.get(i));
            }
        }
        if (screenedStarts > 0) {
            screen(fitter, root.split(), pooledBeta[0], pooledAlpha, inits, families);
        }
        dropDuplicates(inits, families);
        int total = inits.size();
        boolean search = localSearchRounds > 0 && numStates > 1;
        // a lone start has nothing to be compared with: it runs to the spec's tolerance at once
        double searchTolerance = inits.size() > 1 || search
                ? Math.max(tolerance, SEARCH_TOLERANCE_PER_TRIAL * data.numScored()) : tolerance;
        List<MoaFitter.StartResult> results = new ArrayList<>(runStarts(fitter, inits, maxIterations, 0,
                searchTolerance));
        polishBest(fitter, results);
        if (search) {
            // its own stream, taken after every other family's, so the starts above are unchanged
            localSearch(fitter, root.split(), pooledBeta[0], results, families, searchTolerance);
            total = results.size();
        }
        // a candidate within the local search's gain of the best may still be the highest
        MoaFitter.StartResult best = polishBest(fitter, results);
        if (observer != null) {
            observer.accept(List.copyOf(results));
        }
        double[] perStart = results.stream().mapToDouble(MoaFitter.StartResult::logPosterior).toArray();
        int agreeing = FittedHmmMoa.countAgreeing(perStart);
        LOG.info("HmmMoa K={} fit: best start {} ({}) of {}, log posterior {}, {} start(s) within {} nats of it, {} s",
                numStates, best.start(), families.get(best.start()), total, SignificantDigits.nats(best.logPosterior()),
                agreeing, FittedHmmMoa.AGREEMENT_TOLERANCE, String.format("%.2f", (System.nanoTime() - t0) / 1e9));
        if (agreeing < 2) {
            LOG.warn("HmmMoa K={}: only {} of {} start(s) reached the best log posterior {} (within {} nats); the "
                    + "optimum may not be the global one: add starts (starts, randomStarts, splitStarts, biasHmmStart)",
                    numStates, agreeing, total, SignificantDigits.nats(best.logPosterior()),
                    FittedHmmMoa.AGREEMENT_TOLERANCE);
        }
        MoaFitter.Params p = best.params();
        int[] order = stateOrder == StateOrder.AS_FITTED ? identity(numStates) : sortOrder(p.pi, p.trans);
        double[][] betaAK = new double[na][numStates];
        double[] pi = new double[numStates];
        double[][] trans = new double[numStates][numStates];
        double[][] rho = p.rho == null ? null : new double[numStates][];
        for (int i = 0; i < numStates; i++) {
            pi[i] = p.pi[order[i]];
            if (rho != null) {
                rho[i] = p.rho[order[i]].clone();
            }
            for (int a = 0; a < na; a++) {
                betaAK[a][i] = p.beta[order[i]][a];
            }
            for (int j = 0; j < numStates; j++) {
                trans[i][j] = p.trans[order[i]][order[j]];
            }
        }
        List<Agent> fittedAgents = withValues(agents, fitter.fittedIndex(), p.alpha);
        OutcomeEmissions outcomes = rho == null ? null : OutcomeEmissions.of(rho);
        FittedHmmMoa fitted = new FittedHmmMoa(fittedAgents, betaAK, pi, trans, outcomes, best.logLikelihood(),
                best.logLikelihood(), best.logPosterior(), data.numScored(), best.history(), perStart, families, toString(),
                MoaModelFile.fitProvenance(this, data, best.start(), best.history()));
        // with outcomes the EM objective is the joint likelihood; the choice score is computed apart
        return outcomes == null ? fitted : fitted.withChoiceLogLikelihood(fitted.choiceLogLikelihood(data));
    }

    /**
     * The bias-HMM warm start: a bias-only K-state choice HMM ({@link BiasHmm}) is fitted to the
     * choices alone; its smoothed posteriors on the chain steps fix the state responsibilities
     * of one full (β, α) M-step (from the pooled one-state weights, copied to every state), and
     * its π and A (and ρ, when the chain emits outcomes) start the chain. Slow preference changes
     * are thereby explained by the chain first; EM then decides by likelihood whether the agents'
     * own memory explains them better.
     */
    private MoaFitter.Params biasHmmWarmStart(TwoStepDataset data, List<PreparedSession> sessions, MoaFitter fitter,
                                              double[] pooledBeta, double[] pooledAlpha) {
        BiasHmm bias = BiasHmm.fit(data, numStates, chainEvidence);
        List<double[][]> smoothed = bias.smoothedStates(data);
        List<double[][]> gammas = new ArrayList<>(sessions.size());
        for (int i = 0; i < sessions.size(); i++) {
            int[] free = sessions.get(i).steps();
            double[][] g = new double[free.length][];
            for (int j = 0; j < free.length; j++) {
                g[j] = smoothed.get(i)[free[j]].clone();
            }
            gammas.add(g);
        }
        double[][] beta = new double[numStates][];
        for (int k = 0; k < numStates; k++) {
            beta[k] = pooledBeta.clone();
        }
        OutcomeEmissions outcomes = bias.outcomeEmissions();
        MoaFitter.Params init = new MoaFitter.Params(beta, pooledAlpha.clone(), bias.initialDistribution(),
                bias.transitionMatrix(), outcomes == null ? null : outcomes.rewardProbabilities());
        LOG.info("bias-HMM warm start: per-state p(choice=1) {}, log-likelihood {}",
                Arrays.stream(bias.choiceProbabilities()).mapToObj(SignificantDigits::sig4).toList(), SignificantDigits.nats(bias.logLikelihood()));
        return fitter.warmStart(init, gammas);
    }

    /**
     * Fits every start (in parallel on the spec's threads); results in start order, so they do not
     * depend on the thread count.
     */
    private List<MoaFitter.StartResult> runStarts(MoaFitter fitter, List<MoaFitter.Params> inits, int iterations,
                                                  int firstNumber, double convergenceTolerance) {
        List<Callable<MoaFitter.StartResult>> tasks = new ArrayList<>();
        for (int s = 0; s < inits.size(); s++) {
            final int start = s;
            tasks.add(() -> fitter.fit(inits.get(start), firstNumber + start, iterations, convergenceTolerance));
        }
        return OrderedPool.run(tasks, threads, "fitting the starts");
    }

    /**
     * Continues the best of {@code results} (the first of equals) to the spec's tolerance, in
     * place, when it stopped at the search tolerance; returns it.
     */
    private static MoaFitter.StartResult polishBest(MoaFitter fitter, List<MoaFitter.StartResult> results) {
        MoaFitter.StartResult best = best(results);
        MoaFitter.StartResult polished = fitter.polish(best);
        results.set(results.indexOf(best), polished);
        return polished;
    }

    /**
     * The start with the highest log posterior; the first wins ties, so the choice does not depend
     * on the order threads finish in.
     */
    private static MoaFitter.StartResult best(List<MoaFitter.StartResult> results) {
        MoaFitter.StartResult best = results.get(0);
        for (MoaFitter.StartResult r : results) {
            if (r.logPosterior() > best.logPosterior()) {
                best = r;
            }
        }
        return best;
    }

    /** Candidates per local-search round: each perturbs the best fit so far in its own way. */
    static final int LOCAL_SEARCH_CANDIDATES = 4;
    /** Self-transition probability the slow-chain candidate moves the chain towards. */
    private static final double LOCAL_SEARCH_STAY = 0.995;
    /** The local search stops after this many rounds in a row without a higher fit. */
    static final int LOCAL_SEARCH_PATIENCE = 2;
    /** A candidate replaces the best fit only when it is higher by more than this (nats): no drift on ties. */
    private static final double LOCAL_SEARCH_GAIN = 1e-3;

    /**
     * Iterated local search ({@link Builder#localSearchRounds}): each round perturbs the best fit so
     * far in {@value #LOCAL_SEARCH_CANDIDATES} ways (one state re-drawn, all weights and the chain
     * shaken, the learning rates re-drawn, a slower chain), runs EM from each, and moves to the
     * best candidate when it is higher; it stops after {@value #LOCAL_SEARCH_PATIENCE} rounds in a
     * row without a move, or after {@code localSearchRounds} rounds. Candidates are appended to {@code results} and {@code families} as
     * {@link StartFamily#LOCAL_SEARCH} starts; each draws from its own stream, so the result does
     * not depend on the thread count.
     */
    private void localSearch(MoaFitter fitter, SplittableRandom rng, double[] pooledBeta,
                             List<MoaFitter.StartResult> results, List<StartFamily> families, double searchTolerance) {
        MoaFitter.StartResult best = best(results);
        int idle = 0;
        for (int round = 0; round < localSearchRounds && idle < LOCAL_SEARCH_PATIENCE; round++) {
            List<MoaFitter.Params> candidates = new ArrayList<>();
            for (int c = 0; c < LOCAL_SEARCH_CANDIDATES; c++) {
                candidates.add(perturbed(best.params(), rng.split(), c, round, pooledBeta));
            }
            List<MoaFitter.StartResult> out = new ArrayList<>(runStarts(fitter, candidates, maxIterations,
                    results.size(), searchTolerance));
            // EM never goes down, so a candidate that beats the best at the search tolerance
            // beats it by more at the spec's: it is polished before the search moves to it
            MoaFitter.StartResult roundBest = best;
            for (MoaFitter.StartResult r : out) {
                if (r.logPosterior() > roundBest.logPosterior() + LOCAL_SEARCH_GAIN) {
                    roundBest = r;
                }
            }
            if (roundBest != best) {
                MoaFitter.StartResult polished = fitter.polish(roundBest);
                out.set(out.indexOf(roundBest), polished);
                roundBest = polished;
            }
            for (MoaFitter.StartResult r : out) {
                results.add(r);
                families.add(StartFamily.LOCAL_SEARCH);
            }
            LOG.info("local search round {}: candidates {}, best so far {}", round,
                    out.stream().map(r -> SignificantDigits.nats(r.logPosterior())).toList(),
                    SignificantDigits.nats(roundBest.logPosterior()));
            idle = roundBest == best ? idle + 1 : 0;
            best = roundBest;
        }
    }

    /**
     * A local-search candidate from {@code from}: kind c = 0 re-draws the weights of one state (in
     * turn over the rounds) around the pooled fit and opens the chain towards it; c = 1 shakes every
     * weight (sd 0.5·(0.5|β| + 0.5)), half the learning rates and the chain; c = 2 re-draws the
     * learning rates ~ Beta(5, 5) and keeps the rest; c = 3 shakes the weights a little and moves
     * the chain 90 % of the way to self-transition {@value #LOCAL_SEARCH_STAY} (on M064 and M071 the
     * best optima have slower chains than the starts reach).
     */
    private MoaFitter.Params perturbed(MoaFitter.Params from, SplittableRandom rng, int kind, int round,
                                       double[] pooledBeta) {
        MoaFitter.Params p = from.copy();
        int k = numStates;
        switch (kind) {
            case 0 -> {
                int j = round % k;
                for (int a = 0; a < pooledBeta.length; a++) {
                    p.beta[j][a] = pooledBeta[a] + (0.5 * Math.abs(pooledBeta[a]) + 0.5) * rng.nextGaussian();
                }
                mixChain(p, rng, 0.3);
            }
            case 1 -> {
                for (double[] row : p.beta) {
                    for (int a = 0; a < row.length; a++) {
                        row[a] += 0.5 * (0.5 * Math.abs(row[a]) + 0.5) * rng.nextGaussian();
                    }
                }
                for (int q = 0; q < p.alpha.length; q++) {
                    if (rng.nextBoolean()) {
                        p.alpha[q] = MoaKernels.betaDraw(rng, 5, 5);
                    }
                }
                mixChain(p, rng, 0.3);
            }
            case 2 -> {
                for (int q = 0; q < p.alpha.length; q++) {
                    p.alpha[q] = MoaKernels.betaDraw(rng, 5, 5);
                }
            }
            default -> {
                // a slower chain: states that persist for hundreds of trials, which a fast-switching
                // optimum's basin does not reach by EM alone
                for (double[] row : p.beta) {
                    for (int a = 0; a < row.length; a++) {
                        row[a] += 0.25 * (0.5 * Math.abs(row[a]) + 0.5) * rng.nextGaussian();
                    }
                }
                for (int i = 0; i < k; i++) {
                    for (int j = 0; j < k; j++) {
                        double sticky = i == j ? LOCAL_SEARCH_STAY : (1 - LOCAL_SEARCH_STAY) / (k - 1);
                        p.trans[i][j] = 0.1 * p.trans[i][j] + 0.9 * sticky;
                    }
                }
            }
        }
        return p;
    }

    /** π ~ Dirichlet(1, …, 1): the initial distribution of a drawn start. */
    private static double[] drawInitial(SplittableRandom rng, int k) {
        double[] ones = new double[k];
        Arrays.fill(ones, 1);
        return MoaKernels.dirichlet(rng, ones);
    }

    /** Row i of A ~ Dirichlet(1, …, 10 at i, …, 1): a drawn start's chain, sticky on average. */
    private static double[] drawTransitionRow(SplittableRandom rng, int k, int i) {
        double[] c = new double[k];
        Arrays.fill(c, 1);
        c[i] = 10;
        return MoaKernels.dirichlet(rng, c);
    }

    /** π and every row of A become (1 − w)·old + w·(a draw like a perturbed start's). */
    private static void mixChain(MoaFitter.Params p, SplittableRandom rng, double w) {
        int k = p.pi.length;
        double[] d = drawInitial(rng, k);
        for (int i = 0; i < k; i++) {
            p.pi[i] = (1 - w) * p.pi[i] + w * d[i];
        }
        for (int i = 0; i < k; i++) {
            double[] row = drawTransitionRow(rng, k, i);
            for (int j = 0; j < k; j++) {
                p.trans[i][j] = (1 - w) * p.trans[i][j] + w * row[j];
            }
        }
    }

    /**
     * The screened search ({@link Builder#screenedStarts}): draws the candidates, runs each for
     * {@link #SCREEN_ITERATIONS} EM iterations and appends the best ones' end points (ties to the
     * earlier candidate) as full starts of their family.
     */
    private void screen(MoaFitter fitter, SplittableRandom rng, double[] pooledBeta, double[] pooledAlpha,
                        List<MoaFitter.Params> inits, List<StartFamily> families) {
        List<MoaFitter.Params> candidates = new ArrayList<>();
        for (int c = 0; c < screenedStarts; c++) {
            SplittableRandom r = rng.split();
            // start numbers >= 1 draw their learning rates too
            candidates.add(c % 2 == 0 ? initialParams(1, r, pooledBeta, pooledAlpha) : randomParams(r, pooledAlpha.length));
        }
        List<MoaFitter.StartResult> screened = runStarts(fitter, candidates, Math.min(SCREEN_ITERATIONS, maxIterations),
                SCREEN_NUMBERS, tolerance);
        int keep = Math.max(1, screenedStarts / SCREEN_KEEP_PER);
        Integer[] order = new Integer[screened.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(screened.get(b).logPosterior(), screened.get(a).logPosterior()));
        for (int i = 0; i < keep; i++) {
            int c = order[i];
            inits.add(screened.get(c).params());
            families.add(c % 2 == 0 ? StartFamily.PERTURBED_ONE_STATE : StartFamily.RANDOM);
        }
        LOG.info("screened {} candidate starts for {} EM iterations; continuing the best {} (log posteriors {})",
                screenedStarts, Math.min(SCREEN_ITERATIONS, maxIterations), keep,
                Arrays.stream(order).limit(keep).map(c -> String.format("%.3f", screened.get(c).logPosterior())).toList());
    }

    /**
     * Segment lengths (chain steps) of the segment-clustering starts, in turn: 0 = whole sessions,
     * −h = each session's first h steps and the rest, h &gt; 0 = pieces of about h steps.
     */
    private static final int[] SEGMENT_LENGTHS = {0, -60, 150, -30, 75};
    /** Lloyd iterations of the segment clustering. */
    private static final int KMEANS_ITERATIONS = 25;
    /** Ridge that shrinks a segment's one-step weight estimate towards the pooled weights. */
    private static final double SEGMENT_RIDGE = 1;
    /** Self-transition probability of a segment-clustering start's chain. */
    private static final double SEGMENT_STAY = 0.98;

    /**
     * A segment-clustering start ({@link StartFamily#SEGMENTS}): each session's chain steps are cut
     * into segments (whole sessions, or pieces of a fixed length, in turn over the starts); each
     * segment's weights are estimated by one ridge-damped Newton step from the pooled fit on that
     * segment's choices alone; k-means++ (weighted by segment length) groups them into K clusters;
     * the clusters, as fixed one-hot state responsibilities, give (β, α) by the warm-start M-step,
     * with a sticky chain. It puts states that persist over whole segments (slow changes of
     * strategy between or within sessions) into the chain first, which the trial-level random
     * starts rarely reach.
     */
    private MoaFitter.Params segmentStart(List<PreparedSession> sessions, MoaFitter fitter, SplittableRandom rng,
                                          int number, double[] pooledBeta, double[] pooledAlpha) {
        int k = numStates;
        int na = agents.size();
        int length = SEGMENT_LENGTHS[number % SEGMENT_LENGTHS.length];
        double[][] x = fitter.design(pooledAlpha, false).x();
        int[] offsets = fitter.stepOffsets();
        List<double[]> features = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        int[][] segmentOf = new int[sessions.size()][];
        for (int i = 0; i < sessions.size(); i++) {
            PreparedSession s = sessions.get(i);
            int[] steps = s.steps();
            segmentOf[i] = new int[steps.length];
            int[] cuts = segmentCuts(steps.length, length);
            for (int piece = 0; piece + 1 < cuts.length; piece++) {
                int from = cuts[piece];
                int to = cuts[piece + 1];
                double[] g = new double[na];
                double[][] h = new double[na][na];
                int n = 0;
                for (int j = from; j < to; j++) {
                    segmentOf[i][j] = features.size();
                    if (!s.emits()[j]) {
                        continue;
                    }
                    double[] xt = new double[na];
                    for (int a = 0; a < na; a++) {
                        xt[a] = x[a][offsets[i] + j];
                    }
                    double pr = Logistic.sigmoid(MoaKernels.dot(pooledBeta, xt));
                    double r = s.choices()[steps[j]] - pr;
                    double w = pr * (1 - pr);
                    for (int a = 0; a < na; a++) {
                        g[a] += r * xt[a];
                        for (int b2 = 0; b2 < na; b2++) {
                            h[a][b2] += w * xt[a] * xt[b2];
                        }
                    }
                    n++;
                }
                for (int a = 0; a < na; a++) {
                    h[a][a] += SEGMENT_RIDGE;
                }
                double[] step = MoaKernels.solveSpd(h, g);
                double[] f = pooledBeta.clone();
                for (int a = 0; a < na; a++) {
                    f[a] += step[a];
                }
                features.add(f);
                weights.add((double) n);
            }
        }
        int[] cluster = kMeans(features, weights, k, rng);
        // the learning rates' objective is multimodal: after the first, each start draws its own
        double[] alpha = pooledAlpha.clone();
        if (number > 0) {
            for (int q = 0; q < alpha.length; q++) {
                alpha[q] = MoaKernels.betaDraw(rng, 5, 5);
            }
        }
        List<double[][]> gammas = new ArrayList<>(sessions.size());
        double[] pi = new double[k];
        for (int i = 0; i < sessions.size(); i++) {
            double[][] g = new double[segmentOf[i].length][k];
            for (int j = 0; j < g.length; j++) {
                g[j][cluster[segmentOf[i][j]]] = 1;
            }
            if (g.length > 0) {
                pi[cluster[segmentOf[i][0]]] += 1;
            }
            gammas.add(g);
        }
        double total = 0;
        for (int j = 0; j < k; j++) {
            pi[j] += 0.5;
            total += pi[j];
        }
        double[][] trans = new double[k][k];
        for (int j = 0; j < k; j++) {
            pi[j] /= total;
            for (int l = 0; l < k; l++) {
                trans[j][l] = j == l ? SEGMENT_STAY : (1 - SEGMENT_STAY) / (k - 1);
            }
        }
        double[][] beta = new double[k][];
        for (int j = 0; j < k; j++) {
            beta[j] = pooledBeta.clone();
        }
        double[][] rho = chainEvidence == ChainEvidence.CHOICES_AND_OUTCOMES
                ? OutcomeEmissions.uninformative(k).rewardProbabilities() : null;
        return fitter.warmStart(new MoaFitter.Params(beta, alpha, pi, trans, rho), gammas);
    }

    /** Segment boundaries of a session of n chain steps (see {@link #SEGMENT_LENGTHS}). */
    static int[] segmentCuts(int n, int length) {
        if (length < 0) {
            return -length < n ? new int[] {0, -length, n} : new int[] {0, n};
        }
        int pieces = length == 0 ? 1 : Math.max(1, (int) Math.round((double) n / length));
        int[] cuts = new int[pieces + 1];
        for (int piece = 0; piece <= pieces; piece++) {
            cuts[piece] = (int) ((long) n * piece / pieces);
        }
        return cuts;
    }

    /** Weighted k-means with k-means++ seeding; returns each point's cluster (empty clusters keep their centre). */
    static int[] kMeans(List<double[]> points, List<Double> weights, int k, SplittableRandom rng) {
        int n = points.size();
        int dim = points.get(0).length;
        double[][] centres = new double[k][];
        centres[0] = points.get(rng.nextInt(n)).clone();
        double[] d2 = new double[n];
        for (int c = 1; c < k; c++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                d2[i] = Double.POSITIVE_INFINITY;
                for (int j = 0; j < c; j++) {
                    d2[i] = Math.min(d2[i], distance2(points.get(i), centres[j]));
                }
                d2[i] *= weights.get(i);
                sum += d2[i];
            }
            int pick = rng.nextInt(n);
            if (sum > 0) {
                double u = rng.nextDouble() * sum;
                for (int i = 0; i < n; i++) {
                    u -= d2[i];
                    if (u <= 0) {
                        pick = i;
                        break;
                    }
                }
            }
            centres[c] = points.get(pick).clone();
        }
        int[] assign = new int[n];
        for (int it = 0; it < KMEANS_ITERATIONS; it++) {
            for (int i = 0; i < n; i++) {
                int bestJ = 0;
                for (int j = 1; j < k; j++) {
                    if (distance2(points.get(i), centres[j]) < distance2(points.get(i), centres[bestJ])) {
                        bestJ = j;
                    }
                }
                assign[i] = bestJ;
            }
            double[][] sum = new double[k][dim];
            double[] mass = new double[k];
            for (int i = 0; i < n; i++) {
                double w = weights.get(i);
                mass[assign[i]] += w;
                for (int a = 0; a < dim; a++) {
                    sum[assign[i]][a] += w * points.get(i)[a];
                }
            }
            for (int j = 0; j < k; j++) {
                if (mass[j] > 0) {
                    for (int a = 0; a < dim; a++) {
                        centres[j][a] = sum[j][a] / mass[j];
                    }
                }
            }
        }
        return assign;
    }

    private static double distance2(double[] a, double[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return d;
    }

    /** Log numbers of screened candidates start here, apart from the full starts'. */
    private static final int SCREEN_NUMBERS = 1000;

    /**
     * A {@link StartFamily#RANDOM} start: β ~ N(0, 1), learning rates ~ Beta(5, 5), π ~ Dirichlet(1),
     * A rows ~ Dirichlet(10 on the diagonal, 1 elsewhere), ρ uninformative.
     */
    private MoaFitter.Params randomParams(SplittableRandom rng, int numFitted) {
        int k = numStates;
        double[][] beta = new double[k][agents.size()];
        for (double[] row : beta) {
            for (int a = 0; a < row.length; a++) {
                row[a] = rng.nextGaussian();
            }
        }
        double[] alpha = new double[numFitted];
        for (int q = 0; q < numFitted; q++) {
            alpha[q] = MoaKernels.betaDraw(rng, 5, 5);
        }
        double[] pi = drawInitial(rng, k);
        double[][] trans = new double[k][];
        for (int i = 0; i < k; i++) {
            trans[i] = drawTransitionRow(rng, k, i);
        }
        double[][] rho = chainEvidence == ChainEvidence.CHOICES_AND_OUTCOMES
                ? OutcomeEmissions.uninformative(k).rewardProbabilities() : null;
        return new MoaFitter.Params(beta, alpha, pi, trans, rho);
    }

    /**
     * The {@link StartFamily#SPLIT} starts: the (K − 1)-state fit of this specification (the
     * pooled one-state fit when K = 2), and for each of its states j a start where j is split in
     * two: both halves keep j's weights ± a perturbation of sd 0.25·(0.5|β| + 0.5), the
     * probability of entering j (π_j and column j of A) is shared equally, and the new state's
     * row of A is j's. Such a start's likelihood equals the (K − 1)-state optimum's up to the
     * perturbation.
     */
    private List<MoaFitter.Params> splitParams(TwoStepDataset data, ForcedTrialRule rule, SplittableRandom rng,
                                               double[] pooledBeta, double[] pooledAlpha, FittedHmmMoa smaller) {
        int k = numStates;
        int lower = k - 1;
        int na = agents.size();
        double[][] lowBeta = new double[lower][na];
        double[] lowAlpha;
        double[] lowPi;
        double[][] lowTrans;
        double[][] lowRho;
        if (lower == 1) {
            lowBeta[0] = pooledBeta.clone();
            lowAlpha = pooledAlpha.clone();
            lowPi = new double[] {1};
            lowTrans = new double[][] {{1}};
            lowRho = chainEvidence == ChainEvidence.CHOICES_AND_OUTCOMES
                    ? OutcomeEmissions.uninformative(1).rewardProbabilities() : null;
        } else {
            FittedHmmMoa low = smaller != null ? smaller
                    : splitSource().orElseThrow().fit(data, rule, new Pooled(pooledBeta, pooledAlpha), null, null);
            double[][] w = low.weights();
            for (int s = 0; s < lower; s++) {
                for (int a = 0; a < na; a++) {
                    lowBeta[s][a] = w[a][s];
                }
            }
            lowAlpha = fittedValues(low.agents());
            lowPi = low.initialDistribution();
            lowTrans = low.transitionMatrix();
            lowRho = low.outcomeEmissions().map(OutcomeEmissions::rewardProbabilities).orElse(null);
            LOG.info("split starts from the {}-state fit (log posterior {})", lower,
                    SignificantDigits.nats(low.logPosterior()));
        }
        List<MoaFitter.Params> out = new ArrayList<>();
        for (int j = 0; j < lower; j++) {
            double[][] beta = new double[k][];
            for (int s = 0; s < lower; s++) {
                beta[s] = lowBeta[s].clone();
            }
            beta[lower] = lowBeta[j].clone();
            for (int a = 0; a < na; a++) {
                double d = 0.25 * (0.5 * Math.abs(lowBeta[j][a]) + 0.5) * rng.nextGaussian();
                beta[j][a] -= d;
                beta[lower][a] += d;
            }
            double[] pi = Arrays.copyOf(lowPi, k);
            pi[j] = lowPi[j] / 2;
            pi[lower] = lowPi[j] / 2;
            double[][] trans = new double[k][];
            for (int i = 0; i < lower; i++) {
                trans[i] = Arrays.copyOf(lowTrans[i], k);
                trans[i][j] = lowTrans[i][j] / 2;
                trans[i][lower] = lowTrans[i][j] / 2;
            }
            trans[lower] = trans[j].clone();
            double[][] rho = null;
            if (lowRho != null) {
                rho = new double[k][];
                for (int s = 0; s < lower; s++) {
                    rho[s] = lowRho[s].clone();
                }
                rho[lower] = lowRho[j].clone();
            }
            out.add(new MoaFitter.Params(beta, lowAlpha.clone(), pi, trans, rho));
        }
        return out;
    }

    /** Removes starts identical to an earlier one (with their families): they would only repeat its fit. */
    static void dropDuplicates(List<MoaFitter.Params> inits, List<StartFamily> families) {
        for (int i = inits.size() - 1; i > 0; i--) {
            MoaFitter.Params p = inits.get(i);
            for (int j = 0; j < i; j++) {
                MoaFitter.Params q = inits.get(j);
                if (Arrays.deepEquals(p.beta, q.beta) && Arrays.equals(p.alpha, q.alpha) && Arrays.equals(p.pi, q.pi)
                        && Arrays.deepEquals(p.trans, q.trans) && Arrays.deepEquals(p.rho, q.rho)) {
                    LOG.info("start {} ({}) repeats start {} ({}): dropped", i, families.get(i), j, families.get(j));
                    inits.remove(i);
                    families.remove(i);
                    break;
                }
            }
        }
    }

    /** The values of the agents' fitted parameters, in agent then parameter order. */
    private static double[] fittedValues(List<Agent> list) {
        List<Double> v = new ArrayList<>();
        for (Agent a : list) {
            for (AgentParameter p : a.parameters()) {
                if (p.fitted()) {
                    v.add(p.value());
                }
            }
        }
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static List<Agent> withValues(List<Agent> agents, int[][] fittedIndex, double[] alpha) {
        List<Agent> out = new ArrayList<>(agents);
        for (int q = 0; q < fittedIndex.length; q++) {
            int a = fittedIndex[q][0];
            AgentParameter par = out.get(a).parameters().get(fittedIndex[q][1]);
            out.set(a, out.get(a).withParameter(par.name(), alpha[q], true));
        }
        return List.copyOf(out);
    }

    private double[] declaredFittedValues() {
        return fittedValues(agents);
    }

    private MoaFitter newFitter(int k, List<PreparedSession> sessions, ChainEvidence evidence) {
        int na = agents.size();
        double[][] mean = new double[k][na];
        double[][] sd = new double[k][na];
        for (int s = 0; s < k; s++) {
            for (int a = 0; a < na; a++) {
                boolean custom = weightPriorMeans != null && k == numStates;
                mean[s][a] = custom ? weightPriorMeans[a][s] : weightPrior.mean();
                sd[s][a] = custom ? weightPriorSds[a][s] : weightPrior.sd();
            }
        }
        double[][] conc = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                conc[i][j] = i == j ? transitionDiagonal : transitionOffDiagonal;
            }
        }
        return new MoaFitter(agents, k, sessions, mean, sd, k == numStates ? initialConcentration : 1, conc,
                maxIterations, tolerance, acceleration, evidence);
    }

    private MoaFitter.Params initialParams(int start, SplittableRandom rng, double[] pooledBeta, double[] pooledAlpha) {
        int k = numStates;
        int na = agents.size();
        double[][] beta = new double[k][na];
        double[] alpha = pooledAlpha.clone();
        double[] pi;
        double[][] trans = new double[k][];
        if (start == 0 && initialWeights != null) {
            for (int s = 0; s < k; s++) {
                for (int a = 0; a < na; a++) {
                    beta[s][a] = initialWeights[a][s];
                }
            }
            alpha = declaredFittedValues();
        } else {
            for (int s = 0; s < k; s++) {
                for (int a = 0; a < na; a++) {
                    double sd = k == 1 ? 0 : 0.5 * Math.abs(pooledBeta[a]) + 0.5;
                    beta[s][a] = pooledBeta[a] + sd * rng.nextGaussian();
                }
            }
            if (start > 0) {
                for (int q = 0; q < alpha.length; q++) {
                    alpha[q] = MoaKernels.betaDraw(rng, 5, 5);
                }
            }
        }
        if (start == 0 && initialPi != null) {
            pi = initialPi.clone();
        } else {
            pi = drawInitial(rng, k);
        }
        for (int i = 0; i < k; i++) {
            if (start == 0 && initialTransition != null) {
                trans[i] = initialTransition[i].clone();
            } else {
                trans[i] = drawTransitionRow(rng, k, i);
            }
        }
        // uninformative: the first E-step is the choice-only one, β's noise breaks the symmetry
        double[][] rho = chainEvidence == ChainEvidence.CHOICES_AND_OUTCOMES
                ? OutcomeEmissions.uninformative(k).rewardProbabilities() : null;
        return new MoaFitter.Params(beta, alpha, pi, trans, rho);
    }

    private static int[] identity(int k) {
        int[] o = new int[k];
        for (int i = 0; i < k; i++) {
            o[i] = i;
        }
        return o;
    }

    /** Start state first, then greedily the most likely next state from the previous one. */
    static int[] sortOrder(double[] pi, double[][] trans) {
        int k = pi.length;
        int[] order = new int[k];
        boolean[] used = new boolean[k];
        int first = 0;
        for (int i = 1; i < k; i++) {
            if (pi[i] > pi[first]) {
                first = i;
            }
        }
        order[0] = first;
        used[first] = true;
        for (int n = 1; n < k; n++) {
            int prev = order[n - 1];
            int best = -1;
            for (int j = 0; j < k; j++) {
                if (!used[j] && (best < 0 || trans[prev][j] > trans[prev][best])) {
                    best = j;
                }
            }
            order[n] = best;
            used[best] = true;
        }
        return order;
    }

    @Override
    public String toString() {
        return "HmmMoaModel[states=" + numStates + ", agents=" + agents.stream().map(Agent::name).toList()
                + ", weightPrior=" + (weightPriorMeans != null ? "per agent and state" : weightPrior)
                + ", initialConcentration=" + initialConcentration + ", transitionConcentration=("
                + transitionDiagonal + ", " + transitionOffDiagonal + "), starts=" + starts
                + ", maxIterations=" + maxIterations + ", tolerance=" + tolerance + ", seed=" + seed
                + ", threads=" + threads + ", stateOrder=" + stateOrder + ", biasHmmStart=" + biasHmmStart
                + ", randomStarts=" + randomStarts + ", splitStarts=" + splitStarts + ", screenedStarts=" + screenedStarts
                + ", segmentStarts=" + segmentStarts + ", localSearchRounds=" + localSearchRounds + ", acceleration=" + acceleration + ", chainEvidence=" + chainEvidence + "]";
    }

    /** Builder of {@link HmmMoaModel}; setters validate at once, {@link #build()} checks shapes. */
    public static final class Builder {
        private int numStates = 2;
        private List<Agent> agents;
        private NormalPrior weightPrior = NormalPrior.DEFAULT;
        private double[][] weightPriorMeans;
        private double[][] weightPriorSds;
        private double initialConcentration = 1;
        private double transitionDiagonal = 1;
        private double transitionOffDiagonal = 1;
        private int starts = 1;
        private int maxIterations = 300;
        private double tolerance = 1e-5;
        private long seed = 0;
        private int threads = 1;
        private StateOrder stateOrder = StateOrder.START_THEN_TRANSITION;
        private double[][] initialWeights;
        private double[] initialPi;
        private double[][] initialTransition;
        private boolean biasHmmStart;
        private int randomStarts;
        private boolean splitStarts;
        private int screenedStarts;
        private int segmentStarts;
        private int localSearchRounds;
        private EmAcceleration acceleration = EmAcceleration.SQUAREM;
        private ChainEvidence chainEvidence = ChainEvidence.CHOICES;

        private Builder() {
        }

        /**
         * @param k number of hidden states, ≥ 1 (default 2)
         * @return this builder
         * @throws IllegalArgumentException if k &lt; 1
         */
        public Builder states(int k) {
            if (k < 1) {
                throw new IllegalArgumentException("states must be >= 1, got " + k);
            }
            this.numStates = k;
            return this;
        }

        /**
         * @param list the agents, at least one, unique names
         * @return this builder
         * @throws IllegalArgumentException if empty or names repeat
         */
        public Builder agents(List<Agent> list) {
            Objects.requireNonNull(list, "agents");
            if (list.isEmpty()) {
                throw new IllegalArgumentException("agents must not be empty");
            }
            Set<String> names = new HashSet<>();
            for (Agent a : list) {
                Objects.requireNonNull(a, "agent");
                if (!names.add(a.name())) {
                    throw new IllegalArgumentException("agent name '" + a.name() + "' appears twice; names must be unique");
                }
            }
            this.agents = new ArrayList<>(list);
            return this;
        }

        /**
         * @param preset a named agent set
         * @return this builder
         */
        public Builder agents(AgentPreset preset) {
            return agents(preset.agents());
        }

        /**
         * @param prior the Normal prior on every weight β[a][k] (default N(0, 10))
         * @return this builder
         */
        public Builder weightPrior(NormalPrior prior) {
            this.weightPrior = Objects.requireNonNull(prior, "weightPrior");
            this.weightPriorMeans = null;
            this.weightPriorSds = null;
            return this;
        }

        /**
         * Per-agent, per-state Normal priors (e.g. population priors).
         *
         * @param means [A][K] prior means, finite
         * @param sds   [A][K] prior standard deviations, finite and &gt; 0
         * @return this builder
         * @throws IllegalArgumentException if shapes differ or a value is invalid
         */
        public Builder weightPrior(double[][] means, double[][] sds) {
            if (means.length != sds.length) {
                throw new IllegalArgumentException("weight prior means have " + means.length + " rows, sds " + sds.length);
            }
            for (int a = 0; a < means.length; a++) {
                if (means[a].length != sds[a].length) {
                    throw new IllegalArgumentException("weight prior row " + a + ": means and sds lengths differ");
                }
                for (int k = 0; k < means[a].length; k++) {
                    new NormalPrior(means[a][k], sds[a][k]);
                }
            }
            this.weightPriorMeans = DoubleArrays.copy(means);
            this.weightPriorSds = DoubleArrays.copy(sds);
            return this;
        }

        /**
         * @param c Dirichlet concentration on π, &gt; 0 (1 = no prior)
         * @return this builder
         * @throws IllegalArgumentException if not positive and finite
         */
        public Builder initialConcentration(double c) {
            this.initialConcentration = positive("initialConcentration", c);
            return this;
        }

        /**
         * @param diagonal    Dirichlet concentration of A[i][i], &gt; 0 (1 = no prior)
         * @param offDiagonal Dirichlet concentration of A[i][j≠i], &gt; 0
         * @return this builder
         * @throws IllegalArgumentException if not positive and finite
         */
        public Builder transitionConcentration(double diagonal, double offDiagonal) {
            this.transitionDiagonal = positive("transition diagonal concentration", diagonal);
            this.transitionOffDiagonal = positive("transition off-diagonal concentration", offDiagonal);
            return this;
        }

        /**
         * @param n number of EM starts from random (or {@link #initialParameters given}) values, ≥ 0
         *          (default 1); 0 is allowed only together with {@link #biasHmmStart} and K &gt; 1
         * @return this builder
         * @throws IllegalArgumentException if n &lt; 0
         */
        public Builder starts(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("starts must be >= 0, got " + n);
            }
            this.starts = n;
            return this;
        }

        /**
         * @param n maximum EM iterations per start, ≥ 1 (default 300)
         * @return this builder
         */
        public Builder maxIterations(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxIterations must be >= 1, got " + n);
            }
            this.maxIterations = n;
            return this;
        }

        /**
         * @param tol stop when the log posterior gains less than this in an iteration (default 1e-5).
         *            With several starts (or a local search), each start first stops at
         *            {@value HmmMoaModel#SEARCH_TOLERANCE_PER_TRIAL} nats per scored trial (or at
         *            {@code tol}, if looser) and only the best goes on to {@code tol}
         * @return this builder
         */
        public Builder tolerance(double tol) {
            this.tolerance = positive("tolerance", tol);
            return this;
        }

        /**
         * @param s root seed (default 0)
         * @return this builder
         */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /**
         * @param n threads for fitting starts in parallel, ≥ 1 (default 1); results do not depend on it
         * @return this builder
         */
        public Builder threads(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("threads must be >= 1, got " + n);
            }
            this.threads = n;
            return this;
        }

        /**
         * @param order how fitted states are numbered (default start state first, then by transition)
         * @return this builder
         */
        public Builder stateOrder(StateOrder order) {
            this.stateOrder = Objects.requireNonNull(order, "stateOrder");
            return this;
        }

        /**
         * Start 0 begins from these parameters (e.g. the truth in a recovery study); learning
         * rates start at the agents' declared values.
         *
         * @param beta       [A][K] weights
         * @param pi         [K] initial distribution
         * @param transition [K][K] transition matrix
         * @return this builder
         * @throws IllegalArgumentException if a distribution is not stochastic
         */
        public Builder initialParameters(double[][] beta, double[] pi, double[][] transition) {
            FittedHmmMoa.checkStochastic("initial pi", pi);
            for (int i = 0; i < transition.length; i++) {
                FittedHmmMoa.checkStochastic("initial transition row " + i, transition[i]);
            }
            this.initialWeights = DoubleArrays.copy(beta);
            this.initialPi = pi.clone();
            this.initialTransition = DoubleArrays.copy(transition);
            return this;
        }

        /**
         * Adds one start (numbered after the {@link #starts} random ones) warm-started from a
         * bias-only K-state choice HMM ({@link BiasHmm}): its smoothed posteriors drive a first
         * (β, α) M-step and its π and A start the chain. Like every start it wins only by log
         * posterior. Ignored when K = 1. Default off.
         *
         * @param enabled whether to add the warm start
         * @return this builder
         */
        public Builder biasHmmStart(boolean enabled) {
            this.biasHmmStart = enabled;
            return this;
        }

        /**
         * Adds n starts of the {@link StartFamily#RANDOM} family (numbered after the
         * {@link #starts} ones): draws that ignore the one-state fit. Default 0.
         *
         * @param n number of random-draw starts, &ge; 0
         * @return this builder
         * @throws IllegalArgumentException if n &lt; 0
         */
        public Builder randomStarts(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("randomStarts must be >= 0, got " + n);
            }
            this.randomStarts = n;
            return this;
        }

        /**
         * Adds the {@link StartFamily#SPLIT} starts (after the random ones): the (K − 1)-state fit
         * of this specification (with its own starts, recursively) with each of its states split
         * in two, one start per state. With them the K-state fit starts at least as high as the
         * (K − 1)-state optimum, so the log posterior cannot fall as K grows. Ignored when K = 1.
         * Default off.
         *
         * @param enabled whether to add the split starts
         * @return this builder
         */
        public Builder splitStarts(boolean enabled) {
            this.splitStarts = enabled;
            return this;
        }

        /**
         * Adds a screened search: n candidate starts (alternately {@link StartFamily#PERTURBED_ONE_STATE}
         * and {@link StartFamily#RANDOM} draws, from their own random streams) each run for
         * {@value HmmMoaModel#SCREEN_ITERATIONS} EM iterations; the best of them by log posterior, one per
         * {@value HmmMoaModel#SCREEN_KEEP_PER} candidates (at least one), then continue as full starts. This
         * explores many basins for the price of a few full starts. Default 0.
         *
         * @param n number of screened candidates, &ge; 0
         * @return this builder
         * @throws IllegalArgumentException if n &lt; 0
         */
        public Builder screenedStarts(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("screenedStarts must be >= 0, got " + n);
            }
            this.screenedStarts = n;
            return this;
        }

        /**
         * Adds n segment-clustering starts ({@link StartFamily#SEGMENTS}): sessions cut into
         * segments (whole sessions, 150 and 75 chain steps, in turn), each segment's weights
         * estimated apart, k-means++ into K clusters, the clusters as fixed state responsibilities
         * of a warm-start M-step, a sticky chain. Each start draws its clustering from its own
         * random stream. Default 0.
         *
         * @param n number of segment-clustering starts, &ge; 0
         * @return this builder
         * @throws IllegalArgumentException if n &lt; 0
         */
        public Builder segmentStarts(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("segmentStarts must be >= 0, got " + n);
            }
            this.segmentStarts = n;
            return this;
        }

        /**
         * Adds up to n rounds of iterated local search ({@link StartFamily#LOCAL_SEARCH}) after all
         * other starts: each round perturbs the best fit so far in
         * {@value HmmMoaModel#LOCAL_SEARCH_CANDIDATES} ways (one state's weights re-drawn, all weights
         * and the chain shaken, the learning rates re-drawn, the chain made slower), runs EM from
         * each and moves to the best when it is higher; the search stops early after
         * {@value HmmMoaModel#LOCAL_SEARCH_PATIENCE} rounds in a row without a move. It reaches
         * narrow basins near the best one that cold starts rarely find. Default 0.
         *
         * @param n maximum number of rounds, &ge; 0
         * @return this builder
         * @throws IllegalArgumentException if n &lt; 0
         */
        public Builder localSearchRounds(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("localSearchRounds must be >= 0, got " + n);
            }
            this.localSearchRounds = n;
            return this;
        }

        /**
         * Turns on the start families the command line's fits add to their {@link #starts}
         * perturbed one-state starts: the {@link #splitStarts split starts}, the
         * {@link #biasHmmStart bias-HMM warm start}, {@value HmmMoaModel#RECOMMENDED_SEGMENT_STARTS}
         * {@link #segmentStarts segment-clustering starts} and up to
         * {@value HmmMoaModel#RECOMMENDED_LOCAL_SEARCH_ROUNDS} {@link #localSearchRounds local-search
         * rounds} from the best of them. How often they reach the best known
         * optimum of the Miller rats is in the best-known-optimum check (docs/benchmarks-moa.md).
         *
         * @return this builder
         */
        public Builder recommendedStartFamilies() {
            return splitStarts(true).biasHmmStart(true).segmentStarts(RECOMMENDED_SEGMENT_STARTS)
                    .localSearchRounds(RECOMMENDED_LOCAL_SEARCH_ROUNDS);
        }

        /**
         * @param a how EM iterations are accelerated (default {@link EmAcceleration#SQUAREM})
         * @return this builder
         */
        public Builder acceleration(EmAcceleration a) {
            this.acceleration = Objects.requireNonNull(a, "acceleration");
            return this;
        }

        /**
         * What the hidden chain emits (default {@link ChainEvidence#CHOICES}).
         *
         * <p>With {@link ChainEvidence#CHOICES_AND_OUTCOMES} every trial also contributes
         * p(reward_t | z_t = k, s_t) = ρ[k][s_t] (s_t its second-step state; a forced trial's chain
         * step emits its outcome and no choice). ρ has a Beta(2, 2) prior, a closed-form
         * MAP M-step each EM iteration, starts at 0.5 in random starts and at the bias HMM's
         * estimate in the {@link #biasHmmStart warm start}. The fitted log-likelihood and log
         * posterior are then those of choices and outcomes jointly; choice predictions, and the
         * normalised likelihood, stay causal choice scores ({@link FittedHmmMoa#choiceLogLikelihood}).
         * With K = 1 the option is harmless: ρ is the pooled reward rate per second-step state,
         * choice predictions equal those without it, and the log-likelihood gains the outcome term.
         *
         * @param evidence the chain's evidence
         * @return this builder
         * @throws NullPointerException if {@code evidence} is null
         */
        public Builder chainEvidence(ChainEvidence evidence) {
            this.chainEvidence = Objects.requireNonNull(evidence, "chainEvidence");
            return this;
        }

        private static double positive(String name, double v) {
            if (!(v > 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException(name + " must be finite and > 0, got " + v);
            }
            return v;
        }

        /**
         * @return the specification
         * @throws IllegalStateException if no agents were set or array shapes do not match K and the agents
         */
        public HmmMoaModel build() {
            if (agents == null) {
                throw new IllegalStateException("agents were not set; call agents(...) with a list or a preset");
            }
            if (starts == 0 && randomStarts == 0 && screenedStarts == 0
                    && !((biasHmmStart || splitStarts || segmentStarts > 0) && numStates > 1)) {
                throw new IllegalStateException("starts and randomStarts are 0 but there is no bias-HMM, split or segment"
                        + " start (biasHmmStart=" + biasHmmStart + ", splitStarts=" + splitStarts + ", segmentStarts="
                        + segmentStarts + ", states=" + numStates
                        + "); use starts >= 1");
            }
            int na = agents.size();
            if (weightPriorMeans != null) {
                if (weightPriorMeans.length != na || weightPriorMeans[0].length != numStates) {
                    throw new IllegalStateException("weight prior is " + weightPriorMeans.length + "x"
                            + weightPriorMeans[0].length + " but agents x states is " + na + "x" + numStates);
                }
            }
            if (initialWeights != null) {
                if (initialWeights.length != na || initialPi.length != numStates || initialTransition.length != numStates) {
                    throw new IllegalStateException("initial parameters do not match " + na + " agents and " + numStates + " states");
                }
                for (double[] row : initialWeights) {
                    if (row.length != numStates) {
                        throw new IllegalStateException("initial weights must be [agents][states] = [" + na + "][" + numStates + "]");
                    }
                }
            }
            return new HmmMoaModel(this);
        }
    }
}
