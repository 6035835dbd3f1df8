package io.github.hmmrnn.rl.dqn;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;

import io.github.hmmrnn.rl.env.Period;
import io.github.hmmrnn.rl.env.SingleTrialEpisodes;
import io.github.hmmrnn.rl.env.StepResult;
import io.github.hmmrnn.rl.env.Task;
import io.github.hmmrnn.rl.env.Trial;
import io.github.hmmrnn.rl.net.RecurrentQNetwork;

/**
 * A trained recurrent Q-agent: architecture, frozen parameters and the training history. Read-only.
 */
public final class TrainedQAgent {

    private final RecurrentQNetwork network;
    private final double[] params;
    private final StateCarry stateCarry;
    private final List<HistoryPoint> history;
    private final long trainingEnvSteps;
    private final double trainingSeconds;

    TrainedQAgent(RecurrentQNetwork network, double[] params, StateCarry stateCarry, List<HistoryPoint> history,
                  long trainingEnvSteps, double trainingSeconds) {
        this.network = network;
        this.params = params.clone();
        this.stateCarry = stateCarry;
        this.history = List.copyOf(history);
        this.trainingEnvSteps = trainingEnvSteps;
        this.trainingSeconds = trainingSeconds;
    }

    /**
     * Creates an agent from given parameters (e.g. untrained, for tests or baselines).
     *
     * @param network    architecture
     * @param params     parameter vector of length network.parameterCount()
     * @param stateCarry whether the state is reset per trial
     * @return the agent
     * @throws IllegalArgumentException if the parameter length is wrong
     */
    public static TrainedQAgent of(RecurrentQNetwork network, double[] params, StateCarry stateCarry) {
        if (params.length != network.parameterCount()) {
            throw new IllegalArgumentException("params length must be " + network.parameterCount() + ", got "
                    + params.length);
        }
        return new TrainedQAgent(network, params, stateCarry, List.of(), 0, 0);
    }

    /** The architecture. @return network */
    public RecurrentQNetwork network() {
        return network;
    }

    /** A copy of the parameters. @return parameters */
    public double[] parameters() {
        return params.clone();
    }

    /** Training curve. @return history rows */
    public List<HistoryPoint> history() {
        return history;
    }

    /** Environment steps used in training. @return steps */
    public long trainingEnvSteps() {
        return trainingEnvSteps;
    }

    /** Wall time of training in seconds. @return seconds */
    public double trainingSeconds() {
        return trainingSeconds;
    }

    /**
     * Greedy accuracy on fresh trials.
     *
     * @param task   task
     * @param trials number of trials, positive
     * @param seed   seed of the evaluation environment
     * @return evaluation summary
     */
    public Evaluation evaluate(Task task, int trials, long seed) {
        return evaluate(network, params, stateCarry, task, trials, seed);
    }

    static Evaluation evaluate(RecurrentQNetwork network, double[] params, StateCarry carry, Task task, int trials,
                               long seed) {
        if (trials <= 0) {
            throw new IllegalArgumentException("evaluation trials must be positive, got " + trials);
        }
        SingleTrialEpisodes env = new SingleTrialEpisodes(task.create(seed));
        env.reset(seed);
        double[] state = network.initialState();
        double[] q = new double[network.actionCount()];
        int correct = 0;
        int breaks = 0;
        int noResponse = 0;
        long steps = 0;
        SortedMap<Double, Integer> n = new TreeMap<>();
        SortedMap<Double, Integer> c = new TreeMap<>();
        double[] obs = null;
        for (int i = 0; i < trials; i++) {
            obs = i == 0 ? env.unwrapped().currentTrial().observations()[0].clone() : env.reset();
            if (carry == StateCarry.RESET_PER_TRIAL) {
                state = network.initialState();
            }
            double cond = env.unwrapped().currentTrial().condition();
            boolean broke = false;
            boolean responded = false;
            StepResult r;
            do {
                network.step(params, state, obs, q);
                int a = argmax(q);
                r = env.step(a);
                steps++;
                if (a != 0 && r.info().period() == Period.FIXATION) {
                    broke = true;
                }
                if (a != 0 && r.info().period() == Period.DECISION) {
                    responded = true;
                }
                obs = r.observation();
            } while (!r.terminated());
            int perf = r.info().performance().orElseThrow();
            correct += perf;
            breaks += broke ? 1 : 0;
            noResponse += responded ? 0 : 1;
            n.merge(cond, 1, Integer::sum);
            c.merge(cond, perf, Integer::sum);
        }
        SortedMap<Double, Double> acc = new TreeMap<>();
        for (var e : n.entrySet()) {
            acc.put(e.getKey(), c.get(e.getKey()) / (double) e.getValue());
        }
        return new Evaluation(trials, correct / (double) trials, acc, n, breaks / (double) trials,
                noResponse / (double) trials, steps);
    }

    /**
     * Plays one greedy trial from the reset state and records it.
     *
     * @param task task
     * @param seed seed of the environment
     * @return the recorded trial
     */
    public EpisodeRecord exampleTrial(Task task, long seed) {
        SingleTrialEpisodes env = new SingleTrialEpisodes(task.create(seed));
        double[] obs = env.reset(seed);
        Trial trial = env.unwrapped().currentTrial();
        double[] state = network.initialState();
        List<double[]> os = new ArrayList<>();
        List<double[]> qs = new ArrayList<>();
        List<Integer> as = new ArrayList<>();
        List<Double> rs = new ArrayList<>();
        List<Period> ps = new ArrayList<>();
        StepResult r;
        do {
            double[] q = new double[network.actionCount()];
            network.step(params, state, obs, q);
            int a = argmax(q);
            os.add(obs);
            qs.add(q);
            as.add(a);
            r = env.step(a);
            rs.add(r.reward());
            ps.add(r.info().period());
            obs = r.observation();
        } while (!r.terminated());
        return new EpisodeRecord(os.toArray(new double[0][]), qs.toArray(new double[0][]),
                as.stream().mapToInt(Integer::intValue).toArray(), rs.stream().mapToDouble(Double::doubleValue).toArray(),
                ps.toArray(new Period[0]), trial.groundTruth(), trial.condition(),
                r.info().performance().orElseThrow());
    }

    static int argmax(double[] q) {
        int best = 0;
        for (int k = 1; k < q.length; k++) {
            if (q[k] > q[best]) {
                best = k;
            }
        }
        return best;
    }

    /** Fresh random stream helper so callers need not import SplittableRandom. */
    static SplittableRandom rng(long seed) {
        return new SplittableRandom(seed);
    }
}
