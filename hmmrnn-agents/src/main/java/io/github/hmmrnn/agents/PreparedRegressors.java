package io.github.hmmrnn.agents;

import io.github.hmmrnn.agents.AgentRegressors.SessionRegressors;
import io.github.hmmrnn.data.Session;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * The regressors of one session, prepared for the many evaluations of a fit at changing parameter
 * values. What does not depend on the parameters is computed once: the columns of agents without
 * parameters, and the per-trial inputs u_t of the decay agents (x ← (1−α)·x + g·u), whose
 * recursion then runs as a plain loop. {@link #compute} returns exactly (bit for bit) what
 * {@link AgentRegressors#compute} returns; when some agent is of another kind, it simply calls it.
 */
public final class PreparedRegressors {

    private final List<Agent> agents;
    private final Session session;
    private final double pCongruent;
    private final int[][] fitted;
    /** Per agent: its column when it has no parameters, else null. */
    private final double[][] constantColumns;
    /** Per agent: the decay agent behind it when it is one, else null. */
    private final DecayAgent[] decay;
    /** Per agent: its inputs u_t when it is a decay agent, else null. */
    private final double[][] inputs;
    /** Whether every agent is a decay agent or has no parameters (else the general path runs). */
    private final boolean fast;

    private PreparedRegressors(List<Agent> agents, Session session, double pCongruent) {
        this.agents = List.copyOf(agents);
        this.session = session;
        this.pCongruent = pCongruent;
        this.fitted = AgentRegressors.fittedParameterIndex(this.agents);
        int na = this.agents.size();
        constantColumns = new double[na][];
        decay = new DecayAgent[na];
        inputs = new double[na][];
        boolean allFast = true;
        for (int a = 0; a < na; a++) {
            Agent agent = this.agents.get(a);
            if (ConfiguredAgent.base(agent) instanceof DecayAgent d && agent.parameters().size() == 1) {
                decay[a] = d;
                inputs[a] = d.inputs(session);
            } else if (agent.parameters().isEmpty()) {
                constantColumns[a] = column(agent, session, pCongruent);
            } else {
                allFast = false;
            }
        }
        this.fast = allFast;
    }

    /**
     * Prepares one session.
     *
     * @param agents     agents in order
     * @param session    the session
     * @param pCongruent the subject's p_congruent
     * @return the prepared regressors
     */
    public static PreparedRegressors of(List<Agent> agents, Session session, double pCongruent) {
        Objects.requireNonNull(agents, "agents");
        Objects.requireNonNull(session, "session");
        return new PreparedRegressors(agents, session, pCongruent);
    }

    /**
     * The regressors at the given parameter values, equal to
     * {@code AgentRegressors.compute(agents, parameterValues, session, pCongruent, withDerivatives)}.
     *
     * @param parameterValues per agent, one value per declared parameter
     * @param withDerivatives whether to compute derivatives for the fitted parameters
     * @return the regressors
     * @throws IllegalStateException if an agent returns a non-finite value
     */
    public SessionRegressors compute(double[][] parameterValues, boolean withDerivatives) {
        if (!fast) {
            return AgentRegressors.compute(agents, parameterValues, session, pCongruent, withDerivatives);
        }
        // computeAt over every trial, then in rows: the one recursion, the same numbers
        int n = session.length();
        int na = agents.size();
        int np = fitted.length;
        double[][] columns = new double[na][n];
        double[][] derivativeColumns = withDerivatives ? new double[np][n] : null;
        computeAt(parameterValues, IntStream.range(0, n).toArray(), columns, derivativeColumns, 0);
        double[][] x = new double[n][na];
        double[][] dx = withDerivatives ? new double[n][np] : null;
        for (int t = 0; t < n; t++) {
            for (int a = 0; a < na; a++) {
                x[t][a] = columns[a][t];
            }
            for (int p = 0; p < np && withDerivatives; p++) {
                dx[t][p] = derivativeColumns[p][t];
            }
        }
        return new SessionRegressors(x, dx);
    }

    /**
     * The regressors at some trials only, column by column: {@link #compute}'s values at trial
     * {@code steps[j]} go to {@code x[a][offset + j]} and, when {@code dx} is not null, the
     * derivatives to {@code dx[p][offset + j]} (the same numbers, bit for bit). For a fit that keeps
     * many sessions' chain steps on one flat axis in columns, without a [T][A] array per session.
     *
     * @param parameterValues per agent, one value per declared parameter
     * @param steps           trial indices, increasing
     * @param x               [A][≥ offset + steps.length] columns to write
     * @param dx              [P][≥ offset + steps.length] derivative columns to write, or null
     * @param offset          where this session's steps start in the columns
     * @throws IllegalStateException    if an agent returns a non-finite value
     * @throws IllegalArgumentException if the steps are not increasing trial indices of the session
     */
    public void computeAt(double[][] parameterValues, int[] steps, double[][] x, double[][] dx, int offset) {
        int n = session.length();
        for (int j = 0; j < steps.length; j++) {
            if (steps[j] < 0 || steps[j] >= n || j > 0 && steps[j] <= steps[j - 1]) {
                throw new IllegalArgumentException("steps[" + j + "] = " + steps[j] + ": expected increasing trial "
                        + "indices in [0, " + n + ")");
            }
        }
        if (!fast) {
            SessionRegressors r = compute(parameterValues, dx != null);
            for (int j = 0; j < steps.length; j++) {
                for (int a = 0; a < x.length; a++) {
                    x[a][offset + j] = r.values()[steps[j]][a];
                }
                if (dx != null) {
                    for (int p = 0; p < dx.length; p++) {
                        dx[p][offset + j] = r.derivatives()[steps[j]][p];
                    }
                }
            }
            return;
        }
        int na = agents.size();
        int[] derivativeColumn = derivativeColumns(dx != null);
        for (int a = 0; a < na; a++) {
            double[] xa = x[a];
            if (constantColumns[a] != null) {
                double[] c = constantColumns[a];
                for (int j = 0; j < steps.length; j++) {
                    xa[offset + j] = c[steps[j]];
                }
                continue;
            }
            DecayAgent d = decay[a];
            double alpha = parameterValues[a][0];
            double scale = d.scale(pCongruent);
            double g = d.gain(alpha);
            double dg = d.gainDerivative();
            double[] u = inputs[a];
            int col = derivativeColumn[a];
            double[] da = col >= 0 ? dx[col] : null;
            // DecayAgent's memory, the same operations in the same order (identical numbers),
        // stored only at the steps
            double xv = 0;
            double dv = 0;
            int j = 0;
            for (int t = 0; t < n && j < steps.length; t++) {
                if (t == steps[j]) {
                    xa[offset + j] = AgentRegressors.requireFinite(scale * xv, agents.get(a), t, session);
                    if (da != null) {
                        da[offset + j] = scale * dv;
                    }
                    j++;
                }
                dv = -xv + (1 - alpha) * dv + dg * u[t];
                xv = (1 - alpha) * xv + g * u[t];
            }
        }
    }

    /** Per agent, the derivative column of its (only) parameter, or −1 when it is not fitted or not asked for. */
    private int[] derivativeColumns(boolean withDerivatives) {
        int[] column = new int[agents.size()];
        Arrays.fill(column, -1);
        if (withDerivatives) {
            for (int p = 0; p < fitted.length; p++) {
                column[fitted[p][0]] = p;
            }
        }
        return column;
    }

    private static double[] column(Agent agent, Session session, double pCongruent) {
        AgentMemory mem = agent.start(new double[0], pCongruent);
        double[] c = new double[session.length()];
        for (int t = 0; t < c.length; t++) {
            c[t] = AgentRegressors.requireFinite(mem.value(), agent, t, session);
            mem.update(session.choice(t), session.outcome(t), session.reward(t), session.common(t));
        }
        return c;
    }
}
