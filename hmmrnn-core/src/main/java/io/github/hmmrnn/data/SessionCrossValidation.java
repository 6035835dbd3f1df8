package io.github.hmmrnn.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.hmmrnn.metrics.PredictiveMetrics;
import io.github.hmmrnn.metrics.PredictiveScore;
import io.github.hmmrnn.model.FittedChoiceModel;
import io.github.hmmrnn.model.ModelSpec;
import io.github.hmmrnn.numeric.SignificantDigits;
import io.github.hmmrnn.parallel.OrderedPool;

/**
 * Session-level cross-validation of any {@link ModelSpec}: whole sessions are held out
 * ({@link SessionFolds#kFold}), the model is fitted on the rest (a model that early-stops holds
 * out an {@link InnerValidation inner validation} part of the training fold) and scored causally
 * on both the whole training fold and the held-out sessions. Folds run in parallel; results do
 * not depend on the thread count.
 */
public final class SessionCrossValidation {

    private static final Logger LOG = LoggerFactory.getLogger(SessionCrossValidation.class);

    private SessionCrossValidation() {
    }

    /**
     * One fold's outcome.
     *
     * @param fold   fold index
     * @param train  score on the fold's training sessions (all of them, the inner validation part included)
     * @param test   score on the held-out sessions
     */
    public record Fold(int fold, PredictiveScore train, PredictiveScore test) {

        /** Checks the fields. */
        public Fold {
            Objects.requireNonNull(train, "train");
            Objects.requireNonNull(test, "test");
        }
    }

    /**
     * Pooled outcome over folds.
     *
     * @param model label
     * @param folds per-fold scores
     */
    public record Result(String model, List<Fold> folds) {

        /** Copies the list. */
        public Result {
            folds = List.copyOf(folds);
        }

        /** @return held-out NLL per scored trial, pooled over folds (nats) */
        public double testNll() {
            return pooled(true);
        }

        /** @return training NLL per scored trial, pooled over folds (nats) */
        public double trainNll() {
            return pooled(false);
        }

        /** @return held-out normalised likelihood exp(ΣLL / ΣN), the geometric-mean choice probability */
        public double testNormalizedLikelihood() {
            return Math.exp(-testNll());
        }

        /** @return held-out scored trials, summed over folds */
        public int testTrials() {
            return folds.stream().mapToInt(f -> f.test().numScored()).sum();
        }

        private double pooled(boolean test) {
            double ll = 0;
            long n = 0;
            for (Fold f : folds) {
                PredictiveScore s = test ? f.test() : f.train();
                ll += s.nll() * s.numScored();
                n += s.numScored();
            }
            return ll / n;
        }
    }

    /**
     * Cross-validates a specification.
     *
     * @param data    sessions (at least {@code folds} of them)
     * @param spec    the model
     * @param folds   number of folds, at least 2
     * @param method  how sessions are dealt to folds
     * @param seed    fold-assignment seed (RANDOM only)
     * @param threads worker threads, at least 1
     * @param inner   what a model with early stopping holds out of each training fold (ignored
     *                by models without early stopping, which fit the whole training fold)
     * @return per-fold and pooled scores, labelled with {@link ModelSpec#name()}
     * @throws IllegalArgumentException if {@code threads < 1} or the folds are invalid
     */
    public static Result run(TwoStepDataset data, ModelSpec<?> spec, int folds, SplitMethod method, long seed,
                             int threads, InnerValidation inner) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(inner, "inner");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        List<DatasetSplit> splits = SessionFolds.kFold(data, folds, method, seed);
        List<Callable<Fold>> tasks = new ArrayList<>();
        for (int f = 0; f < splits.size(); f++) {
            final int fold = f;
            tasks.add(() -> fold(spec, splits.get(fold), fold, inner));
        }
        return new Result(spec.name(), OrderedPool.run(tasks, threads, "cross-validation"));
    }

    /**
     * Fits a specification on one training set the way cross-validation does: a model that
     * early-stops on the {@code inner} part of {@code train}, any other on all of it.
     *
     * @param spec  the model
     * @param train training sessions
     * @param inner what an early-stopping model holds out
     * @return the fitted model
     */
    public static FittedChoiceModel fit(ModelSpec<?> spec, TwoStepDataset train, InnerValidation inner) {
        if (!spec.earlyStops()) {
            return spec.fit(train);
        }
        DatasetSplit split = inner.split(train);
        return spec.fit(split.train(), split.test());
    }

    private static Fold fold(ModelSpec<?> spec, DatasetSplit split, int fold, InnerValidation inner) {
        TwoStepDataset train = split.train();
        FittedChoiceModel m = fit(spec, train, inner);
        PredictiveScore tr = PredictiveMetrics.evaluate(train, m.predictChoiceProbabilities(train));
        PredictiveScore te = PredictiveMetrics.evaluate(split.test(), m.predictChoiceProbabilities(split.test()));
        LOG.info("{} fold {}: held-out NLL {} on {} trials", spec.name(), fold,
                SignificantDigits.sig4(te.nll()), te.numScored());
        return new Fold(fold, tr, te);
    }
}
