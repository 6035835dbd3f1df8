package io.github.hmmrnn.synthetic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import io.github.hmmrnn.data.Session;
import io.github.hmmrnn.data.Subject;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.numeric.DoubleArrays;
import io.github.hmmrnn.numeric.Logistic;
import java.util.Objects;

/**
 * Synthetic two-step task with latent phases: each phase z has a reward map R_z over the two
 * second-step states and a fixed softmax policy over first-step actions.
 *
 * <p>Per trial: the phase z_t follows the {@link Dwell} process; the action a ~ softmax(β·Q_z)
 * with Q_z(a) = p·R_z(a) + (1−p)·R_z(1−a) and p = {@code pCommon}; the transition is common with
 * probability p, leading to second-step state a (otherwise 1−a); the reward is Bernoulli(R_z(state)).
 * The defaults reproduce the original Python project's generator (B=64, T=400, p=0.7, β=3.5, two
 * phases with maps (0.9, 0.1) and (0.1, 0.9), blocks of 120 ± U{−10..10} trials alternating,
 * first phase uniform), under which phase z favours action z with probability σ(1.12) ≈ 0.754.
 *
 * <p>Every sequence becomes one session of subject {@value #SUBJECT}; all trials are scored and
 * carry their true phase. The same seed gives identical data.
 */
public final class TwoStepGenerator {

    /** Subject name of generated sessions. */
    public static final String SUBJECT = "synthetic";

    private final int sequences;
    private final int trials;
    private final double pCommon;
    private final double beta;
    private final double[][] rewardMaps;
    private final Dwell dwell;
    private final long seed;

    private TwoStepGenerator(Builder b) {
        this.sequences = b.sequences;
        this.trials = b.trials;
        this.pCommon = b.pCommon;
        this.beta = b.beta;
        this.rewardMaps = DoubleArrays.copy(b.rewardMaps);
        this.dwell = b.dwell;
        this.seed = b.seed;
    }

