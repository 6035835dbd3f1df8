package io.github.hmmrnn.rl.dqn;

import java.util.List;

/**
 * Trials of unequal length padded to the longest one, with a mask marking real steps.
 *
 * @param trials  the source trials
 * @param lengths true length per trial
 * @param mask    1 for real steps, 0 for padding, [batch][maxLength]
 * @param maxLength longest trial in the batch
 */
public record TrialBatch(List<StoredTrial> trials, int[] lengths, double[][] mask, int maxLength) {

    /**
     * Pads a list of trials.
     *
     * @param trials at least one trial
     * @return the padded batch
     */
    public static TrialBatch of(List<StoredTrial> trials) {
        if (trials == null || trials.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one trial");
        }
        int max = 0;
        int[] len = new int[trials.size()];
        for (int b = 0; b < len.length; b++) {
            len[b] = trials.get(b).length();
            max = Math.max(max, len[b]);
        }
        double[][] mask = new double[len.length][max];
        for (int b = 0; b < len.length; b++) {
            for (int t = 0; t < len[b]; t++) {
                mask[b][t] = 1.0;
            }
        }
        return new TrialBatch(List.copyOf(trials), len, mask, max);
    }

    /**
     * Number of real (unmasked) steps.
     *
     * @return sum of lengths
     */
    public int realSteps() {
        int s = 0;
        for (int l : lengths) {
            s += l;
        }
        return s;
    }
}
