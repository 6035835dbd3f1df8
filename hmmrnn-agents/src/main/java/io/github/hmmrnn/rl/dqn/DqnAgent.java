package io.github.hmmrnn.rl.dqn;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.hmmrnn.numeric.Adam;
import io.github.hmmrnn.rl.env.SingleTrialEpisodes;
import io.github.hmmrnn.rl.env.StepResult;
import io.github.hmmrnn.rl.env.Task;
import io.github.hmmrnn.rl.net.RecurrentQNetwork;
import io.github.hmmrnn.numeric.SignificantDigits;

/**
 * Deep Q-learning (Mnih et al. 2015; double DQN of van Hasselt et al. 2016) for a recurrent Q-network
 * with whole-trial replay. Immutable training specification; {@link #train(Task, int)} returns a new
 * {@link TrainedQAgent}.
 *
 * <p>Loop: play a trial with &epsilon;-greedy actions, store it whole; every {@code trialsPerUpdate}
 * trials take one gradient step on a batch of whole trials, each unrolled from its replay start state
 * (zero under per-trial reset). Targets y_t = r_t + &gamma; Q'_{t+1}(a*) inside a trial and y = r at its
 * last step; a* = argmax of the online (double DQN) or target Q. Huber loss over the masked real steps,
 * Adam, global-norm gradient clipping, hard or Polyak target updates.
 */
public final class DqnAgent {

    private static final Logger LOG = LoggerFactory.getLogger(DqnAgent.class);

    private final RecurrentQNetwork network;
    private final double gamma;
    private final double learningRate;
    private final int batchSize;
    private final int bufferCapacity;
    private final TargetUpdate targetUpdate;
    private final boolean doubleDqn;
    private final ExplorationMode explorationMode;
    private final double epsilonStart;
    private final double epsilonEnd;
    private final double epsilonDecayFraction;
    private final double gradientClip;
    private final int trialsPerUpdate;
    private final int learningStartTrials;
    private final StateCarry stateCarry;
    private final ReplayStart replayStart;
    private final int burnInSteps;
    private final int evalInterval;
    private final int evalTrials;
    private final long seed;

    private DqnAgent(Builder b) {
        this.network = b.network;
        this.gamma = b.gamma;
        this.learningRate = b.learningRate;
        this.batchSize = b.batchSize;
        this.bufferCapacity = b.bufferCapacity;
        this.targetUpdate = b.targetUpdate;
        this.doubleDqn = b.doubleDqn;
        this.explorationMode = b.explorationMode;
        this.epsilonStart = b.epsilonStart;
        this.epsilonEnd = b.epsilonEnd;
        this.epsilonDecayFraction = b.epsilonDecayFraction;
        this.gradientClip = b.gradientClip;
        this.trialsPerUpdate = b.trialsPerUpdate;
        this.learningStartTrials = b.learningStartTrials;
        this.stateCarry = b.stateCarry;
        this.replayStart = b.replayStart;
        this.burnInSteps = b.burnInSteps;
        this.evalInterval = b.evalInterval;
        this.evalTrials = b.evalTrials;
        this.seed = b.seed;
    }

    /**
     * Starts a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** The Q-network architecture. @return network */
    public RecurrentQNetwork network() {
        return network;
    }

    /**
     * Trains a fresh agent.
     *
     * @param task   task to learn
     * @param trials number of training trials, positive
     * @return the trained agent with its history
     * @throws IllegalArgumentException if the network does not fit the task or trials is not positive
     */
    public TrainedQAgent train(Task task, int trials) {
        return train(task, trials, null);
    }

    /**
     * Trains a fresh agent, starting from given parameters when {@code initialParams} is non-null.
     *
     * @param task          task to learn
     * @param trials        number of training trials, positive
     * @param initialParams starting parameters, or null to draw them from the seed
     * @return the trained agent with its history
     */
    public TrainedQAgent train(Task task, int trials, double[] initialParams) {
        return train(task, trials, initialParams, null);
    }

