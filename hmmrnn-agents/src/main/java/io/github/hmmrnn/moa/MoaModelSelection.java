package io.github.hmmrnn.moa;

import io.github.hmmrnn.agents.Agent;
import io.github.hmmrnn.data.InnerValidation;
import io.github.hmmrnn.data.SessionCrossValidation;
import io.github.hmmrnn.data.SplitMethod;
import io.github.hmmrnn.metrics.PredictiveScore;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.numeric.SignificantDigits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Model selection for the MoA-HMM by session-level cross-validation (MixtureAgentsModels'
 * cross_validate, model_compare, nstates_comparison and agents_comparison): each fold fits on the
 * training sessions and scores the held-out sessions by their causal choice log-likelihood
 * Σ log p(choice_t | trials &lt; t) ({@link FittedHmmMoa#choiceLogLikelihood(TwoStepDataset)}; the forward
 * marginal likelihood of the choices when the chain emits choices only, and never the joint
 * likelihood of choices and outcomes). Normalised likelihoods are exp(ΣLL / ΣN) over scored trials.
 * The folds are those of the library's one session cross-validation, {@link SessionCrossValidation}.
 */
public final class MoaModelSelection {

    private static final Logger LOG = LoggerFactory.getLogger(MoaModelSelection.class);

    private MoaModelSelection() {
    }

    /**
     * One fold.
     *
     * @param fold          0-based fold index
     * @param trainLogLik   training causal choice log-likelihood
     * @param trainScored   training scored trials
     * @param testLogLik    held-out causal choice log-likelihood
     * @param testScored    held-out scored trials
     */
    public record Fold(int fold, double trainLogLik, int trainScored, double testLogLik, int testScored) {
        /** @return exp(testLogLik / testScored) */
        public double testNormalizedLikelihood() {
            return Math.exp(testLogLik / testScored);
        }

        /** @return exp(trainLogLik / trainScored) */
        public double trainNormalizedLikelihood() {
            return Math.exp(trainLogLik / trainScored);
        }
    }

    /**
     * Result of one cross-validation.
     *
     * @param label a description (e.g. "K=3" or "without MFrewardB")
     * @param folds per-fold results
     */
    public record CrossValidation(String label, List<Fold> folds) {
        /** Copies the list. */
        public CrossValidation {
            folds = List.copyOf(folds);
        }

        /** @return exp(Σ test LL / Σ test N) */
        public double testNormalizedLikelihood() {
            double ll = 0;
            double n = 0;
            for (Fold f : folds) {
                ll += f.testLogLik;
                n += f.testScored;
            }
            return Math.exp(ll / n);
        }

        /** @return exp(Σ train LL / Σ train N) */
        public double trainNormalizedLikelihood() {
            double ll = 0;
            double n = 0;
            for (Fold f : folds) {
                ll += f.trainLogLik;
                n += f.trainScored;
            }
            return Math.exp(ll / n);
        }
    }

    /**
     * Session-level k-fold cross-validation.
     *
     * @param model  the specification to fit on each training fold
     * @param data   sessions; at least {@code folds} of them
     * @param folds  number of folds, ≥ 2
     * @param method STRIDE (sessions i, i+n, …) or RANDOM
     * @param seed   seed of the random split
     * @return per-fold and pooled held-out normalised likelihoods
     * @throws IllegalArgumentException if folds &lt; 2 or exceeds the session count
     */
    public static CrossValidation crossValidate(HmmMoaModel model, TwoStepDataset data, int folds,
                                                SplitMethod method, long seed) {
        return crossValidate(model, data, folds, method, seed, "K=" + model.numStates());
    }

    private static CrossValidation crossValidate(HmmMoaModel model, TwoStepDataset data, int folds,
                                                 SplitMethod method, long seed, String label) {
        Objects.requireNonNull(model, "model");
        if (folds < 2) {
            throw new IllegalArgumentException("folds must be >= 2, got " + folds);
        }
        if (folds > data.numSessions()) {
            throw new IllegalArgumentException("folds (" + folds + ") exceeds the number of sessions (" + data.numSessions() + ")");
        }
        // HMM-MoA does not early-stop, so every fold is fitted on all its training sessions
        SessionCrossValidation.Result r = SessionCrossValidation.run(data, model, folds, method, seed, 1,
                InnerValidation.SEGMENTS);
        List<Fold> out = new ArrayList<>();
        for (SessionCrossValidation.Fold f : r.folds()) {
            out.add(new Fold(f.fold(), logLikelihood(f.train()), f.train().numScored(), logLikelihood(f.test()),
                    f.test().numScored()));
            LOG.info("{} fold {}: train {} test {}", label, f.fold(),
                    SignificantDigits.sig4(out.get(f.fold()).trainNormalizedLikelihood()),
                    SignificantDigits.sig4(out.get(f.fold()).testNormalizedLikelihood()));
        }
        return new CrossValidation(label, out);
    }

    /** Σ log p(choice_t | trials &lt; t) of a score (its mean NLL times its trial count). */
    private static double logLikelihood(PredictiveScore s) {
        return -s.nll() * s.numScored();
    }

    /**
     * Cross-validates the model for each state count (e.g. 1..7), same folds for all.
     *
     * @param model  template specification (its K is replaced)
     * @param data   sessions
     * @param states state counts, each ≥ 1
     * @param folds  folds, ≥ 2
     * @param method split method
     * @param seed   split seed
     * @return one result per state count, in the given order
     */
    public static List<CrossValidation> stateSweep(HmmMoaModel model, TwoStepDataset data, int[] states, int folds,
                                                   SplitMethod method, long seed) {
        List<CrossValidation> out = new ArrayList<>();
        for (int k : states) {
            out.add(crossValidate(model.toBuilder().states(k).build(), data, folds, method, seed, "K=" + k));
        }
        return out;
    }

    /**
     * What removing one agent does to the held-out fit, fold by fold against the full model on the
     * same folds.
     *
     * @param label         "without NAME"
     * @param deltaLogLik   Σ over folds of (held-out LL without the agent − held-out LL of the full
     *                      model), in nats; negative when the agent helps
     * @param standardError s.e. of that sum from the spread across folds: √(F · var(Δ_f)) with the
     *                      sample variance of the F per-fold differences
     * @param deltaPerTrial deltaLogLik divided by the held-out scored trials
     * @param deltaNormalizedLikelihood held-out normalised likelihood without the agent minus the full model's
     * @param folds         number of folds F
     */
    public record AblationDelta(String label, double deltaLogLik, double standardError, double deltaPerTrial,
                                double deltaNormalizedLikelihood, int folds) {
    }

    /**
     * The differences of an {@link #agentAblation} result: each reduced model against the full
     * one (its first entry), fold by fold.
     *
     * @param ablation the full model's cross-validation first, then the reduced models', on the same folds
     * @return one difference per reduced model, in order
     * @throws IllegalArgumentException if there is no reduced model or the folds differ
     */
    public static List<AblationDelta> ablationDeltas(List<CrossValidation> ablation) {
        if (ablation.size() < 2) {
            throw new IllegalArgumentException("ablation needs the full model and at least one reduced model, got "
                    + ablation.size() + " results");
        }
        CrossValidation full = ablation.get(0);
        int nf = full.folds().size();
        List<AblationDelta> out = new ArrayList<>();
        for (CrossValidation cv : ablation.subList(1, ablation.size())) {
            if (cv.folds().size() != nf) {
                throw new IllegalArgumentException(cv.label() + " has " + cv.folds().size() + " folds, the full model "
                        + nf);
            }
            double[] d = new double[nf];
            double sum = 0;
            int scored = 0;
            for (int f = 0; f < nf; f++) {
                Fold a = full.folds().get(f);
                Fold b = cv.folds().get(f);
                if (a.testScored() != b.testScored()) {
                    throw new IllegalArgumentException(cv.label() + " fold " + f + " scores " + b.testScored()
                            + " trials, the full model " + a.testScored() + ": not the same folds");
                }
                d[f] = b.testLogLik() - a.testLogLik();
                sum += d[f];
                scored += a.testScored();
            }
            double mean = sum / nf;
            double ss = 0;
            for (double v : d) {
                ss += (v - mean) * (v - mean);
            }
            double se = nf > 1 ? Math.sqrt(nf * ss / (nf - 1)) : Double.NaN;
            out.add(new AblationDelta(cv.label(), sum, se, sum / scored,
                    cv.testNormalizedLikelihood() - full.testNormalizedLikelihood(), nf));
        }
        return out;
    }

    /**
     * Agent ablation: the full model, then the model without each agent in turn.
     *
     * @param model  the full specification (at least two agents; per-agent weight priors are not allowed)
     * @param data   sessions
     * @param folds  folds, ≥ 2
     * @param method split method
     * @param seed   split seed
     * @return the full model's result first (label "all agents"), then "without NAME" for each agent
     */
    public static List<CrossValidation> agentAblation(HmmMoaModel model, TwoStepDataset data, int folds,
                                                      SplitMethod method, long seed) {
        if (model.agents().size() < 2) {
            throw new IllegalArgumentException("agent ablation needs at least 2 agents, got " + model.agents().size());
        }
        List<CrossValidation> out = new ArrayList<>();
        out.add(crossValidate(model, data, folds, method, seed, "all agents"));
        for (int drop = 0; drop < model.agents().size(); drop++) {
            List<Agent> kept = new ArrayList<>(model.agents());
            Agent removed = kept.remove(drop);
            out.add(crossValidate(model.toBuilder().agents(kept).build(), data, folds, method, seed,
                    "without " + removed.name()));
        }
        return out;
    }
}
