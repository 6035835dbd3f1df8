package io.github.hmmrnn.data;

import java.util.Objects;

/**
 * A train/test partition of a dataset's sessions.
 *
 * @param train training sessions
 * @param test  held-out sessions
 */
public record DatasetSplit(TwoStepDataset train, TwoStepDataset test) {

    /** Checks both parts are present. */
    public DatasetSplit {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
    }
}
