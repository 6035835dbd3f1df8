package io.github.hmmrnn.hmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MStepAndStructureTest {

    @Test
    void update_dirichletPrior_matchesClosedForm() {
        HmmStatistics stats = new HmmStatistics(new double[] {3.0, 0.2}, new double[][] {{10, 2}, {0.5, 0.0}}, -1, 3);
        DirichletPrior prior = new DirichletPrior(new double[] {1.0, 0.5}, new double[][] {{3, 1}, {1, 2}});
        HmmParameters prev = HmmParameters.of(new double[] {0.5, 0.5}, new double[][] {{0.5, 0.5}, {0.5, 0.5}});
        HmmParameters p = HmmMStep.update(stats, prior, prev);
        // π ∝ max(3 + 0, 0), max(0.2 − 0.5, 0) = (3, 0)
        assertArrayEquals(new double[] {1.0, 0.0}, p.initial(), 1e-15);
        assertArrayEquals(new double[] {12.0 / 14, 2.0 / 14}, p.transition()[0], 1e-15);
        assertArrayEquals(new double[] {0.5 / 1.5, 1.0 / 1.5}, p.transition()[1], 1e-15);
    }

    @Test
    void update_rowWithoutEvidence_keepsPreviousRow() {
        HmmStatistics stats = new HmmStatistics(new double[] {1, 0}, new double[][] {{4, 0}, {0, 0}}, -1, 1);
        HmmParameters prev = HmmParameters.of(new double[] {0.5, 0.5}, new double[][] {{0.5, 0.5}, {0.3, 0.7}});
        HmmParameters p = HmmMStep.update(stats, DirichletPrior.flat(2), prev);
        assertArrayEquals(new double[] {0.3, 0.7}, p.transition()[1], 0);
    }

    @Test
    void emStep_onArbitraryEmissions_increasesLogPosterior() {
        SplittableRandom rng = new SplittableRandom(8);
        List<double[][]> chains = List.of(ForwardBackwardTest.randomLogLik(40, 3, 3, rng),
                ForwardBackwardTest.randomLogLik(25, 3, 3, rng));
        DirichletPrior prior = DirichletPrior.sticky(3, 1.5, 5, 1.2);
        HmmParameters p = HmmParameters.of(new TransitionStructure.Free().initialDistribution(3),
                new TransitionStructure.Free().randomTransition(3, 1.0, rng));
        double last = Double.NEGATIVE_INFINITY;
        for (int it = 0; it < 30; it++) {
            BatchPosterior post = ForwardBackward.runAll(p, chains);
            double lp = post.logMarginalLikelihood() + prior.logDensity(p);
            assertTrue(lp >= last - 1e-10, "iteration " + it + ": " + last + " -> " + lp);
            last = lp;
            p = HmmMStep.update(post.statistics(), prior, p);
        }
    }

    @Test
    void structures_initialisers_areStochasticAndRespectStructure() {
        SplittableRandom rng = new SplittableRandom(1);
        List<TransitionStructure> all = List.of(new TransitionStructure.Free(), new TransitionStructure.Sticky(0.97),
                new TransitionStructure.StickyPerState(new double[] {0.9, 0.8, 0.7, 0.6}),
                new TransitionStructure.LeftToRight(0.9));
        for (TransitionStructure s : all) {
            HmmParameters p = HmmParameters.of(s.initialDistribution(4), s.initialTransition(4));
            HmmParameters r = HmmParameters.of(s.initialDistribution(4), s.randomTransition(4, 1.0, rng));
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 4; j++) {
                    if (!s.allows(i, j)) {
                        assertEquals(0.0, p.transition(i, j), s.toString());
                        assertEquals(0.0, r.transition(i, j), s.toString());
                    }
                }
            }
        }
        assertEquals(0.97, new TransitionStructure.Sticky(0.97).initialTransition(2)[0][0]);
        assertEquals(0.01, new TransitionStructure.Sticky(0.97).initialTransition(4)[2][0], 1e-15);
        assertArrayEquals(new double[] {0, 0.9, 0.1}, new TransitionStructure.LeftToRight(0.9).initialTransition(3)[1], 1e-15);
        assertArrayEquals(new double[] {1, 0, 0}, new TransitionStructure.LeftToRight(0.9).initialDistribution(3));
    }

    @Test
    void structures_badValues_nameValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TransitionStructure.Sticky(1.5));
        assertTrue(e.getMessage().contains("stay must be in [0, 1], got 1.5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new TransitionStructure.StickyPerState(new double[] {0.9, -1}));
        assertTrue(e.getMessage().contains("stay[1]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new TransitionStructure.StickyPerState(new double[] {0.9, 0.9}).initialTransition(3));
        assertTrue(e.getMessage().contains("numStates 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new DirichletPrior(new double[] {1, 0}, new double[][] {{1, 1}, {1, 1}}));
        assertTrue(e.getMessage().contains("initialConcentration[1]"), e.getMessage());
    }

    @Test
    void logDensity_flatPrior_isZeroEvenAtBoundary() {
        HmmParameters p = HmmParameters.of(new double[] {1, 0}, new double[][] {{1, 0}, {0, 1}});
        assertEquals(0.0, DirichletPrior.flat(2).logDensity(p));
        assertEquals(Double.NEGATIVE_INFINITY, DirichletPrior.sticky(2, 2, 1, 1).logDensity(p));
    }
}
