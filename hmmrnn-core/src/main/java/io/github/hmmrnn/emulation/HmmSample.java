package io.github.hmmrnn.emulation;

import java.util.Arrays;

/**
 * Sequences drawn from an {@link EmulationHmm}.
 *
 * @param outputs observed symbols, [numSequences][length], values in {@code 0..numOutputs-1}
 * @param states  hidden states, [numSequences][length], values in {@code 0..numStates-1}
 */
public record HmmSample(int[][] outputs, int[][] states) {

    /**
     * Checks that outputs and states have the same shape.
     *
     * @throws IllegalArgumentException if the shapes differ
     */
    public HmmSample {
        if (outputs.length != states.length) {
            throw new IllegalArgumentException("outputs has " + outputs.length + " sequences but states has "
                    + states.length);
        }
    }

    /**
     * Returns the number of sequences.
     *
     * @return number of sequences
     */
    public int numSequences() {
        return outputs.length;
    }

    /**
     * Returns sequences {@code from} (inclusive) to {@code to} (exclusive) as a new sample.
     *
     * @param from first sequence index
     * @param to   one past the last sequence index
     * @return the slice (arrays shared, not copied)
     * @throws IllegalArgumentException if the range is outside {@code [0, numSequences]}
     */
    public HmmSample slice(int from, int to) {
        if (from < 0 || to > outputs.length || from > to) {
            throw new IllegalArgumentException("slice [" + from + ", " + to + ") outside [0, " + outputs.length + "]");
        }
        return new HmmSample(Arrays.copyOfRange(outputs, from, to),
                Arrays.copyOfRange(states, from, to));
    }
}
