package io.github.hmmrnn.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.github.hmmrnn.agents.Agent;
import io.github.hmmrnn.agents.AgentPreset;
import io.github.hmmrnn.agents.Agents;
import io.github.hmmrnn.model.ChainEvidence;
import io.github.hmmrnn.model.ModelSpec;
import io.github.hmmrnn.moa.HmmMoaModel;
import io.github.hmmrnn.moa.neural.HmmTinyMoaModel;
import io.github.hmmrnn.moa.neural.TinyMoaRnnModel;
import io.github.hmmrnn.rnn.HmmTinyRnnModel;
import io.github.hmmrnn.rnn.InputEncoding;
import io.github.hmmrnn.rnn.TinyRnnModel;

/**
 * Hyper-parameters shared by the command line's model fits, and the factory that turns a model
 * kind plus a state count / hidden size into a {@link ModelSpec}. Every setting either reaches the
 * specification or, for a model without such a setting, is rejected when it was given.
 *
 * @param agents       MoA agents: a preset name ({@code venditto2023}) or comma-separated agent names
 * @param moaStarts    HMM-MoA random starts, at least 1
 * @param moaMaxIter   HMM-MoA maximum EM iterations, at least 1
 * @param learningRate Adam learning rate of the GRU models, positive, or empty for each family's
 *                     default ({@value #DEFAULT_RNN_LEARNING_RATE} for TinyRNN and HMM-TinyRNN,
 *                     the TinyMoA models' own 0.005)
 * @param maxEpochs    maximum epochs of the GRU models, at least 1
 * @param patience     early-stopping patience of the GRU models in epochs, at least 1
 * @param encoding     TinyRNN / HMM-TinyRNN input encoding of the previous trial, or empty for
 *                     {@link InputEncoding#TRIAL_TYPE_ONE_HOT}; the TinyMoA models have a fixed
 *                     input and reject one
 * @param seed         model seed
 * @param threads      threads per fit, at least 1: HMM-MoA starts and HMM-TinyRNN / TinyRNN
 *                     restarts run in parallel (results do not depend on it); the TinyMoA models
 *                     have no threads setting and always fit on one thread
 * @param chainEvidence what the hidden chain of the HMM models emits (choices, or choices and outcomes)
 * @param trainingSegmentLength TinyRNN / HMM-TinyRNN training segment length in trials, or 0 for
 *                     whole sessions (see {@code TinyRnnModel.Builder#trainingSegmentLength}); the
 *                     TinyMoA models reject a positive one
 * @param moaLocalSearchRounds HMM-MoA rounds of iterated local search after the other starts, at
 *                     most ({@code HmmMoaModel.Builder#localSearchRounds}); 0 for none, at least 0
 */