    /** @return a builder holding the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder pre-filled with this generator's settings */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.sequences = sequences;
        b.trials = trials;
        b.pCommon = pCommon;
        b.beta = beta;
        b.rewardMaps = DoubleArrays.copy(rewardMaps);
        b.dwell = dwell;
        b.seed = seed;
        return b;
    }

    /** @return number of sequences (sessions) B */
    public int sequences() {
        return sequences;
    }

    /** @return trials per sequence T */
    public int trials() {
        return trials;
    }

    /** @return probability of a common transition */
    public double pCommon() {
        return pCommon;
    }

    /** @return softmax inverse temperature β */
    public double beta() {
        return beta;
    }

    /** @return number of phases K */
    public int numPhases() {
        return rewardMaps.length;
    }

    /** @return the dwell process */
    public Dwell dwell() {
        return dwell;
    }

    /** @return the seed */
    public long seed() {
        return seed;
    }

    /**
     * @param phase phase z
     * @param state second-step state 0 or 1
     * @return R_z(state), the reward probability
     */
    public double rewardProbability(int phase, int state) {
        return rewardMaps[phase][state];
    }

    /**
     * The phase's fixed policy.
     *
     * @param phase  phase z
     * @param action first-step action 0 or 1
     * @return p(action | phase) = softmax(β·Q_z)(action)
     */
    public double choiceProbability(int phase, int action) {
        double[] r = rewardMaps[phase];
        double q0 = pCommon * r[0] + (1 - pCommon) * r[1];
        double q1 = pCommon * r[1] + (1 - pCommon) * r[0];
        double p1 = Logistic.sigmoid(beta * (q1 - q0));
        return action == 1 ? p1 : 1 - p1;
    }

    /**
     * Generates the dataset.
     *
     * @return {@link #sequences()} sessions of {@link #trials()} trials with true phases
     */
    public TwoStepDataset generate() {
        SplittableRandom root = new SplittableRandom(seed);
        List<Session> sessions = new ArrayList<>(sequences);
        for (int b = 0; b < sequences; b++) {
            sessions.add(generateSequence(root.split(), b));
        }
        return TwoStepDataset.of(List.of(new Subject(SUBJECT, pCommon, sequences * trials)), sessions);
    }

    private Session generateSequence(SplittableRandom rng, int index) {
        int k = numPhases();
        int[] phases = phasePath(rng, k);
        int[] choices = new int[trials];
        int[] outcomes = new int[trials];
        int[] rewards = new int[trials];
        boolean[] common = new boolean[trials];
        for (int t = 0; t < trials; t++) {
            int z = phases[t];
            int a = rng.nextDouble() < choiceProbability(z, 1) ? 1 : 0;
            boolean isCommon = rng.nextDouble() < pCommon;
            int s = isCommon ? a : 1 - a;
            choices[t] = a;
            common[t] = isCommon;
            outcomes[t] = s;
            rewards[t] = rng.nextDouble() < rewardMaps[z][s] ? 1 : 0;
        }
        boolean[] scored = new boolean[trials];
        Arrays.fill(scored, true);
        return Session.of(SUBJECT, index, choices, outcomes, rewards, common, scored, phases);
    }

    private int[] phasePath(SplittableRandom rng, int k) {
        int[] z = new int[trials];
        int phase = rng.nextInt(k);
        if (dwell instanceof Dwell.Block block) {
            int t = 0;
            while (t < trials) {
                int len = block.mean() + rng.nextInt(-block.jitter(), block.jitter() + 1);
                int end = Math.min(trials, t + len);
                Arrays.fill(z, t, end, phase);
                t = end;
                phase = (phase + 1) % k;
            }
        } else {
            double stay = ((Dwell.Markov) dwell).stay();
            for (int t = 0; t < trials; t++) {
                if (t > 0 && k > 1 && rng.nextDouble() >= stay) {
                    int other = rng.nextInt(k - 1);
                    phase = other >= phase ? other + 1 : other;
                }
                z[t] = phase;
            }
        }
        return z;
    }

    @Override
    public String toString() {
        return "TwoStepGenerator[sequences=" + sequences + ", trials=" + trials + ", pCommon=" + pCommon
                + ", beta=" + beta + ", rewardMaps=" + Arrays.deepToString(rewardMaps) + ", dwell=" + dwell
                + ", seed=" + seed + "]";
    }

    /**
     * Builder for {@link TwoStepGenerator}; every setter validates at once.
     */
    public static final class Builder {
        private int sequences = 64;
        private int trials = 400;
        private double pCommon = 0.7;
        private double beta = 3.5;
        private double[][] rewardMaps = {{0.9, 0.1}, {0.1, 0.9}};
        private Dwell dwell = new Dwell.Block(120, 10);
        private long seed = 1;

        private Builder() {
        }

        /**
         * @param b number of sequences, at least 1 (default 64)
         * @return this builder
         * @throws IllegalArgumentException if {@code b < 1}
         */
        public Builder sequences(int b) {
            if (b < 1) {
                throw new IllegalArgumentException("sequences must be >= 1, got " + b);
            }
            this.sequences = b;
            return this;
        }

        /**
         * @param t trials per sequence, at least 1 (default 400)
         * @return this builder
         * @throws IllegalArgumentException if {@code t < 1}
         */
        public Builder trials(int t) {
            if (t < 1) {
                throw new IllegalArgumentException("trials must be >= 1, got " + t);
            }
            this.trials = t;
            return this;
        }

        /**
         * @param p probability of a common transition, in [0.5, 1] (default 0.7): the common
         *          transition is the more likely one, and the generated subject's pCongruent is p
         *          with the congruent port mapping, which a p below 0.5 would contradict
         * @return this builder
         * @throws IllegalArgumentException if p is outside [0.5, 1]
         */
        public Builder pCommon(double p) {
            if (!(p >= 0.5 && p <= 1)) {
                throw new IllegalArgumentException("pCommon must be in [0.5, 1] (the common transition is the more"
                        + " likely one), got " + p);
            }
            this.pCommon = p;
            return this;
        }

        /**
         * @param b softmax inverse temperature, finite (default 3.5)
         * @return this builder
         * @throws IllegalArgumentException if b is not finite
         */
        public Builder beta(double b) {
            if (!Double.isFinite(b)) {
                throw new IllegalArgumentException("beta must be finite, got " + b);
            }
            this.beta = b;
            return this;
        }

        /**
         * Sets the phases' reward maps; the number of rows is the number of phases K.
         *
         * @param maps [K][2] reward probability of each second-step state in each phase, in [0, 1]
         * @return this builder
         * @throws IllegalArgumentException if there are no rows, a row does not have 2 entries, or
         *                                  an entry is outside [0, 1]
         */
        public Builder rewardMaps(double[][] maps) {
            if (maps == null || maps.length == 0) {
                throw new IllegalArgumentException("rewardMaps needs at least one phase (row), got none");
            }
            for (int z = 0; z < maps.length; z++) {
                if (maps[z] == null || maps[z].length != 2) {
                    throw new IllegalArgumentException("rewardMaps row " + z + " must have 2 entries (one per "
                            + "second-step state), got " + (maps[z] == null ? "null" : maps[z].length));
                }
                for (int s = 0; s < 2; s++) {
                    double v = maps[z][s];
                    if (!(v >= 0 && v <= 1)) {
                        throw new IllegalArgumentException(
                                "rewardMaps[" + z + "][" + s + "] must be in [0, 1], got " + v);
                    }
                }
            }
            this.rewardMaps = DoubleArrays.copy(maps);
            return this;
        }

        /**
         * @param d the dwell process (default {@code Block(120, 10)})
         * @return this builder
         */
        public Builder dwell(Dwell d) {
            this.dwell = Objects.requireNonNull(d, "dwell");
            return this;
        }

        /**
         * @param s random seed (default 1)
         * @return this builder
         */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** @return the generator; the builder can be reused */
        public TwoStepGenerator build() {
            return new TwoStepGenerator(this);
        }
    }
}
