package io.github.hmmrnn.emulation.analysis;

/**
 * Output statistics of a set of symbol sequences, used to compare an emulator with its HMM.
 *
 * @param meanSwitches      mean number of switches (y_{t+1} != y_t) per sequence
 * @param stdSwitches       standard deviation of switches per sequence
 * @param frequencies       pooled symbol frequencies [K]
 * @param transitionMatrix  pooled lag-1 transition matrix [K][K]; a row of a symbol that never
 *                          occurs before the last step is all zeros (see {@code transitionCounts})
 * @param transitionCounts  number of lag-1 pairs starting in each symbol [K]
 * @param meanRunLength     mean length of maximal runs of each symbol [K] (0 if it never occurs);
 *                          runs cut by the sequence ends are counted as they are, for both sides alike
 * @param runLengthCounts   histogram of run lengths per symbol, [K][T + 1] (index = run length)
 * @param autocorrelation   Pearson autocorrelation of the symbol value v = 2k/(K-1) - 1 at lags
 *                          1..maxLag, pooled over sequences, [maxLag] (0 where undefined)
 */
public record SequenceStatistics(double meanSwitches, double stdSwitches, double[] frequencies,
                                 double[][] transitionMatrix, long[] transitionCounts, double[] meanRunLength,
                                 long[][] runLengthCounts, double[] autocorrelation) {

    /**
     * Computes the statistics.
     *
     * @param sequences  [N][T] symbols in {@code 0..numOutputs-1}
     * @param numOutputs K, at least 2
     * @param maxLag     largest autocorrelation lag, at least 1 and below T
     * @return the statistics
     * @throws IllegalArgumentException on empty or ragged input, symbols out of range, or a bad lag
     */
    public static SequenceStatistics of(int[][] sequences, int numOutputs, int maxLag) {
        if (numOutputs < 2) {
            throw new IllegalArgumentException("numOutputs must be >= 2, got " + numOutputs);
        }
        if (sequences == null || sequences.length == 0) {
            throw new IllegalArgumentException("sequences must not be empty");
        }
        int len = sequences[0].length;
        if (maxLag < 1 || maxLag >= len) {
            throw new IllegalArgumentException("maxLag must be in [1, " + (len - 1) + "], got " + maxLag);
        }
        int n = sequences.length;
        double[] switches = new double[n];
        long[] symbolCounts = new long[numOutputs];
        long[][] pairs = new long[numOutputs][numOutputs];
        long[][] runs = new long[numOutputs][len + 1];
        for (int i = 0; i < n; i++) {
            int[] s = sequences[i];
            if (s.length != len) {
                throw new IllegalArgumentException("sequence " + i + " has length " + s.length + ", expected " + len);
            }
            int run = 1;
            for (int t = 0; t < len; t++) {
                if (s[t] < 0 || s[t] >= numOutputs) {
                    throw new IllegalArgumentException("sequence " + i + " position " + t + ": symbol " + s[t]
                            + " not in 0.." + (numOutputs - 1));
                }
                symbolCounts[s[t]]++;
                if (t > 0) {
                    pairs[s[t - 1]][s[t]]++;
                    if (s[t] != s[t - 1]) {
                        switches[i]++;
                        runs[s[t - 1]][run]++;
                        run = 1;
                    } else {
                        run++;
                    }
                }
            }
            runs[s[len - 1]][run]++;
        }
        double mean = 0;
        for (double v : switches) {
            mean += v / n;
        }
        double var = 0;
        for (double v : switches) {
            var += (v - mean) * (v - mean) / n;
        }
        double[] freq = new double[numOutputs];
        long total = (long) n * len;
        double[][] trans = new double[numOutputs][numOutputs];
        long[] rowCounts = new long[numOutputs];
        double[] meanRun = new double[numOutputs];
        for (int k = 0; k < numOutputs; k++) {
            freq[k] = (double) symbolCounts[k] / total;
            for (int j = 0; j < numOutputs; j++) {
                rowCounts[k] += pairs[k][j];
            }
            for (int j = 0; j < numOutputs; j++) {
                trans[k][j] = rowCounts[k] == 0 ? 0 : (double) pairs[k][j] / rowCounts[k];
            }
            long count = 0;
            long sum = 0;
            for (int r = 1; r <= len; r++) {
                count += runs[k][r];
                sum += runs[k][r] * r;
            }
            meanRun[k] = count == 0 ? 0 : (double) sum / count;
        }
        double[] acf = new double[maxLag];
        for (int lag = 1; lag <= maxLag; lag++) {
            double sa = 0;
            double sb = 0;
            double saa = 0;
            double sbb = 0;
            double sab = 0;
            long m = 0;
            for (int[] s : sequences) {
                for (int t = 0; t + lag < len; t++) {
                    double a = value(s[t], numOutputs);
                    double b = value(s[t + lag], numOutputs);
                    sa += a;
                    sb += b;
                    saa += a * a;
                    sbb += b * b;
                    sab += a * b;
                    m++;
                }
            }
            double cov = sab / m - (sa / m) * (sb / m);
            double va = saa / m - (sa / m) * (sa / m);
            double vb = sbb / m - (sb / m) * (sb / m);
            acf[lag - 1] = va > 0 && vb > 0 ? cov / Math.sqrt(va * vb) : 0;
        }
        return new SequenceStatistics(mean, Math.sqrt(var), freq, trans, rowCounts, meanRun, runs, acf);
    }

    private static double value(int symbol, int numOutputs) {
        return 2.0 * symbol / (numOutputs - 1) - 1;
    }

    /**
     * Largest absolute difference between two transition matrices over the rows that both sets
     * observed at least {@code minCount} times.
     *
     * @param a        first statistics
     * @param b        second statistics
     * @param rows     rows to compare (e.g. {0, 2} for the linear presets), or {@code null} for all
     * @return max |a_ij - b_ij|
     */
    public static double maxTransitionError(SequenceStatistics a, SequenceStatistics b, int[] rows) {
        int k = a.transitionMatrix.length;
        int[] r = rows;
        if (r == null) {
            r = new int[k];
            for (int i = 0; i < k; i++) {
                r[i] = i;
            }
        }
        double max = 0;
        for (int i : r) {
            for (int j = 0; j < k; j++) {
                max = Math.max(max, Math.abs(a.transitionMatrix[i][j] - b.transitionMatrix[i][j]));
            }
        }
        return max;
    }
}
