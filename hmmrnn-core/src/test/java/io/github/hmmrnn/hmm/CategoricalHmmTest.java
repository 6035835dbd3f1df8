package io.github.hmmrnn.hmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hmmrnn.metrics.StateAlignment;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import java.util.Arrays;

class CategoricalHmmTest {

    private static final double[][] TRUE_A = {{0.95, 0.03, 0.02}, {0.04, 0.92, 0.04}, {0.03, 0.03, 0.94}};
    private static final double[][] TRUE_B = {{0.7, 0.2, 0.05, 0.05}, {0.1, 0.1, 0.7, 0.1}, {0.05, 0.45, 0.05, 0.45}};

    private static CategoricalHmm truth() {
        return CategoricalHmm.of(HmmParameters.of(new double[] {0.5, 0.3, 0.2}, TRUE_A), TRUE_B);
    }

    @Test
    void fit_hundredThousandSamples_recoversParametersAfterAlignment() {
        CategoricalHmm truth = truth();
        SplittableRandom rng = new SplittableRandom(2024);
        List<int[]> seqs = new ArrayList<>();
        List<int[]> states = new ArrayList<>();
        for (int b = 0; b < 100; b++) {
            CategoricalHmm.Sample s = truth.sample(1000, rng);
            seqs.add(s.symbols());
            states.add(s.states());
        }
        BaumWelchOptions opts = BaumWelchOptions.defaults(3, 4).withStarts(3).withStopping(300, 1e-9).withSeed(5);
        CategoricalHmmFit fit = CategoricalHmm.fit(seqs, opts);
        CategoricalHmm m = fit.model();
        List<double[][]> ref = new ArrayList<>();
        List<double[][]> post = new ArrayList<>();
        for (int b = 0; b < seqs.size(); b++) {
            double[][] oneHot = new double[states.get(b).length][3];
            for (int t = 0; t < oneHot.length; t++) {
                oneHot[t][states.get(b)[t]] = 1;
            }
            ref.add(oneHot);
            post.add(m.posterior(seqs.get(b)).smoothed());
        }
        int[] map = StateAlignment.align(ref, post);
        double[][] a = StateAlignment.applyToMatrix(m.parameters().transition(), map);
        double[][] e = StateAlignment.applyToRows(m.emissions(), map);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(TRUE_A[i], a[i], 0.02, "A row " + i);
            assertArrayEquals(TRUE_B[i], e[i], 0.02, "B row " + i);
        }
        assertTrue(fit.logLikelihood() >= truth.logLikelihood(seqs) - 1.0,
                "MLE must not be worse than the truth: " + fit.logLikelihood() + " vs " + truth.logLikelihood(seqs));
        assertEquals(3, fit.restartLogPosteriors().size());
    }

    @Test
    void fit_withDirichletPriors_neverDecreasesLogPosterior() {
        SplittableRandom rng = new SplittableRandom(1);
        List<int[]> seqs = new ArrayList<>();
        for (int b = 0; b < 20; b++) {
            seqs.add(truth().sample(50 + b, rng).symbols());
        }
        for (double alphaEmission : new double[] {1.0, 1.5, 3.0}) {
            BaumWelchOptions opts = BaumWelchOptions.defaults(3, 4)
                    .withPriors(DirichletPrior.sticky(3, 2.0, 10.0, 1.5), alphaEmission)
                    .withStarts(2).withStopping(200, 0);
            CategoricalHmmFit fit = CategoricalHmm.fit(seqs, opts);
            List<Double> h = fit.history();
            assertTrue(h.size() > 10);
            for (int i = 1; i < h.size(); i++) {
                assertTrue(h.get(i) >= h.get(i - 1) - 1e-9 * Math.abs(h.get(i - 1)),
                        "alpha " + alphaEmission + ": objective fell at iteration " + i + ": " + h.get(i - 1) + " -> " + h.get(i));
            }
            double lp = fit.model().logLikelihood(seqs)
                    + fit.model().logPrior(opts.transitionPrior(), opts.emissionConcentration());
            assertEquals(lp, fit.logPosterior(), 1e-8 * Math.abs(lp));
        }
    }

    @Test
    void fit_sameSeed_bitIdentical() {
        SplittableRandom rng = new SplittableRandom(3);
        List<int[]> seqs = new ArrayList<>();
        for (int b = 0; b < 5; b++) {
            seqs.add(truth().sample(100, rng).symbols());
        }
        BaumWelchOptions opts = BaumWelchOptions.defaults(2, 4).withStarts(2).withStopping(30, 0);
        CategoricalHmmFit a = CategoricalHmm.fit(seqs, opts);
        CategoricalHmmFit b = CategoricalHmm.fit(seqs, opts);
        assertEquals(a.model().parameters(), b.model().parameters());
        assertTrue(Arrays.deepEquals(a.model().emissions(), b.model().emissions()));
        assertEquals(a.history(), b.history());
    }

    @Test
    void logLikelihood_matchesForwardAlgorithmByHand() {
        // K = 1 reduces to i.i.d. categorical data.
        CategoricalHmm m = CategoricalHmm.of(HmmParameters.of(new double[] {1}, new double[][] {{1}}),
                new double[][] {{0.2, 0.8}});
        assertEquals(Math.log(0.2) + 2 * Math.log(0.8), m.logLikelihood(List.of(new int[] {0, 1, 1})), 1e-12);
    }

    @Test
    void sample_longRun_matchesTransitionAndEmissionFrequencies() {
        CategoricalHmm.Sample s = truth().sample(200_000, new SplittableRandom(4));
        double[][] trans = new double[3][3];
        double[][] emis = new double[3][4];
        for (int t = 0; t < s.states().length; t++) {
            emis[s.states()[t]][s.symbols()[t]]++;
            if (t > 0) {
                trans[s.states()[t - 1]][s.states()[t]]++;
            }
        }
        for (int i = 0; i < 3; i++) {
            double rt = 0;
            double re = 0;
            for (double v : trans[i]) {
                rt += v;
            }
            for (double v : emis[i]) {
                re += v;
            }
            for (int j = 0; j < 3; j++) {
                assertEquals(TRUE_A[i][j], trans[i][j] / rt, 0.01);
            }
            for (int j = 0; j < 4; j++) {
                assertEquals(TRUE_B[i][j], emis[i][j] / re, 0.01);
            }
        }
    }

    @Test
    void of_badEmissions_namesEntry() {
        HmmParameters p = HmmParameters.of(new double[] {0.5, 0.5}, new double[][] {{0.9, 0.1}, {0.1, 0.9}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CategoricalHmm.of(p, new double[][] {{0.5, 0.5}, {0.6, 0.6}}));
        assertTrue(e.getMessage().startsWith("emissions[1] sums to"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> CategoricalHmm.of(p, new double[][] {{0.5, 0.5}}));
        assertTrue(e.getMessage().contains("2 rows"), e.getMessage());
    }

    @Test
    void fit_symbolOutOfRange_namesSequenceAndPosition() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CategoricalHmm.fit(List.of(new int[] {0, 1}, new int[] {1, 4}), BaumWelchOptions.defaults(2, 4)));
        assertTrue(e.getMessage().contains("sequence 1 position 1: symbol 4"), e.getMessage());
    }

    @Test
    void options_invalid_namesOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BaumWelchOptions.defaults(2, 3).withStarts(0));
        assertTrue(e.getMessage().contains("starts"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> BaumWelchOptions.defaults(2, 3).withPriors(DirichletPrior.flat(3), 1.0));
        assertTrue(e.getMessage().contains("transitionPrior has 3 states"), e.getMessage());
    }
}
