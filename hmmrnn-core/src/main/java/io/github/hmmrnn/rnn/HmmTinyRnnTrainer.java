package io.github.hmmrnn.rnn;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.hmmrnn.hmm.BatchPosterior;
import io.github.hmmrnn.hmm.ChainBatch;
import io.github.hmmrnn.hmm.DirichletPrior;
import io.github.hmmrnn.hmm.ForwardBackward;
import io.github.hmmrnn.hmm.ForwardBackwardWorkspace;
import io.github.hmmrnn.hmm.ForwardBackwardWorkspace.Output;
import io.github.hmmrnn.hmm.HmmMStep;
import io.github.hmmrnn.hmm.HmmParameters;
import io.github.hmmrnn.hmm.HmmStatistics;
import io.github.hmmrnn.data.Session;
import io.github.hmmrnn.model.BiasHmm;
import io.github.hmmrnn.model.OutcomeEmissions;
import io.github.hmmrnn.model.TrainingHistory;
import io.github.hmmrnn.numeric.DoubleArrays;
import io.github.hmmrnn.numeric.Logistic;
import io.github.hmmrnn.numeric.SignificantDigits;
import io.github.hmmrnn.parallel.OrderedPool;
import java.util.Arrays;

/**
 * Training loop shared by {@link TinyRnnModel} (K = 1) and {@link HmmTinyRnnModel}: full-batch
 * generalised EM on the exact log marginal likelihood.
 *
 * <p>Each epoch: (1) inference pass of the graph; (2) forward–backward per session on the heads'
 * emission log-likelihoods, giving log p(choices) and the smoothed posteriors γ; (3) one Adam step
 * on the posterior-weighted cross-entropy, whose gradient equals −∇θ log p(choices) / N;
 * (4) closed-form MAP M-step for π and A ({@link HmmMStep}, Dirichlet pseudo-count 1 on every
 * entry) from the same posteriors, and for the per-state outcome model when the chain emits outcomes; (5) predictive NLL on validation data for early stopping. The parameters with the
 * best validation NLL are kept.
 */
