package io.github.hmmrnn.moa.neural;

import io.github.hmmrnn.agents.Agent;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.model.TrainingHistory;
import io.github.hmmrnn.numeric.Adam;
import io.github.hmmrnn.model.ModelSpecs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A tiny GRU that gates a mixture of agents: the neural mixture-of-agents model.
 *
 * <pre>
 *   logit_t = Σ_a w_a · g_{t,a} · x_{a,t} + b,     g_t = softmax(W_g h_t + c)
 * </pre>
 * h_t is the GRU state after reading trials 0..t−1 (the input at step t is trial t−1's choice,
 * reward and transition; zeros at a session start), and x_{a,t} is agent a's value difference
 * computed from trials &lt; t with the agents' own (fixed) parameters. Softmax gates sum to one,
 * so on their own they could only interpolate between agents; the learnable weights w_a let the
 * fit set each agent's overall scale, while the gates redistribute it trial by trial.
 *
 * <p>Training minimises the mean cross-entropy of the scored training trials with mini-batch
 * Adam (whole sessions per batch) over all parameters (the GRU through hmmrnn-core's {@link io.github.hmmrnn.rnn.FusedGruLayer}),
 * keeping the parameters with the lowest validation NLL and stopping after
 * {@code patience} epochs without improvement. {@link #fit(TwoStepDataset)} early-stops on the
 * held-out 150-trial segments of the training sessions
 * ({@link io.github.hmmrnn.data.SessionFolds#innerValidation}).
 */
public final class TinyMoaRnnModel extends TinyMoaSpecBase<FittedTinyMoaRnn> {

    /** The JSON family key. */
    public static final String FAMILY = "tinymoa";

    private static final Logger LOG = LoggerFactory.getLogger(TinyMoaRnnModel.class);

    private TinyMoaRnnModel(Builder b) {
        super(b);
    }

    /** @return a builder with the defaults H = 4, the original four agents, lr 0.005, batch 8 sessions, 2000 epochs, patience 100, seed 0 */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this specification's settings */
    public Builder toBuilder() {
        return new Builder().copyShared(shared);
    }

    @Override
    public String family() {
        return FAMILY;
    }

    /** @return {@code TinyMoa-H<hidden>} */
    @Override
    public String name() {
        return "TinyMoa-H" + hiddenSize;
    }

    @Override
    public String toJson() {
        ObjectNode n = ModelSpecs.newObject(FAMILY);
        shared.write(n);
        return ModelSpecs.write(n);
    }

    static TinyMoaRnnModel fromJson(JsonNode n) {
        return TinyMoaSpecJson.Shared.read(n, builder()).build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TinyMoaRnnModel m && shared.sameAs(m.shared);
    }

    @Override
    public int hashCode() {
        return shared.hash();
    }

    /** @return the agents, in gate order */
    public List<Agent> agents() {
        return agents;
    }

    /**
     * Fits the model.
     *
     * @param train      training sessions (at least one scored trial)
     * @param validation sessions for early stopping (at least one scored trial)
     * @return the fitted model
     * @throws IllegalArgumentException if a dataset is empty or has no scored trial
     * @throws NullPointerException     if an argument is null
     */
    @Override
    public FittedTinyMoaRnn fit(TwoStepDataset train, TwoStepDataset validation) {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validation, "validation");
        long start = System.nanoTime();
        EncodedSessions tr = encode(train, "train");
        EncodedSessions va = encode(validation, "validation");
        FitStart fs = fitStart();
        MixtureObjective objective = new MixtureObjective(fs.gru(), hiddenSize, agents.size());
        double[] theta = fs.initialParameters(objective.numParams());
        initialiseHead(theta, objective, fs.headRng());

        Adam adam = new Adam(theta.length, learningRate);
        double[] grad = new double[theta.length];
        double[] best = theta.clone();
        SessionBatches batches = new SessionBatches(tr, batchSize, fs.shuffleRng());
        EarlyStopping stopping = new EarlyStopping("TinyMoaRnn", LOG, patience, learningRate,
                objective.loss(theta, va, null));
        for (int epoch = 1; epoch <= maxEpochs && !stopping.stopped(); epoch++) {
            double trainLoss = 0;
            for (EncodedSessions mini : batches.nextEpoch()) {
                trainLoss += objective.loss(theta, mini, grad) * mini.numScored / tr.numScored;
                adam.step(theta, grad);
            }
            if (stopping.record(epoch, trainLoss, objective.loss(theta, va, null))) {
                best = theta.clone();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        LOG.info("TinyMoaRnn(H={}, A={}) fitted in {} epochs, {} s: best validation NLL {}", hiddenSize,
                agents.size(), stopping.epochs(), String.format("%.1f", seconds), stopping.bestValidation());
        TrainingHistory history = stopping.history(seconds);
        return new FittedTinyMoaRnn(hiddenSize, agents, best, history, TinyMoaFiles.fitProvenance(
                ModelSpecs.tree(this), seed, train, validation,
                history));
    }

    private EncodedSessions encode(TwoStepDataset data, String what) {
        if (data.numScored() == 0) {
            throw new IllegalArgumentException(what + " data must contain at least one scored trial, got 0");
        }
        return new EncodedSessions(data, agents);
    }

    private void initialiseHead(double[] theta, MixtureObjective objective, SplittableRandom rng) {
        GatedMixtureKernel head = objective.head();
        int off = objective.headOffset();
        double bound = 1.0 / Math.sqrt(hiddenSize);
        for (int i = 0; i < agents.size() * hiddenSize; i++) {
            theta[off + head.gateOffset() + i] = rng.nextDouble(-bound, bound);
        }
        // w_a = A makes the initial uniform-gate mixture the plain sum of the agents
        for (int a = 0; a < agents.size(); a++) {
            theta[off + head.weightOffset() + a] = agents.size();
        }
    }

    @Override
    public String toString() {
        return "TinyMoaRnnModel{H=" + hiddenSize + ", agents=" + agents.stream().map(Agent::name).toList()
                + ", lr=" + learningRate + ", maxEpochs=" + maxEpochs + ", patience=" + patience + ", batchSize=" + batchSize + ", seed=" + seed + "}";
    }

    /** Builder of {@link TinyMoaRnnModel}; setters validate at once. */
    public static final class Builder extends TinyMoaBuilderBase<Builder> {

        private Builder() {
        }

        @Override
        Builder self() {
            return this;
        }

        /** @return the model */
        public TinyMoaRnnModel build() {
            return new TinyMoaRnnModel(this);
        }
    }
}
