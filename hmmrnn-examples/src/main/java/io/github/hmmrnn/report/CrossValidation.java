package io.github.hmmrnn.report;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.hmmrnn.data.DatasetSplit;
import io.github.hmmrnn.data.SessionFolds;
import io.github.hmmrnn.data.SplitMethod;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.metrics.PredictiveMetrics;
import io.github.hmmrnn.metrics.PredictiveScore;
import io.github.hmmrnn.model.FittedChoiceModel;

/**
 * Session-level cross-validation of any model: whole sessions are held out, the model is fitted
 * on the rest (with an inner slice of training sessions for early stopping) and scored causally on
 * the held-out sessions. Folds run in parallel; results do not depend on the thread count.
 */
public final class CrossValidation {

    private static final Logger LOG = LoggerFactory.getLogger(CrossValidation.class);

    /** Fraction of each training fold's sessions (or segments) held out for early stopping. */
    public static final double INNER_VALIDATION_FRACTION = 0.15;

    /** Trials per held-out segment under {@link InnerValidation#SEGMENTS}. */
    public static final int INNER_VALIDATION_SEGMENT_LENGTH = 150;

    private CrossValidation() {
    }

    /**
     * One fold's outcome.
     *
     * @param fold  fold index
     * @param train score on the fold's training sessions
     * @param test  score on the held-out sessions
     */
    public record Fold(int fold, PredictiveScore train, PredictiveScore test) {
    }

    /**
     * Pooled outcome over folds.
     *
     * @param model label
     * @param folds per-fold scores
     */
    public record Result(String model, List<Fold> folds) {

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
     * Cross-validates a model, holding out whole sessions of each training fold for early stopping
     * ({@link InnerValidation#SESSIONS}).
     *
     * @param data    sessions (at least {@code folds} of them)
     * @param fitter  the model
     * @param folds   number of folds, at least 2
     * @param method  how sessions are dealt to folds
     * @param seed    fold-assignment seed (RANDOM only)
     * @param threads worker threads, at least 1
     * @return per-fold and pooled scores
     * @throws IllegalArgumentException if {@code threads < 1} or the folds are invalid
     */
    public static Result run(TwoStepDataset data, ModelFitter fitter, int folds, SplitMethod method, long seed,
                             int threads) {
        return run(data, fitter, folds, method, seed, threads, InnerValidation.SESSIONS);
    }

    /**
     * Cross-validates a model.
     *
     * @param data    sessions (at least {@code folds} of them)
     * @param fitter  the model
     * @param folds   number of folds, at least 2
     * @param method  how sessions are dealt to folds
     * @param seed    fold-assignment seed (RANDOM only)
     * @param threads worker threads, at least 1
     * @param inner   what models with early stopping hold out of each training fold
     * @return per-fold and pooled scores
     * @throws IllegalArgumentException if {@code threads < 1} or the folds are invalid
     */
    public static Result run(TwoStepDataset data, ModelFitter fitter, int folds, SplitMethod method, long seed,
                             int threads, InnerValidation inner) {
        java.util.Objects.requireNonNull(inner, "inner");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        List<DatasetSplit> splits = SessionFolds.kFold(data, folds, method, seed);
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, folds));
        try {
            List<Future<Fold>> futures = new ArrayList<>();
            for (int f = 0; f < splits.size(); f++) {
                final int fold = f;
                futures.add(pool.submit(() -> fold(fitter, splits.get(fold), fold, inner)));
            }
            List<Fold> out = new ArrayList<>();
            for (Future<Fold> fu : futures) {
                out.add(fu.get());
            }
            return new Result(fitter.name(), out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("cross-validation interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("cross-validation fold failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static Fold fold(ModelFitter fitter, DatasetSplit split, int fold, InnerValidation validation) {
        TwoStepDataset train = split.train();
        DatasetSplit inner;
        if (!fitter.usesValidation()) {
            inner = new DatasetSplit(train, train);
        } else if (validation == InnerValidation.SEGMENTS) {
            inner = SessionFolds.holdOutSegments(train, INNER_VALIDATION_SEGMENT_LENGTH, INNER_VALIDATION_FRACTION);
        } else {
            inner = train.numSessions() >= 2
                    ? SessionFolds.holdOut(train, INNER_VALIDATION_FRACTION, SplitMethod.STRIDE, 0)
                    : new DatasetSplit(train, train);
        }
        FittedChoiceModel m = fitter.fit(inner.train(), inner.test());
        PredictiveScore tr = PredictiveMetrics.evaluate(train, m.predictChoiceProbabilities(train));
        PredictiveScore te = PredictiveMetrics.evaluate(split.test(), m.predictChoiceProbabilities(split.test()));
        LOG.info("{} fold {}: held-out NLL {} on {} trials", fitter.name(), fold,
                String.format(java.util.Locale.ROOT, "%.4f", te.nll()), te.numScored());
        return new Fold(fold, tr, te);
    }
}
