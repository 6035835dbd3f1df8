package io.github.hmmrnn.agents;

import io.github.hmmrnn.data.Session;

import java.util.List;

/**
 * Runs agents over a session: the regressor matrix x[t][a] and, for fitting, the derivatives of
 * each regressor with respect to the fitted parameters of its own agent.
 *
 * <p>Each agent starts fresh at the session start; every trial (forced ones included) updates
 * it after its value was read, so row t depends on trials &lt; t only.
 */
public final class AgentRegressors {

    private static final double FINITE_DIFFERENCE_STEP = 1e-6;

    private AgentRegressors() {
    }

    /**
     * Regressors of one session.
     *
     * @param values      [T][A] x_{a,t}
     * @param derivatives [T][P] ∂x_{owner(p),t}/∂θ_p for the P fitted parameters (flattened in
     *                    agent order, then parameter order), or {@code null} when not requested
     */
    public record SessionRegressors(double[][] values, double[][] derivatives) {
    }

    /**
     * Maps fitted parameters to their agents.
     *
     * @param agents agents in order
     * @return [P][2]: agent index and parameter index of each fitted parameter
     */
    public static int[][] fittedParameterIndex(List<Agent> agents) {
        int count = 0;
        for (Agent a : agents) {
            for (AgentParameter p : a.parameters()) {
                if (p.fitted()) {
                    count++;
                }
            }
        }
        int[][] out = new int[count][];
        int k = 0;
        for (int i = 0; i < agents.size(); i++) {
            List<AgentParameter> ps = agents.get(i).parameters();
            for (int j = 0; j < ps.size(); j++) {
                if (ps.get(j).fitted()) {
                    out[k++] = new int[] {i, j};
                }
            }
        }
        return out;
    }

    /**
     * Computes the regressors of one session.
     *
     * @param agents           agents in order (A of them)
     * @param parameterValues  per agent, one value per declared parameter
     * @param session          the session
     * @param pCongruent       the subject's p_congruent
     * @param withDerivatives  whether to compute derivatives for the fitted parameters
     * @return the regressors
     * @throws IllegalStateException if an agent returns a non-finite value
     */
    public static SessionRegressors compute(List<Agent> agents, double[][] parameterValues, Session session,
                                            double pCongruent, boolean withDerivatives) {
        int n = session.length();
        int na = agents.size();
        int[][] fitted = withDerivatives ? fittedParameterIndex(agents) : new int[0][];
        double[][] x = new double[n][na];
        double[][] dx = withDerivatives ? new double[n][fitted.length] : null;
        AgentMemory[] mem = new AgentMemory[na];
        for (int a = 0; a < na; a++) {
            mem[a] = agents.get(a).start(parameterValues[a].clone(), pCongruent);
        }
        boolean[] needFd = new boolean[fitted.length];
        for (int t = 0; t < n; t++) {
            for (int a = 0; a < na; a++) {
                x[t][a] = requireFinite(mem[a].value(), agents.get(a), t, session);
            }
            for (int p = 0; p < fitted.length; p++) {
                double d = mem[fitted[p][0]].derivative(fitted[p][1]);
                if (Double.isNaN(d)) {
                    needFd[p] = true;
                } else {
                    dx[t][p] = d;
                }
            }
            int c = session.choice(t);
            int o = session.outcome(t);
            int r = session.reward(t);
            boolean common = session.common(t);
            for (int a = 0; a < na; a++) {
                mem[a].update(c, o, r, common);
            }
        }
        for (int p = 0; p < fitted.length; p++) {
            if (needFd[p]) {
                finiteDifference(agents.get(fitted[p][0]), parameterValues[fitted[p][0]], fitted[p][1], session,
                        pCongruent, dx, p);
            }
        }
        return new SessionRegressors(x, dx);
    }

    private static void finiteDifference(Agent agent, double[] values, int j, Session session, double pCongruent,
                                         double[][] dx, int column) {
        double h = Math.min(FINITE_DIFFERENCE_STEP, Math.min(values[j], 1 - values[j]) / 2);
        double[] up = values.clone();
        double[] down = values.clone();
        up[j] += h;
        down[j] -= h;
        AgentMemory mu = agent.start(up, pCongruent);
        AgentMemory md = agent.start(down, pCongruent);
        for (int t = 0; t < session.length(); t++) {
            dx[t][column] = (mu.value() - md.value()) / (2 * h);
            mu.update(session.choice(t), session.outcome(t), session.reward(t), session.common(t));
            md.update(session.choice(t), session.outcome(t), session.reward(t), session.common(t));
        }
    }

    /**
     * @return v, an agent's regressor at trial t of the session
     * @throws IllegalStateException naming the agent, trial, session and subject if v is not finite
     */
    static double requireFinite(double v, Agent agent, int t, Session session) {
        if (!Double.isFinite(v)) {
            throw new IllegalStateException("agent " + agent.name() + " returned x = " + v
                    + " at trial " + t + " of session " + session.index() + " (subject " + session.subject() + ")");
        }
        return v;
    }
}
