package io.github.hmmrnn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.github.hmmrnn.data.Session;
import io.github.hmmrnn.hmm.BatchPosterior;
import io.github.hmmrnn.hmm.ChainEm;
import io.github.hmmrnn.hmm.ChainLayout;
import io.github.hmmrnn.hmm.DirichletPrior;
import io.github.hmmrnn.hmm.HmmParameters;

/**
 * The generalised-EM loop of {@link ChainEm} with the library's emissions: monotone objective,
 * and its E-step against brute-force enumeration of every state path of a tiny case.
 */
class ChainEmTest {

    private static List<Session> sessions(int n, int length, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Session> out = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            int[] c = new int[length];
            int[] o = new int[length];
            int[] r = new int[length];
            boolean[] scored = new boolean[length];
            int phase = rng.nextInt(2);
            for (int t = 0; t < length; t++) {
                if (rng.nextDouble() < 0.05) {
                    phase = 1 - phase;
                }
                c[t] = rng.nextDouble() < (phase == 0 ? 0.8 : 0.3) ? 1 : 0;
                o[t] = rng.nextInt(2);
                r[t] = rng.nextDouble() < (o[t] == phase ? 0.8 : 0.2) ? 1 : 0;
                scored[t] = rng.nextDouble() > 0.2;
            }
            out.add(Session.of("r", s, c, o, r, new boolean[length], scored, null));
        }
        return out;
    }

    private static List<ChainLayout> layouts(List<Session> s) {
        return s.stream().map(ChainLayout::of).toList();
    }

    @Test
    void fit_biasEmissionObjectiveNeverDecreases() {
        List<Session> s = sessions(6, 120, 1);
        var r = ChainEm.fit(HmmParameters.stickyStart(3, 0.9),
                new BiasHmm.BiasEmission(s, layouts(s), new double[] {0.3, 0.5, 0.7}), null,
                new ChainEm.Options(DirichletPrior.pseudoCount(3, 1), 60, 0));
        assertMonotone(r.objectives());
    }

    @Test
    void fit_biasAndOutcomeEmissionsObjectiveNeverDecreases() {
        List<Session> s = sessions(6, 120, 2);
        List<ChainLayout> l = layouts(s);
        var r = ChainEm.fit(HmmParameters.stickyStart(2, 0.97),
                new BiasHmm.BiasEmission(s, l, new double[] {0.4, 0.6}),
                OutcomeChainEmission.of(s, l, OutcomeEmissions.of(new double[][] {{0.45, 0.55}, {0.55, 0.45}})),
                new ChainEm.Options(DirichletPrior.flat(2), 60, 0));
        assertMonotone(r.objectives());
        assertTrue(r.objectives().size() == 60 || r.converged());
    }

    /** The bias emission seen through its log-likelihoods only, so the loop runs in log space. */
    private record LogOnly(BiasHmm.BiasEmission inner) implements io.github.hmmrnn.hmm.ChainEmission<LogOnly> {
        @Override
        public int numSequences() {
            return inner.numSequences();
        }

        @Override
        public double[][] logLikelihoods(int sequence) {
            return inner.logLikelihoods(sequence);
        }

        @Override
        public LogOnly mStep(List<double[][]> smoothed) {
            return new LogOnly(inner.mStep(smoothed));
        }

        @Override
        public double logPrior() {
            return inner.logPrior();
        }
    }

    @Test
    void likelihoodSpaceLoop_equalsTheLogSpaceLoop() {
        List<Session> s = sessions(6, 120, 3);
        List<ChainLayout> l = layouts(s);
        BiasHmm.BiasEmission start = new BiasHmm.BiasEmission(s, l, new double[] {0.25, 0.5, 0.75});
        // the bias emission's likelihoods are p or 1 - p on emitting steps and 1 elsewhere
        for (int i = 0; i < s.size(); i++) {
            double[][] lik = start.likelihoods(i);
            double[][] log = start.logLikelihoods(i);
            for (int t = 0; t < lik.length; t++) {
                for (int k = 0; k < 3; k++) {
                    assertEquals(Math.exp(log[t][k]), lik[t][k], 1e-15);
                }
            }
        }
        ChainEm.Options options = new ChainEm.Options(DirichletPrior.pseudoCount(3, 1), 40, 0);
        var direct = ChainEm.fit(HmmParameters.stickyStart(3, 0.9), start, null, options);
        var logSpace = ChainEm.fit(HmmParameters.stickyStart(3, 0.9), new LogOnly(start), null, options);
        assertEquals(logSpace.objectives().size(), direct.objectives().size());
        for (int i = 0; i < direct.objectives().size(); i++) {
            assertEquals(logSpace.objectives().get(i), direct.objectives().get(i),
                    1e-10 * Math.abs(logSpace.objectives().get(i)), "objective at iteration " + i);
        }
        assertEquals(logSpace.logLikelihood(), direct.logLikelihood(), 1e-10 * Math.abs(direct.logLikelihood()));
        for (int i = 0; i < 3; i++) {
            assertEquals(logSpace.chain().initial()[i], direct.chain().initial()[i], 1e-9);
            for (int j = 0; j < 3; j++) {
                assertEquals(logSpace.chain().transition()[i][j], direct.chain().transition()[i][j], 1e-9);
            }
        }
    }

    private static void assertMonotone(List<Double> objectives) {
        assertTrue(objectives.size() > 5, "iterations " + objectives.size());
        for (int i = 1; i < objectives.size(); i++) {
            assertTrue(objectives.get(i) >= objectives.get(i - 1) - 1e-9 * Math.abs(objectives.get(i - 1)),
                    "objective fell at iteration " + i + ": " + objectives.get(i - 1) + " -> " + objectives.get(i));
        }
    }

    /**
     * E-step on a 5-trial session with two forced trials, choices and outcomes emitted: the
     * marginal likelihood and γ of the library's layout equal the sums over all 2^5 state paths,
     * where a forced trial contributes only its outcome factor.
     */
    @Test
    void eStep_equalsBruteForceOverPaths() {
        Session s = Session.of("r", 0, new int[] {1, 0, 1, 1, 0}, new int[] {0, 1, 0, 1, 1},
                new int[] {1, 0, 0, 1, 1}, new boolean[5], new boolean[] {false, true, true, false, true}, null);
        double[] p = {0.2, 0.7};
        double[][] rho = {{0.3, 0.6}, {0.8, 0.25}};
        double[] pi = {0.35, 0.65};
        double[][] a = {{0.9, 0.1}, {0.2, 0.8}};
        List<Session> list = List.of(s);
        List<ChainLayout> l = layouts(list);
        BatchPosterior post = ChainEm.eStep(HmmParameters.of(pi, a), new BiasHmm.BiasEmission(list, l, p),
                OutcomeChainEmission.of(list, l, OutcomeEmissions.of(rho)));
        double total = 0;
        double[][] gamma = new double[5][2];
        for (int path = 0; path < 32; path++) {
            double joint = 1;
            int prev = -1;
            for (int t = 0; t < 5; t++) {
                int z = (path >> t) & 1;
                joint *= prev < 0 ? pi[z] : a[prev][z];
                if (s.scored(t)) {
                    joint *= s.choice(t) == 1 ? p[z] : 1 - p[z];
                }
                joint *= s.reward(t) == 1 ? rho[z][s.outcome(t)] : 1 - rho[z][s.outcome(t)];
                prev = z;
            }
            total += joint;
            for (int t = 0; t < 5; t++) {
                gamma[t][(path >> t) & 1] += joint;
            }
        }
        assertEquals(Math.log(total), post.logMarginalLikelihood(), 1e-12);
        for (int t = 0; t < 5; t++) {
            for (int k = 0; k < 2; k++) {
                assertEquals(gamma[t][k] / total, post.chains().get(0).smoothed()[t][k], 1e-12);
            }
        }
    }
}
