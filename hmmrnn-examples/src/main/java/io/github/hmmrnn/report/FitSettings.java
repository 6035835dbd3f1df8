package io.github.hmmrnn.report;

import io.github.hmmrnn.model.ChainEvidence;

import io.github.hmmrnn.agents.Agent;
import io.github.hmmrnn.agents.AgentPreset;
import io.github.hmmrnn.agents.Agents;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.model.FittedChoiceModel;
import io.github.hmmrnn.moa.HmmMoaModel;
import io.github.hmmrnn.moa.neural.HmmTinyMoaModel;
import io.github.hmmrnn.moa.neural.TinyMoaRnnModel;
import io.github.hmmrnn.rnn.HmmTinyRnnModel;
import io.github.hmmrnn.rnn.InputEncoding;
import io.github.hmmrnn.rnn.TinyRnnModel;

import java.util.ArrayList;
import java.util.List;

/**
 * Hyper-parameters shared by the command line's model fits, and the factory that turns a model
 * kind plus a state count / hidden size into a {@link ModelFitter}.
 *
 * @param agents       MoA agents: a preset name ({@code venditto2023}) or comma-separated agent names
 * @param moaStarts    MoA random starts, at least 1
 * @param moaMaxIter   MoA maximum EM iterations, at least 1
 * @param learningRate Adam learning rate of the RNN models, positive
 * @param maxEpochs    maximum RNN epochs, at least 1
 * @param patience     RNN early-stopping patience in epochs, at least 1
 * @param encoding     RNN input encoding of the previous trial
 * @param seed         model seed
 * @param threads      threads per fit, at least 1
 * @param chainEvidence what the hidden chain of the HMM models emits (choices, or choices and outcomes)
 * @param trainingSegmentLength TinyRNN / HMM-TinyRNN training segment length in trials, or 0 for
 *                     whole sessions (see {@code TinyRnnModel.Builder#trainingSegmentLength})
 */