    /**
     * Trains a fresh agent, reporting each history point as it is recorded.
     *
     * @param task          task to learn
     * @param trials        number of training trials, positive
     * @param initialParams starting parameters, or null to draw them from the seed
     * @param onHistory     called with each history point (e.g. to show progress), or null
     * @return the trained agent with its history
     */
    public TrainedQAgent train(Task task, int trials, double[] initialParams, Consumer<HistoryPoint> onHistory) {
        if (trials <= 0) {
            throw new IllegalArgumentException("training trials must be positive, got " + trials);
        }
        SingleTrialEpisodes env = new SingleTrialEpisodes(task.create(seed));
        if (env.observationSize() != network.observationSize() || env.actionCount() != network.actionCount()) {
            throw new IllegalArgumentException("network expects " + network.observationSize() + " inputs and "
                    + network.actionCount() + " actions but task " + task.neuroGymName() + " has "
                    + env.observationSize() + " and " + env.actionCount());
        }
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom initRng = root.split();
        SplittableRandom actRng = root.split();
        SplittableRandom replayRng = root.split();
        long envSeed = root.nextLong();
        long evalSeed = root.nextLong();
        double[] online = initialParams != null ? initialParams.clone() : network.initialParameters(initRng);
        network.constrain(online);
        double[] target = online.clone();
        Adam adam = new Adam(online.length, learningRate);
        TrialReplayBuffer buffer = new TrialReplayBuffer(bufferCapacity);
        env.reset(envSeed);
        long start = System.nanoTime();
        long envSteps = 0;
        long updates = 0;
        int intervalCorrect = 0;
        int intervalTrials = 0;
        double intervalLoss = 0;
        double intervalDq = 0;
        int intervalUpdates = 0;
        List<HistoryPoint> history = new ArrayList<>();
        double epsilon = epsilonStart;
        Actor actor = new Actor(env);
        for (int trial = 1; trial <= trials; trial++) {
            epsilon = epsilonAt(trial, trials);
            StoredTrial stored = actor.play(online, epsilon, actRng);
            envSteps += stored.length();
            int perf = stored.performance();
            intervalCorrect += perf;
            intervalTrials++;
            buffer.add(stored);
            if (trial >= learningStartTrials && trial % trialsPerUpdate == 0) {
                double[] stats = update(online, target, adam, TrialBatch.of(buffer.sample(batchSize, replayRng)));
                updates++;
                intervalLoss += stats[0];
                intervalDq += stats[1];
                intervalUpdates++;
                if (targetUpdate.tau() < 1.0) {
                    double tau = targetUpdate.tau();
                    for (int i = 0; i < target.length; i++) {
                        target[i] += tau * (online[i] - target[i]);
                    }
                } else if (updates % targetUpdate.period() == 0) {
                    System.arraycopy(online, 0, target, 0, online.length);
                }
            }
            if (trial % evalInterval == 0 || trial == trials) {
                Evaluation ev = TrainedQAgent.evaluate(network, online, stateCarry, task, evalTrials,
                        evalSeed + trial);
                HistoryPoint hp = new HistoryPoint(trial, envSteps, updates, epsilon,
                        intervalCorrect / (double) intervalTrials, ev.accuracy(),
                        intervalUpdates == 0 ? 0 : intervalLoss / intervalUpdates,
                        intervalUpdates == 0 ? 0 : intervalDq / intervalUpdates, (System.nanoTime() - start) / 1e9);
                history.add(hp);
                if (onHistory != null) {
                    onHistory.accept(hp);
                }
                LOG.info("{} trial {} steps {} updates {} eps {} behaviour acc {} greedy acc {} loss {} dQ {} ({} s)",
                        task.neuroGymName(), trial, envSteps, updates, String.format("%.3f", epsilon),
                        String.format("%.3f", hp.behaviourAccuracy()), String.format("%.3f", hp.greedyAccuracy()),
                        SignificantDigits.sig4(hp.meanLoss()), String.format("%.2e", hp.deltaQ()),
                        String.format("%.1f", hp.wallSeconds()));
                intervalCorrect = 0;
                intervalTrials = 0;
                intervalLoss = 0;
                intervalDq = 0;
                intervalUpdates = 0;
            }
        }
        return new TrainedQAgent(network, online, stateCarry, history, envSteps, (System.nanoTime() - start) / 1e9);
    }

