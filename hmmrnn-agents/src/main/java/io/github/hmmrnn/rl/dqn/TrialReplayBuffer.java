package io.github.hmmrnn.rl.dqn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * First-in-first-out store of complete trials; sampling returns whole, unmixed trials.
 */
public final class TrialReplayBuffer {

    private final StoredTrial[] slots;
    private int size;
    private int next;
    private long added;

    /**
     * Creates an empty buffer.
     *
     * @param capacity maximum number of trials kept, positive
     * @throws IllegalArgumentException if capacity is not positive
     */
    public TrialReplayBuffer(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("buffer capacity (trials) must be positive, got " + capacity);
        }
        this.slots = new StoredTrial[capacity];
    }

    /**
     * Adds a trial, evicting the oldest when full.
     *
     * @param trial complete trial
     */
    public void add(StoredTrial trial) {
        if (trial == null) {
            throw new IllegalArgumentException("trial must not be null");
        }
        slots[next] = trial;
        next = (next + 1) % slots.length;
        size = Math.min(size + 1, slots.length);
        added++;
    }

    /**
     * Number of trials held.
     *
     * @return size
     */
    public int size() {
        return size;
    }

    /**
     * Total trials ever added.
     *
     * @return count
     */
    public long totalAdded() {
        return added;
    }

    /**
     * Samples trials uniformly with replacement.
     *
     * @param count number of trials, positive
     * @param rng   random stream
     * @return sampled trials
     * @throws IllegalStateException if the buffer is empty
     */
    public List<StoredTrial> sample(int count, SplittableRandom rng) {
        if (size == 0) {
            throw new IllegalStateException("cannot sample from an empty replay buffer");
        }
        if (count <= 0) {
            throw new IllegalArgumentException("sample count must be positive, got " + count);
        }
        List<StoredTrial> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(slots[rng.nextInt(size)]);
        }
        return out;
    }
}
