package io.github.hmmrnn.emulation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.github.hmmrnn.emulation.experiment.LossProbe;

class EnergyDistanceTest {

    /** Brute-force U-statistic straight from the definition. */
    private static double bruteForce(double[][] x, double[][] y) {
        return bruteForce(x, y, 0);
    }

    /** Brute force for the distance kernel (bandwidth 0) or the Gaussian-kernel MMD^2 in its textbook form. */
    private static double bruteForce(double[][] x, double[][] y, double bandwidth) {
        if (bandwidth > 0) {
            double kxx = 0;
            double kyy = 0;
            double kxy = 0;
            for (int i = 0; i < x.length; i++) {
                for (int j = 0; j < x.length; j++) {
                    kxx += i == j ? 0 : gauss(x[i], x[j], bandwidth);
                }
                for (double[] b : y) {
                    kxy += gauss(x[i], b, bandwidth);
                }
            }
            for (int i = 0; i < y.length; i++) {
                for (int j = 0; j < y.length; j++) {
                    kyy += i == j ? 0 : gauss(y[i], y[j], bandwidth);
                }
            }
            int n = x.length;
            int m = y.length;
            return kxx / (n * (n - 1.0)) + kyy / (m * (m - 1.0)) - 2 * kxy / (n * m);
        }
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

    private static double gauss(double[] a, double[] b, double bandwidth) {
        double d = dist(a, b);
        return Math.exp(-d * d / (2 * bandwidth));
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
        double[][] x = PointClouds.cloud(5, 4, 0, rng);
        double[][] y = PointClouds.cloud(6, 4, 0.5, rng);
        LossResult r = EnergyDistance.between(x, y);
        assertEquals(bruteForce(x, y), r.value(), 1e-12);
        double[][] fds = PointClouds.centralDifferences(x, 1e-6, xs -> EnergyDistance.between(xs, y).value());
        for (int i = 0; i < x.length; i++) {
            for (int k = 0; k < 4; k++) {
                double fd = fds[i][k];
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
    void multiScaleEmbedding_byHand_andGradientThroughIt() {
        EnergyDistance e = new EnergyDistance(new double[] {1, 3, 1}, new int[] {1, 2});
        double r = 1 / Math.sqrt(2);
        // [0, 1, 2, 2, 0]: one-hots (weight 3 on symbol 1), then windows {0,1}, {2,2}, {0} summed / sqrt(2).
        double[] expected = {1, 0, 0, 0, 3, 0, 0, 0, 1, 0, 0, 1, 1, 0, 0,
            r, 3 * r, 0, 0, 0, 2 * r, r, 0, 0};
        assertArrayEquals(expected, e.embed(new int[] {0, 1, 2, 2, 0}, 3), 1e-15);
        SplittableRandom rng = new SplittableRandom(8);
        int[][] x = HmmPreset.THREE.hmm().sample(6, 11, rng).outputs();
        int[][] y = HmmPreset.TWO.hmm().sample(5, 11, rng).outputs();
        for (double bw : new double[] {0, 7}) {
        EnergyDistance multi = new EnergyDistance(new double[] {1, 3, 1}, new int[] {1, 3, 5}, bw);
        LossResult seq = multi.betweenSequences(x, y, 3, true);
        double[][] ex = new double[x.length][];
        double[][] ey = new double[y.length][];
        for (int i = 0; i < x.length; i++) {
            ex[i] = multi.embed(x[i], 3);
        }
        for (int j = 0; j < y.length; j++) {
            ey[j] = multi.embed(y[j], 3);
        }
        assertEquals(bruteForce(ex, ey, bw), seq.value(), 1e-10);
        // The gradient is linear in the one-hot input: compare with finite differences of the value as a
        // function of a relaxed (dense) one-hot input, pushed through the same linear embedding.
        double h = 1e-6;
        for (int i = 0; i < x.length; i++) {
            for (int c = 0; c < 11 * 3; c++) {
                double[] dir = direction(11, c, new double[] {1, 3, 1}, new int[] {1, 3, 5});
                double up = bruteForce(shift(ex, i, dir, h), ey, bw);
                double down = bruteForce(shift(ex, i, dir, -h), ey, bw);
                assertEquals((up - down) / (2 * h), seq.gradient()[i][c], 1e-6, "bw=" + bw + " i=" + i + " c=" + c);
            }
        }
        }
    }

    /** The embedding's image of one-hot coordinate c = t K + k (K = 3), built independently of the library. */
    private static double[] direction(int len, int c, double[] w, int[] windows) {
        int dim = 0;
        for (int l : windows) {
            dim += (len + l - 1) / l * 3;
        }
        double[] d = new double[dim];
        int offset = 0;
        for (int l : windows) {
            d[offset + (c / 3) / l * 3 + c % 3] = w[c % 3] / Math.sqrt(l);
            offset += (len + l - 1) / l * 3;
        }
        return d;
    }

    private static double[][] shift(double[][] e, int i, double[] dir, double h) {
        double[][] c = new double[e.length][];
        for (int j = 0; j < e.length; j++) {
            c[j] = e[j].clone();
        }
        for (int a = 0; a < dir.length; a++) {
            c[i][a] += h * dir[a];
        }
        return c;
    }

    /**
     * Switch-count features are quadratic in the one-hot input: the library gradient at sampled sequences must
     * match finite differences of an independent relaxed embedding (one-hots replaced by real vectors).
     */
    @Test
    void switchFeatures_gradientMatchesRelaxedFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(12);
        int len = 9;
        int[][] x = HmmPreset.THREE.hmm().sample(5, len, rng).outputs();
        int[][] y = HmmPreset.TWO.hmm().sample(4, len, rng).outputs();
        double[] w = {1, 3, 1};
        int[] windows = {1, 4};
        for (double bw : new double[] {0, 6}) {
            EnergyDistance loss = new EnergyDistance(w, windows, bw, 2.0);
            LossResult r = loss.betweenSequences(x, y, 3, true);
            double[][][] rx = new double[x.length][][];
            double[][] ey = new double[y.length][];
            for (int i = 0; i < x.length; i++) {
                rx[i] = oneHot(x[i]);
                assertArrayEquals(loss.embed(x[i], 3), relaxedEmbed(rx[i], w, windows, 2.0), 1e-12);
            }
            for (int j = 0; j < y.length; j++) {
                ey[j] = relaxedEmbed(oneHot(y[j]), w, windows, 2.0);
            }
            double h = 1e-6;
            for (int i = 0; i < x.length; i++) {
                for (int t = 0; t < len; t++) {
                    for (int k = 0; k < 3; k++) {
                        double keep = rx[i][t][k];
                        rx[i][t][k] = keep + h;
                        double up = bruteForce(embedAll(rx, w, windows), ey, bw);
                        rx[i][t][k] = keep - h;
                        double down = bruteForce(embedAll(rx, w, windows), ey, bw);
                        rx[i][t][k] = keep;
                        assertEquals((up - down) / (2 * h), r.gradient()[i][t * 3 + k], 1e-6,
                                "bw=" + bw + " i=" + i + " t=" + t + " k=" + k);
                    }
                }
            }
        }
    }

    private static double[][] oneHot(int[] s) {
        double[][] o = new double[s.length][3];
        for (int t = 0; t < s.length; t++) {
            o[t][s[t]] = 1;
        }
        return o;
    }

    private static double[][] embedAll(double[][][] rx, double[] w, int[] windows) {
        double[][] e = new double[rx.length][];
        for (int i = 0; i < rx.length; i++) {
            e[i] = relaxedEmbed(rx[i], w, windows, 2.0);
        }
        return e;
    }

    /** Independent embedding of a relaxed sequence: window sums, then switch counts 1 - x_t . x_{t+1}. */
    private static double[] relaxedEmbed(double[][] x, double[] w, int[] windows, double switchWeight) {
        int len = x.length;
        List<Double> e = new ArrayList<>();
        for (int l : windows) {
            for (int b = 0; b * l < len; b++) {
                for (int k = 0; k < 3; k++) {
                    double v = 0;
                    for (int t = b * l; t < Math.min(len, (b + 1) * l); t++) {
                        v += w[k] * x[t][k];
                    }
                    e.add(v / Math.sqrt(l));
                }
            }
        }
        for (int l : windows) {
            if (l < 2) {
                continue;
            }
            for (int b = 0; b * l < len; b++) {
                double v = 0;
                for (int t = b * l; t < Math.min(len, (b + 1) * l) && t + 1 < len; t++) {
                    double same = 0;
                    for (int k = 0; k < 3; k++) {
                        same += x[t][k] * x[t + 1][k];
                    }
                    v += 1 - same;
                }
                e.add(switchWeight * v / Math.sqrt(l));
            }
        }
        return e.stream().mapToDouble(Double::doubleValue).toArray();
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
        EnergyDistance gaussian = new EnergyDistance(new double[] {1, 3, 1}, new int[] {1, 10}, 30);
        double[] gSame = new double[100];
        double[] gOther = new double[100];
        for (int r = 0; r < gSame.length; r++) {
            int[][] b = hmm.sample(n, 40, rng).outputs();
            gSame[r] = gaussian.betweenSequences(hmm.sample(n, 40, rng).outputs(), b, 3, false).value();
            gOther[r] = gaussian.betweenSequences(other5.sample(n, 40, rng).outputs(), b, 3, false).value();
        }
        assertTrue(Math.abs(mean(gSame)) < 3 * se(gSame), "Gaussian mean " + mean(gSame) + " se " + se(gSame));
        assertTrue(mean(gOther) > 5 * se(gOther), "Gaussian, five-state chain " + mean(gOther) + " se " + se(gOther));
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
                new LinkedHashMap<>(Map.of("weighted", new EnergyDistance(new double[] {1, 3, 1}))),
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
