package io.github.hmmrnn.moa;

import io.github.hmmrnn.agents.Agent;
import io.github.hmmrnn.agents.AgentPreset;
import io.github.hmmrnn.agents.Agents;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.model.ChainEvidence;
import io.github.hmmrnn.model.ModelSpecs;
import io.github.hmmrnn.model.TrainingHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HmmMoaStartFamiliesTest {

    private static FittedHmmMoa threeStateTruth() {
        List<Agent> agents = List.of(Agents.mbRewardB().withParameter("alpha", 0.5, true),
                Agents.mfChoiceB().withParameter("alpha", 0.4, true), Agents.bias());
        double[][] beta = {{2.0, 0.3, 1.0}, {0.1, 1.2, 0.4}, {0.0, 0.4, -1.0}};
        return FittedHmmMoa.of(agents, beta, new double[] {0.7, 0.2, 0.1},
                new double[][] {{0.96, 0.03, 0.01}, {0.02, 0.96, 0.02}, {0.01, 0.03, 0.96}});
    }

    @Test
    void spec_jsonRoundTrip_keepsTheStartFamilies_andOldSpecsReadWithTheirDefaults() {
        HmmMoaModel spec = HmmMoaModel.builder().states(3).agents(AgentPreset.VENDITTO2023).starts(2).randomStarts(3)
                .splitStarts(true).biasHmmStart(true).screenedStarts(8).segmentStarts(4).seed(7).build();
        assertEquals(spec, ModelSpecs.fromJson(spec.toJson()));
        assertNotEquals(spec, spec.toBuilder().randomStarts(2).build());
        assertNotEquals(spec, spec.toBuilder().splitStarts(false).build());
        assertNotEquals(spec, spec.toBuilder().screenedStarts(0).build());
        assertNotEquals(spec, spec.toBuilder().segmentStarts(3).build());
        HmmMoaModel plain = spec.toBuilder().randomStarts(0).splitStarts(false).screenedStarts(0).segmentStarts(0)
                .build();
        String old = plain.toJson().replace("\"randomStarts\":0,", "").replace("\"splitStarts\":false,", "")
                .replace("\"screenedStarts\":0,", "").replace("\"segmentStarts\":0,", "")
                .replace("\"localSearchRounds\":0,", "");
        assertTrue(!old.contains("randomStarts") && !old.contains("splitStarts") && !old.contains("screenedStarts")
                && !old.contains("segmentStarts") && !old.contains("localSearchRounds"), old);
        assertEquals(plain, ModelSpecs.fromJson(old));
        assertEquals(spec.toBuilder().splitStarts(true).biasHmmStart(true)
                        .segmentStarts(HmmMoaModel.RECOMMENDED_SEGMENT_STARTS)
                        .localSearchRounds(HmmMoaModel.RECOMMENDED_LOCAL_SEARCH_ROUNDS).build(),
                spec.toBuilder().splitStarts(false).biasHmmStart(false).segmentStarts(0).recommendedStartFamilies()
                        .build());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> HmmMoaModel.builder().segmentStarts(-2))
                .getMessage().contains("segmentStarts"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HmmMoaModel.builder().randomStarts(-1));
        assertTrue(e.getMessage().contains("randomStarts"), e.getMessage());
        // split starts alone are enough starts when there is a smaller model to split
        HmmMoaModel.builder().states(2).agents(AgentPreset.VENDITTO2023).starts(0).splitStarts(true).build();
        assertThrows(IllegalStateException.class,
                () -> HmmMoaModel.builder().states(1).agents(AgentPreset.VENDITTO2023).starts(0).splitStarts(true).build());
    }

    @Test
    void fit_everyFamily_recordsEachStart_savesIt_andIsBitIdenticalAcrossThreads(@TempDir Path dir) {
        FittedHmmMoa truth = threeStateTruth();
        TwoStepDataset data = MoaSimulator.simulate(truth, 8, 120, TwoStepTask.DEFAULT, 5);
        HmmMoaModel spec = HmmMoaModel.builder().states(3).agents(truth.agents()).starts(2).randomStarts(2)
                .splitStarts(true).biasHmmStart(true).maxIterations(60).seed(3).build();
        FittedHmmMoa fit = spec.fit(data);
        assertEquals(List.of(StartFamily.PERTURBED_ONE_STATE, StartFamily.PERTURBED_ONE_STATE, StartFamily.RANDOM,
                StartFamily.RANDOM, StartFamily.SPLIT, StartFamily.SPLIT, StartFamily.BIAS_HMM), fit.startFamilies());
        double[] lp = fit.startLogPosteriors();
        assertEquals(7, lp.length);
        double best = Arrays.stream(lp).max().orElseThrow();
        assertEquals(best, fit.logPosterior(), 0.0);
        assertEquals(Arrays.stream(lp).filter(v -> v >= best - 0.1).count(), fit.startsAgreeing());
        assertTrue(fit.startsAgreeing() >= 1);

        FittedHmmMoa threaded = spec.toBuilder().threads(3).build().fit(data);
        assertArrayEquals(lp, threaded.startLogPosteriors(), 0.0);
        for (int a = 0; a < fit.weights().length; a++) {
            assertArrayEquals(fit.weights()[a], threaded.weights()[a], 0.0);
        }
        assertArrayEquals(fit.transitionMatrix()[2], threaded.transitionMatrix()[2], 0.0);

        Path file = dir.resolve("model.json");
        fit.save(file);
        FittedHmmMoa back = FittedHmmMoa.load(file);
        assertEquals(fit.startFamilies(), back.startFamilies());
        assertArrayEquals(lp, back.startLogPosteriors(), 0.0);
        assertEquals(fit.startsAgreeing(), back.startsAgreeing());
    }

    @Test
    void fit_splitStarts_endNoLowerThanTheSmallerModel() {
        FittedHmmMoa truth = threeStateTruth();
        TwoStepDataset data = MoaSimulator.simulate(truth, 8, 150, TwoStepTask.DEFAULT, 6);
        HmmMoaModel.Builder b = HmmMoaModel.builder().agents(truth.agents()).starts(1).splitStarts(true).seed(2);
        FittedHmmMoa two = b.states(2).build().fit(data);
        FittedHmmMoa three = b.states(3).build().fit(data);
        // a split start begins at the two-state optimum up to its perturbation, and EM only climbs
        assertTrue(three.logLikelihood() >= two.logLikelihood() - 1e-6,
                "K=3 LL " + three.logLikelihood() + " < K=2 LL " + two.logLikelihood());
        // the bias-only K=2 ... K=1 chain: the two-state fit also beats the one-state one
        FittedHmmMoa one = b.states(1).build().fit(data);
        assertTrue(two.logLikelihood() >= one.logLikelihood() - 1e-6);
    }

    @Test
    void fit_screenedStarts_continueTheBestCandidates_identicallyOnAnyThreadCount() {
        FittedHmmMoa truth = threeStateTruth();
        TwoStepDataset data = MoaSimulator.simulate(truth, 6, 100, TwoStepTask.DEFAULT, 8);
        // at a tolerance above the search tolerance a lone start and the starts of a search run alike
        HmmMoaModel spec = HmmMoaModel.builder().states(2).agents(truth.agents()).starts(1).screenedStarts(16)
                .maxIterations(80).tolerance(1e-3).seed(5).build();
        FittedHmmMoa fit = spec.fit(data);
        // 16 candidates, one in 8 continues: the perturbed start plus 2 continued candidates
        assertEquals(3, fit.startLogPosteriors().length);
        assertEquals(StartFamily.PERTURBED_ONE_STATE, fit.startFamilies().get(0));
        FittedHmmMoa threaded = spec.toBuilder().threads(4).build().fit(data);
        assertArrayEquals(fit.startLogPosteriors(), threaded.startLogPosteriors(), 0.0);
        assertEquals(fit.startFamilies(), threaded.startFamilies());
        // the screened search adds starts, so it cannot end lower than the perturbed start alone
        FittedHmmMoa single = spec.toBuilder().screenedStarts(0).build().fit(data);
        assertEquals(single.startLogPosteriors()[0], fit.startLogPosteriors()[0], 0.0);
        assertTrue(fit.logPosterior() >= single.logPosterior());
    }

    @Test
    void fit_segmentStarts_areRecorded_identicalOnAnyThreadCount_andAloneEnoughStarts() {
        FittedHmmMoa truth = threeStateTruth();
        TwoStepDataset data = MoaSimulator.simulate(truth, 8, 150, TwoStepTask.DEFAULT, 9);
        HmmMoaModel spec = HmmMoaModel.builder().states(3).agents(truth.agents()).starts(1).segmentStarts(3)
                .maxIterations(60).tolerance(1e-3).seed(4).build();
        FittedHmmMoa fit = spec.fit(data);
        assertEquals(List.of(StartFamily.PERTURBED_ONE_STATE, StartFamily.SEGMENTS, StartFamily.SEGMENTS,
                StartFamily.SEGMENTS), fit.startFamilies());
        FittedHmmMoa threaded = spec.toBuilder().threads(3).build().fit(data);
        assertArrayEquals(fit.startLogPosteriors(), threaded.startLogPosteriors(), 0.0);
        // the segment starts draw from their own stream: the perturbed start is the same without them
        FittedHmmMoa single = spec.toBuilder().segmentStarts(0).build().fit(data);
        assertEquals(single.startLogPosteriors()[0], fit.startLogPosteriors()[0], 0.0);
        FittedHmmMoa alone = spec.toBuilder().starts(0).segmentStarts(2).build().fit(data);
        assertEquals(List.of(StartFamily.SEGMENTS, StartFamily.SEGMENTS), alone.startFamilies());
        // these states persist for ~25-100 trials: clustering whole sessions and pieces finds the truth's basin
        assertTrue(fit.logLikelihood() >= truth.logLikelihood(data) - 1.0,
                "fit " + fit.logLikelihood() + " vs truth " + truth.logLikelihood(data));
    }

    @Test
    void fit_localSearch_appendsItsRounds_neverEndsLower_andIsIdenticalOnAnyThreadCount() {
        FittedHmmMoa truth = threeStateTruth();
        TwoStepDataset data = MoaSimulator.simulate(truth, 6, 120, TwoStepTask.DEFAULT, 11);
        HmmMoaModel spec = HmmMoaModel.builder().states(3).agents(truth.agents()).starts(2).localSearchRounds(2)
                .maxIterations(60).seed(6).build();
        FittedHmmMoa fit = spec.fit(data);
        List<StartFamily> expected = new ArrayList<>(List.of(StartFamily.PERTURBED_ONE_STATE,
                StartFamily.PERTURBED_ONE_STATE));
        for (int i = 0; i < 2 * HmmMoaModel.LOCAL_SEARCH_CANDIDATES; i++) {
            expected.add(StartFamily.LOCAL_SEARCH);
        }
        assertEquals(expected, fit.startFamilies());
        FittedHmmMoa threaded = spec.toBuilder().threads(3).build().fit(data);
        assertArrayEquals(fit.startLogPosteriors(), threaded.startLogPosteriors(), 0.0);
        for (int a = 0; a < fit.weights().length; a++) {
            assertArrayEquals(fit.weights()[a], threaded.weights()[a], 0.0);
        }
        // the search draws from its own stream after the other starts, which it leaves unchanged,
        // and it only moves to a higher fit, so it cannot end lower than the starts alone
        FittedHmmMoa without = spec.toBuilder().localSearchRounds(0).build().fit(data);
        assertArrayEquals(without.startLogPosteriors(), Arrays.copyOf(fit.startLogPosteriors(), 2), 0.0);
        assertTrue(fit.logPosterior() >= without.logPosterior());
        assertEquals(spec, ModelSpecs.fromJson(spec.toJson()));
        assertNotEquals(spec, spec.toBuilder().localSearchRounds(1).build());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> HmmMoaModel.builder().localSearchRounds(-1))
                .getMessage().contains("localSearchRounds"));
        // K = 1 has nothing to search: no extra starts
        FittedHmmMoa one = spec.toBuilder().states(1).starts(1).build().fit(data);
        assertEquals(List.of(StartFamily.PERTURBED_ONE_STATE), one.startFamilies());
    }

    @Test
    void fit_withTheSmallerFitGiven_isBitIdenticalToRefittingIt_andRejectsAnotherSpecification() {
        FittedHmmMoa truth = threeStateTruth();
        TwoStepDataset data = MoaSimulator.simulate(truth, 6, 100, TwoStepTask.DEFAULT, 12);
        HmmMoaModel spec = HmmMoaModel.builder().states(3).agents(truth.agents()).starts(1).splitStarts(true)
                .localSearchRounds(1).maxIterations(40).seed(8).build();
        HmmMoaModel source = spec.splitSource().orElseThrow();
        assertEquals(2, source.numStates());
        FittedHmmMoa smaller = source.fit(data);
        FittedHmmMoa cached = spec.fit(data, smaller);
        FittedHmmMoa refitted = spec.fit(data);
        assertArrayEquals(refitted.startLogPosteriors(), cached.startLogPosteriors(), 0.0);
        for (int a = 0; a < refitted.weights().length; a++) {
            assertArrayEquals(refitted.weights()[a], cached.weights()[a], 0.0);
        }
        assertArrayEquals(refitted.transitionMatrix()[1], cached.transitionMatrix()[1], 0.0);
        assertTrue(spec.toBuilder().states(2).build().splitSource().isEmpty());
        assertTrue(spec.toBuilder().splitStarts(false).build().splitSource().isEmpty());
        FittedHmmMoa other = source.toBuilder().seed(9).build().fit(data);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> spec.fit(data, other)).getMessage()
                .contains("smaller"));
        assertThrows(IllegalArgumentException.class,
                () -> spec.toBuilder().splitStarts(false).build().fit(data, smaller));
    }

    @Test
    void polish_continuesALooseStartToTheSpecTolerance_asOneRun_reachingTheDirectFitsOptimum() {
        FittedHmmMoa truth = threeStateTruth();
        TwoStepDataset data = MoaSimulator.simulate(truth, 6, 150, TwoStepTask.DEFAULT, 21);
        int k = 2;
        int na = truth.agents().size();
        double[][] mean = new double[k][na];
        double[][] sd = new double[k][na];
        for (double[] row : sd) {
            Arrays.fill(row, 2);
        }
        double tol = 1e-7;
        MoaFitter fitter = new MoaFitter(truth.agents(), k, PreparedSession.of(data), mean, sd, 1,
                new double[][] {{1, 1}, {1, 1}}, 300, tol, EmAcceleration.SQUAREM, ChainEvidence.CHOICES);
        MoaFitter.Params init = new MoaFitter.Params(new double[][] {{1.0, 0.2, 0.5}, {0.1, 0.8, -0.5}},
                new double[] {0.5, 0.4}, new double[] {0.5, 0.5}, new double[][] {{0.9, 0.1}, {0.1, 0.9}});
        double searchTolerance = HmmMoaModel.SEARCH_TOLERANCE_PER_TRIAL * data.numScored();
        MoaFitter.StartResult loose = fitter.fit(init.copy(), 0, 300, searchTolerance);
        MoaFitter.StartResult polished = fitter.polish(loose);
        MoaFitter.StartResult direct = fitter.fit(init.copy(), 0, 300, tol);
        assertEquals(searchTolerance, loose.tolerance(), 0.0);
        assertEquals(tol, polished.tolerance(), 0.0);
        assertTrue(direct.history().converged() && polished.history().converged());
        // the loose start stopped earlier, below; polishing only climbs, to the direct run's optimum
        assertTrue(loose.history().entries().size() < direct.history().entries().size(),
                loose.history().entries().size() + " vs " + direct.history().entries().size());
        assertTrue(polished.logPosterior() >= loose.logPosterior());
        assertTrue(direct.logPosterior() - loose.logPosterior() > 10 * tol,
                "loose " + loose.logPosterior() + " direct " + direct.logPosterior());
        assertEquals(direct.logPosterior(), polished.logPosterior(), 1e-4);
        // one history: the loose iterations, then the polishing ones, numbered on
        List<TrainingHistory.Entry> entries = polished.history().entries();
        assertTrue(entries.size() > loose.history().entries().size());
        for (int i = 0; i < entries.size(); i++) {
            assertEquals(i, entries.get(i).iteration());
        }
        assertEquals(loose.history().entries(), entries.subList(0, loose.history().entries().size()));
        assertEquals(-polished.logPosterior() / data.numScored(), entries.get(entries.size() - 1).objective()
                .getAsDouble(), 1e-12);
        // a start already at the spec's tolerance is left as it is
        assertTrue(fitter.polish(polished) == polished && fitter.polish(direct) == direct);
    }

    @Test
    void evaluateOrNull_rejectsAPointUnderWhichAChoiceHasProbabilityZero() {
        List<Agent> agents = List.of(Agents.bias());
        TwoStepDataset data = MoaSimulator.simulate(FittedHmmMoa.of(agents, new double[][] {{0.3, -0.3}},
                new double[] {0.5, 0.5}, new double[][] {{0.9, 0.1}, {0.1, 0.9}}), 2, 40, TwoStepTask.DEFAULT, 3);
        double[][] prior = {{0}, {0}};
        double[][] sd = {{10}, {10}};
        MoaFitter fitter = new MoaFitter(agents, 2, PreparedSession.of(data), prior, sd, 1,
                new double[][] {{1, 1}, {1, 1}}, 10, 1e-5, EmAcceleration.SQUAREM, ChainEvidence.CHOICES);
        // state 1 unreachable; state 0 says "right" with certainty (log p(left) = -1000): every left
        // choice then has probability zero, as after a SQUAREM jump that zeroes transitions
        MoaFitter.Params dead = new MoaFitter.Params(new double[][] {{500}, {0}}, new double[0], new double[] {1, 0},
                new double[][] {{1, 0}, {0, 1}});
        assertThrows(IllegalArgumentException.class, () -> fitter.fit(dead.copy(), 0));
        assertNull(fitter.evaluateOrNull(dead));
        MoaFitter.Params alive = new MoaFitter.Params(new double[][] {{0.5}, {0}}, new double[0], new double[] {1, 0},
                new double[][] {{0.9, 0.1}, {0.1, 0.9}});
        assertNotNull(fitter.evaluateOrNull(alive));
    }

    @Test
    void segmentCuts_coverEachSessionOnce() {
        assertArrayEquals(new int[] {0, 10}, HmmMoaModel.segmentCuts(10, 0));
        assertArrayEquals(new int[] {0, 4, 10}, HmmMoaModel.segmentCuts(10, -4));
        assertArrayEquals(new int[] {0, 10}, HmmMoaModel.segmentCuts(10, -10));
        assertArrayEquals(new int[] {0, 100, 200, 300}, HmmMoaModel.segmentCuts(300, 90));
        assertArrayEquals(new int[] {0, 5}, HmmMoaModel.segmentCuts(5, 150));
    }

    @Test
    void kMeans_separatesWellSeparatedWeightedGroups() {
        List<double[]> points = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        double[][] centres = {{0, 0}, {10, 0}, {0, 10}};
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = 0; i < 30; i++) {
            double[] c = centres[i % 3];
            points.add(new double[] {c[0] + rng.nextGaussian() * 0.5, c[1] + rng.nextGaussian() * 0.5});
            weights.add(1.0 + i % 4);
        }
        int[] assign = HmmMoaModel.kMeans(points, weights, 3, new SplittableRandom(7));
        for (int i = 3; i < 30; i++) {
            assertEquals(assign[i % 3], assign[i], "point " + i);
        }
        assertEquals(3, Arrays.stream(assign).distinct().count());
    }

    @Test
    void dropDuplicates_removesRepeatedStartsWithTheirFamilies() {
        MoaFitter.Params a = new MoaFitter.Params(new double[][] {{1, 2}}, new double[] {0.5}, new double[] {1},
                new double[][] {{1}});
        MoaFitter.Params b = new MoaFitter.Params(new double[][] {{1, 2.5}}, new double[] {0.5}, new double[] {1},
                new double[][] {{1}});
        List<MoaFitter.Params> inits = new ArrayList<>(List.of(a, b, a.copy(), b.copy()));
        List<StartFamily> families = new ArrayList<>(List.of(StartFamily.PERTURBED_ONE_STATE, StartFamily.RANDOM,
                StartFamily.SPLIT, StartFamily.BIAS_HMM));
        HmmMoaModel.dropDuplicates(inits, families);
        assertEquals(2, inits.size());
        assertEquals(List.of(StartFamily.PERTURBED_ONE_STATE, StartFamily.RANDOM), families);
        assertEquals(2.5, inits.get(1).beta[0][1], 0.0);
    }

    @Test
    void countAgreeing_countsStartsWithinTheTolerance() {
        assertEquals(3, FittedHmmMoa.countAgreeing(new double[] {-10.0, -10.05, -10.1, -10.2, -30}));
        assertEquals(1, FittedHmmMoa.countAgreeing(new double[] {-5}));
        assertEquals(0, FittedHmmMoa.countAgreeing(new double[0]));
    }
}
