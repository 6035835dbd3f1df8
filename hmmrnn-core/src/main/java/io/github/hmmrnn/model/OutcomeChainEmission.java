package io.github.hmmrnn.model;

import java.util.List;
import java.util.Objects;

import io.github.hmmrnn.data.Session;
import io.github.hmmrnn.hmm.ChainEmission;
import io.github.hmmrnn.hmm.ChainLayout;

/**
 * The outcome factor of a chain that emits outcomes ({@link ChainEvidence#CHOICES_AND_OUTCOMES}):
 * {@link OutcomeEmissions} on the steps of each session's {@link ChainLayout}, with its Beta(2, 2)
 * MAP M-step, for the generalised-EM loop {@link io.github.hmmrnn.hmm.ChainEm}. Every step emits
 * its outcome, scored or forced. Immutable.
 */
public final class OutcomeChainEmission implements ChainEmission<OutcomeChainEmission> {

    private final List<Session> sessions;
    private final List<ChainLayout> layouts;
    private final List<int[]> steps;
    private final OutcomeEmissions outcomes;

    private OutcomeChainEmission(List<Session> sessions, List<ChainLayout> layouts, List<int[]> steps,
                                 OutcomeEmissions outcomes) {
        this.sessions = sessions;
        this.layouts = layouts;
        this.steps = steps;
        this.outcomes = outcomes;
    }

    /**
     * @param sessions the sessions
     * @param layouts  their chain layouts, same order
     * @param outcomes the current outcome model
     * @return the factor
     * @throws IllegalArgumentException if the lists differ in size or a layout's length differs
     *                                  from its session's
     */
    public static OutcomeChainEmission of(List<Session> sessions, List<ChainLayout> layouts,
                                          OutcomeEmissions outcomes) {
        Objects.requireNonNull(outcomes, "outcomes");
        if (sessions.size() != layouts.size()) {
            throw new IllegalArgumentException("layouts must have one entry per session (" + sessions.size()
                    + "), got " + layouts.size());
        }
        for (int i = 0; i < sessions.size(); i++) {
            if (layouts.get(i).length() != sessions.get(i).length()) {
                throw new IllegalArgumentException("layouts[" + i + "] covers " + layouts.get(i).length()
                        + " trials, session has " + sessions.get(i).length());
            }
        }
        return new OutcomeChainEmission(List.copyOf(sessions), List.copyOf(layouts),
                layouts.stream().map(ChainLayout::steps).toList(), outcomes);
    }

    /** @return the outcome model */
    public OutcomeEmissions outcomes() {
        return outcomes;
    }

    @Override
    public int numSequences() {
        return sessions.size();
    }

    @Override
    public double[][] logLikelihoods(int sequence) {
        Session s = sessions.get(sequence);
        int[] idx = steps.get(sequence);
        int k = outcomes.numStates();
        double[][] l = new double[idx.length][k];
        for (int j = 0; j < idx.length; j++) {
            int t = idx[j];
            for (int z = 0; z < k; z++) {
                l[j][z] = outcomes.logLikelihood(z, s.outcome(t), s.reward(t));
            }
        }
        return l;
    }

    @Override
    public OutcomeChainEmission mStep(List<double[][]> smoothed) {
        return new OutcomeChainEmission(sessions, layouts, steps,
                OutcomeEmissions.mapEstimate(sessions, steps, smoothed, outcomes.numStates()));
    }

    @Override
    public double logPrior() {
        return outcomes.logPrior();
    }
}
