package io.github.hmmrnn.moa.neural;

import io.github.hmmrnn.agents.Agent;
import io.github.hmmrnn.agents.AgentParameter;
import io.github.hmmrnn.agents.AgentRegressors;
import io.github.hmmrnn.data.Session;
import io.github.hmmrnn.data.TwoStepDataset;

import java.util.List;
import java.util.ArrayList;

/**
 * A dataset prepared for the neural mixture: GRU inputs (the previous trial's choice, reward and
 * transition; zeros at a session start) and agent values, one zero-padded row per session.
 * Padded steps carry no loss, and because both the GRU and the agents are causal they cannot
 * influence real steps.
 */
final class EncodedSessions {

    /** GRU input width: previous choice, reward, common transition. */
    static final int INPUT_WIDTH = 3;

    final int batch;
    final int steps;
    final int agents;
    final int[] lengths;
    /** [B][I][T]. */
    final double[] inputs;
    /** [B][T][A]. */
    final double[] values;
    final int[][] choices;
    final boolean[][] scored;
    final int numScored;
    /** The sessions of the rows, in order (their outcomes feed the chain's outcome emissions). */
    final List<Session> sessions;

    private EncodedSessions(EncodedSessions all, int[] rows) {
        this.batch = rows.length;
        this.steps = all.steps;
        this.agents = all.agents;
        this.lengths = new int[batch];
        this.inputs = new double[batch * INPUT_WIDTH * steps];
        this.values = new double[batch * steps * agents];
        this.choices = new int[batch][];
        this.scored = new boolean[batch][];
        List<Session> kept = new ArrayList<>(batch);
        int count = 0;
        for (int i = 0; i < batch; i++) {
            int r = rows[i];
            kept.add(all.sessions.get(r));
            lengths[i] = all.lengths[r];
            System.arraycopy(all.inputs, r * INPUT_WIDTH * steps, inputs, i * INPUT_WIDTH * steps, INPUT_WIDTH * steps);
            System.arraycopy(all.values, r * steps * agents, values, i * steps * agents, steps * agents);
            choices[i] = all.choices[r];
            scored[i] = all.scored[r];
            for (boolean sc : scored[i]) {
                count += sc ? 1 : 0;
            }
        }
        this.numScored = count;
        this.sessions = List.copyOf(kept);
    }

    /**
     * @param rows session rows to keep, in order
     * @return the selected sessions (same padded length)
     */
    EncodedSessions select(int[] rows) {
        return new EncodedSessions(this, rows);
    }

    EncodedSessions(TwoStepDataset data, List<Agent> agentList) {
        List<Session> sessions = data.sessions();
        if (sessions.isEmpty()) {
            throw new IllegalArgumentException("data must contain at least one session, got 0");
        }
        this.batch = sessions.size();
        this.agents = agentList.size();
        this.lengths = new int[batch];
        int max = 0;
        for (int b = 0; b < batch; b++) {
            lengths[b] = sessions.get(b).length();
            max = Math.max(max, lengths[b]);
        }
        this.steps = max;
        this.inputs = new double[batch * INPUT_WIDTH * steps];
        this.values = new double[batch * steps * agents];
        this.choices = new int[batch][];
        this.scored = new boolean[batch][];
        double[][] parameterValues = new double[agents][];
        for (int a = 0; a < agents; a++) {
            parameterValues[a] = agentList.get(a).parameters().stream().mapToDouble(AgentParameter::value).toArray();
        }
        int count = 0;
        for (int b = 0; b < batch; b++) {
            Session s = sessions.get(b);
            double pCongruent = data.subject(s.subject()).pCongruent();
            double[][] x = AgentRegressors.compute(agentList, parameterValues, s, pCongruent, false).values();
            int base = b * INPUT_WIDTH * steps;
            for (int t = 0; t < s.length(); t++) {
                if (t > 0) {
                    inputs[base + t] = s.choice(t - 1);
                    inputs[base + steps + t] = s.reward(t - 1);
                    inputs[base + 2 * steps + t] = s.common(t - 1) ? 1 : 0;
                }
                System.arraycopy(x[t], 0, values, (b * steps + t) * agents, agents);
            }
            choices[b] = s.choices();
            scored[b] = s.scoredTrials();
            count += s.scoredCount();
        }
        this.numScored = count;
        this.sessions = List.copyOf(sessions);
    }
}
