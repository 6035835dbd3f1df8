package io.github.hmmrnn.emulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.github.hmmrnn.emulation.experiment.LossProbe;

class EnergyDistanceTest {

    private static double[][] cloud(int n, int d, double shift, SplittableRandom rng) {
        double[][] x = new double[n][d];
        for (double[] p : x) {
            for (int k = 0; k < d; k++) {
                p[k] = rng.nextGaussian() + shift;
            }
        }
        return x;
    }

    /** Brute-force U-statistic straight from the definition. */
    private static double bruteForce(double[][] x, double[][] y) {
        double cross = 0;
        for (double[] a : x) {
            for (double[] b : y) {
                cross += dist(a, b);
            }
        }
        double wx = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x.length; j++) {
                wx += i == j ? 0 : dist(x[i], x[j]);
            }
        }
        double wy = 0;
        for (int i = 0; i < y.length; i++) {
            for (int j = 0; j < y.length; j++) {
                wy += i == j ? 0 : dist(y[i], y[j]);
            }
        }
        int n = x.length;
        int m = y.length;
        return 2 * cross / (n * m) - wx / (n * (n - 1.0)) - wy / (m * (m - 1.0));
    }

    private static double dist(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += (a[k] - b[k]) * (a[k] - b[k]);
        }
        return Math.sqrt(s);
    }

    private static double[][] embed(int[][] s, int k, double[] w) {
        double[][] e = new double[s.length][s[0].length * k];
        for (int i = 0; i < s.length; i++) {
            for (int t = 0; t < s[i].length; t++) {
                e[i][t * k + s[i][t]] = w == null ? 1 : w[s[i][t]];
            }
        }
        return e;
    }

    @Test
    void between_matchesDefinitionAndFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(3);
        double[][] x = cloud(5, 4, 0, rng);
        double[][] y = cloud(6, 4, 0.5, rng);
        LossResult r = EnergyDistance.between(x, y);
        assertEquals(bruteForce(x, y), r.value(), 1e-12);
        double h = 1e-6;
        for (int i = 0; i < x.length; i++) {
            for (int k = 0; k < 4; k++) {
                double keep = x[i][k];
                x[i][k] = keep + h;
                double up = EnergyDistance.between(x, y).value();
                x[i][k] = keep - h;
                double down = EnergyDistance.between(x, y).value();
                x[i][k] = keep;
                double fd = (up - down) / (2 * h);
                assertEquals(fd, r.gradient()[i][k], 1e-7 * Math.max(1, Math.abs(fd)), "i=" + i + " k=" + k);
            }
        }
    }

    @Test
    void betweenSequences_equalsDenseOnWeightedOneHot() {
        SplittableRandom rng = new SplittableRandom(5);
        int[][] x = HmmPreset.THREE.hmm().sample(7, 12, rng).outputs();
        int[][] y = HmmPreset.TWO.hmm().sample(9, 12, rng).outputs();
        x[1] = x[0].clone(); // a zero distance inside x: the subgradient 0 must be used consistently
        for (double[] w : new double[][] {null, {1, 3, 1}, {0.5, 2, 1.5}}) {
            LossResult seq = new EnergyDistance(w).betweenSequences(x, y, 3, true);
            LossResult dense = EnergyDistance.between(embed(x, 3, w), embed(y, 3, w));
            assertEquals(dense.value(), seq.value(), 1e-10);
            for (int i = 0; i < x.length; i++) {
                for (int c = 0; c < 12 * 3; c++) {
                    // d/dx (one-hot) = w_k d/du (embedding u = w_k x)
                    double wk = w == null ? 1 : w[c % 3];
                    assertEquals(wk * dense.gradient()[i][c], seq.gradient()[i][c], 1e-10, "i=" + i + " c=" + c);
                }
            }
            assertNull(new EnergyDistance(w).betweenSequences(x, y, 3, false).gradient());
        }
    }

    @Test
    void sameDistribution_zeroInExpectation_differentDistribution_positive() {
        // Small batches are where a biased (V-statistic) estimate would be far from 0.
        EmulationHmm hmm = HmmPreset.TWO.hmm();
        EmulationHmm other5 = HmmPreset.FIVE.hmm();
        EnergyDistance loss = new EnergyDistance(null);
        SplittableRandom rng = new SplittableRandom(11);
        int reps = 300;
        int n = 16;
        double[] same = new double[reps];
        double[] biased = new double[reps];
        double[] other = new double[reps];
        for (int r = 0; r < reps; r++) {
            int[][] a = hmm.sample(n, 40, rng).outputs();
            int[][] b = hmm.sample(n, 40, rng).outputs();
            int[][] c = other5.sample(n, 40, rng).outputs();
            same[r] = loss.betweenSequences(a, b, 3, false).value();
            other[r] = loss.betweenSequences(c, b, 3, false).value();
            // V-statistic: the within sums divided by n^2 instead of n(n-1) (same pairs, plus zero diagonals).
            double[][] ea = embed(a, 3, null);
            double[][] eb = embed(b, 3, null);
            double wa = within(ea);
            double wb = within(eb);
            biased[r] = same[r] + wa / (n * (n - 1.0)) + wb / (n * (n - 1.0)) - wa / (n * n) - wb / (n * n);
        }
        double seSame = se(same);
        assertTrue(Math.abs(mean(same)) < 3 * seSame, "unbiased mean " + mean(same) + " se " + seSame);
        // The same test detects a biased estimator: the V-statistic is positive by many standard errors.
        assertTrue(mean(biased) > 5 * se(biased), "V-statistic mean " + mean(biased) + " se " + se(biased));
        assertTrue(mean(other) > 5 * se(other), "five-state chain mean " + mean(other) + " se " + se(other));
    }

    private static double within(double[][] e) {
        double s = 0;
        for (int i = 0; i < e.length; i++) {
            for (int j = 0; j < e.length; j++) {
                s += dist(e[i], e[j]);
            }
        }
        return s;
    }

    private static double mean(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s / a.length;
    }

    private static double se(double[] a) {
        double m = mean(a);
        double s = 0;
        for (double v : a) {
            s += (v - m) * (v - m);
        }
        return Math.sqrt(s / (a.length - 1) / a.length);
    }

    @Test
    void probe_ranksTrueHmmBest_onlyWithRareSymbolWeight() {
        EmulationHmm hmm = HmmPreset.TWO.hmm();
        List<LossProbe.Row> rows = LossProbe.run(hmm, 100,
                new java.util.LinkedHashMap<>(java.util.Map.of("weighted", new EnergyDistance(new double[] {1, 3, 1}))),
                List.of(LossProbe.Variant.STICKY, LossProbe.Variant.NO_MIDDLE_SYMBOL), 128, 12, 9);
        assertEquals(3, rows.size());
        for (LossProbe.Row r : rows.subList(1, 3)) {
            assertTrue(r.margin() > 3 * r.marginStandardError(), r.toString());
        }
    }

    @Test
    void invalidInput_rejected() {
        assertThrows(IllegalArgumentException.class, () -> new EnergyDistance(new double[] {1, 0, 1}));
        assertThrows(IllegalArgumentException.class,
                () -> new EnergyDistance(null).betweenSequences(new int[][] {{0, 1}}, new int[][] {{0, 1}, {1, 1}}, 2,
                        false));
        assertThrows(IllegalArgumentException.class,
                () -> new EnergyDistance(new double[] {1, 1}).betweenSequences(new int[][] {{0, 2}, {0, 1}},
                        new int[][] {{0, 1}, {1, 1}}, 3, false));
        assertThrows(IllegalArgumentException.class,
                () -> new EnergyDistance(null).betweenSequences(new int[][] {{0, 3}, {0, 1}},
                        new int[][] {{0, 1}, {1, 1}}, 3, false));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LossKind.parse("wasserstein"));
        assertTrue(e.getMessage().contains("[sinkhorn, energy]"), e.getMessage());
        assertEquals(LossKind.ENERGY, LossKind.parse("Energy"));
        assertEquals(LossKind.SINKHORN, LossKind.parse("SINKHORN"));
    }
}
