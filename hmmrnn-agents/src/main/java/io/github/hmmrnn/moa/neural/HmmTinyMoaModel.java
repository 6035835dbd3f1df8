package io.github.hmmrnn.moa.neural;

import io.github.hmmrnn.hmm.HmmPosterior;

import io.github.hmmrnn.data.Session;

import io.github.hmmrnn.model.OutcomeEmissions;

import io.github.hmmrnn.model.ChainEvidence;

import io.github.hmmrnn.agents.Agent;
import io.github.hmmrnn.model.ModelSpecs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.model.TrainingHistory;
import io.github.hmmrnn.hmm.DirichletPrior;
import io.github.hmmrnn.hmm.HmmMStep;
import io.github.hmmrnn.hmm.HmmParameters;
import io.github.hmmrnn.hmm.HmmStatistics;
import io.github.hmmrnn.numeric.Adam;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * A K-state HMM whose states emit choices through their own gated agent mixtures over one
 * shared tiny GRU: the hidden-Markov version of {@link TinyMoaRnnModel}.
 *
 * <pre>
 *   p(choice_t = 1 | z_t = k, trials &lt; t) = σ(Σ_a w_{k,a} · g^k_{t,a} · x_{a,t} + b_k),
 *   g^k_t = softmax(W_g^k h_t + c^k)
 * </pre>
 * Training maximises the exact log marginal likelihood by generalised EM: each mini-batch of
 * sessions runs forward–backward on the emission log-likelihoods and takes one Adam step on the
 * network with the smoothed posteriors as weights (the exact gradient at fixed π, A); after every
 * epoch π and A get the closed-form MAP update (Dirichlet pseudo-count 1 on every entry) from the
 * epoch's expected counts. The parameters with the best validation predictive NLL are kept.
 * Predictions are causal: p(choice_t) mixes the heads with p(z_t | trials &lt; t).
 *
 * <p>With {@link ChainEvidence#CHOICES_AND_OUTCOMES} the states also emit each trial's outcome
 * with their own reward probability per second-step state ({@link OutcomeEmissions}, closed-form
 * MAP update after every epoch from the epoch's posteriors, starting uninformative at 0.5): the
 * objective is then the joint likelihood of choices and outcomes, while the reported losses stay the
 * causal choice NLL.
 *
 * <p>{@link #fit(TwoStepDataset)} early-stops on the held-out 150-trial segments of the training
 * sessions ({@link io.github.hmmrnn.data.SessionFolds#innerValidation}).
 */
public final class HmmTinyMoaModel extends TinyMoaSpecBase<FittedHmmTinyMoa> {

    /** The JSON family key. */
    public static final String FAMILY = "hmm-tinymoa";

    private static final Logger LOG = LoggerFactory.getLogger(HmmTinyMoaModel.class);

    /** Initial self-transition probability. */
    static final double INITIAL_STICKINESS = 0.95;

    private final int states;
    private final ChainEvidence chainEvidence;

    private HmmTinyMoaModel(Builder b) {
        super(b);
        this.states = b.states;
        this.chainEvidence = b.chainEvidence;
    }

    /** @return a builder with the defaults K = 2, H = 4, the original four agents, lr 0.005, batch 8, 2000 epochs, patience 100, seed 0 */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this specification's settings */
    public Builder toBuilder() {
        return new Builder().copyShared(shared).states(states).chainEvidence(chainEvidence);
    }

    @Override
    public String family() {
        return FAMILY;
    }

    /**
     * @return {@code HmmTinyMoa-K<states>-H<hidden>}, with {@code -outcomes} when the chain also
     *         emits outcomes
     */
    @Override
    public String name() {
        return "HmmTinyMoa-K" + states + "-H" + hiddenSize
                + chainEvidence.nameSuffix();
    }

    @Override
    public String toJson() {
        ObjectNode n = ModelSpecs.newObject(FAMILY);
        n.put("states", states);
        shared.write(n);
        n.put("chainEvidence", chainEvidence.name());
        return ModelSpecs.write(n);
    }

    static HmmTinyMoaModel fromJson(JsonNode n) {
        return TinyMoaSpecJson.Shared.read(n, builder()).states(ModelSpecs.requiredInt(n, "states"))
                .chainEvidence(ModelSpecs.requiredEnum(n, "chainEvidence", ChainEvidence.class)).build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HmmTinyMoaModel m && states == m.states && chainEvidence == m.chainEvidence
                && shared.sameAs(m.shared);
    }

    @Override
    public int hashCode() {
        return Objects.hash(states, chainEvidence, shared.hash());
    }

    /**
     * Fits the model.
     *
     * @param train      training sessions (at least one scored trial)
     * @param validation sessions for early stopping (at least one scored trial)
     * @return the fitted model
     * @throws IllegalArgumentException if a dataset has no scored trial
     * @throws NullPointerException     if an argument is null
     */
    @Override
    public FittedHmmTinyMoa fit(TwoStepDataset train, TwoStepDataset validation) {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validation, "validation");
        if (train.numScored() == 0 || validation.numScored() == 0) {
            throw new IllegalArgumentException("train and validation data must contain scored trials, got "
                    + train.numScored() + " and " + validation.numScored());
        }
        long start = System.nanoTime();
        EncodedSessions tr = new EncodedSessions(train, agents);
        EncodedSessions va = new EncodedSessions(validation, agents);
        FitStart fs = fitStart();
        HmmMixtureObjective objective = new HmmMixtureObjective(fs.gru(), hiddenSize, agents.size(), states);
        double[] theta = fs.initialParameters(objective.numParams());
        initialiseHeads(theta, objective, fs.headRng());
        HmmParameters hmm = HmmParameters.stickyStart(states, INITIAL_STICKINESS);
        OutcomeEmissions outcomes = chainEvidence == ChainEvidence.CHOICES_AND_OUTCOMES
                ? OutcomeEmissions.uninformative(states) : null;
        DirichletPrior prior = DirichletPrior.pseudoCount(states, 1);

        Adam adam = new Adam(theta.length, learningRate);
        double[] grad = new double[theta.length];
        double[] best = theta.clone();
        HmmParameters bestHmm = hmm;
        OutcomeEmissions bestOutcomes = outcomes;
        SessionBatches batches = new SessionBatches(tr, batchSize, fs.shuffleRng());
        EarlyStopping stopping = new EarlyStopping("HmmTinyMoa", LOG, patience, learningRate,
                validationNll(objective, theta, hmm, outcomes, va));
        for (int epoch = 1; epoch <= maxEpochs && !stopping.stopped(); epoch++) {
            double trainLoss = 0;
            double jointObjective = 0;
            double[] startCounts = new double[states];
            double[][] transitionCounts = new double[states][states];
            List<Session> epochSessions = new ArrayList<>(tr.batch);
            List<double[][]> epochGammas = new ArrayList<>(tr.batch);
            for (EncodedSessions mini : batches.nextEpoch()) {
                HmmMixtureObjective.Result r = objective.loss(theta, hmm, outcomes, mini, grad);
                if (outcomes != null) {
                    epochSessions.addAll(mini.sessions);
                    for (HmmPosterior c : r.posterior().chains()) {
                        epochGammas.add(c.smoothed());
                    }
                }
                trainLoss += r.loss() * mini.numScored / tr.numScored;
                jointObjective += r.objective() * mini.numScored / tr.numScored;
                HmmStatistics s = r.posterior().statistics();
                for (int i = 0; i < states; i++) {
                    startCounts[i] += s.initialCounts()[i];
                    for (int j = 0; j < states; j++) {
                        transitionCounts[i][j] += s.transitionCounts()[i][j];
                    }
                }
                adam.step(theta, grad);
            }
            hmm = HmmMStep.update(new HmmStatistics(startCounts, transitionCounts, Double.NaN, tr.batch), prior, hmm);
            if (outcomes != null) {
                outcomes = OutcomeEmissions.mapEstimate(epochSessions, epochGammas, states);
            }
            if (stopping.record(epoch, trainLoss, validationNll(objective, theta, hmm, outcomes, va),
                    outcomes == null ? OptionalDouble.empty() : OptionalDouble.of(jointObjective))) {
                best = theta.clone();
                bestHmm = hmm;
                bestOutcomes = outcomes;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        LOG.info("HmmTinyMoa(K={}, H={}, A={}) fitted in {} epochs, {} s: best validation NLL {}", states, hiddenSize,
                agents.size(), stopping.epochs(), String.format("%.1f", seconds), stopping.bestValidation());
        TrainingHistory history = stopping.history(seconds);
        return new FittedHmmTinyMoa(states, hiddenSize, agents, best, bestHmm, bestOutcomes, history,
                TinyMoaFiles.fitProvenance(ModelSpecs.tree(this), seed, train, validation, history));
    }

    private static double validationNll(HmmMixtureObjective objective, double[] theta, HmmParameters hmm,
                                        OutcomeEmissions outcomes, EncodedSessions va) {
        return HmmMixtureObjective.choiceNll(objective.predict(theta, hmm, outcomes, va, false).probabilities(), va)
                / va.numScored;
    }

    private void initialiseHeads(double[] theta, HmmMixtureObjective objective, SplittableRandom rng) {
        GatedMixtureKernel head = objective.head();
        double bound = 1.0 / Math.sqrt(hiddenSize);
        for (int k = 0; k < states; k++) {
            int off = objective.headOffset(k);
            for (int i = 0; i < agents.size() * hiddenSize; i++) {
                theta[off + head.gateOffset() + i] = rng.nextDouble(-bound, bound);
            }
            for (int a = 0; a < agents.size(); a++) {
                theta[off + head.weightOffset() + a] = agents.size();
            }
            // spread choice biases break the symmetry between states from the first epoch
            theta[off + head.biasOffset()] = states == 1 ? 0.0 : (k - (states - 1) / 2.0) / (states - 1);
        }
    }

    @Override
    public String toString() {
        return "HmmTinyMoaModel{K=" + states + ", H=" + hiddenSize + ", agents=" + agents.stream().map(Agent::name).toList()
                + ", lr=" + learningRate + ", maxEpochs=" + maxEpochs + ", patience=" + patience
                + ", batchSize=" + batchSize + ", seed=" + seed + ", chainEvidence=" + chainEvidence + "}";
    }

    /** Builder of {@link HmmTinyMoaModel}; setters validate at once. */
    public static final class Builder extends TinyMoaBuilderBase<Builder> {
        private int states = 2;
        private ChainEvidence chainEvidence = ChainEvidence.CHOICES;

        private Builder() {
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * @param states hidden states K, ≥ 1 (default 2)
         * @return this builder
         * @throws IllegalArgumentException if &lt; 1
         */
        public Builder states(int states) {
            this.states = TinyMoaChecks.atLeastOne("states", states);
            return this;
        }

        /**
         * @param chainEvidence what the states emit (default {@link ChainEvidence#CHOICES}); with
         *                      {@link ChainEvidence#CHOICES_AND_OUTCOMES} each state also has its own
         *                      reward probability per second-step state
         * @return this builder
         * @throws NullPointerException if null
         */
        public Builder chainEvidence(ChainEvidence chainEvidence) {
            this.chainEvidence = Objects.requireNonNull(chainEvidence, "chainEvidence");
            return this;
        }

        /**
         * @return the model
         * @throws IllegalArgumentException if outcome evidence is asked of a single state
         */
        public HmmTinyMoaModel build() {
            if (states == 1 && chainEvidence != ChainEvidence.CHOICES) {
                throw new IllegalArgumentException("chainEvidence must be CHOICES for a single state (K = 1), got "
                        + chainEvidence);
            }
            return new HmmTinyMoaModel(this);
        }
    }
}
