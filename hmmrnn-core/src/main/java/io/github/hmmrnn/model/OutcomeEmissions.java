package io.github.hmmrnn.model;

import io.github.hmmrnn.data.Session;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Per-state outcome model of a two-step chain: state k rewards second-step state s with
 * probability ρ[k][s]. Used as an extra emission factor p(reward_t | z_t = k, s_t) when a model's
 * chain explains outcomes as well as choices ({@link ChainEvidence#CHOICES_AND_OUTCOMES}).
 *
 * <p>Every trial contributes, scored or forced: the outcome of a forced trial is as informative
 * about the state as any other. The second-step state is taken as given (its transition
 * probability does not depend on the state), so it contributes no factor. Immutable.
 */
public final class OutcomeEmissions {

    /** Beta pseudo-counts of the MAP estimate (one success and one failure: keeps ρ in (0, 1)). */
    private static final double PSEUDO_COUNT = 1.0;

    private final double[][] rewardProbability;

    /** log p(reward r | state k, second-step state s) as [k][s][r], computed once: the kernels add it per trial. */
    private final double[][][] logLikelihood;

    private OutcomeEmissions(double[][] rewardProbability) {
        this.rewardProbability = rewardProbability;
        this.logLikelihood = new double[rewardProbability.length][2][2];
        for (int k = 0; k < rewardProbability.length; k++) {
            for (int s = 0; s < 2; s++) {
                logLikelihood[k][s][1] = Math.log(rewardProbability[k][s]);
                logLikelihood[k][s][0] = Math.log(1 - rewardProbability[k][s]);
            }
        }
    }

    /**
     * @param rewardProbability ρ [K][2], every entry strictly inside (0, 1)
     * @return the outcome model
     * @throws IllegalArgumentException if the shape is wrong or an entry is outside (0, 1) or NaN
     */
    public static OutcomeEmissions of(double[][] rewardProbability) {
        Objects.requireNonNull(rewardProbability, "rewardProbability");
        if (rewardProbability.length == 0) {
            throw new IllegalArgumentException("rewardProbability must have at least one state, got 0");
        }
        double[][] copy = new double[rewardProbability.length][];
        for (int k = 0; k < copy.length; k++) {
            if (rewardProbability[k] == null || rewardProbability[k].length != 2) {
                throw new IllegalArgumentException("rewardProbability[" + k
                        + "] must hold 2 values (second-step states 0 and 1), got "
                        + (rewardProbability[k] == null ? "null" : rewardProbability[k].length));
            }
            for (int s = 0; s < 2; s++) {
                double p = rewardProbability[k][s];
                if (!(p > 0 && p < 1)) {
                    throw new IllegalArgumentException("rewardProbability[" + k + "][" + s
                            + "] must be in (0, 1), got " + p);
                }
            }
            copy[k] = rewardProbability[k].clone();
        }
        return new OutcomeEmissions(copy);
    }

    /**
     * The uninformative start of a fit: ρ = 0.5 everywhere, so the outcomes add the same term to
     * every state and the first E-step is the choice-only one.
     *
     * @param states K, at least 1
     * @return the outcome model
     * @throws IllegalArgumentException if {@code states < 1}
     */
    public static OutcomeEmissions uninformative(int states) {
        if (states < 1) {
            throw new IllegalArgumentException("states must be >= 1, got " + states);
        }
        double[][] half = new double[states][2];
        for (double[] row : half) {
            Arrays.fill(row, 0.5);
        }
        return new OutcomeEmissions(half);
    }

    /**
     * The MAP estimate under a Beta(2, 2) prior from posterior state weights:
     * ρ[k][s] = (Σ_t w_t(k) [s_t = s] r_t + 1) / (Σ_t w_t(k) [s_t = s] + 2).
     *
     * @param sessions sessions
     * @param weights  per session [T][K] state weights (smoothed posteriors), same order
     * @param states   K
     * @return the estimate
     * @throws IllegalArgumentException if the lists differ in size or a weight array has the wrong shape
     */
    public static OutcomeEmissions mapEstimate(List<Session> sessions, List<double[][]> weights, int states) {
        if (sessions.size() != weights.size()) {
            throw new IllegalArgumentException("weights must have one entry per session (" + sessions.size()
                    + "), got " + weights.size());
        }
        double[][] rewarded = new double[states][2];
        double[][] visits = new double[states][2];
        for (int i = 0; i < sessions.size(); i++) {
            Session s = sessions.get(i);
            double[][] w = weights.get(i);
            if (w.length != s.length()) {
                throw new IllegalArgumentException("weights[" + i + "] must have " + s.length() + " trials, got "
                        + w.length);
            }
            for (int t = 0; t < s.length(); t++) {
                int o = s.outcome(t);
                int r = s.reward(t);
                for (int k = 0; k < states; k++) {
                    visits[k][o] += w[t][k];
                    rewarded[k][o] += w[t][k] * r;
                }
            }
        }
        double[][] rho = new double[states][2];
        for (int k = 0; k < states; k++) {
            for (int o = 0; o < 2; o++) {
                rho[k][o] = (rewarded[k][o] + PSEUDO_COUNT) / (visits[k][o] + 2 * PSEUDO_COUNT);
            }
        }
        return new OutcomeEmissions(rho);
    }

    /**
     * The MAP estimate under a Beta(2, 2) prior from posterior state weights on a subset of each
     * session's trials (e.g. the scored trials, when a model's chain steps over those only):
     * ρ[k][s] = (Σ w_j(k) [s_t = s] r_t + 1) / (Σ w_j(k) [s_t = s] + 2) over t = trials[i][j].
     *
     * @param sessions sessions
     * @param trials   per session, the indices of the trials that carry weights (same order as
     *                 {@code sessions}); each in [0, session length)
     * @param weights  per session [trials[i].length][K] state weights, same order
     * @param states   K, at least 1
     * @return the estimate
     * @throws IllegalArgumentException if the lists differ in size, a weight array has the wrong
     *                                  shape, a trial index is out of range, or {@code states < 1}
     */
    public static OutcomeEmissions mapEstimate(List<Session> sessions, List<int[]> trials, List<double[][]> weights,
                                               int states) {
        if (states < 1) {
            throw new IllegalArgumentException("states must be >= 1, got " + states);
        }
        if (sessions.size() != weights.size() || sessions.size() != trials.size()) {
            throw new IllegalArgumentException("trials and weights must have one entry per session (" + sessions.size()
                    + "), got " + trials.size() + " and " + weights.size());
        }
        double[][] rewarded = new double[states][2];
        double[][] visits = new double[states][2];
        for (int i = 0; i < sessions.size(); i++) {
            Session s = sessions.get(i);
            int[] idx = trials.get(i);
            double[][] w = weights.get(i);
            if (w.length != idx.length) {
                throw new IllegalArgumentException("weights[" + i + "] must have " + idx.length + " rows (one per listed"
                        + " trial), got " + w.length);
            }
            for (int j = 0; j < idx.length; j++) {
                int t = idx[j];
                if (t < 0 || t >= s.length()) {
                    throw new IllegalArgumentException("trials[" + i + "][" + j + "] = " + t + " is outside [0, "
                            + s.length() + ")");
                }
                if (w[j].length != states) {
                    throw new IllegalArgumentException("weights[" + i + "][" + j + "] must have " + states
                            + " states, got " + w[j].length);
                }
                int o = s.outcome(t);
                int r = s.reward(t);
                for (int k = 0; k < states; k++) {
                    visits[k][o] += w[j][k];
                    rewarded[k][o] += w[j][k] * r;
                }
            }
        }
        double[][] rho = new double[states][2];
        for (int k = 0; k < states; k++) {
            for (int o = 0; o < 2; o++) {
                rho[k][o] = (rewarded[k][o] + PSEUDO_COUNT) / (visits[k][o] + 2 * PSEUDO_COUNT);
            }
        }
        return new OutcomeEmissions(rho);
    }

    /**
     * @param state           chain state k
     * @param secondStepState second-step state s (0 or 1)
     * @param reward          the outcome, 0 or 1
     * @return log p(reward | z = k, s) = log ρ[k][s] or log(1 − ρ[k][s])
     * @throws IllegalArgumentException if {@code reward} is not 0 or 1
     */
    public double logLikelihood(int state, int secondStepState, int reward) {
        if (reward != 0 && reward != 1) {
            throw new IllegalArgumentException("reward must be 0 or 1, got " + reward);
        }
        return logLikelihood[state][secondStepState][reward];
    }

    /**
     * Log density of the Beta(2, 2) prior behind {@link #mapEstimate}, constants dropped:
     * Σ_k Σ_s log ρ[k][s] + log(1 − ρ[k][s]).
     *
     * @return the log prior of this outcome model
     */
    public double logPrior() {
        double lp = 0;
        for (double[] row : rewardProbability) {
            for (double p : row) {
                lp += Math.log(p) + Math.log1p(-p);
            }
        }
        return lp;
    }

    /** @return number of states K */
    public int numStates() {
        return rewardProbability.length;
    }

    /**
     * @param state           chain state k
     * @param secondStepState second-step state s (0 or 1)
     * @return ρ[k][s]
     */
    public double rewardProbability(int state, int secondStepState) {
        return rewardProbability[state][secondStepState];
    }

    /** @return ρ [K][2] (copy) */
    public double[][] rewardProbabilities() {
        double[][] c = new double[rewardProbability.length][];
        for (int k = 0; k < c.length; k++) {
            c[k] = rewardProbability[k].clone();
        }
        return c;
    }

    /**
     * Adds log p(reward_t | z_t = k, s_t) to a session's emission log-likelihoods, in place.
     *
     * @param session   the session
     * @param emissions [T][K] log-likelihoods of the session's trials
     * @throws IllegalArgumentException if the shape does not match the session and K
     */
    public void addLogLikelihoods(Session session, double[][] emissions) {
        if (emissions.length != session.length()) {
            throw new IllegalArgumentException("emissions must have " + session.length() + " trials, got "
                    + emissions.length);
        }
        for (int t = 0; t < emissions.length; t++) {
            if (emissions[t].length != numStates()) {
                throw new IllegalArgumentException("emissions[" + t + "] must have " + numStates()
                        + " states, got " + emissions[t].length);
            }
            int o = session.outcome(t);
            boolean rewarded = session.reward(t) == 1;
            for (int k = 0; k < emissions[t].length; k++) {
                emissions[t][k] += logLikelihood[k][o][rewarded ? 1 : 0];
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OutcomeEmissions other && Arrays.deepEquals(rewardProbability, other.rewardProbability);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(rewardProbability);
    }

    @Override
    public String toString() {
        return "OutcomeEmissions" + Arrays.deepToString(rewardProbability);
    }
}
