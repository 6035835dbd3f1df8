package io.github.hmmrnn.rnn;

import java.util.List;
import java.util.Objects;

import io.github.hmmrnn.data.Session;
import io.github.hmmrnn.data.TwoStepDataset;

/**
 * A dataset encoded for the GRU: one zero-padded row per session, inputs shifted by one trial.
 *
 * <p>Row b holds session b; steps past the session's length are zero input and carry no loss.
 * Instances are immutable; arrays are never exposed.
 */
public final class RnnInputs {

    private final TwoStepDataset data;
    private final InputEncoding encoding;
    private final int batch;
    private final int steps;
    private final int[] lengths;
    private final double[] features;
    private final int[][] choices;
    private final boolean[][] scored;
    private final int numScored;

    private RnnInputs(TwoStepDataset data, InputEncoding encoding) {
        this.data = data;
        this.encoding = encoding;
        List<Session> sessions = data.sessions();
        this.batch = sessions.size();
        int maxLen = 0;
        this.lengths = new int[batch];
        for (int b = 0; b < batch; b++) {
            lengths[b] = sessions.get(b).length();
            maxLen = Math.max(maxLen, lengths[b]);
        }
        this.steps = maxLen;
        int width = encoding.width();
        this.features = new double[batch * width * steps];
        this.choices = new int[batch][];
        this.scored = new boolean[batch][];
        int count = 0;
        for (int b = 0; b < batch; b++) {
            Session s = sessions.get(b);
            for (int t = 0; t < s.length(); t++) {
                encoding.encode(s, t, features, b * width * steps, steps);
            }
            choices[b] = s.choices();
            scored[b] = s.scoredTrials();
            count += s.scoredCount();
        }
        this.numScored = count;
    }

    /**
     * Encodes a dataset.
     *
     * @param data     sessions, at least one
     * @param encoding how the previous trial is presented
     * @return the encoded inputs
     * @throws IllegalArgumentException if the dataset has no sessions
     * @throws NullPointerException     if an argument is null
     */
    public static RnnInputs encode(TwoStepDataset data, InputEncoding encoding) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(encoding, "encoding");
        if (data.sessions().isEmpty()) {
            throw new IllegalArgumentException("data must contain at least one session, got 0");
        }
        return new RnnInputs(data, encoding);
    }

    /** @return the encoded dataset */
    public TwoStepDataset data() {
        return data;
    }

    /** @return the input encoding */
    public InputEncoding encoding() {
        return encoding;
    }

    /** @return number of sessions B */
    public int numSessions() {
        return batch;
    }

    /** @return the padded length T (longest session) */
    public int paddedLength() {
        return steps;
    }

    /** @return number of scored trials over all sessions */
    public int numScored() {
        return numScored;
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
