package io.github.hmmrnn.moa;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

import io.github.hmmrnn.agents.Agent;
import io.github.hmmrnn.agents.AgentMemory;
import io.github.hmmrnn.agents.AgentParameter;
import io.github.hmmrnn.data.Session;
import io.github.hmmrnn.data.Subject;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.numeric.Logistic;

/**
 * Simulates a {@link FittedHmmMoa} on the two-step task: synthetic data with known states, for
 * recovery studies and examples.
 */
public final class MoaSimulator {

    private MoaSimulator() {
    }

    /**
     * Simulates the model on the two-step task: the hidden chain starts from π in each session
     * and steps every trial; the agents learn from the simulated trials. All trials are scored.
     * Rewards are always drawn from the task (its drifting good port), never from the outcome
     * model ρ, even when the chain emits outcomes: ρ describes how reward contingencies line up
     * with the states in fitted data, not a task to simulate. Session s draws from the s-th split
     * of {@code new SplittableRandom(seed)}, so a seed gives bit-identical data.
     *
     * @param model    the model to simulate
     * @param sessions number of sessions, ≥ 1
     * @param trials   trials per session, ≥ 1
     * @param task     the task environment
     * @param seed     random seed
     * @return a dataset (subject "simulated", p_congruent of the task) whose phases are the true states
     * @throws IllegalArgumentException if a count is below 1
     */
    public static TwoStepDataset simulate(FittedHmmMoa model, int sessions, int trials, TwoStepTask task,
                                          long seed) {
        Objects.requireNonNull(model, "model");
        if (sessions < 1) {
            throw new IllegalArgumentException("sessions must be >= 1, got " + sessions);
        }
        if (trials < 1) {
            throw new IllegalArgumentException("trials must be >= 1, got " + trials);
        }
        Objects.requireNonNull(task, "task");
        List<Agent> agents = model.agents();
        double[][] beta = model.weights();
        double[] pi = model.initialDistribution();
        double[][] trans = model.transitionMatrix();
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
                    eta += beta[a][state] * mem[a].value();
                }
                c[t] = rng.nextDouble() < Logistic.sigmoid(eta) ? 1 : 0;
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
}
