package io.github.hmmrnn.hmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class LikelihoodForwardBackwardTest {

    private static HmmParameters randomParameters(SplittableRandom rng, int k) {
        double[] pi = new double[k];
        double[][] a = new double[k][k];
        for (int i = 0; i < k; i++) {
            pi[i] = 0.1 + rng.nextDouble();
            for (int j = 0; j < k; j++) {
                a[i][j] = (i == j ? 3 : 0) + 0.05 + rng.nextDouble();
            }
        }
        normalise(pi);
        for (double[] row : a) {
            normalise(row);
        }
        return HmmParameters.of(pi, a);
    }

    private static void normalise(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= s;
        }
    }

    /** Likelihoods over many orders of magnitude, with exact zeros and steps that emit nothing (all 1). */
    private static double[] randomLikelihoods(SplittableRandom rng, int n, int k) {
        double[] l = new double[n * k];
        for (int t = 0; t < n; t++) {
            int kind = rng.nextInt(10);
            for (int j = 0; j < k; j++) {
                l[t * k + j] = kind == 0 ? 1.0 : Math.exp(-40 * rng.nextDouble() * rng.nextDouble());
            }
            if (kind == 1 && k > 1) {
                l[t * k + rng.nextInt(k)] = 0.0;
            }
        }
        return l;
    }

    @Test
    void agreesWithTheLogSpaceKernel() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int k = 1; k <= 4; k++) {
            int[] lengths = {1, 37, 5, 200, 2, 64};
            int n = 0;
            for (int len : lengths) {
                n += len;
            }
            HmmParameters p = randomParameters(rng, k);
            double[] lik = randomLikelihoods(rng, n, k);
            double[] logLik = new double[lik.length];
            for (int i = 0; i < lik.length; i++) {
                logLik[i] = Math.log(lik[i]);
            }
            ForwardBackwardWorkspace ref = ForwardBackward.runBatch(p, ChainBatch.ofFlat(k, lengths, logLik),
                    ForwardBackwardWorkspace.of(ForwardBackwardWorkspace.Output.PREDICTED));
            LikelihoodForwardBackward direct = new LikelihoodForwardBackward(k, lengths);
            assertTrue(direct.run(p, lik), "K = " + k);
            assertEquals(ref.logMarginalLikelihood(), direct.logMarginalLikelihood(),
                    1e-12 * Math.abs(ref.logMarginalLikelihood()), "K = " + k);
            for (int i = 0; i < n * k; i++) {
                assertEquals(ref.smoothed()[i], direct.smoothed()[i], 1e-12, "K = " + k + " smoothed " + i);
                assertEquals(ref.predicted()[i], direct.predicted()[i], 1e-12, "K = " + k + " predicted " + i);
            }
            HmmStatistics a = ref.statistics();
            HmmStatistics b = direct.statistics();
            assertEquals(lengths.length, b.numChains());
            for (int i = 0; i < k; i++) {
                assertEquals(a.initialCounts()[i], b.initialCounts()[i], 1e-12);
                for (int j = 0; j < k; j++) {
                    assertEquals(a.transitionCounts()[i][j], b.transitionCounts()[i][j], 1e-10,
                            "K = " + k + " xi " + i + "," + j);
                }
            }
        }
    }

    @Test
    void logMarginalLikelihood_equalsBruteForceEnumeration() {
        SplittableRandom rng = new SplittableRandom(5);
        int k = 3;
        int[] lengths = {4, 3};
        HmmParameters p = randomParameters(rng, k);
        double[] lik = randomLikelihoods(rng, 7, k);
        double expected = 0;
        int start = 0;
        for (int len : lengths) {
            double total = 0;
            int paths = (int) Math.pow(k, len);
            for (int code = 0; code < paths; code++) {
                double prob = 1;
                int prev = -1;
                int c = code;
                for (int t = 0; t < len; t++) {
                    int z = c % k;
                    c /= k;
                    prob *= (prev < 0 ? p.initialArray()[z] : p.transitionArray()[prev][z]) * lik[(start + t) * k + z];
                    prev = z;
                }
                total += prob;
            }
            expected += Math.log(total);
            start += len;
        }
        LikelihoodForwardBackward direct = new LikelihoodForwardBackward(k, lengths);
        assertTrue(direct.run(p, lik));
        assertEquals(expected, direct.logMarginalLikelihood(), 1e-12 * Math.abs(expected));
    }

    @Test
    void underflowingNormaliser_isReportedNotReturned() {
        int k = 2;
        HmmParameters p = HmmParameters.of(new double[] {0.5, 0.5}, new double[][] {{0.9, 0.1}, {0.1, 0.9}});
        double[] lik = {0.5, 0.5, 1e-300, 1e-301, 0.5, 0.5};
        LikelihoodForwardBackward direct = new LikelihoodForwardBackward(k, new int[] {3});
        assertFalse(direct.run(p, lik));
        assertThrows(IllegalStateException.class, direct::logMarginalLikelihood);
        assertThrows(IllegalStateException.class, direct::smoothed);
        // the log-space kernel handles the same step exactly
        double[] logLik = new double[lik.length];
        for (int i = 0; i < lik.length; i++) {
            logLik[i] = Math.log(lik[i]);
        }
        double ll = ForwardBackward.runBatch(p, ChainBatch.ofFlat(k, new int[] {3}, logLik),
                ForwardBackwardWorkspace.of()).logMarginalLikelihood();
        assertTrue(Double.isFinite(ll) && ll < -680, "log-space log-likelihood " + ll);
    }

    @Test
    void badInput_isRejectedWithTheValue() {
        assertThrows(IllegalArgumentException.class, () -> new LikelihoodForwardBackward(0, new int[] {3}));
        assertThrows(IllegalArgumentException.class, () -> new LikelihoodForwardBackward(2, new int[] {3, 0}));
        assertThrows(IllegalArgumentException.class, () -> new LikelihoodForwardBackward(2, new int[0]));
        LikelihoodForwardBackward direct = new LikelihoodForwardBackward(2, new int[] {3});
        HmmParameters p = HmmParameters.of(new double[] {0.5, 0.5}, new double[][] {{0.9, 0.1}, {0.1, 0.9}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> direct.run(p, new double[5]));
        assertTrue(e.getMessage().contains("5"), e.getMessage());
    }
}
