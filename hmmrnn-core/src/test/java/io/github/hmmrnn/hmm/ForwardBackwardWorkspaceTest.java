package io.github.hmmrnn.hmm;

import static io.github.hmmrnn.hmm.ForwardBackwardTest.randomLogLik;
import static io.github.hmmrnn.hmm.ForwardBackwardTest.randomParameters;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hmmrnn.hmm.ForwardBackwardWorkspace.Output;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The reusable workspace of {@link ForwardBackward#runBatch(HmmParameters, ChainBatch, ForwardBackwardWorkspace)}:
 * bit for bit the allocating {@link ForwardBackward#runBatch(HmmParameters, ChainBatch)} and the
 * per-chain {@link ForwardBackward#run}, whatever the kept outputs, the batch shape and the
 * workspace's history.
 */
class ForwardBackwardWorkspaceTest {

    /**
     * Ragged chains, more than one group of the widest lockstep kernel (4 vectors of up to 8
     * lanes), lanes without a chain in the last group, ties, impossible states and extreme
     * log-likelihoods (−1e4 per step).
     */
    static List<double[][]> raggedChains(int k, int count, SplittableRandom rng) {
        List<double[][]> chains = new ArrayList<>();
        for (int b = 0; b < count; b++) {
            int n = b % 9 == 0 ? 1 : 1 + rng.nextInt(b % 3 == 0 ? 90 : 45);
            double[][] l = randomLogLik(n, k, b % 5 == 0 ? 1e4 : 20.0, rng);
            for (double[] row : l) {
                if (k > 1 && rng.nextInt(5) == 0) {
                    row[1] = row[0];
                }
                if (k > 1 && rng.nextInt(7) == 0) {
                    row[rng.nextInt(k)] = Double.NEGATIVE_INFINITY;
                }
            }
            chains.add(l);
        }
        return chains;
    }

    /** Asserts that the workspace holds exactly the numbers of the allocating call. */
    static void assertSameNumbers(ChainBatchPosterior want, ForwardBackwardWorkspace got, String what) {
        assertEquals(want.logMarginalLikelihood(), got.logMarginalLikelihood(), 0.0, what);
        assertArrayEquals(want.chainLogLikelihoods(), got.chainLogLikelihoods(), 0.0, what + " chain log-likelihoods");
        assertArrayEquals(want.smoothed(), got.smoothed(), 0.0, what + " smoothed");
        if (got.outputs().contains(Output.PREDICTED)) {
            assertArrayEquals(want.predicted(), got.predicted(), 0.0, what + " predicted");
        }
        if (got.outputs().contains(Output.FILTERED)) {
            assertArrayEquals(want.filtered(), got.filtered(), 0.0, what + " filtered");
        }
        if (got.outputs().contains(Output.LOG_CONDITIONALS)) {
            assertArrayEquals(want.logConditionals(), got.logConditionals(), 0.0, what + " log conditionals");
        }
        HmmStatistics s = got.statistics();
        assertArrayEquals(want.statistics().initialCounts(), s.initialCounts(), 0.0, what + " initial counts");
        for (int i = 0; i < s.numStates(); i++) {
            assertArrayEquals(want.statistics().transitionCounts()[i], s.transitionCounts()[i], 0.0, what + " xi");
        }
        assertEquals(want.statistics().logLikelihood(), s.logLikelihood(), 0.0);
        assertEquals(want.statistics().numChains(), s.numChains());
    }

    @Test
    void runBatchWorkspace_everyOutputChoice_bitIdenticalToAllocatingCallAndPerChainRun() {
        SplittableRandom rng = new SplittableRandom(61);
        List<EnumSet<Output>> choices = List.of(EnumSet.noneOf(Output.class), EnumSet.allOf(Output.class),
                EnumSet.of(Output.PREDICTED), EnumSet.of(Output.FILTERED, Output.LOG_CONDITIONALS));
        for (int k = 1; k <= 4; k++) {
            HmmParameters params = randomParameters(k, rng);
            List<double[][]> chains = raggedChains(k, 75, rng);
            ChainBatch batch = ChainBatch.of(k, chains);
            ChainBatchPosterior want = ForwardBackward.runBatch(params, batch);
            for (EnumSet<Output> outputs : choices) {
                ForwardBackwardWorkspace ws = ForwardBackwardWorkspace.of(outputs);
                assertSame(ws, ForwardBackward.runBatch(params, batch, ws));
                assertSameNumbers(want, ws, "K=" + k + " " + outputs);
                // plain loops instead of the Vector API (K = 2's own kernel included): the same bits
                ForwardBackwardWorkspace scalar = ForwardBackwardWorkspace.scalar(outputs.toArray(new Output[0]));
                assertEquals(outputs, scalar.outputs());
                assertSameNumbers(want, ForwardBackward.runBatch(params, batch, scalar), "scalar K=" + k + " " + outputs);
            }
            // and the per-chain kernel, chain by chain
            ForwardBackwardWorkspace lean = ForwardBackward.runBatch(params, batch, ForwardBackwardWorkspace.of());
            for (int b = 0; b < chains.size(); b++) {
                HmmPosterior ref = ForwardBackward.run(params.initialArray(), params.transitionArray(), chains.get(b));
                assertEquals(ref.logMarginalLikelihood(), lean.chainLogLikelihoods()[b], 0.0, "chain " + b);
                for (int t = 0; t < ref.length(); t++) {
                    for (int j = 0; j < k; j++) {
                        assertEquals(ref.smoothed()[t][j], lean.smoothed()[(batch.offset(b) + t) * k + j], 0.0,
                                "K=" + k + " chain " + b + " step " + t);
                    }
                }
            }
        }
    }

    @Test
    void runBatchWorkspace_reusedAcrossShapes_equalsFreshCallsAndReusesArrays() {
        SplittableRandom rng = new SplittableRandom(62);
        HmmParameters two = randomParameters(2, rng);
        HmmParameters three = randomParameters(3, rng);
        List<double[][]> wideChains = raggedChains(2, 70, rng);
        ChainBatch wide = ChainBatch.of(2, wideChains);
        ChainBatch few = ChainBatch.of(3, raggedChains(3, 3, rng)); // fewer than 4 chains: chain by chain
        ChainBatch equal = ChainBatch.of(2, List.of(randomLogLik(50, 2, 5, rng), randomLogLik(50, 2, 5, rng),
                randomLogLik(50, 2, 5, rng), randomLogLik(50, 2, 5, rng), randomLogLik(50, 2, 5, rng)));
        // the shape of wide (same lengths), other data
        List<double[][]> wide2Chains = new ArrayList<>();
        for (double[][] c : wideChains) {
            wide2Chains.add(randomLogLik(c.length, 2, 10.0, rng));
        }
        ChainBatch wide2 = ChainBatch.of(2, wide2Chains);
        for (EnumSet<Output> outputs : List.of(EnumSet.noneOf(Output.class), EnumSet.allOf(Output.class))) {
            ForwardBackwardWorkspace ws = ForwardBackwardWorkspace.of(outputs);
            Object[][] plan = {{two, wide}, {three, few}, {two, equal}, {two, wide}, {two, wide2}, {three, few}};
            double[] previousSmoothed = null;
            for (int r = 0; r < plan.length; r++) {
                HmmParameters p = (HmmParameters) plan[r][0];
                ChainBatch batch = (ChainBatch) plan[r][1];
                ForwardBackward.runBatch(p, batch, ws);
                assertSameNumbers(ForwardBackward.runBatch(p, batch), ws, "run " + r + " " + outputs);
                assertEquals(batch.numChains(), ws.numChains());
                assertEquals(batch.numSteps(), ws.numSteps());
                assertEquals(batch.numStates(), ws.numStates());
                assertEquals(batch.numSteps() * batch.numStates(), ws.smoothed().length);
                if (r == 4) {
                    // same shape as run 3: the arrays are the workspace's own, reused
                    assertSame(previousSmoothed, ws.smoothed());
                }
                previousSmoothed = ws.smoothed();
            }
        }
    }

    @Test
    void toPosterior_isACopyIndependentOfLaterRuns() {
        SplittableRandom rng = new SplittableRandom(63);
        HmmParameters params = randomParameters(2, rng);
        ChainBatch first = ChainBatch.of(2, raggedChains(2, 12, rng));
        ChainBatch second = ChainBatch.of(2, raggedChains(2, 12, rng));
        ForwardBackwardWorkspace ws = ForwardBackwardWorkspace.of(Output.PREDICTED);
        ForwardBackward.runBatch(params, first, ws);
        ChainBatchPosterior copy = ws.toPosterior();
        assertNotSame(ws.smoothed(), copy.smoothed());
        assertNull(copy.filtered());
        assertNull(copy.logConditionals());
        ForwardBackward.runBatch(params, second, ws);
        ChainBatchPosterior want = ForwardBackward.runBatch(params, first);
        assertArrayEquals(want.smoothed(), copy.smoothed(), 0.0);
        assertArrayEquals(want.predicted(), copy.predicted(), 0.0);
        assertEquals(want.logMarginalLikelihood(), copy.logMarginalLikelihood(), 0.0);
    }

    @Test
    void workspace_outputNotKeptOrNoResult_throwsNamingWhat() {
        ForwardBackwardWorkspace ws = ForwardBackwardWorkspace.of(Output.FILTERED);
        IllegalStateException e = assertThrows(IllegalStateException.class, ws::smoothed);
        assertTrue(e.getMessage().contains("no result"), e.getMessage());
        assertFalse(ws.hasResult());
        HmmParameters params = HmmParameters.of(new double[] {0.5, 0.5}, new double[][] {{0.9, 0.1}, {0.2, 0.8}});
        ForwardBackward.runBatch(params, ChainBatch.of(2, List.<double[][]>of(new double[][] {{0, -1}})), ws);
        e = assertThrows(IllegalStateException.class, ws::predicted);
        assertTrue(e.getMessage().contains("PREDICTED") && e.getMessage().contains("[FILTERED]"), e.getMessage());
        e = assertThrows(IllegalStateException.class, ws::logConditionals);
        assertTrue(e.getMessage().contains("LOG_CONDITIONALS"), e.getMessage());
        assertEquals(1, ws.filtered().length / 2);
    }

    @Test
    void runBatchWorkspace_badArguments_throwNamingTheArgument() {
        HmmParameters params = HmmParameters.of(new double[] {0.5, 0.5}, new double[][] {{0.9, 0.1}, {0.2, 0.8}});
        ChainBatch three = ChainBatch.of(3, List.<double[][]>of(new double[][] {{0, -1, -2}}));
        ForwardBackwardWorkspace ws = ForwardBackwardWorkspace.of();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ForwardBackward.runBatch(params, three, ws));
        assertTrue(e.getMessage().contains("batch has 3 states, parameters have 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ForwardBackward.runBatch(params, three,
                (ForwardBackwardWorkspace) null));
        assertTrue(e.getMessage().contains("workspace = null"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ForwardBackward.runBatch(null, three, ws));
        assertTrue(e.getMessage().contains("parameters = null"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ForwardBackwardWorkspace.of(Output.FILTERED, null));
        assertTrue(e.getMessage().contains("outputs[1] is null"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ForwardBackwardWorkspace.of((Set<Output>) null));
        assertTrue(e.getMessage().contains("outputs must not be null"), e.getMessage());
    }

    /**
     * A run that throws (an impossible observation) leaves no result; the next run of the same
     * workspace is again bit-identical to a fresh call: nothing of the failed run leaks.
     */
    @Test
    void runBatchWorkspace_afterFailedRun_noResultThenRecovers() {
        HmmParameters params = HmmParameters.of(new double[] {1.0, 0.0}, new double[][] {{1.0, 0.0}, {0.0, 1.0}});
        SplittableRandom rng = new SplittableRandom(64);
        List<double[][]> chains = new ArrayList<>();
        for (int b = 0; b < 40; b++) {
            chains.add(randomLogLik(b == 3 ? 60 : 30, 2, 3.0, rng));
        }
        ChainBatch good = ChainBatch.of(2, chains);
        List<double[][]> broken = new ArrayList<>(chains);
        double[][] bad = chains.get(17).clone();
        bad[11] = new double[] {Double.NEGATIVE_INFINITY, 0.0};
        broken.set(17, bad);
        ForwardBackwardWorkspace ws = ForwardBackwardWorkspace.allOutputs();
        ForwardBackward.runBatch(params, good, ws);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ForwardBackward.runBatch(params, ChainBatch.of(2, broken), ws));
        assertTrue(e.getMessage().contains("chain 17: observation at step 11"), e.getMessage());
        assertFalse(ws.hasResult());
        assertThrows(IllegalStateException.class, ws::logMarginalLikelihood);
        ForwardBackward.runBatch(params, good, ws);
        assertSameNumbers(ForwardBackward.runBatch(params, good), ws, "after a failed run");
    }
}