public record FitSettings(String agents, int moaStarts, int moaMaxIter, double learningRate, int maxEpochs,
                          int patience, InputEncoding encoding, long seed, int threads,
                          ChainEvidence chainEvidence, int trainingSegmentLength) {

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException if a count is below 1 or the learning rate is not positive
     */
    public FitSettings {
        if (moaStarts < 1) {
            throw new IllegalArgumentException("MoA starts must be >= 1, got " + moaStarts);
        }
        if (moaMaxIter < 1) {
            throw new IllegalArgumentException("MoA max iterations must be >= 1, got " + moaMaxIter);
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
        }
        if (maxEpochs < 1 || patience < 1) {
            throw new IllegalArgumentException("epochs and patience must be >= 1, got " + maxEpochs + " and " + patience);
        }
        java.util.Objects.requireNonNull(encoding, "encoding");
        java.util.Objects.requireNonNull(chainEvidence, "chainEvidence");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if (trainingSegmentLength < 0) {
            throw new IllegalArgumentException("training segment length must be >= 1, or 0 for whole sessions, got "
                    + trainingSegmentLength);
        }
    }

    /**
     * Settings whose GRU models train on whole sessions.
     *
     * @param agents        MoA agents
     * @param moaStarts     MoA random starts
     * @param moaMaxIter    MoA maximum EM iterations
     * @param learningRate  RNN Adam learning rate
     * @param maxEpochs     maximum RNN epochs
     * @param patience      RNN early-stopping patience
     * @param encoding      RNN input encoding
     * @param seed          model seed
     * @param threads       threads per fit
     * @param chainEvidence what the HMM models' chain emits
     */
    public FitSettings(String agents, int moaStarts, int moaMaxIter, double learningRate, int maxEpochs,
                       int patience, InputEncoding encoding, long seed, int threads, ChainEvidence chainEvidence) {
        this(agents, moaStarts, moaMaxIter, learningRate, maxEpochs, patience, encoding, seed, threads, chainEvidence, 0);
    }

    /**
     * @param evidence what the HMM models' chain emits
     * @return these settings with another chain evidence
     */
    public FitSettings withChainEvidence(ChainEvidence evidence) {
        return new FitSettings(agents, moaStarts, moaMaxIter, learningRate, maxEpochs, patience, encoding, seed,
                threads, evidence, trainingSegmentLength);
    }

    /**
     * Resolves the agents option.
     *
     * @return the agents of the preset, or of the listed names
     * @throws IllegalArgumentException if a name is neither a preset nor an agent (valid ones listed)
     */
    public List<Agent> agentList() {
        try {
            return AgentPreset.parse(agents).agents();
        } catch (IllegalArgumentException notPreset) {
            List<Agent> list = new ArrayList<>();
            for (String n : agents.split(",")) {
                try {
                    list.add(Agents.parse(n.trim()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(notPreset.getMessage() + "; and as an agent list: " + e.getMessage());
                }
            }
            return list;
        }
    }

    /**
     * Builds a fitter.
     *
     * @param kind   model family
     * @param states hidden states K (ignored by TinyRNN)
     * @param hidden GRU units (ignored by MoA)
     * @return the fitter, labelled e.g. {@code HmmTinyRnn-K2-H6}; HMM models whose chain also emits
     *         outcomes get the suffix {@value #OUTCOMES_SUFFIX} (models without a chain of at least
     *         two states ignore the chain evidence)
     */
    public ModelFitter fitter(ModelKind kind, int states, int hidden) {
        // a model without a chain (TinyRNN, TinyMoA, K = 1) has nothing to apply the evidence to; its
        // label then carries no suffix, so every table says which fits used outcomes
        boolean chained = kind.hasStates() && states > 1;
        ChainEvidence evidence = chained ? chainEvidence : ChainEvidence.CHOICES;
        String suffix = evidence == ChainEvidence.CHOICES_AND_OUTCOMES ? OUTCOMES_SUFFIX : "";
        return switch (kind) {
            case MOA -> {
                List<Agent> list = agentList();
                HmmMoaModel spec = HmmMoaModel.builder().states(states).agents(list).starts(moaStarts)
                        .maxIterations(moaMaxIter).seed(seed).threads(threads).chainEvidence(evidence).build();
                yield fitter("HmmMoa-K" + states + suffix, false, (train, val) -> spec.fit(train));
            }
            case TINYRNN -> {
                TinyRnnModel spec = TinyRnnModel.builder().hiddenSize(hidden).inputEncoding(encoding).learningRate(learningRate)
                        .maxEpochs(maxEpochs).patience(patience).seed(seed).threads(threads)
                        .trainingSegmentLength(trainingSegmentLength).build();
                yield fitter("TinyRnn-H" + hidden, true, spec::fit);
            }
            case HMM_TINYRNN -> {
                HmmTinyRnnModel spec = HmmTinyRnnModel.builder().states(states).hiddenSize(hidden)
                        .inputEncoding(encoding).learningRate(learningRate).maxEpochs(maxEpochs).patience(patience).seed(seed)
                        .threads(threads).chainEvidence(evidence).trainingSegmentLength(trainingSegmentLength).build();
                yield fitter("HmmTinyRnn-K" + states + "-H" + hidden + suffix, true, spec::fit);
            }
            case TINYMOA -> {
                // The gated-mixture models keep their own learning-rate default (0.005, measured best).
                TinyMoaRnnModel spec = TinyMoaRnnModel.builder().hiddenSize(hidden).agents(agentList())
                        .maxEpochs(maxEpochs).patience(patience).seed(seed).build();
                yield fitter("TinyMoa-H" + hidden, true, spec::fit);
            }
            case HMM_TINYMOA -> {
                HmmTinyMoaModel spec = HmmTinyMoaModel.builder().states(states).hiddenSize(hidden).agents(agentList())
                        .maxEpochs(maxEpochs).patience(patience).seed(seed).chainEvidence(evidence).build();
                yield fitter("HmmTinyMoa-K" + states + "-H" + hidden + suffix, true, spec::fit);
            }
        };
    }

    /** Label suffix of HMM models whose chain emits outcomes as well as choices. */
    public static final String OUTCOMES_SUFFIX = "-outcomes";

    private interface Fit {
        FittedChoiceModel fit(TwoStepDataset train, TwoStepDataset validation);
    }

    private static ModelFitter fitter(String name, boolean usesValidation, Fit f) {
        return new ModelFitter() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean usesValidation() {
                return usesValidation;
            }

            @Override
            public FittedChoiceModel fit(TwoStepDataset train, TwoStepDataset validation) {
                return f.fit(train, validation);
            }
        };
    }
}
