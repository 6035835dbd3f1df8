package io.github.hmmrnn.emulation;

/** Argument checks shared by the sequence and point-cloud losses ({@link EnergyDistance}, {@link SinkhornDivergence}). */
final class SequenceChecks {

    private SequenceChecks() {
    }

    /**
     * Checks that every sequence has the same length and holds symbols only. The caller has
     * already checked that {@code seqs} is non-null and has as many sequences as its loss needs.
     *
     * @param name       the argument's name, for the messages
     * @param seqs       the sequences, at least one
     * @param len        the required length, or a negative value for the length of {@code seqs[0]}
     * @param numOutputs symbols are 0..numOutputs−1
     * @return the common length
     * @throws IllegalArgumentException naming the first sequence or symbol that is off
     */
    static int sameLengthSymbols(String name, int[][] seqs, int len, int numOutputs) {
        int l = len < 0 ? seqs[0].length : len;
        for (int i = 0; i < seqs.length; i++) {
            if (seqs[i].length != l) {
                throw new IllegalArgumentException(name + "[" + i + "] has length " + seqs[i].length
                        + ", expected " + l);
            }
            for (int t = 0; t < l; t++) {
                if (seqs[i][t] < 0 || seqs[i][t] >= numOutputs) {
                    throw new IllegalArgumentException(name + "[" + i + "][" + t + "] = " + seqs[i][t]
                            + " is not a symbol in 0.." + (numOutputs - 1));
                }
            }
        }
        return l;
    }

    /**
     * Checks a point cloud: at least {@code minPoints} points, all of one dimension, every
     * coordinate finite.
     *
     * @param name      the argument's name, for the messages
     * @param cloud     the points
     * @param dim       the required dimension, or a negative value for that of {@code cloud[0]}
     * @param minPoints the fewest points the caller's estimator needs (1, or 2 for a U-statistic)
     * @return the common dimension
     * @throws IllegalArgumentException naming the argument, the point and the value that is off
     */
    static int pointCloud(String name, double[][] cloud, int dim, int minPoints) {
        if (cloud == null || cloud.length < minPoints) {
            throw new IllegalArgumentException(name + " must contain at least "
                    + (minPoints == 1 ? "one point" : minPoints + " points"));
        }
        int d = dim < 0 ? cloud[0].length : dim;
        for (int i = 0; i < cloud.length; i++) {
            if (cloud[i].length != d) {
                throw new IllegalArgumentException(name + "[" + i + "] has dimension " + cloud[i].length
                        + ", expected " + d);
            }
            for (double v : cloud[i]) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(name + "[" + i + "] contains a non-finite value " + v);
                }
            }
        }
        return d;
    }
}
