package io.github.hmmrnn.moa.neural;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The mini-batches of whole sessions that both neural-mixture trainers step on: every epoch
 * reshuffles the session order with a seeded generator and cuts it into batches of
 * {@code batchSize} sessions. The order is shuffled in place from epoch to epoch, so an epoch's
 * batches depend on the seed and on every earlier epoch, never on anything else.
 */
final class SessionBatches {

    private final EncodedSessions sessions;
    private final int batchSize;
    private final SplittableRandom rng;
    private final int[] order;

    SessionBatches(EncodedSessions sessions, int batchSize, SplittableRandom rng) {
        this.sessions = sessions;
        this.batchSize = batchSize;
        this.rng = rng;
        this.order = new int[sessions.batch];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
    }

    /**
     * @return the next epoch's batches, in order, leaving out any without a scored trial (they
     *         would carry no gradient); together they hold one copy of the sessions
     */
    List<EncodedSessions> nextEpoch() {
        shuffle(order, rng);
        List<EncodedSessions> batches = new ArrayList<>();
        for (int from = 0; from < order.length; from += batchSize) {
            EncodedSessions mini = sessions.select(Arrays.copyOfRange(order, from, Math.min(order.length, from + batchSize)));
            if (mini.numScored > 0) {
                batches.add(mini);
            }
        }
        return batches;
    }

    /** Fisher–Yates shuffle on the given generator. */
    private static void shuffle(int[] order, SplittableRandom rng) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
    }
}