    /**
     * Plays trials with fixed parameters and returns them as stored for replay (no learning).
     *
     * @param task    task
     * @param params  parameters to act with
     * @param count   number of trials, positive
     * @param epsilon exploration rate in [0, 1]
     * @param envSeed environment seed
     * @return the stored trials, in order
     */
    public List<StoredTrial> collectTrials(Task task, double[] params, int count, double epsilon, long envSeed) {
        if (count <= 0) {
            throw new IllegalArgumentException("count must be positive, got " + count);
        }
        if (!(epsilon >= 0 && epsilon <= 1)) {
            throw new IllegalArgumentException("epsilon must be in [0, 1], got " + epsilon);
        }
        SingleTrialEpisodes env = new SingleTrialEpisodes(task.create(envSeed));
        env.reset(envSeed);
        Actor actor = new Actor(env);
        SplittableRandom rng = new SplittableRandom(envSeed ^ 0x9E3779B97F4A7C15L);
        List<StoredTrial> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(actor.play(params, epsilon, rng));
        }
        return out;
    }

    /** Acting loop state: environment, carried recurrent state and the burn-in window. */
    private final class Actor {
        private final SingleTrialEpisodes env;
        private final Deque<double[]> recentObs = new ArrayDeque<>();
        private final Deque<double[]> recentStates = new ArrayDeque<>();
        private double[] state = network.initialState();
        private boolean first = true;
        private double[] obs;

        Actor(SingleTrialEpisodes env) {
            this.env = env;
        }

        StoredTrial play(double[] params, double epsilon, SplittableRandom actRng) {
            obs = first ? env.unwrapped().currentTrial().observations()[0].clone() : env.reset();
            first = false;
            if (stateCarry == StateCarry.RESET_PER_TRIAL) {
                state = network.initialState();
            }
            double cond = env.unwrapped().currentTrial().condition();
            double[] initialState = state.clone();
            double[] burnInState = recentStates.isEmpty() ? initialState : recentStates.peekFirst().clone();
            double[][] burnInObs = recentObs.toArray(new double[0][]);
            if (replayStart == ReplayStart.ZERO || burnInSteps == 0) {
                burnInObs = new double[0][];
                burnInState = initialState;
            }
            boolean randomTrial = explorationMode == ExplorationMode.PER_TRIAL && actRng.nextDouble() < epsilon;
            int heldAction = actRng.nextInt(network.actionCount());
            List<double[]> os = new ArrayList<>();
            List<double[]> qs = new ArrayList<>();
            List<Integer> as = new ArrayList<>();
            List<Double> rs = new ArrayList<>();
            StepResult r;
            do {
                if (stateCarry == StateCarry.CARRY_ACROSS_TRIALS && burnInSteps > 0) {
                    recentStates.addLast(state.clone());
                    recentObs.addLast(obs);
                    if (recentStates.size() > burnInSteps) {
                        recentStates.removeFirst();
                        recentObs.removeFirst();
                    }
                }
                double[] q = new double[network.actionCount()];
                network.step(params, state, obs, q);
                int a;
                if (randomTrial) {
                    a = heldAction;
                } else if (explorationMode == ExplorationMode.PER_STEP && actRng.nextDouble() < epsilon) {
                    a = actRng.nextInt(network.actionCount());
                } else {
                    a = TrainedQAgent.argmax(q);
                }
                os.add(obs);
                qs.add(q);
                as.add(a);
                r = env.step(a);
                rs.add(r.reward());
                obs = r.observation();
            } while (!r.terminated());
            return new StoredTrial(os.toArray(new double[0][]), as.stream().mapToInt(Integer::intValue).toArray(),
                    rs.stream().mapToDouble(Double::doubleValue).toArray(), qs.toArray(new double[0][]),
                    initialState, burnInState, burnInObs, r.info().performance().orElseThrow(), cond);
        }
    }

    private double epsilonAt(int trial, int trials) {
        double decay = Math.max(1.0, epsilonDecayFraction * trials);
        double f = Math.min(1.0, (trial - 1) / decay);
        return epsilonStart + f * (epsilonEnd - epsilonStart);
    }

    /** The state a trial is replayed from under the given parameters (burn-in uses those parameters). */
    double[] replayStartState(double[] params, StoredTrial t) {
        if (replayStart == ReplayStart.ZERO) {
            return network.initialState();
        }
        if (t.burnInObservations().length == 0) {
            return t.initialState().clone();
        }
        double[] s = t.burnInState().clone();
        double[] q = new double[network.actionCount()];
        for (double[] o : t.burnInObservations()) {
            network.step(params, s, o, q);
        }
        return s;
    }

    /**
     * Normalised replay discrepancy of one trial, R2D2's &Delta;Q with the normaliser pooled over the trial:
     * &Sigma;_t ||Q_replay,t - Q_acting,t||_2 / &Sigma;_t |max_a Q_acting,t|. During training the acting-time
     * Q-values come from older parameters, so the logged value mixes state mismatch and parameter drift.
     *
     * @param params parameters to replay with
     * @param t      stored trial
     * @return &Delta;Q (0 when replay reproduces acting exactly)
     */
    public double replayDiscrepancy(double[] params, StoredTrial t) {
        double[][] q = network.forward(params, replayStartState(params, t), t.observations(), t.length()).q();
        return discrepancy(q, t.actingQ());
    }

    private static double discrepancy(double[][] replay, double[][] acting) {
        double dist = 0;
        double scale = 0;
        for (int k = 0; k < replay.length; k++) {
            double sq = 0;
            double mx = Double.NEGATIVE_INFINITY;
            for (int a = 0; a < replay[k].length; a++) {
                double d = replay[k][a] - acting[k][a];
                sq += d * d;
                mx = Math.max(mx, acting[k][a]);
            }
            dist += Math.sqrt(sq);
            scale += Math.abs(mx);
        }
        return dist / Math.max(scale, 1e-8);
    }

    /** One gradient step; returns {mean Huber loss per real step, mean ΔQ per trial}. */
    private double[] update(double[] online, double[] target, Adam adam, TrialBatch batch) {
        double[] grad = new double[online.length];
        int n = batch.realSteps();
        double loss = 0;
        double dqSum = 0;
        int actions = network.actionCount();
        for (int b = 0; b < batch.trials().size(); b++) {
            StoredTrial tr = batch.trials().get(b);
            int len = batch.lengths()[b];
            double[] mask = batch.mask()[b];
            var fo = network.forward(online, replayStartState(online, tr), tr.observations(), len);
            double[][] qT = network.forward(target, replayStartState(target, tr), tr.observations(), len).q();
            double[][] q = fo.q();
            double[][] dq = new double[len][actions];
            for (int t = 0; t < len; t++) {
                double y = tr.rewards()[t];
                if (t < len - 1) {
                    int aStar = TrainedQAgent.argmax(doubleDqn ? q[t + 1] : qT[t + 1]);
                    y += gamma * qT[t + 1][aStar];
                }
                double delta = q[t][tr.actions()[t]] - y;
                double ad = Math.abs(delta);
                loss += mask[t] * (ad <= 1 ? 0.5 * delta * delta : ad - 0.5);
                dq[t][tr.actions()[t]] = mask[t] * Math.max(-1, Math.min(1, delta)) / n;
            }
            network.backward(online, fo, dq, grad);
            dqSum += discrepancy(q, tr.actingQ());
        }
        adam.step(online, grad, gradientClip);
        network.constrain(online);
        return new double[] {loss / n, dqSum / batch.trials().size()};
    }

    @Override
    public String toString() {
        return "DqnAgent{network=" + network + ", gamma=" + gamma + ", lr=" + learningRate + ", batch=" + batchSize
                + ", buffer=" + bufferCapacity + ", target=" + targetUpdate + ", doubleDqn=" + doubleDqn
                + ", exploration=" + explorationMode + ", eps=" + epsilonStart + "->" + epsilonEnd + " over "
                + epsilonDecayFraction + ", clip=" + gradientClip + ", trialsPerUpdate=" + trialsPerUpdate
                + ", learningStart=" + learningStartTrials + ", carry=" + stateCarry + ", replay=" + replayStart
                + ", burnIn=" + burnInSteps + ", seed=" + seed + "}";
    }

    /** Builder for {@link DqnAgent}; every setter validates at once. */
    public static final class Builder {
        private RecurrentQNetwork network;
        private double gamma = 0.99;
        private double learningRate = 1e-3;
        private int batchSize = 32;
        private int bufferCapacity = 5000;
        private TargetUpdate targetUpdate = TargetUpdate.hard(200);
        private boolean doubleDqn = true;
        private ExplorationMode explorationMode = ExplorationMode.PER_TRIAL;
        private double epsilonStart = 1.0;
        private double epsilonEnd = 0.05;
        private double epsilonDecayFraction = 0.3;
        private double gradientClip = 10.0;
        private int trialsPerUpdate = 4;
        private int learningStartTrials = 200;
        private StateCarry stateCarry = StateCarry.RESET_PER_TRIAL;
        private ReplayStart replayStart = ReplayStart.ZERO;
        private int burnInSteps = 0;
        private int evalInterval = 1000;
        private int evalTrials = 200;
        private long seed = 1L;

        private Builder() {
        }

        private static void require(boolean ok, String msg) {
            if (!ok) {
                throw new IllegalArgumentException(msg);
            }
        }

        /** Q-network (required). @param v network @return this @throws IllegalArgumentException if null */
        public Builder network(RecurrentQNetwork v) {
            require(v != null, "network must not be null");
            network = v;
            return this;
        }

        /** Discount (default 0.99). @param v in [0, 1] @return this @throws IllegalArgumentException if outside */
        public Builder gamma(double v) {
            require(v >= 0 && v <= 1, "gamma must be in [0, 1], got " + v);
            gamma = v;
            return this;
        }

        /** Adam learning rate (default 1e-3). @param v positive @return this @throws IllegalArgumentException if not */
        public Builder learningRate(double v) {
            require(v > 0 && Double.isFinite(v), "learningRate must be positive and finite, got " + v);
            learningRate = v;
            return this;
        }

        /** Trials per batch (default 32). @param v positive @return this @throws IllegalArgumentException if not */
        public Builder batchSize(int v) {
            require(v > 0, "batchSize must be positive, got " + v);
            batchSize = v;
            return this;
        }

        /** Replay capacity in trials (default 5000). @param v positive @return this @throws IllegalArgumentException if not */
        public Builder bufferCapacity(int v) {
            require(v > 0, "bufferCapacity (trials) must be positive, got " + v);
            bufferCapacity = v;
            return this;
        }

        /** Target rule (default hard copy every 200 updates). @param v rule @return this @throws IllegalArgumentException if null */
        public Builder targetUpdate(TargetUpdate v) {
            require(v != null, "targetUpdate must not be null");
            targetUpdate = v;
            return this;
        }

        /** Double DQN (default true). @param v flag @return this */
        public Builder doubleDqn(boolean v) {
            doubleDqn = v;
            return this;
        }

        /** Exploration mode (default per trial). @param v mode @return this @throws IllegalArgumentException if null */
        public Builder explorationMode(ExplorationMode v) {
            require(v != null, "explorationMode must not be null");
            explorationMode = v;
            return this;
        }

        /**
         * Linear &epsilon; schedule.
         *
         * @param start         initial &epsilon; in [0, 1]
         * @param end           final &epsilon; in [0, 1]
         * @param decayFraction fraction of training trials over which &epsilon; decays, in (0, 1]
         * @return this
         * @throws IllegalArgumentException if a value is outside its range
         */
        public Builder epsilon(double start, double end, double decayFraction) {
            require(start >= 0 && start <= 1, "epsilon start must be in [0, 1], got " + start);
            require(end >= 0 && end <= 1, "epsilon end must be in [0, 1], got " + end);
            require(decayFraction > 0 && decayFraction <= 1, "epsilon decayFraction must be in (0, 1], got "
                    + decayFraction);
            epsilonStart = start;
            epsilonEnd = end;
            epsilonDecayFraction = decayFraction;
            return this;
        }

        /** Global gradient-norm clip (default 10; 0 disables). @param v &ge; 0 @return this @throws IllegalArgumentException if negative */
        public Builder gradientClip(double v) {
            require(v >= 0, "gradientClip must be >= 0, got " + v);
            gradientClip = v;
            return this;
        }

        /** Trials played between gradient updates (default 4). @param v positive @return this @throws IllegalArgumentException if not */
        public Builder trialsPerUpdate(int v) {
            require(v > 0, "trialsPerUpdate must be positive, got " + v);
            trialsPerUpdate = v;
            return this;
        }

        /** Trials before learning starts (default 200). @param v &ge; 1 @return this @throws IllegalArgumentException if not */
        public Builder learningStartTrials(int v) {
            require(v >= 1, "learningStartTrials must be >= 1, got " + v);
            learningStartTrials = v;
            return this;
        }

        /** State handling across trials (default reset). @param v mode @return this @throws IllegalArgumentException if null */
        public Builder stateCarry(StateCarry v) {
            require(v != null, "stateCarry must not be null");
            stateCarry = v;
            return this;
        }

        /** Replay start state (default zero). @param v option @return this @throws IllegalArgumentException if null */
        public Builder replayStart(ReplayStart v) {
            require(v != null, "replayStart must not be null");
            replayStart = v;
            return this;
        }

        /** Burn-in steps before a stored start (default 0). @param v &ge; 0 @return this @throws IllegalArgumentException if negative */
        public Builder burnInSteps(int v) {
            require(v >= 0, "burnInSteps must be >= 0, got " + v);
            burnInSteps = v;
            return this;
        }

        /**
         * Training-curve resolution.
         *
         * @param interval trials between history rows, positive
         * @param trials   greedy evaluation trials per row, positive
         * @return this
         * @throws IllegalArgumentException if not positive
         */
        public Builder evaluation(int interval, int trials) {
            require(interval > 0, "evaluation interval must be positive, got " + interval);
            require(trials > 0, "evaluation trials must be positive, got " + trials);
            evalInterval = interval;
            evalTrials = trials;
            return this;
        }

        /** Root seed (default 1). @param v seed @return this */
        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /**
         * Builds the specification.
         *
         * @return the agent spec
         * @throws IllegalArgumentException if the network is missing or burn-in is set without stored replay
         */
        public DqnAgent build() {
            require(network != null, "network must be set");
            require(burnInSteps == 0 || replayStart == ReplayStart.STORED,
                    "burnInSteps > 0 requires replayStart STORED, got " + replayStart);
            return new DqnAgent(this);
        }
    }
}
