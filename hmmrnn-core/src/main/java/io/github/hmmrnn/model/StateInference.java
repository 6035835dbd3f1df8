package io.github.hmmrnn.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a latent-state model infers about a dataset, computed once by
 * {@link LatentStateModel#infer}: one {@link SessionInference} per session, in dataset order, and
 * the totals. Immutable; every array accessor returns fresh copies.
 *
 * <p>Shapes: per session, T = its number of trials (scored or not), K = {@link #numStates()}.
 * Only {@link #choiceProbabilities()} and {@link #predictedStates()} are causal (trial t uses
 * trials &lt; t only); filtered states also see trial t and smoothed states and the Viterbi path the
 * whole session.
 */
public final class StateInference {

    private final int numStates;
    private final List<SessionInference> sessions;

    /**
     * @param numStates number of hidden states K, ≥ 1
     * @param sessions  per-session results in dataset order
     * @throws IllegalArgumentException if K &lt; 1 or a session's state rows do not have K entries
     */
    public StateInference(int numStates, List<SessionInference> sessions) {
        if (numStates < 1) {
            throw new IllegalArgumentException("numStates must be >= 1, got " + numStates);
        }
        this.numStates = numStates;
        this.sessions = List.copyOf(Objects.requireNonNull(sessions, "sessions"));
        for (int i = 0; i < this.sessions.size(); i++) {
            SessionInference s = this.sessions.get(i);
            if (s.length() > 0 && s.numStates() != numStates) {
                throw new IllegalArgumentException("session " + i + " has " + s.numStates()
                        + " states, expected " + numStates);
            }
        }
    }

    /** @return number of hidden states K */
    public int numStates() {
        return numStates;
    }

    /** @return number of sessions */
    public int numSessions() {
        return sessions.size();
    }

    /**
     * @param index session index in dataset order
     * @return that session's result
     * @throws IndexOutOfBoundsException if there is no such session
     */
    public SessionInference session(int index) {
        return sessions.get(index);
    }

    /** @return every session's result, in dataset order (an unmodifiable list) */
    public List<SessionInference> sessions() {
        return sessions;
    }

    private <T> List<T> each(Function<SessionInference, T> f) {
        List<T> out = new ArrayList<>(sessions.size());
        for (SessionInference s : sessions) {
            out.add(f.apply(s));
        }
        return out;
    }

    /** @return per session [T] p(choice_t = 1 | trials &lt; t) (copies) */
    public List<double[]> choiceProbabilities() {
        return each(SessionInference::choiceProbabilities);
    }

    /** @return per session [T][K] p(z_t | trials &lt; t) (copies) */
    public List<double[][]> predictedStates() {
        return each(SessionInference::predictedStates);
    }

    /** @return per session [T][K] p(z_t | trials ≤ t) (copies) */
    public List<double[][]> filteredStates() {
        return each(SessionInference::filteredStates);
    }

    /** @return per session [T][K] p(z_t | the whole session) (copies) */
    public List<double[][]> smoothedStates() {
        return each(SessionInference::smoothedStates);
    }

    /** @return per session [T] the Viterbi path (copies) */
    public List<int[]> mostLikelyStates() {
        return each(SessionInference::mostLikelyStates);
    }

    /** @return [sessions] each session's log marginal likelihood of what the chain emits */
    public double[] logLikelihoods() {
        double[] out = new double[sessions.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = sessions.get(i).logLikelihood();
        }
        return out;
    }

    /**
     * @return Σ over sessions (in order) of {@link SessionInference#logLikelihood()}: the log
     *         marginal likelihood of the dataset
     */
    public double logLikelihood() {
        double s = 0;
        for (SessionInference x : sessions) {
            s += x.logLikelihood();
        }
        return s;
    }

    /** @return Σ over sessions (in order) of {@link SessionInference#choiceLogLikelihood()} */
    public double choiceLogLikelihood() {
        double s = 0;
        for (SessionInference x : sessions) {
            s += x.choiceLogLikelihood();
        }
        return s;
    }
}
