package io.github.hmmrnn.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Session-level cross-validation folds: whole sessions are held out, never single trials, so the
 * hidden chain and every agent's values stay intact within a session.
 */
public final class SessionFolds {

    /** Approximate fraction of the training segments (or sessions) held out for early stopping. */
    public static final double INNER_VALIDATION_FRACTION = 0.15;

    /** Trials per held-out segment of the inner validation set. */
    public static final int INNER_VALIDATION_SEGMENT_LENGTH = 150;

    private SessionFolds() {
    }

    /**
     * The inner validation split that every early-stopping model uses when it is given no
     * validation set ({@code ModelSpec.fit(train)}), and that session cross-validation uses by
     * default: {@link #holdOutSegments holdOutSegments}{@code (train, }{@value #INNER_VALIDATION_SEGMENT_LENGTH}{@code ,
     * }{@value #INNER_VALIDATION_FRACTION}{@code )}, i.e. every 7th 150-trial segment counted through
     * all sessions is held out, so the early-stopping set samples every session.
     *
     * @param train training sessions
     * @return the part to fit and the held-out segments
     * @throws IllegalArgumentException if the data give fewer than two segments
     */
    public static DatasetSplit innerValidation(TwoStepDataset train) {
        return holdOutSegments(train, INNER_VALIDATION_SEGMENT_LENGTH, INNER_VALIDATION_FRACTION);
    }

    /**
     * Splits the sessions into {@code folds} folds.
     *
     * @param data   dataset with at least {@code folds} sessions
     * @param folds  number of folds, at least 2
     * @param method how sessions are assigned to folds
     * @param seed   shuffle seed (used by {@link SplitMethod#RANDOM} only)
     * @return one split per fold: fold f is the test set of split f
     * @throws IllegalArgumentException if {@code folds < 2} or exceeds the number of sessions
     */
    public static List<DatasetSplit> kFold(TwoStepDataset data, int folds, SplitMethod method, long seed) {
        int n = data.numSessions();
        if (folds < 2) {
            throw new IllegalArgumentException("folds must be >= 2, got " + folds);
        }
        if (folds > n) {
            throw new IllegalArgumentException("folds (" + folds + ") exceeds the number of sessions (" + n + ")");
        }
        int[] order = order(n, method, seed);
        List<DatasetSplit> out = new ArrayList<>(folds);
        for (int f = 0; f < folds; f++) {
            List<Integer> train = new ArrayList<>();
            List<Integer> test = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                (i % folds == f ? test : train).add(order[i]);
            }
            test.sort(null);
            train.sort(null);
            out.add(new DatasetSplit(data.selectSessions(train), data.selectSessions(test)));
        }
        return out;
    }

    /**
     * Holds out a fraction of the sessions.
     *
     * @param data         dataset with at least two sessions
     * @param testFraction fraction of sessions held out, in (0, 1); rounded, at least one session
     *                     on each side
     * @param method       assignment method
     * @param seed         shuffle seed (RANDOM only)
     * @return the split
     * @throws IllegalArgumentException if the fraction is outside (0, 1) or there are fewer than
     *                                  two sessions
     */
    public static DatasetSplit holdOut(TwoStepDataset data, double testFraction, SplitMethod method, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("testFraction must be in (0, 1), got " + testFraction);
        }
        int n = data.numSessions();
        if (n < 2) {
            throw new IllegalArgumentException("need at least 2 sessions to hold some out, got " + n);
        }
        int nTest = (int) Math.max(1, Math.min(n - 1, Math.round(n * testFraction)));
        int[] order = order(n, method, seed);
        // Stride selection spreads held-out sessions evenly through time.
        List<Integer> test = new ArrayList<>();
        double step = (double) n / nTest;
        boolean[] isTest = new boolean[n];
        for (int k = 0; k < nTest; k++) {
            isTest[order[(int) Math.floor(k * step)]] = true;
        }
        List<Integer> train = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            (isTest[i] ? test : train).add(i);
        }
        return new DatasetSplit(data.selectSessions(train), data.selectSessions(test));
    }

    /**
     * Holds out segments rather than whole sessions, for early stopping inside a training fold:
     * every session is cut into consecutive segments of at most {@code segmentLength} trials,
     * segments are numbered in session order, and segment i is held out when
     * {@code i mod m == m / 2} with {@code m = max(2, round(1 / testFraction))}, so held-out
     * trials come from every part of every session (the tiny-RNN paper's cross-validation is over
     * segments too). Consecutive kept segments of a session are joined again.
     *
     * <p>Each part is returned as a session of its own (same subject and session index). Its first
     * trial is then a session start for the models: a GRU gets zero input there instead of the
     * real previous trial, and agents start from their initial values. That costs one trial of
     * context per cut and is meant for choosing an epoch, never for a final test score.
     *
     * @param data          sessions
     * @param segmentLength trials per segment, at least 1
     * @param testFraction  approximate fraction of segments held out, in (0, 1)
     * @return training parts and held-out segments
     * @throws IllegalArgumentException if {@code segmentLength < 1}, the fraction is outside (0, 1),
     *                                  or the data give fewer than two segments to split
     */
    public static DatasetSplit holdOutSegments(TwoStepDataset data, int segmentLength, double testFraction) {
        if (segmentLength < 1) {
            throw new IllegalArgumentException("segmentLength must be >= 1, got " + segmentLength);
        }
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("testFraction must be in (0, 1), got " + testFraction);
        }
        int m = (int) Math.max(2, Math.round(1 / testFraction));
        List<Session> train = new ArrayList<>();
        List<Session> test = new ArrayList<>();
        int piece = 0;
        for (Session s : data.sessions()) {
            int runStart = -1;
            for (int start = 0; start < s.length(); start += segmentLength, piece++) {
                int end = Math.min(s.length(), start + segmentLength);
                if (piece % m == m / 2) {
                    if (runStart >= 0) {
                        train.add(s.segment(runStart, start));
                        runStart = -1;
                    }
                    test.add(s.segment(start, end));
                } else if (runStart < 0) {
                    runStart = start;
                }
            }
            if (runStart >= 0) {
                train.add(s.segment(runStart, s.length()));
            }
        }
        if (train.isEmpty() || test.isEmpty()) {
            throw new IllegalArgumentException("need at least 2 segments of " + segmentLength
                    + " trials to hold some out, got " + piece);
        }
        return new DatasetSplit(TwoStepDataset.of(data.subjects(), train), TwoStepDataset.of(data.subjects(), test));
    }

    private static int[] order(int n, SplitMethod method, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (method == SplitMethod.RANDOM) {
            SplittableRandom rng = new SplittableRandom(seed);
            for (int i = n - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int tmp = order[i];
                order[i] = order[j];
                order[j] = tmp;
            }
        }
        return order;
    }
}
