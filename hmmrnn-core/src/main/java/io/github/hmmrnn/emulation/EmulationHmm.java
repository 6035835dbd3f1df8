package io.github.hmmrnn.emulation;

import io.github.hmmrnn.numeric.DoubleArrays;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A categorical hidden Markov model used as the sequence generator that an RNN learns to emulate.
 *
 * <p>Immutable; built with {@link #builder()}. Kept separate from the general inference engine
 * because emulation only needs sampling and a few closed-form output statistics.
 */
public final class EmulationHmm {

    /** Tolerance for a probability row to count as summing to one. */
    public static final double ROW_SUM_TOLERANCE = 1e-9;

    private final double[] startProbabilities;
    private final double[][] transitions;
    private final double[][] emissions;

    private EmulationHmm(double[] start, double[][] transitions, double[][] emissions) {
        this.startProbabilities = start;
        this.transitions = transitions;
        this.emissions = emissions;
    }

    /**
     * Returns a new builder.
     *
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the number of hidden states M.
     *
     * @return number of states
     */
    public int numStates() {
        return transitions.length;
    }

    /**
     * Returns the number of output symbols K.
     *
     * @return number of outputs
     */
    public int numOutputs() {
        return emissions[0].length;
    }

    /**
     * Returns a copy of the start probabilities.
     *
     * @return [M] probabilities
     */
    public double[] startProbabilities() {
        return startProbabilities.clone();
    }

    /**
     * Returns a copy of the transition matrix.
     *
     * @return [M][M], row i = P(next state | state i)
     */
    public double[][] transitions() {
        return DoubleArrays.copy(transitions);
    }

    /**
     * Returns a copy of the emission matrix.
     *
     * @return [M][K], row i = P(output | state i)
     */
    public double[][] emissions() {
        return DoubleArrays.copy(emissions);
    }

    /**
     * Draws {@code numSequences} independent sequences of {@code length} steps.
     *
     * @param numSequences number of sequences, at least 1
     * @param length       steps per sequence, at least 1
     * @param rng          random stream (consumed; same stream state gives the same sample)
     * @return outputs and hidden states
     * @throws IllegalArgumentException if a count is below 1
     */
    public HmmSample sample(int numSequences, int length, SplittableRandom rng) {
        if (numSequences < 1) {
            throw new IllegalArgumentException("numSequences must be >= 1, got " + numSequences);
        }
        if (length < 1) {
            throw new IllegalArgumentException("length must be >= 1, got " + length);
        }
        int[][] outputs = new int[numSequences][length];
        int[][] states = new int[numSequences][length];
        for (int n = 0; n < numSequences; n++) {
            int s = draw(startProbabilities, rng.nextDouble());
            for (int t = 0; t < length; t++) {
                if (t > 0) {
                    s = draw(transitions[s], rng.nextDouble());
                }
                states[n][t] = s;
                outputs[n][t] = draw(emissions[s], rng.nextDouble());
            }
        }
        return new HmmSample(outputs, states);
    }

    /**
     * Returns the stationary distribution of the hidden chain (power iteration from uniform).
     *
     * @return [M] probabilities
     */
    public double[] stationaryDistribution() {
        int m = numStates();
        double[] p = new double[m];
        Arrays.fill(p, 1.0 / m);
        for (int it = 0; it < 100_000; it++) {
            double[] next = new double[m];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    next[j] += p[i] * transitions[i][j];
                }
            }
            double diff = 0;
            for (int j = 0; j < m; j++) {
                diff += Math.abs(next[j] - p[j]);
            }
            p = next;
            if (diff < 1e-15) {
                break;
            }
        }
        return p;
    }

    /**
     * Returns the stationary output frequencies.
     *
     * @return [K] probabilities
     */
    public double[] outputFrequencies() {
        double[] pi = stationaryDistribution();
        double[] f = new double[numOutputs()];
        for (int s = 0; s < numStates(); s++) {
            for (int k = 0; k < numOutputs(); k++) {
                f[k] += pi[s] * emissions[s][k];
            }
        }
        return f;
    }

    /**
     * Returns the stationary lag-1 output transition matrix P(o_{t+1} = j | o_t = i).
     *
     * @return [K][K] row-stochastic matrix (rows of outputs with zero frequency are zero)
     */
    public double[][] outputTransitionMatrix() {
        int m = numStates();
        int k = numOutputs();
        double[] pi = stationaryDistribution();
        double[][] joint = new double[k][k];
        for (int s = 0; s < m; s++) {
            for (int s2 = 0; s2 < m; s2++) {
                double w = pi[s] * transitions[s][s2];
                for (int i = 0; i < k; i++) {
                    for (int j = 0; j < k; j++) {
                        joint[i][j] += w * emissions[s][i] * emissions[s2][j];
                    }
                }
            }
        }
        return normalisedRows(joint);
    }

    /**
     * Returns the exact lag-1 output transition matrix that the pooled estimator of
     * {@code SequenceStatistics} converges to on sequences of {@code length} steps drawn from the start
     * distribution: row i is sum_t P(o_t = i, o_{t+1} = j) / sum_t P(o_t = i), both sums over
     * t = 1..length-1, with the state marginals propagated from the start probabilities. When the start
     * distribution is stationary it equals {@link #outputTransitionMatrix()}; it is the reference against
     * which an emulator's transition matrix is measured without the sampling noise of a finite HMM test set.
     *
     * @param length sequence length, at least 2
     * @return [K][K] row-stochastic matrix (rows of outputs that cannot occur before the last step are zero)
     * @throws IllegalArgumentException if length is below 2
     */
    public double[][] outputTransitionMatrix(int length) {
        if (length < 2) {
            throw new IllegalArgumentException("length must be >= 2 for lag-1 pairs, got " + length);
        }
        int m = numStates();
        int k = numOutputs();
        double[] marginal = startProbabilities.clone();
        double[][] joint = new double[k][k];
        for (int t = 0; t + 1 < length; t++) {
            double[] next = new double[m];
            for (int s = 0; s < m; s++) {
                for (int s2 = 0; s2 < m; s2++) {
                    double w = marginal[s] * transitions[s][s2];
                    next[s2] += w;
                    for (int i = 0; i < k; i++) {
                        for (int j = 0; j < k; j++) {
                            joint[i][j] += w * emissions[s][i] * emissions[s2][j];
                        }
                    }
                }
            }
            marginal = next;
        }
        return normalisedRows(joint);
    }

    /** Scales each row of a joint count matrix to sum to 1; a row that never occurs stays zero. */
    private static double[][] normalisedRows(double[][] joint) {
        for (double[] row : joint) {
            double sum = Arrays.stream(row).sum();
            if (sum > 0) {
                for (int j = 0; j < row.length; j++) {
                    row[j] /= sum;
                }
            }
        }
        return joint;
    }

    /**
     * Returns the expected number of output switches (o_{t+1} != o_t) per stationary sequence.
     *
     * @param length sequence length, at least 1
     * @return expected switches, (length - 1) times the stationary switch probability
     * @throws IllegalArgumentException if length is below 1
     */
    public double expectedSwitches(int length) {
        if (length < 1) {
            throw new IllegalArgumentException("length must be >= 1, got " + length);
        }
        double[] f = outputFrequencies();
        double[][] p = outputTransitionMatrix();
        double stay = 0;
        for (int i = 0; i < f.length; i++) {
            stay += f[i] * p[i][i];
        }
        return (length - 1) * (1 - stay);
    }

    @Override
    public String toString() {
        return "EmulationHmm[states=" + numStates() + ", outputs=" + numOutputs() + ", start="
                + Arrays.toString(startProbabilities) + ", transitions=" + Arrays.deepToString(transitions)
                + ", emissions=" + Arrays.deepToString(emissions) + "]";
    }

    private static int draw(double[] p, double u) {
        double c = 0;
        for (int i = 0; i < p.length; i++) {
            c += p[i];
            if (u < c) {
                return i;
            }
        }
        // Rounding can leave the cumulative sum a hair below one; fall back to the last positive entry.
        for (int i = p.length - 1; i >= 0; i--) {
            if (p[i] > 0) {
                return i;
            }
        }
        return p.length - 1;
    }

    static void checkDistribution(String name, double[] row) {
        double sum = 0;
        for (int j = 0; j < row.length; j++) {
            double v = row[j];
            if (!(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException(name + "[" + j + "] must be a probability in [0, 1], got " + v);
            }
            sum += v;
        }
        if (Math.abs(sum - 1) > ROW_SUM_TOLERANCE) {
            throw new IllegalArgumentException(name + " must sum to 1, got " + sum + " for " + Arrays.toString(row));
        }
    }

    /**
     * Builder for {@link EmulationHmm}; each setter validates its argument at once.
     */
    public static final class Builder {
        private double[] start;
        private double[][] transitions;
        private double[][] emissions;

        private Builder() {
        }

        /**
         * Sets the start probabilities.
         *
         * @param start [M] probabilities summing to one
         * @return this builder
         * @throws IllegalArgumentException if an entry is outside [0, 1] or the sum is not 1
         */
        public Builder startProbabilities(double[] start) {
            if (start == null || start.length < 1) {
                throw new IllegalArgumentException("startProbabilities must have at least one entry");
            }
            checkDistribution("startProbabilities", start);
            this.start = start.clone();
            return this;
        }

        /**
         * Sets the transition matrix.
         *
         * @param transitions [M][M] row-stochastic matrix
         * @return this builder
         * @throws IllegalArgumentException if it is not square or a row is not a distribution
         */
        public Builder transitions(double[][] transitions) {
            if (transitions == null || transitions.length < 1) {
                throw new IllegalArgumentException("transitions must have at least one row");
            }
            for (int i = 0; i < transitions.length; i++) {
                if (transitions[i].length != transitions.length) {
                    throw new IllegalArgumentException("transitions must be square: row " + i + " has "
                            + transitions[i].length + " entries, expected " + transitions.length);
                }
                checkDistribution("transitions row " + i, transitions[i]);
            }
            this.transitions = DoubleArrays.copy(transitions);
            return this;
        }

        /**
         * Sets the emission matrix.
         *
         * @param emissions [M][K] row-stochastic matrix with K at least 2
         * @return this builder
         * @throws IllegalArgumentException if K is below 2, rows are ragged or not distributions
         */
        public Builder emissions(double[][] emissions) {
            if (emissions == null || emissions.length < 1) {
                throw new IllegalArgumentException("emissions must have at least one row");
            }
            int k = emissions[0].length;
            if (k < 2) {
                throw new IllegalArgumentException("emissions must have at least 2 outputs (columns), got " + k);
            }
            for (int i = 0; i < emissions.length; i++) {
                if (emissions[i].length != k) {
                    throw new IllegalArgumentException("emissions row " + i + " has " + emissions[i].length
                            + " entries, expected " + k);
                }
                checkDistribution("emissions row " + i, emissions[i]);
            }
            this.emissions = DoubleArrays.copy(emissions);
            return this;
        }

        /**
         * Builds the model; the start probabilities default to uniform when not set.
         *
         * @return the immutable model
         * @throws IllegalStateException if transitions or emissions are missing
         * @throws IllegalArgumentException if the matrix sizes disagree
         */
        public EmulationHmm build() {
            if (transitions == null) {
                throw new IllegalStateException("transitions were not set");
            }
            if (emissions == null) {
                throw new IllegalStateException("emissions were not set");
            }
            int m = transitions.length;
            if (emissions.length != m) {
                throw new IllegalArgumentException("emissions has " + emissions.length + " rows but transitions has "
                        + m + " states");
            }
            double[] s = start != null ? start.clone() : HmmConstructions.uniformStart(m);
            if (s.length != m) {
                throw new IllegalArgumentException("startProbabilities has " + s.length + " entries but transitions has "
                        + m + " states");
            }
            return new EmulationHmm(s, DoubleArrays.copy(transitions), DoubleArrays.copy(emissions));
        }
    }
}
