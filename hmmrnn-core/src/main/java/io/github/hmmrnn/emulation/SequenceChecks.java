package io.github.hmmrnn.emulation;

/** Argument checks shared by the sequence losses ({@link EnergyDistance}, {@link SinkhornDivergence}). */
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
}
