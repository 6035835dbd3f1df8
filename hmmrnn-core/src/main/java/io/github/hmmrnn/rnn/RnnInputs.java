package io.github.hmmrnn.rnn;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.github.hmmrnn.data.Session;
import io.github.hmmrnn.data.TwoStepDataset;

/**
 * A dataset encoded for the GRU: one zero-padded row per session, or per segment of at most
 * {@link #segmentLength()} consecutive trials of a session, with inputs shifted by one trial.
 *
 * <p>Row b holds one session (or segment); steps past its length are zero input and carry no
 * loss. The GRU state starts at zero in every row, and an HMM chain restarts from π in every row.
 * A segment that starts at trial s &gt; 0 of its session still gets the real trial s − 1 as its
 * first input (past data, so the prediction of every trial still uses only earlier trials of the
 * same session); only what lies before s − 1 is forgotten. Every trial of every session belongs to
 * exactly one row. Instances are immutable; arrays are never exposed.
 */
public final class RnnInputs {

    private final TwoStepDataset data;
    private final InputEncoding encoding;
    private final int segmentLength;
    private final int rows;
    private final int steps;
    private final int[] lengths;
    private final int[] rowSessionIndex;
    private final int[] rowStart;
    private final List<Session> rowSessions;
    private final double[] features;
    private final int[][] choices;
    private final boolean[][] scored;
    private final int numScored;

    private RnnInputs(TwoStepDataset data, InputEncoding encoding, int segmentLength) {
        this.data = data;
        this.encoding = encoding;
        this.segmentLength = segmentLength;
        List<Session> sessions = data.sessions();
        List<int[]> pieces = new ArrayList<>();
        for (int i = 0; i < sessions.size(); i++) {
            int len = sessions.get(i).length();
            int piece = segmentLength == 0 ? len : segmentLength;
            for (int start = 0; start < len; start += piece) {
                pieces.add(new int[] {i, start, Math.min(len, start + piece)});
            }
        }
        this.rows = pieces.size();
        this.lengths = new int[rows];
        this.rowSessionIndex = new int[rows];
        this.rowStart = new int[rows];
        int maxLen = 0;
        for (int b = 0; b < rows; b++) {
            int[] p = pieces.get(b);
            rowSessionIndex[b] = p[0];
            rowStart[b] = p[1];
            lengths[b] = p[2] - p[1];
            maxLen = Math.max(maxLen, lengths[b]);
        }
        this.steps = maxLen;
        int width = encoding.width();
        this.features = new double[rows * width * steps];
        this.choices = new int[rows][];
        this.scored = new boolean[rows][];
        List<Session> views = new ArrayList<>(rows);
        int count = 0;
        for (int b = 0; b < rows; b++) {
            Session s = sessions.get(rowSessionIndex[b]);
            int start = rowStart[b];
            int end = start + lengths[b];
            for (int t = start; t < end; t++) {
                encoding.encode(s, t, features, b * width * steps, steps, t - start);
            }
            Session view = s.segment(start, end);
            views.add(view);
            choices[b] = view.choices();
            scored[b] = view.scoredTrials();
            count += view.scoredCount();
        }
        this.rowSessions = List.copyOf(views);
        this.numScored = count;
    }

    /**
     * Encodes a dataset, one row per whole session.
     *
     * @param data     sessions, at least one
     * @param encoding how the previous trial is presented
     * @return the encoded inputs
     * @throws IllegalArgumentException if the dataset has no sessions
     * @throws NullPointerException     if an argument is null
     */
    public static RnnInputs encode(TwoStepDataset data, InputEncoding encoding) {
        return encode(data, encoding, 0);
    }

    /**
     * Encodes a dataset, cutting each session into consecutive segments of at most
     * {@code segmentLength} trials, one row each (the last segment of a session may be shorter).
     *
     * @param data          sessions, at least one
     * @param encoding      how the previous trial is presented
     * @param segmentLength trials per segment, ≥ 1, or 0 for whole sessions
     * @return the encoded inputs
     * @throws IllegalArgumentException if the dataset has no sessions or {@code segmentLength} is
     *                                  negative
     * @throws NullPointerException     if {@code data} or {@code encoding} is null
     */
    public static RnnInputs encode(TwoStepDataset data, InputEncoding encoding, int segmentLength) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(encoding, "encoding");
        RnnHyperParameters.requireTrainingSegmentLength(segmentLength);
        if (data.sessions().isEmpty()) {
            throw new IllegalArgumentException("data must contain at least one session, got 0");
        }
        return new RnnInputs(data, encoding, segmentLength);
    }

    /** @return the encoded dataset */
    public TwoStepDataset data() {
        return data;
    }

    /** @return the input encoding */
    public InputEncoding encoding() {
        return encoding;
    }

    /** @return trials per segment row, or 0 when every row is a whole session */
    public int segmentLength() {
        return segmentLength;
    }

    /** @return number of sessions in the encoded dataset */
    public int numSessions() {
        return data.numSessions();
    }

    /** @return number of rows B (sessions, or segments when {@link #segmentLength()} &gt; 0) */
    public int numRows() {
        return rows;
    }

    /** @return the padded length T (longest row) */
    public int paddedLength() {
        return steps;
    }

    /** @return number of scored trials over all sessions */
    public int numScored() {
        return numScored;
    }

    /**
     * @param b row
     * @return index in {@code data().sessions()} of the session row b comes from
     */
    public int rowSession(int b) {
        return rowSessionIndex[b];
    }

    /**
     * @param b row
     * @return trial of its session at which row b starts
     */
    public int rowStart(int b) {
        return rowStart[b];
    }

    /** @return the trials of row b as a session (the session itself when the row is whole) */
    Session rowTrials(int b) {
        return rowSessions.get(b);
    }

    /** @return the trials of every row, in row order */
    List<Session> rowTrials() {
        return rowSessions;
    }

    int length(int b) {
        return lengths[b];
    }

    int choice(int b, int t) {
        return choices[b][t];
    }

    boolean scored(int b, int t) {
        return scored[b][t];
    }

    /** @return the internal feature array [B][I][T]; callers must not modify it */
    double[] features() {
        return features;
    }
}
