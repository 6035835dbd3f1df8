package io.github.hmmrnn.emulation.analysis;

import java.util.Arrays;

/**
 * A pooled lag-1 transition matrix estimated from many sequences, with the standard error of every entry,
 * for measuring an emulator against an exact reference matrix (for instance
 * {@code EmulationHmm.outputTransitionMatrix(length)}).
 *
 * <p>Why: the difference of two sampled matrices (HMM test set against emulator sample) carries the sampling
 * noise of both, and on a rare symbol's row (about 300 pairs per 1000 sequences for the 1 % middle symbol)
 * that noise alone is several hundredths. Against the exact HMM matrix, with many generated sequences, the
 * remaining noise is stated by the standard errors. The entries are ratio estimators
 * p_ij = sum_s c_sij / sum_s n_si over sequences s (c: pairs i then j, n: pairs starting in i); pairs of one
 * sequence are not independent, so the variance is the sequence-clustered (linearised ratio) one,
 * sum_s (c_sij - p_ij n_si)^2 / (sum_s n_si)^2, which for one pair per sequence is the binomial
 * p(1 - p) / n exactly.
 *
 * @param matrix         estimated matrix [K][K]; a row whose symbol never starts a pair is zero
 * @param standardErrors standard error of each entry [K][K] (0 on rows never seen)
 * @param rowCounts      number of pairs starting in each symbol [K]
 * @param sequences      number of sequences used
 */
public record TransitionEstimate(double[][] matrix, double[][] standardErrors, long[] rowCounts, long sequences) {

    /**
     * The worst entry of an estimate against a reference matrix.
     *
     * @param error         max |estimate_ij - reference_ij| over the compared rows
     * @param row           row i of the worst entry
     * @param column        column j of the worst entry
     * @param standardError standard error of the estimate at (i, j)
     */
    public record Deviation(double error, int row, int column, double standardError) {
    }

    /**
     * Starts an empty accumulator for sequences over {@code numOutputs} symbols.
     *
     * @param numOutputs K, at least 2
     * @return an accumulator
     * @throws IllegalArgumentException if numOutputs is below 2
     */
    public static Accumulator accumulator(int numOutputs) {
        return new Accumulator(numOutputs);
    }

    /**
     * Estimates the matrix from one set of sequences.
     *
     * @param sequences  [N][T] symbols in {@code 0..numOutputs-1}
     * @param numOutputs K, at least 2
     * @return the estimate
     * @throws IllegalArgumentException on an empty set or a symbol out of range
     */
    public static TransitionEstimate of(int[][] sequences, int numOutputs) {
        return accumulator(numOutputs).add(sequences).estimate();
    }

    /**
     * Compares with a reference matrix over the given rows.
     *
     * @param reference [K][K] reference matrix
     * @param rows      rows to compare, or {@code null} for all
     * @return the worst entry with its standard error
     * @throws IllegalArgumentException if the reference has the wrong shape or a row is out of range
     */
    public Deviation maxDeviation(double[][] reference, int[] rows) {
        int k = matrix.length;
        if (reference == null || reference.length != k) {
            throw new IllegalArgumentException("reference must be " + k + " x " + k);
        }
        int[] r = rows;
        if (r == null) {
            r = new int[k];
            for (int i = 0; i < k; i++) {
                r[i] = i;
            }
        }
        Deviation worst = new Deviation(0, r.length > 0 ? r[0] : 0, 0, 0);
        for (int i : r) {
            if (i < 0 || i >= k) {
                throw new IllegalArgumentException("row " + i + " not in 0.." + (k - 1));
            }
            if (reference[i].length != k) {
                throw new IllegalArgumentException("reference row " + i + " has " + reference[i].length
                        + " entries, expected " + k);
            }
            for (int j = 0; j < k; j++) {
                double e = Math.abs(matrix[i][j] - reference[i][j]);
                if (e > worst.error()) {
                    worst = new Deviation(e, i, j, standardErrors[i][j]);
                }
            }
        }
        return worst;
    }

    /** Sums over sequences of the pair counts and their squares and cross-products (mutable, not thread-safe). */
    public static final class Accumulator {
        private final int k;
        private final long[][] pairs;
        private final long[] rows;
        private final double[][] pairsSquared;
        private final double[][] pairsTimesRow;
        private final double[] rowsSquared;
        private long sequences;

        private Accumulator(int numOutputs) {
            if (numOutputs < 2) {
                throw new IllegalArgumentException("numOutputs must be >= 2, got " + numOutputs);
            }
            k = numOutputs;
            pairs = new long[k][k];
            rows = new long[k];
            pairsSquared = new double[k][k];
            pairsTimesRow = new double[k][k];
            rowsSquared = new double[k];
        }

        /**
         * Adds sequences (of any lengths).
         *
         * @param batch [N][T] symbols in {@code 0..numOutputs-1}
         * @return this accumulator
         * @throws IllegalArgumentException if a symbol is out of range
         */
        public Accumulator add(int[][] batch) {
            long[][] c = new long[k][k];
            long[] n = new long[k];
            for (int s = 0; s < batch.length; s++) {
                int[] seq = batch[s];
                for (long[] row : c) {
                    Arrays.fill(row, 0);
                }
                Arrays.fill(n, 0);
                for (int t = 0; t < seq.length; t++) {
                    if (seq[t] < 0 || seq[t] >= k) {
                        throw new IllegalArgumentException("sequence " + s + " position " + t + ": symbol " + seq[t]
                                + " not in 0.." + (k - 1));
                    }
                    if (t > 0) {
                        c[seq[t - 1]][seq[t]]++;
                        n[seq[t - 1]]++;
                    }
                }
                for (int i = 0; i < k; i++) {
                    rows[i] += n[i];
                    rowsSquared[i] += (double) n[i] * n[i];
                    for (int j = 0; j < k; j++) {
                        pairs[i][j] += c[i][j];
                        pairsSquared[i][j] += (double) c[i][j] * c[i][j];
                        pairsTimesRow[i][j] += (double) c[i][j] * n[i];
                    }
                }
            }
            sequences += batch.length;
            return this;
        }

        /**
         * Returns the estimate from everything added so far.
         *
         * @return the estimate
         * @throws IllegalArgumentException if nothing was added
         */
        public TransitionEstimate estimate() {
            if (sequences == 0) {
                throw new IllegalArgumentException("no sequences were added");
            }
            double[][] p = new double[k][k];
            double[][] se = new double[k][k];
            for (int i = 0; i < k; i++) {
                if (rows[i] == 0) {
                    continue;
                }
                double total = rows[i];
                for (int j = 0; j < k; j++) {
                    double pij = pairs[i][j] / total;
                    p[i][j] = pij;
                    // sum_s (c_s - p n_s)^2, expanded so that it can be accumulated in one pass.
                    double ss = pairsSquared[i][j] - 2 * pij * pairsTimesRow[i][j] + pij * pij * rowsSquared[i];
                    se[i][j] = Math.sqrt(Math.max(ss, 0)) / total;
                }
            }
            return new TransitionEstimate(p, se, rows.clone(), sequences);
        }
    }
}
