package io.github.hmmrnn.emulation.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.github.hmmrnn.emulation.EmulationHmm;
import io.github.hmmrnn.emulation.SequenceLoss;

/**
 * Asks what a distribution loss prefers on finite batches: it scores batches of the true HMM and of
 * deliberately wrong variants against independent batches of the true HMM. A loss fit to train an
 * emulator must give the true HMM the lowest mean score.
 *
 * <p>Every repeat draws one data batch of the true HMM and, independently, one batch of each variant
 * (the true HMM included) and scores each against that data batch; the margin of a variant is its
 * score minus the true HMM's score on the same data batch (paired, so the data batch's own noise
 * cancels). Means and standard errors are over repeats.
 */
public final class LossProbe {

    /**
     * A model the loss is asked to score.
     */
    public enum Variant {
        /** The true HMM. */
        TRUE_HMM,
        /** Every off-diagonal transition probability halved (about half as many switches). */
        STICKY,
        /** Every off-diagonal transition probability doubled, capped so the diagonal stays >= 0 (more switches). */
        FAST,
        /** The middle symbol removed from the emissions (rows renormalised); needs K = 3. */
        NO_MIDDLE_SYMBOL;

        /**
         * Builds this variant of an HMM.
         *
         * @param hmm the true HMM
         * @return the variant
         * @throws IllegalArgumentException for {@link #NO_MIDDLE_SYMBOL} if the HMM has no middle symbol
         *                                  (K != 3) or a state emitting only the middle symbol
         */
        public EmulationHmm of(EmulationHmm hmm) {
            double[][] a = hmm.transitions();
            double[][] e = hmm.emissions();
            switch (this) {
                case TRUE_HMM -> {
                    return hmm;
                }
                case STICKY, FAST -> {
                    for (int i = 0; i < a.length; i++) {
                        double off = 0;
                        for (int j = 0; j < a.length; j++) {
                            if (j != i) {
                                off += a[i][j];
                            }
                        }
                        // Scale the off-diagonal mass by 1/2 or 2 (at most to 1: the diagonal never goes negative).
                        double factor = this == STICKY ? 0.5 : Math.min(2, 1 / off);
                        for (int j = 0; j < a.length; j++) {
                            if (j != i) {
                                a[i][j] *= factor;
                            }
                        }
                        a[i][i] = Math.max(0, 1 - off * factor);
                    }
                }
                case NO_MIDDLE_SYMBOL -> {
                    if (hmm.numOutputs() != 3) {
                        throw new IllegalArgumentException("NO_MIDDLE_SYMBOL needs 3 outputs, the HMM has "
                                + hmm.numOutputs());
                    }
                    for (int i = 0; i < e.length; i++) {
                        double rest = e[i][0] + e[i][2];
                        if (!(rest > 0)) {
                            throw new IllegalArgumentException("state " + i + " emits only the middle symbol");
                        }
                        e[i] = new double[] {e[i][0] / rest, 0, e[i][2] / rest};
                    }
                }
                default -> throw new AssertionError(this);
            }
            return EmulationHmm.builder().startProbabilities(hmm.startProbabilities()).transitions(a).emissions(e)
                    .build();
        }
    }

    /**
     * Scores of one variant under one loss at one batch size.
     *
     * @param loss                  loss name
     * @param batchSize             N, the size of both batches
     * @param variant               the scored model
     * @param mean                  mean loss over repeats
     * @param standardError         standard error of that mean
     * @param margin                mean of (variant score - true-HMM score) on the same data batches; 0 for
     *                              the true HMM; positive means the loss prefers the truth
     * @param marginStandardError   standard error of the paired margin
     * @param repeats               number of repeats
     */
    public record Row(String loss, int batchSize, Variant variant, double mean, double standardError, double margin,
                      double marginStandardError, int repeats) {
    }

    private LossProbe() {
    }

    /**
     * Runs the probe.
     *
     * @param hmm        the true HMM
     * @param length     sequence length T
     * @param losses     named losses, scored in this order
     * @param variants   variants to score (the true HMM is always scored, first)
     * @param batchSize  N
     * @param repeats    repeats, at least 2
     * @param seed       seed of all draws
     * @return one row per loss and variant
     * @throws IllegalArgumentException if repeats &lt; 2, batchSize &lt; 2 or no loss is given
     */
    public static List<Row> run(EmulationHmm hmm, int length, Map<String, SequenceLoss> losses, List<Variant> variants,
                                int batchSize, int repeats, long seed) {
        if (repeats < 2 || batchSize < 2 || losses.isEmpty()) {
            throw new IllegalArgumentException("need repeats >= 2, batchSize >= 2 and a loss, got " + repeats + ", "
                    + batchSize + ", " + losses.keySet());
        }
        List<Variant> scored = new ArrayList<>();
        scored.add(Variant.TRUE_HMM);
        for (Variant v : variants) {
            if (v != Variant.TRUE_HMM) {
                scored.add(v);
            }
        }
        Map<Variant, EmulationHmm> models = new LinkedHashMap<>();
        for (Variant v : scored) {
            models.put(v, v.of(hmm));
        }
        int k = hmm.numOutputs();
        int nl = losses.size();
        double[][][] score = new double[nl][scored.size()][repeats];
        SplittableRandom rng = new SplittableRandom(seed);
        for (int r = 0; r < repeats; r++) {
            int[][] data = hmm.sample(batchSize, length, rng.split()).outputs();
            for (int v = 0; v < scored.size(); v++) {
                int[][] model = models.get(scored.get(v)).sample(batchSize, length, rng.split()).outputs();
                int l = 0;
                for (SequenceLoss loss : losses.values()) {
                    score[l++][v][r] = loss.betweenSequences(model, data, k, false).value();
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        int l = 0;
        for (String name : losses.keySet()) {
            for (int v = 0; v < scored.size(); v++) {
                double[] diff = new double[repeats];
                for (int r = 0; r < repeats; r++) {
                    diff[r] = score[l][v][r] - score[l][0][r];
                }
                rows.add(new Row(name, batchSize, scored.get(v), mean(score[l][v]), standardError(score[l][v]),
                        mean(diff), standardError(diff), repeats));
            }
            l++;
        }
        return rows;
    }

    private static double mean(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s / a.length;
    }

    private static double standardError(double[] a) {
        double m = mean(a);
        double s = 0;
        for (double v : a) {
            s += (v - m) * (v - m);
        }
        return Math.sqrt(s / (a.length - 1) / a.length);
    }
}
