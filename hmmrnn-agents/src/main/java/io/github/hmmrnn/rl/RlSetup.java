package io.github.hmmrnn.rl;

import java.util.SplittableRandom;

import io.github.hmmrnn.rl.dqn.DqnAgent;
import io.github.hmmrnn.rl.dqn.ExplorationMode;
import io.github.hmmrnn.rl.env.Task;
import io.github.hmmrnn.rl.net.GruNetwork;
import io.github.hmmrnn.rl.net.InputProjection;
import io.github.hmmrnn.rl.net.MpnNetwork;
import io.github.hmmrnn.rl.net.RecurrentQNetwork;

/**
 * The tuned default configuration used by the command line and the benchmarks: networks sized for a
 * CPU (MPN n = 100, d = 10; GRU n = 64 on the same projection) and DQN settings that learn the three
 * tasks within the step budgets.
 */
public final class RlSetup {

    /** Projected input size d. */
    public static final int PROJECTION_SIZE = 10;
    /** MPN hidden size. */
    public static final int MPN_HIDDEN = 100;
    /** GRU hidden size. */
    public static final int GRU_HIDDEN = 64;

    private RlSetup() {
    }

    /**
     * Default number of training trials.
     *
     * @param task  task
     * @param quick true for the short smoke-test budget
     * @return trials
     */
    public static int defaultTrials(Task task, boolean quick) {
        return switch (task) {
            case PERCEPTUAL_DECISION_MAKING -> quick ? 2000 : 5000;
            case CONTEXT_DECISION_MAKING -> quick ? 3000 : 12000;
            case DELAY_MATCH_SAMPLE -> quick ? 2000 : 8000;
        };
    }

    /**
     * Builds the Q-network for a task.
     *
     * @param task     task (fixes observation size)
     * @param kind     network family
     * @param ablation control condition (MPN only; must be NONE for the GRU)
     * @param hidden   hidden size, positive
     * @param seed     seed of the fixed projection
     * @return the network
     * @throws IllegalArgumentException if an ablation is requested for the GRU
     */
    public static RecurrentQNetwork network(Task task, AgentKind kind, Ablation ablation, int hidden, long seed) {
        int obs = task.create(0).observationSize();
        SplittableRandom rng = new SplittableRandom(seed);
        InputProjection proj = ablation == Ablation.NO_PROJECTION ? InputProjection.identity(obs)
                : InputProjection.random(obs, PROJECTION_SIZE, rng);
        return switch (kind) {
            case MPN -> MpnNetwork.builder().projection(proj).hiddenSize(hidden).etaInit(0.5).lambdaMax(0.95)
                    .plastic(ablation != Ablation.FROZEN_PLASTICITY).build();
            case GRU -> {
                if (ablation != Ablation.NONE) {
                    throw new IllegalArgumentException("ablation " + ablation + " applies to the MPN only");
                }
                yield new GruNetwork(proj, hidden, 3);
            }
        };
    }

    /**
     * The default DQN specification.
     *
     * @param task     task (selects the exploration mode)
     * @param network  Q-network
     * @param seed     root seed
     * @param trials   planned training trials (sets the evaluation interval)
     * @return the agent spec
     */
    public static DqnAgent agent(Task task, RecurrentQNetwork network, long seed, int trials) {
        return DqnAgent.builder().network(network).learningRate(1e-3).batchSize(32).trialsPerUpdate(2)
                .bufferCapacity(5000).learningStartTrials(200).explorationMode(exploration(task)).epsilon(1.0, 0.05, 0.3)
                .seed(seed)
                .evaluation(Math.max(100, trials / 20), 200).build();
    }

    /**
     * Exploration mode per task: per-trial held random actions (faster on PDM and CDM), per-step
     * &epsilon;-greedy on DMS, where per-trial exploration left the greedy agent breaking fixation in
     * every trial (it rarely observed "fixate" during fixation).
     *
     * @param task task
     * @return the exploration mode
     */
    public static ExplorationMode exploration(Task task) {
        return task == Task.DELAY_MATCH_SAMPLE ? ExplorationMode.PER_STEP : ExplorationMode.PER_TRIAL;
    }
}