public record FitSettings(String agents, int moaStarts, int moaMaxIter, @JsonIgnore OptionalDouble learningRate,
                          int maxEpochs, int patience, @JsonIgnore Optional<InputEncoding> encoding, long seed, int threads,
                          ChainEvidence chainEvidence, int trainingSegmentLength, int moaLocalSearchRounds) {

    /** Learning rate of TinyRNN and HMM-TinyRNN when none is given (the command line's default). */
    public static final double DEFAULT_RNN_LEARNING_RATE = 0.01;

    /** Label suffix of HMM models whose chain emits outcomes as well as choices. */
    public static final String OUTCOMES_SUFFIX = "-outcomes";

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
        Objects.requireNonNull(learningRate, "learningRate");
        if (learningRate.isPresent() && !(learningRate.getAsDouble() > 0)) {
            throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate.getAsDouble());
        }
        if (maxEpochs < 1 || patience < 1) {
            throw new IllegalArgumentException("epochs and patience must be >= 1, got " + maxEpochs + " and " + patience);
        }
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(chainEvidence, "chainEvidence");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if (moaLocalSearchRounds < 0) {
            throw new IllegalArgumentException("MoA local-search rounds must be >= 0, got " + moaLocalSearchRounds);
        }
        if (trainingSegmentLength < 0) {
            throw new IllegalArgumentException("training segment length must be >= 1, or 0 for whole sessions, got "
                    + trainingSegmentLength);
        }
    }

    /**
     * Settings whose GRU models train on whole sessions, with an explicit learning rate and encoding.
     *
     * @param agents        MoA agents
     * @param moaStarts     MoA random starts
     * @param moaMaxIter    MoA maximum EM iterations
     * @param learningRate  Adam learning rate of every GRU model
     * @param maxEpochs     maximum GRU epochs
     * @param patience      GRU early-stopping patience
     * @param encoding      TinyRNN / HMM-TinyRNN input encoding (the TinyMoA models then cannot be built)
     * @param seed          model seed
     * @param threads       threads per fit
     * @param chainEvidence what the HMM models' chain emits
     */
    public FitSettings(String agents, int moaStarts, int moaMaxIter, double learningRate, int maxEpochs,
                       int patience, InputEncoding encoding, long seed, int threads, ChainEvidence chainEvidence) {
        this(agents, moaStarts, moaMaxIter, OptionalDouble.of(learningRate), maxEpochs, patience,
                Optional.of(encoding), seed, threads, chainEvidence, 0, HmmMoaModel.RECOMMENDED_LOCAL_SEARCH_ROUNDS);
    }

    /** @return the given learning rate for JSON reports, null when each family keeps its default */
    @JsonProperty("learningRate")
    Double learningRateOrNull() {
        return learningRate.isPresent() ? learningRate.getAsDouble() : null;
    }

    /** @return the given input encoding for JSON reports, null for the default */
    @JsonProperty("encoding")
    InputEncoding encodingOrNull() {
        return encoding.orElse(null);
    }

    /**
     * @param evidence what the HMM models' chain emits
     * @return these settings with another chain evidence
     */
    public FitSettings withChainEvidence(ChainEvidence evidence) {
        return new FitSettings(agents, moaStarts, moaMaxIter, learningRate, maxEpochs, patience, encoding, seed,
                threads, evidence, trainingSegmentLength, moaLocalSearchRounds);
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
     * Builds a specification.
     *
     * @param kind   model family
     * @param states hidden states K (ignored by TinyRNN and TinyMoA)
     * @param hidden GRU units (ignored by HMM-MoA)
     * @return the specification, whose {@link ModelSpec#name()} is its label, e.g.
     *         {@code HmmTinyRnn-K2-H6}; HMM models whose chain also emits outcomes get the suffix
     *         {@value #OUTCOMES_SUFFIX} (models without a chain of at least two states ignore the
     *         chain evidence)
     * @throws IllegalArgumentException if a setting was given that the model does not have (an
     *                                  input encoding or training segment length for TinyMoA)
     */
    public ModelSpec<?> spec(ModelKind kind, int states, int hidden) {
        // a model without a chain (TinyRNN, TinyMoA, K = 1) has nothing to apply the evidence to; its
        // label then carries no suffix, so every table says which fits used outcomes
        boolean chained = kind.hasStates() && states > 1;
        ChainEvidence evidence = chained ? chainEvidence : ChainEvidence.CHOICES;
        InputEncoding rnnEncoding = encoding.orElse(InputEncoding.TRIAL_TYPE_ONE_HOT);
        double rnnRate = learningRate.orElse(DEFAULT_RNN_LEARNING_RATE);
        return switch (kind) {
            // plus the split, bias-HMM and segment-clustering starts (docs/moa.md, "Start families")
            case MOA -> HmmMoaModel.builder().states(states).agents(agentList()).starts(moaStarts)
                    .recommendedStartFamilies().localSearchRounds(moaLocalSearchRounds).maxIterations(moaMaxIter)
                    .seed(seed).threads(threads)
                    .chainEvidence(evidence).build();
            case TINYRNN -> TinyRnnModel.builder().hiddenSize(hidden).inputEncoding(rnnEncoding)
                    .learningRate(rnnRate).maxEpochs(maxEpochs).patience(patience).seed(seed).threads(threads)
                    .trainingSegmentLength(trainingSegmentLength).build();
            case HMM_TINYRNN -> HmmTinyRnnModel.builder().states(states).hiddenSize(hidden)
                    .inputEncoding(rnnEncoding).learningRate(rnnRate).maxEpochs(maxEpochs).patience(patience)
                    .seed(seed).threads(threads).chainEvidence(evidence).trainingSegmentLength(trainingSegmentLength)
                    .build();
            case TINYMOA -> {
                rejectRnnOnlySettings(kind);
                TinyMoaRnnModel.Builder b = TinyMoaRnnModel.builder().hiddenSize(hidden).agents(agentList())
                        .maxEpochs(maxEpochs).patience(patience).seed(seed);
                // without a given rate the model keeps its own default (0.005, measured best)
                learningRate.ifPresent(b::learningRate);
                yield b.build();
            }
            case HMM_TINYMOA -> {
                rejectRnnOnlySettings(kind);
                HmmTinyMoaModel.Builder b = HmmTinyMoaModel.builder().states(states).hiddenSize(hidden)
                        .agents(agentList()).maxEpochs(maxEpochs).patience(patience).seed(seed)
                        .chainEvidence(evidence);
                learningRate.ifPresent(b::learningRate);
                yield b.build();
            }
        };
    }

    private void rejectRnnOnlySettings(ModelKind kind) {
        if (encoding.isPresent()) {
            throw new IllegalArgumentException(kind.cliName() + " has no input-encoding setting (its GRU always "
                    + "reads the previous choice, reward and transition); leave --encoding out, got " + encoding.get());
        }
        if (trainingSegmentLength != 0) {
            throw new IllegalArgumentException(kind.cliName() + " has no training-segment setting (it trains on "
                    + "whole sessions); leave --segment-length out, got " + trainingSegmentLength);
        }
    }
}
