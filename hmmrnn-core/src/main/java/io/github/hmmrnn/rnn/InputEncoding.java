package io.github.hmmrnn.rnn;

import io.github.hmmrnn.data.Session;

/**
 * How the previous trial is presented to the GRU. Input at trial t always describes trial t − 1
 * and is all zeros on a session's first trial, so a prediction never sees its own trial.
 */
public enum InputEncoding {

    /** Three bits of trial t − 1: choice (0/1), reward (0/1), common transition (0/1). */
    CHOICE_REWARD_TRANSITION(3),

    /**
     * One-hot of the 8 trial types of trial t − 1, index 4·choice + 2·common + reward (the
     * "SGRU" input of Ji-An, Benna &amp; Mattar 2025); all zeros at a session start.
     */
    TRIAL_TYPE_ONE_HOT(8);

    private final int width;

    InputEncoding(int width) {
        this.width = width;
    }

    /** @return the number of input features per trial */
    public int width() {
        return width;
    }

    /**
     * Writes the features of trial t (which describe trial t − 1) into column {@code column} of a
     * [I][T] block. A row may hold a segment of the session that starts after trial 0: its first
     * column still describes the real previous trial, which is past data.
     *
     * @param session the session
     * @param t       trial index within the session
     * @param dst     destination array laid out [features][steps] from {@code offset}
     * @param offset  index of feature 0, step 0 of this row in {@code dst}
     * @param steps   padded number of steps T of the block
     * @param column  step of the row that trial t occupies
     */
    void encode(Session session, int t, double[] dst, int offset, int steps, int column) {
        if (t == 0) {
            return;
        }
        int p = t - 1;
        int choice = session.choice(p);
        int reward = session.reward(p);
        int common = session.common(p) ? 1 : 0;
        switch (this) {
            case CHOICE_REWARD_TRANSITION -> {
                dst[offset + column] = choice;
                dst[offset + steps + column] = reward;
                dst[offset + 2 * steps + column] = common;
            }
            case TRIAL_TYPE_ONE_HOT -> dst[offset + (4 * choice + 2 * common + reward) * steps + column] = 1.0;
            default -> throw new IllegalStateException("unhandled encoding " + this);
        }
    }
}