final class HmmTinyRnnTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(HmmTinyRnnTrainer.class);

    /** Relative size of the symmetry-breaking noise on the initial π and A (log scale). */
    static final double INIT_NOISE = 0.01;

    /** Factor on the heads' initial weights from the GRU state under the bias-HMM warm start. */
    static final double WARM_HEAD_WEIGHT_SCALE = 0.1;

    /**
     * The bias-only HMM a warm start begins from.
     *
     * @param initial    π [K]
     * @param transition A [K][K]
     * @param choice1    per-state p(choice = 1) [K]
     * @param outcomes   its outcome model, or null when the chain emits choices only
     * @param labels     [B][2K][T] label weights from its smoothed posteriors (held fixed)
     */
    record WarmStart(double[] initial, double[][] transition, double[] choice1, OutcomeEmissions outcomes,
                     double[] labels) {
    }

    /** What a fit produced. */
    record Result(double[] parameters, double[] initial, double[][] transition, OutcomeEmissions outcomes,
                  TrainingHistory history,
                  int chosenRestart, long restartSeed, int epochs, double trainLoss, double validationLoss) {
    }

    /** Per-epoch E-step output. */
    record EStep(double logMarginal, double choiceNll, double[] labels, double[] initialCounts, double[][] transitionCounts,
                 List<double[][]> smoothed) {
    }

    private final RnnHyperParameters hp;

    HmmTinyRnnTrainer(RnnHyperParameters hp) {
        this.hp = hp;
    }

    Result fit(RnnInputs train, RnnInputs validation) {
        long start = System.nanoTime();
        SplittableRandom root = new SplittableRandom(hp.seed());
        WarmStart warm = hp.states() > 1 && hp.initialization() == Initialization.BIAS_HMM
                ? warmStart(train) : null;
        // seeds are drawn in restart order before any restart runs, and the best is chosen in that
        // order, so the result is the same for every thread count
        List<Callable<Result>> restarts = new ArrayList<>(hp.starts());
        for (int r = 0; r < hp.starts(); r++) {
            int restart = r;
            long restartSeed = root.split().nextLong();
            restarts.add(() -> {
                Result res = fitOnce(train, validation, restart, restartSeed, start, warm);
                LOG.info("restart {}: epochs={} {}", restart, res.epochs(),
                        losses(res.trainLoss(), res.validationLoss()));
                return res;
            });
        }
        Result best = null;
        for (Result res : OrderedPool.run(restarts, hp.threads(), "HMM-TinyRNN restarts")) {
            if (best == null || score(res) < score(best)) {
                best = res;
            }
        }
        return best;
    }

    /**
     * Fits the bias-only HMM to the training choices (deterministic, so shared by all restarts)
     * and turns its smoothed posteriors into label weights of the same form as the E-step's.
     */
    WarmStart warmStart(RnnInputs train) {
        int k = hp.states();
        BiasHmm bias = BiasHmm.fit(train.data(), k, hp.chainEvidence());
        List<double[][]> gamma = bias.smoothedStates(train.data());
        int steps = train.paddedLength();
        double weight = (double) train.numRows() / train.numScored();
        double[] labels = new double[train.numRows() * 2 * k * steps];
        for (int b = 0; b < train.numRows(); b++) {
            // the bias-only HMM runs on whole sessions: a segment row takes its share of them
            double[][] g = gamma.get(train.rowSession(b));
            int start = train.rowStart(b);
            int base = b * 2 * k * steps;
            for (int t = 0; t < train.length(b); t++) {
                if (train.scored(b, t)) {
                    int c = train.choice(b, t);
                    for (int j = 0; j < k; j++) {
                        labels[base + (2 * j + c) * steps + t] = weight * hp.temperature() * g[start + t][j];
                    }
                }
            }
        }
        LOG.info("warm start: bias-only HMM log-likelihood {} per scored trial, p(choice=1 | state) {}",
                bias.logLikelihood() / train.numScored(), Arrays.toString(bias.choiceProbabilities()));
        return new WarmStart(bias.initialDistribution(), bias.transitionMatrix(), bias.choiceProbabilities(),
                bias.outcomeEmissions(), labels);
    }

    private static double score(Result r) {
        return Double.isNaN(r.validationLoss()) ? r.trainLoss() : r.validationLoss();
    }

    /** The library's sticky start ({@link HmmParameters#stickyStart}) with symmetry-breaking noise. */
    static double[][] initialTransition(int k, double stickiness, SplittableRandom rng) {
        double[][] a = HmmParameters.stickyStart(k, stickiness).transition();
        for (int i = 0; i < k; i++) {
            double s = 0;
            for (int j = 0; j < k; j++) {
                a[i][j] = k == 1 ? 1.0 : Math.max(a[i][j], 1e-6) * Math.exp(INIT_NOISE * gaussian(rng));
                s += a[i][j];
            }
            for (int j = 0; j < k; j++) {
                a[i][j] /= s;
            }
        }
        return a;
    }

    static double[] initialDistribution(int k, SplittableRandom rng) {
        double[] p = new double[k];
        double s = 0;
        for (int i = 0; i < k; i++) {
            p[i] = k == 1 ? 1.0 : Math.exp(INIT_NOISE * gaussian(rng));
            s += p[i];
        }
        for (int i = 0; i < k; i++) {
            p[i] /= s;
        }
        return p;
    }

    /** Uninformative outcome model (ρ ≈ 0.5) with symmetry-breaking noise of the same size as π's. */
    static OutcomeEmissions initialOutcomes(int k, SplittableRandom rng) {
        double[][] rho = new double[k][2];
        for (double[] row : rho) {
            for (int s = 0; s < 2; s++) {
                row[s] = Logistic.sigmoid(INIT_NOISE * gaussian(rng));
            }
        }
        return OutcomeEmissions.of(rho);
    }

    private static double gaussian(SplittableRandom rng) {
        // Box–Muller on the component's own generator: no global RNG
        double u1 = rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** Per-trial losses for a log line; without validation data there is no validation NLL to show. */
    private static String losses(double train, double validation) {
        String t = "train NLL " + SignificantDigits.sig4(train);
        return Double.isNaN(validation) ? t : t + ", validation NLL " + SignificantDigits.sig4(validation);
    }

    private Result fitOnce(RnnInputs train, RnnInputs validation, int restart, long restartSeed,
                           long start, WarmStart warm) {
        SplittableRandom rng = new SplittableRandom(restartSeed);
        int k = hp.states();
        RnnNetwork net = new RnnNetwork(hp.encoding().width(), hp.hiddenSize(), k, hp.learningRate(),
                hp.headWeightLearningRateScale(), hp.gradientClip(), rng.split().nextLong());
        SplittableRandom hmmRng = rng.split();
        double[] pi = initialDistribution(k, hmmRng);
        double[][] a = initialTransition(k, hp.stickiness(), hmmRng);
        OutcomeEmissions outcomes = hp.emitsOutcomes() ? initialOutcomes(k, hmmRng) : null;
        INDArray x = RnnNetwork.features(train);
        if (warm != null) {
            pi = warm.initial();
            a = DoubleArrays.copy(warm.transition());
            outcomes = warm.outcomes();
            net.initialiseHeads(warm.choice1(), WARM_HEAD_WEIGHT_SCALE);
            for (int e = 0; e < hp.warmStartEpochs(); e++) {
                // the posteriors stay those of the bias-only HMM: the heads become phase policies
                // and the GRU learns what predicts choices within a phase
                net.step(x, warm.labels());
            }
            LOG.info("restart {}: {} warm-start epochs on the bias-only HMM posteriors done", restart,
                    hp.warmStartEpochs());
        }
        INDArray xv = validation == null ? null : RnnNetwork.features(validation);
        double weight = (double) train.numRows() / train.numScored();
        DirichletPrior chainPrior = DirichletPrior.pseudoCount(k, 1);
        ForwardBackwardWorkspace workspace = ForwardBackwardWorkspace.of(Output.PREDICTED);

        List<TrainingHistory.Entry> entries = new ArrayList<>();
        double bestScore = Double.POSITIVE_INFINITY;
        double[] bestParams = net.parameters();
        double[] bestPi = pi.clone();
        double[][] bestA = DoubleArrays.copy(a);
        OutcomeEmissions bestOutcomes = outcomes;
        double bestTrain = Double.NaN;
        double bestVal = Double.NaN;
        int sinceBest = 0;
        boolean converged = false;
        int epoch = 0;
        for (; epoch < hp.maxEpochs(); epoch++) {
            double[] logits = net.logits(x);
            EStep e = eStep(logits, train, pi, a, outcomes, weight, workspace);
            // the causal NLL of the choices: equal to −log p(choices)/N when the chain emits choices
            // only, and still the choice score (not the joint one) when it also emits outcomes
            double trainLoss = e.choiceNll() / train.numScored();
            if (!Double.isFinite(trainLoss) || !Double.isFinite(e.logMarginal())) {
                throw new IllegalStateException("training diverged at epoch " + epoch + " (loss " + trainLoss
                        + "); lower the learning rate");
            }
            double[] scoredParams = net.parameters();
            double[] scoredPi = pi.clone();
            double[][] scoredA = DoubleArrays.copy(a);
            OutcomeEmissions scoredOutcomes = outcomes;
            // the validation score is of the parameters the E-step used, so train and
            // validation numbers in one history entry describe the same model
            double valLoss = validation == null ? Double.NaN
                    : predictiveNll(net.logits(xv), validation, pi, a, outcomes);
            entries.add(new TrainingHistory.Entry(epoch, trainLoss,
                    validation == null ? OptionalDouble.empty() : OptionalDouble.of(valLoss),
                    outcomes == null ? OptionalDouble.empty()
                            : OptionalDouble.of(-e.logMarginal() / train.numScored())));
            LOG.debug("epoch {}: train {} validation {}", epoch, trainLoss, valLoss);
            double score = validation == null ? trainLoss : valLoss;
            if (score < bestScore) {
                bestScore = score;
                bestParams = scoredParams;
                bestPi = scoredPi;
                bestA = scoredA;
                bestOutcomes = scoredOutcomes;
                bestTrain = trainLoss;
                bestVal = valLoss;
                sinceBest = 0;
            } else if (++sinceBest >= hp.patience()) {
                converged = true;
                epoch++;
                break;
            }
            net.step(x, e.labels());
            if (k > 1) {
                HmmParameters chain = HmmMStep.update(new HmmStatistics(e.initialCounts(), e.transitionCounts(),
                        e.logMarginal(), train.numRows()), chainPrior, HmmParameters.of(pi, a));
                pi = chain.initial();
                a = chain.transition();
                if (outcomes != null) {
                    outcomes = OutcomeEmissions.mapEstimate(train.rowTrials(), e.smoothed(), k);
                }
            }
            if (epoch % 50 == 0) {
                LOG.info("restart {} epoch {}: {}", restart, epoch, losses(trainLoss, valLoss));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        TrainingHistory history = new TrainingHistory(entries, converged, seconds);
        return new Result(bestParams, bestPi, bestA, bestOutcomes, history, restart, restartSeed, epoch, bestTrain, bestVal);
    }

    /**
     * Forward–backward on every session; builds the γ-weighted labels. The head log-probabilities
     * of all rows are computed in one vectorised pass ({@link HeadOutputs#logProbabilities(double[], int, int)}),
     * the emissions laid out flat, and all chains run at once in the lockstep kernel
     * {@link ForwardBackward#runBatch}, whose numbers are bit-identical to {@link ForwardBackward#run}
     * session by session and whose sums over chains are in session order. Everything runs on the
     * calling thread (vectorised, it no longer pays to split sessions over a pool), so results do
     * not depend on the thread count.
     */
    EStep eStep(double[] logits, RnnInputs in, double[] pi, double[][] a, OutcomeEmissions outcomes, double weight) {
        return eStep(logits, in, pi, a, outcomes, weight, ForwardBackwardWorkspace.of(Output.PREDICTED));
    }

    /**
     * As {@link #eStep(double[], RnnInputs, double[], double[][], OutcomeEmissions, double)}, refilling
     * {@code workspace} (which must keep {@link Output#PREDICTED}): a restart reuses one across its
     * epochs instead of allocating the forward–backward arrays every epoch. Same numbers.
     */
    EStep eStep(double[] logits, RnnInputs in, double[] pi, double[][] a, OutcomeEmissions outcomes, double weight,
                ForwardBackwardWorkspace workspace) {
        int k = pi.length;
        int steps = in.paddedLength();
        int batch = in.numRows();
        double[] labels = new double[batch * 2 * k * steps];
        double[] lp = HeadOutputs.logProbabilities(logits, k, steps);
        int[] lengths = new int[batch];
        for (int b = 0; b < batch; b++) {
            lengths[b] = in.length(b);
        }
        ChainBatch chains;
        try {
            chains = ChainBatch.ofFlat(k, lengths, emissions(lp, in, k, outcomes));
        } catch (IllegalArgumentException diverged) {
            // a NaN emission: the network diverged; the caller reports it with the epoch
            return new EStep(Double.NaN, Double.NaN, labels, new double[k], new double[k][k], List.of());
        }
        ForwardBackwardWorkspace post = workspace;
        ForwardBackward.runBatch(HmmParameters.of(pi, a), chains, post);
        double[] predicted = post.predicted();
        double[] smoothedFlat = post.smoothed();
        double[] prob = probabilities(lp);
        double nll = 0;
        for (int b = 0; b < batch; b++) {
            int len = in.length(b);
            int off = chains.offset(b);
            nll += scoredChoiceNll(prob, predicted, off * k, in, b, k, steps);
            int base = b * 2 * k * steps;
            for (int t = 0; t < len; t++) {
                if (in.scored(b, t)) {
                    int c = in.choice(b, t);
                    for (int j = 0; j < k; j++) {
                        labels[base + (2 * j + c) * steps + t] = weight * hp.temperature()
                                * smoothedFlat[(off + t) * k + j];
                    }
                }
            }
        }
        List<double[][]> smoothed = new ArrayList<>(batch);
        if (outcomes != null) {
            // the outcome M-step reads the posteriors per session
            for (int b = 0; b < batch; b++) {
                double[][] g = new double[in.length(b)][];
                for (int t = 0; t < g.length; t++) {
                    int cell = (chains.offset(b) + t) * k;
                    g[t] = Arrays.copyOfRange(smoothedFlat, cell, cell + k);
                }
                smoothed.add(g);
            }
        }
        HmmStatistics stats = post.statistics();
        return new EStep(post.logMarginalLikelihood(), nll, labels, stats.initialCounts(), stats.transitionCounts(),
                smoothed);
    }

    /**
     * Emission log-likelihoods of every session, flat [Σ L_b][K] in session order: the values of
     * {@link HeadOutputs#emissions} (τ·log p_k(observed choice) on scored trials, 0 on the others,
     * plus log p(reward | z = k, s) on every trial when the chain emits outcomes), same operations.
     */
    private double[] emissions(double[] lp, RnnInputs in, int k, OutcomeEmissions outcomes) {
        int steps = in.paddedLength();
        int total = 0;
        for (int b = 0; b < in.numRows(); b++) {
            total += in.length(b);
        }
        double[] e = new double[total * k];
        int row = 0;
        for (int b = 0; b < in.numRows(); b++) {
            Session session = outcomes == null ? null : in.rowTrials(b);
            for (int t = 0; t < in.length(b); t++, row += k) {
                if (in.scored(b, t)) {
                    int c = in.choice(b, t);
                    for (int j = 0; j < k; j++) {
                        e[row + j] = hp.temperature() * lp[(b * 2 * k + 2 * j + c) * steps + t];
                    }
                }
                if (session != null) {
                    int o = session.outcome(t);
                    int r = session.reward(t) == 1 ? 1 : 0;
                    for (int j = 0; j < k; j++) {
                        e[row + j] += outcomes.logLikelihood(j, o, r);
                    }
                }
            }
        }
        return e;
    }

    /** exp of every log-probability: the heads' choice probabilities, same layout, GruMath's exp. */
    private static double[] probabilities(double[] lp) {
        double[] p = lp.clone();
        GruMath.exp(p, 0, p.length);
        return p;
    }

    /**
     * Mean causal predictive NLL over scored trials: −log Σ_k p(z_t = k | &lt; t) p_k(choice_t).
     */
    double predictiveNll(double[] logits, RnnInputs in, double[] pi, double[][] a, OutcomeEmissions outcomes) {
        int k = pi.length;
        int steps = in.paddedLength();
        int rows = in.numRows();
        double[] lp = HeadOutputs.logProbabilities(logits, k, steps);
        double[] flat = emissions(lp, in, k, outcomes);
        List<double[][]> emissions = new ArrayList<>(rows);
        int cell = 0;
        for (int b = 0; b < rows; b++) {
            double[][] e = new double[in.length(b)][];
            for (int t = 0; t < e.length; t++, cell += k) {
                e[t] = Arrays.copyOfRange(flat, cell, cell + k);
            }
            emissions.add(e);
        }
        // all sessions in one lockstep forward pass: bit-identical to ForwardBackward.filter per session
        BatchPosterior posts;
        try {
            posts = ForwardBackward.filterAll(HmmParameters.of(pi, a), emissions);
        } catch (IllegalArgumentException diverged) {
            // a NaN emission (the network diverged): no score, as a NaN loss
            return Double.NaN;
        }
        double[] prob = probabilities(lp);
        double total = 0;
        for (int b = 0; b < rows; b++) {
            double[][] predicted = posts.chains().get(b).predicted();
            double s = 0;
            for (int t = 0; t < predicted.length; t++) {
                double p1 = 0;
                for (int j = 0; j < k; j++) {
                    p1 += predicted[t][j] * prob[(b * 2 * k + 2 * j + 1) * steps + t];
                }
                if (in.scored(b, t)) {
                    s -= Math.log(in.choice(b, t) == 1 ? p1 : 1 - p1);
                }
            }
            total += s;
        }
        return total / in.numScored();
    }

    /**
     * −Σ log p(choice_t | trials &lt; t) over row b's scored trials, with p(choice = 1 | &lt; t) =
     * Σ_k p(z_t = k | &lt; t)·p_k(1): the session's p(z_t = k | &lt; t) at
     * {@code predicted[from + t·K + k]}, p_k(1) at {@code prob[(b·2K + 2k + 1)·T + t]}.
     */
    private static double scoredChoiceNll(double[] prob, double[] predicted, int from, RnnInputs in, int b, int k,
                                          int steps) {
        double s = 0;
        for (int t = 0; t < in.length(b); t++) {
            double p1 = 0;
            int row = from + t * k;
            for (int j = 0; j < k; j++) {
                p1 += predicted[row + j] * prob[(b * 2 * k + 2 * j + 1) * steps + t];
            }
            if (in.scored(b, t)) {
                s -= Math.log(in.choice(b, t) == 1 ? p1 : 1 - p1);
            }
        }
        return s;
    }
}
