package io.github.hmmrnn.rnn;

import io.github.hmmrnn.model.OutcomeEmissions;
import io.github.hmmrnn.model.Provenance;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.hmm.ForwardBackward;
import io.github.hmmrnn.hmm.HmmPosterior;
import io.github.hmmrnn.hmm.Viterbi;
import io.github.hmmrnn.model.SessionInference;
import io.github.hmmrnn.model.StateInference;
import io.github.hmmrnn.model.TrainingHistory;
import io.github.hmmrnn.numeric.DoubleArrays;

/**
 * Everything a fitted (HMM-)TinyRNN consists of, and the inference shared by both fitted model
 * types. Immutable: arrays are copied in and out; every call builds its own DL4J graph.
 */
final class RnnState {

    final RnnHyperParameters hyperParameters;
    private final double[] parameters;
    private final double[] initial;
    private final double[][] transition;
    /** Per-state outcome model, or null when the chain emits choices only. */
    private final OutcomeEmissions outcomes;
    final TrainingHistory history;
    final Provenance provenance;

    RnnState(RnnHyperParameters hyperParameters, double[] parameters, double[] initial, double[][] transition,
             OutcomeEmissions outcomes, TrainingHistory history, Provenance provenance) {
        this.hyperParameters = Objects.requireNonNull(hyperParameters, "hyperParameters");
        this.parameters = parameters.clone();
        this.initial = initial.clone();
        this.transition = DoubleArrays.copy(transition);
        this.outcomes = outcomes;
        this.history = Objects.requireNonNull(history, "history");
        this.provenance = Objects.requireNonNull(provenance, "provenance");
        int k = hyperParameters.states();
        if (initial.length != k || transition.length != k) {
            throw new IllegalArgumentException("initial/transition must have " + k + " states, got "
                    + initial.length + "/" + transition.length);
        }
        if (hyperParameters.emitsOutcomes() != (outcomes != null)) {
            throw new IllegalArgumentException("chainEvidence " + hyperParameters.chainEvidence()
                    + (outcomes == null ? " needs per-state outcome probabilities, got none"
                    : " takes no outcome probabilities, got " + outcomes));
        }
        if (outcomes != null && outcomes.numStates() != k) {
            throw new IllegalArgumentException("outcome probabilities must have " + k + " states, got "
                    + outcomes.numStates());
        }
        long expected = numParams(hyperParameters);
        if (parameters.length != expected) {
            throw new IllegalArgumentException("parameters must have length " + expected + " for " + hyperParameters
                    + ", got " + parameters.length);
        }
    }

    static long numParams(RnnHyperParameters hp) {
        int h = hp.hiddenSize();
        int i = hp.encoding().width();
        int k = hp.states();
        return (long) i * 3 * h + (long) h * 3 * h + 3L * h + h + (long) h * 2 * k + 2L * k;
    }

    /** @return this state with another provenance record (parameters unchanged) */
    RnnState withProvenance(Provenance other) {
        return new RnnState(hyperParameters, parameters, initial, transition, outcomes, history, other);
    }

    double[] parameters() {
        return parameters.clone();
    }

    double[] initial() {
        return initial.clone();
    }

    double[][] transition() {
        return DoubleArrays.copy(transition);
    }

    /** @return the per-state outcome model, or null when the chain emits choices only */
    OutcomeEmissions outcomes() {
        return outcomes;
    }

    /** Per-session head log-probabilities [L][K][2] and HMM posteriors. */
    record SessionPass(double[][][] headLogProbabilities, HmmPosterior posterior, double[][] emissions) {
    }

    List<SessionPass> infer(TwoStepDataset data, boolean smooth) {
        Objects.requireNonNull(data, "data");
        RnnInputs in = RnnInputs.encode(data, hyperParameters.encoding());
        RnnNetwork net = new RnnNetwork(hyperParameters.encoding().width(), hyperParameters.hiddenSize(),
                hyperParameters.states(), 1e-3, 0, 0);
        net.setParameters(parameters);
        double[] logits = net.logits(RnnNetwork.features(in));
        List<SessionPass> out = new ArrayList<>();
        for (int b = 0; b < in.numRows(); b++) {
            double[][][] lp = HeadOutputs.logProbabilities(logits, hyperParameters.states(), in.paddedLength(), b,
                    in.length(b));
            double[][] e = HeadOutputs.emissions(lp, in, b, hyperParameters.temperature(), outcomes);
            HmmPosterior post = smooth ? ForwardBackward.run(initial, transition, e)
                    : ForwardBackward.filter(initial, transition, e);
            out.add(new SessionPass(lp, post, e));
        }
        return out;
    }

    List<double[]> predictChoiceProbabilities(TwoStepDataset data) {
        List<double[]> out = new ArrayList<>();
        for (SessionPass s : infer(data, false)) {
            out.add(HeadOutputs.predictiveChoice1(s.headLogProbabilities(), s.posterior().predicted()));
        }
        return out;
    }

    /**
     * One pass over the whole sessions: forward–backward, the causal mixture of the heads and the
     * Viterbi path. Its predicted and filtered posteriors come from the same forward recursion as
     * {@link #infer}'s, so they are bit-identical to those of the forward-only pass.
     */
    StateInference inference(TwoStepDataset data) {
        List<SessionPass> per = infer(data, true);
        List<SessionInference> out = new ArrayList<>(per.size());
        for (int b = 0; b < per.size(); b++) {
            SessionPass s = per.get(b);
            HmmPosterior post = s.posterior();
            double[] p = HeadOutputs.predictiveChoice1(s.headLogProbabilities(), post.predicted());
            out.add(new SessionInference(p, post.predicted(), post.filtered(),
                    post.smoothed(), Viterbi.decode(initial, transition, s.emissions()).states(),
                    post.logMarginalLikelihood(),
                    SessionInference.choiceLogLikelihood(data.sessions().get(b), p)));
        }
        return new StateInference(hyperParameters.states(), out);
    }
}
