package io.github.hmmrnn.hmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ForwardBackwardTest {

    static double[] randomDistribution(int k, SplittableRandom rng) {
        double[] p = new double[k];
        double s = 0;
        for (int i = 0; i < k; i++) {
            p[i] = 0.05 + rng.nextDouble();
            s += p[i];
        }
        for (int i = 0; i < k; i++) {
            p[i] /= s;
        }
        return p;
    }

    static HmmParameters randomParameters(int k, SplittableRandom rng) {
        double[][] a = new double[k][];
        for (int i = 0; i < k; i++) {
            a[i] = randomDistribution(k, rng);
        }
        return HmmParameters.of(randomDistribution(k, rng), a);
    }

    static double[][] randomLogLik(int n, int k, double scale, SplittableRandom rng) {
        double[][] l = new double[n][k];
        for (int t = 0; t < n; t++) {
            for (int j = 0; j < k; j++) {
                l[t][j] = -scale * rng.nextDouble();
            }
        }
        return l;
    }

    /** Every quantity of one chain by summing over all K^T state paths. */
    static final class BruteForce {
        final double logMarginal;
        final double[] logConditionals;
        final double[][] predicted;
        final double[][] filtered;
        final double[][] smoothed;
        final double[][] xi;
        final int[] viterbi;
        final double viterbiLogJoint;

        BruteForce(double[] pi, double[][] a, double[][] l) {
            int n = l.length;
            int k = pi.length;
            predicted = new double[n][k];
            filtered = new double[n][k];
            smoothed = new double[n][k];
            xi = new double[k][k];
            double[] prefix = new double[n + 1]; // p(y_<t) for t = 0..n
            int[] z = new int[n];
            int paths = (int) Math.pow(k, n);
            double bestLog = Double.NEGATIVE_INFINITY;
            int[] best = null;
            for (int code = 0; code < paths; code++) {
                int c = code;
                for (int t = 0; t < n; t++) {
                    z[t] = c % k;
                    c /= k;
                }
                double prior = pi[z[0]];
                for (int t = 1; t < n; t++) {
                    prior *= a[z[t - 1]][z[t]];
                }
                double[] emisBefore = new double[n + 1]; // Π_{s<t} exp(l_s(z_s))
                emisBefore[0] = 1;
                for (int t = 0; t < n; t++) {
                    emisBefore[t + 1] = emisBefore[t] * Math.exp(l[t][z[t]]);
                }
                double all = prior * emisBefore[n];
                for (int t = 0; t <= n; t++) {
                    prefix[t] += prior * emisBefore[t];
                }
                for (int t = 0; t < n; t++) {
                    predicted[t][z[t]] += prior * emisBefore[t];
                    filtered[t][z[t]] += prior * emisBefore[t + 1];
                    smoothed[t][z[t]] += all;
                    if (t + 1 < n) {
                        xi[z[t]][z[t + 1]] += all;
                    }
                }
                double logJoint = Math.log(all);
                if (logJoint > bestLog) {
                    bestLog = logJoint;
                    best = z.clone();
                }
            }
            logMarginal = Math.log(prefix[n]);
            logConditionals = new double[n];
            for (int t = 0; t < n; t++) {
                logConditionals[t] = Math.log(prefix[t + 1] / prefix[t]);
                for (int j = 0; j < k; j++) {
                    predicted[t][j] /= prefix[t];
                    filtered[t][j] /= prefix[t + 1];
                    smoothed[t][j] /= prefix[n];
                }
            }
            for (double[] row : xi) {
                for (int j = 0; j < k; j++) {
                    row[j] /= prefix[n];
                }
            }
            viterbi = best;
            viterbiLogJoint = bestLog;
        }
    }

    static void assertMatrix(double[][] expected, double[][] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], tol, what + " row " + i);
        }
    }

    @Test
    void runAll_smallChainsWithSessionBreaks_matchesEnumeration() {
        SplittableRandom rng = new SplittableRandom(42);
        for (int k = 1; k <= 3; k++) {
            for (int rep = 0; rep < 3; rep++) {
                HmmParameters params = randomParameters(k, rng);
                List<double[][]> chains = new ArrayList<>();
                for (int n = 1; n <= 8; n++) {
                    chains.add(randomLogLik(n, k, 4.0, rng));
                }
                BatchPosterior batch = ForwardBackward.runAll(params, chains);
                double total = 0;
                double[] starts = new double[k];
                double[][] xiSum = new double[k][k];
                for (int b = 0; b < chains.size(); b++) {
                    BruteForce bf = new BruteForce(params.initial(), params.transition(), chains.get(b));
                    HmmPosterior p = batch.chains().get(b);
                    String what = "K=" + k + " T=" + chains.get(b).length;
                    assertEquals(bf.logMarginal, p.logMarginalLikelihood(), 1e-10, what);
                    assertArrayEquals(bf.logConditionals, p.logConditionals(), 1e-10, what);
                    assertMatrix(bf.predicted, p.predicted(), 1e-10, what + " predicted");
                    assertMatrix(bf.filtered, p.filtered(), 1e-10, what + " filtered");
                    assertMatrix(bf.smoothed, p.smoothed(), 1e-10, what + " smoothed");
                    assertMatrix(bf.xi, p.expectedTransitions(), 1e-10, what + " xi");
                    ViterbiPath vp = Viterbi.decode(params, chains.get(b));
                    assertArrayEquals(bf.viterbi, vp.states(), what + " viterbi");
                    assertEquals(bf.viterbiLogJoint, vp.logJoint(), 1e-10, what + " viterbi log joint");
                    HmmPosterior f = ForwardBackward.filter(params.initial(), params.transition(), chains.get(b));
                    assertMatrix(bf.filtered, f.filtered(), 1e-10, what + " filter-only");
                    total += bf.logMarginal;
                    for (int i = 0; i < k; i++) {
                        starts[i] += bf.smoothed[0][i];
                        for (int j = 0; j < k; j++) {
                            xiSum[i][j] += bf.xi[i][j];
                        }
                    }
                }
                assertEquals(total, batch.logMarginalLikelihood(), 1e-10);
                assertEquals(total, batch.statistics().logLikelihood(), 1e-10);
                assertArrayEquals(starts, batch.statistics().initialCounts(), 1e-10);
                assertMatrix(xiSum, batch.statistics().transitionCounts(), 1e-10, "summed xi");
                assertEquals(chains.size(), batch.statistics().numChains());
            }
        }
    }

    @Test
    void runAll_structuralZerosAndImpossibleStates_matchesEnumeration() {
        SplittableRandom rng = new SplittableRandom(7);
        double[][] a = new TransitionStructure.LeftToRight(0.6).initialTransition(3);
        HmmParameters params = HmmParameters.of(new double[] {0.7, 0.3, 0.0}, a);
        double[][] l = randomLogLik(7, 3, 3.0, rng);
        l[2][1] = Double.NEGATIVE_INFINITY;
        BruteForce bf = new BruteForce(params.initial(), params.transition(), l);
        HmmPosterior p = ForwardBackward.runAll(params, List.<double[][]>of(l)).chains().get(0);
        assertEquals(bf.logMarginal, p.logMarginalLikelihood(), 1e-10);
        assertMatrix(bf.smoothed, p.smoothed(), 1e-10, "smoothed");
        assertMatrix(bf.xi, p.expectedTransitions(), 1e-10, "xi");
        assertArrayEquals(bf.viterbi, Viterbi.mostLikelyStates(params, l));
    }

    @Test
    void runBatch_raggedChains_equalsPerChainKernel() {
        SplittableRandom rng = new SplittableRandom(21);
        for (int k = 1; k <= 4; k++) {
            HmmParameters params = randomParameters(k, rng);
            List<double[][]> chains = new ArrayList<>();
            for (int n : new int[] {1, 5, 37, 2, 120}) {
                chains.add(randomLogLik(n, k, 30.0, rng));
            }
            BatchPosterior ref = ForwardBackward.runAll(params, chains);
            ChainBatch batch = ChainBatch.of(k, chains);
            ChainBatchPosterior p = ForwardBackward.runBatch(params, batch);
            assertEquals(ref.logMarginalLikelihood(), p.logMarginalLikelihood(), 1e-9);
            for (int b = 0; b < chains.size(); b++) {
                HmmPosterior c = ref.chains().get(b);
                assertEquals(c.logMarginalLikelihood(), p.chainLogLikelihoods()[b], 1e-9);
                for (int t = 0; t < c.length(); t++) {
                    int row = (batch.offset(b) + t) * k;
                    assertEquals(c.logConditionals()[t], p.logConditionals()[batch.offset(b) + t], 1e-9);
                    for (int j = 0; j < k; j++) {
                        assertEquals(c.predicted()[t][j], p.predicted()[row + j], 1e-12);
                        assertEquals(c.filtered()[t][j], p.filtered()[row + j], 1e-12);
                        assertEquals(c.smoothed()[t][j], p.smoothed()[row + j], 1e-12);
                    }
                }
            }
            assertArrayEquals(ref.statistics().initialCounts(), p.statistics().initialCounts(), 1e-12);
            assertMatrix(ref.statistics().transitionCounts(), p.statistics().transitionCounts(), 1e-9, "xi");
        }
    }

    /**
     * The batch-major kernel behind runAll, filterAll and runBatch promises the per-chain
     * kernel's arithmetic exactly: compare bit for bit with run and filter chain by chain (and
     * their sums in chain order), on ragged lengths with ties, ties of log-likelihoods and
     * impossible states. The test JVM runs with the Vector API module, so this also shows that
     * the vector exp and log agree with Math.exp and Math.log on these inputs.
     */
    @Test
    void batchKernels_raggedChains_bitIdenticalToPerChainRun() {
        SplittableRandom rng = new SplittableRandom(33);
        for (int k = 1; k <= 5; k++) {
            HmmParameters params = randomParameters(k, rng);
            List<double[][]> chains = new ArrayList<>();
            // more chains than one lockstep group (BatchMajorKernel.GROUP), ragged, with ties
            for (int n : new int[] {7, 1, 40, 7, 3, 40, 12, 9, 9, 2, 31, 5, 40, 8, 1, 17, 23, 6, 11, 40, 3}) {
                double[][] l = randomLogLik(n, k, 20.0, rng);
                for (double[] row : l) {
                    if (k > 1 && rng.nextInt(5) == 0) {
                        row[1] = row[0]; // a tie
                    }
                    if (k > 1 && rng.nextInt(7) == 0) {
                        row[rng.nextInt(k)] = Double.NEGATIVE_INFINITY;
                    }
                }
                chains.add(l);
            }
            BatchPosterior all = ForwardBackward.runAll(params, chains);
            BatchPosterior filtered = ForwardBackward.filterAll(params, chains);
            ChainBatch batch = ChainBatch.of(k, chains);
            ChainBatchPosterior flat = ForwardBackward.runBatch(params, batch);
            double total = 0;
            double[] start = new double[k];
            double[][] xi = new double[k][k];
            for (int b = 0; b < chains.size(); b++) {
                HmmPosterior ref = ForwardBackward.run(params.initialArray(), params.transitionArray(), chains.get(b));
                HmmPosterior fref = ForwardBackward.filter(params.initialArray(), params.transitionArray(),
                        chains.get(b));
                HmmPosterior got = all.chains().get(b);
                String what = "K=" + k + " chain " + b;
                assertEquals(ref.logMarginalLikelihood(), got.logMarginalLikelihood(), 0.0, what);
                assertArrayEquals(ref.logConditionals(), got.logConditionals(), 0.0, what);
                for (int t = 0; t < ref.length(); t++) {
                    assertArrayEquals(ref.predicted()[t], got.predicted()[t], 0.0, what + " predicted " + t);
                    assertArrayEquals(ref.filtered()[t], got.filtered()[t], 0.0, what + " filtered " + t);
                    assertArrayEquals(ref.smoothed()[t], got.smoothed()[t], 0.0, what + " smoothed " + t);
                    assertArrayEquals(fref.filtered()[t], filtered.chains().get(b).filtered()[t], 0.0, what);
                    int row = (batch.offset(b) + t) * k;
                    for (int j = 0; j < k; j++) {
                        assertEquals(ref.predicted()[t][j], flat.predicted()[row + j], 0.0, what);
                        assertEquals(ref.filtered()[t][j], flat.filtered()[row + j], 0.0, what);
                        assertEquals(ref.smoothed()[t][j], flat.smoothed()[row + j], 0.0, what);
                    }
                    assertEquals(ref.logConditionals()[t], flat.logConditionals()[batch.offset(b) + t], 0.0, what);
                }
                assertEquals(fref.logMarginalLikelihood(), filtered.chains().get(b).logMarginalLikelihood(), 0.0);
                assertEquals(null, filtered.chains().get(b).smoothed());
                for (int i = 0; i < k; i++) {
                    assertArrayEquals(ref.expectedTransitions()[i], got.expectedTransitions()[i], 0.0, what + " xi");
                    start[i] += ref.smoothed()[0][i];
                    for (int j = 0; j < k; j++) {
                        xi[i][j] += ref.expectedTransitions()[i][j];
                    }
                }
                assertEquals(ref.logMarginalLikelihood(), flat.chainLogLikelihoods()[b], 0.0, what);
                total += ref.logMarginalLikelihood();
            }
            // few chains take the chain-by-chain path of runBatch: the same numbers
            List<double[][]> few = chains.subList(2, 5);
            ChainBatch fewBatch = ChainBatch.of(k, few);
            ChainBatchPosterior fewFlat = ForwardBackward.runBatch(params, fewBatch);
            BatchPosterior fewAll = ForwardBackward.runAll(params, few);
            assertEquals(fewAll.logMarginalLikelihood(), fewFlat.logMarginalLikelihood(), 0.0);
            assertMatrix(fewAll.statistics().transitionCounts(), fewFlat.statistics().transitionCounts(), 0.0, "xi");
            for (int b = 0; b < few.size(); b++) {
                HmmPosterior ref = fewAll.chains().get(b);
                for (int t = 0; t < ref.length(); t++) {
                    int row = (fewBatch.offset(b) + t) * k;
                    assertEquals(ref.logConditionals()[t], fewFlat.logConditionals()[fewBatch.offset(b) + t], 0.0);
                    for (int j = 0; j < k; j++) {
                        assertEquals(ref.filtered()[t][j], fewFlat.filtered()[row + j], 0.0);
                        assertEquals(ref.smoothed()[t][j], fewFlat.smoothed()[row + j], 0.0);
                        assertEquals(ref.predicted()[t][j], fewFlat.predicted()[row + j], 0.0);
                    }
                }
            }
            assertEquals(total, all.logMarginalLikelihood(), 0.0);
            assertEquals(total, flat.logMarginalLikelihood(), 0.0);
            assertEquals(total, filtered.logMarginalLikelihood(), 0.0);
            assertArrayEquals(start, all.statistics().initialCounts(), 0.0);
            assertArrayEquals(start, flat.statistics().initialCounts(), 0.0);
            assertMatrix(xi, all.statistics().transitionCounts(), 0.0, "xi");
            assertMatrix(xi, flat.statistics().transitionCounts(), 0.0, "xi");
        }
    }

    @Test
    void chainBatchOfFlat_badInput_namesChainStepAndState() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ChainBatch.ofFlat(2, new int[] {1, 2}, new double[] {0, 0, 0, 0, 0, Double.NaN}));
        assertTrue(e.getMessage().contains("chain 1") && e.getMessage().contains("[1][1]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ChainBatch.ofFlat(2, new int[] {1, 2}, new double[5]));
        assertTrue(e.getMessage().contains("expected sum(lengths) * numStates = 6"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ChainBatch.ofFlat(2, new int[] {0}, new double[0]));
        assertTrue(e.getMessage().contains("lengths[0] = 0"), e.getMessage());
    }

    @Test
    void run_finiteDifferenceOfLogLikelihood_equalsSmoothedPosterior() {
        SplittableRandom rng = new SplittableRandom(3);
        HmmParameters params = randomParameters(3, rng);
        double[][] l = randomLogLik(12, 3, 6.0, rng);
        HmmPosterior p = ForwardBackward.run(params.initial(), params.transition(), l);
        double h = 1e-5;
        for (int t = 0; t < l.length; t++) {
            for (int k = 0; k < 3; k++) {
                double keep = l[t][k];
                l[t][k] = keep + h;
                double up = ForwardBackward.run(params.initial(), params.transition(), l).logMarginalLikelihood();
                l[t][k] = keep - h;
                double down = ForwardBackward.run(params.initial(), params.transition(), l).logMarginalLikelihood();
                l[t][k] = keep;
                assertEquals(p.smoothed()[t][k], (up - down) / (2 * h), 1e-8, "t=" + t + " k=" + k);
            }
        }
    }

    @Test
    void run_millionStepsWithVeryNegativeLogLik_staysFiniteAndMatchesLogSpace() {
        int n = 1_000_000;
        int k = 3;
        SplittableRandom rng = new SplittableRandom(9);
        HmmParameters params = HmmParameters.of(new double[] {0.2, 0.3, 0.5},
                new TransitionStructure.Sticky(0.99).initialTransition(k));
        double[][] l = new double[n][k];
        for (int t = 0; t < n; t++) {
            for (int j = 0; j < k; j++) {
                l[t][j] = -1e4 * rng.nextDouble();
            }
        }
        HmmPosterior p = ForwardBackward.run(params.initial(), params.transition(), l);
        // Independent log-space forward recursion.
        double[] logA = new double[k * k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                logA[i * k + j] = Math.log(params.transition(i, j));
            }
        }
        double[] alpha = new double[k];
        double[] next = new double[k];
        for (int j = 0; j < k; j++) {
            alpha[j] = Math.log(params.initial(j)) + l[0][j];
        }
        for (int t = 1; t < n; t++) {
            for (int j = 0; j < k; j++) {
                double m = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < k; i++) {
                    m = Math.max(m, alpha[i] + logA[i * k + j]);
                }
                double s = 0;
                for (int i = 0; i < k; i++) {
                    s += Math.exp(alpha[i] + logA[i * k + j] - m);
                }
                next[j] = m + Math.log(s) + l[t][j];
            }
            double[] tmp = alpha;
            alpha = next;
            next = tmp;
        }
        double m = Math.max(alpha[0], Math.max(alpha[1], alpha[2]));
        double logMarginal = m + Math.log(Math.exp(alpha[0] - m) + Math.exp(alpha[1] - m) + Math.exp(alpha[2] - m));
        assertTrue(logMarginal < -1e9, "test must reach very negative log likelihoods");
        // Both sides add 10^6 terms of size ~10^3 into a total of ~10^9: rounding alone is ~10^-12 relative.
        assertEquals(logMarginal, p.logMarginalLikelihood(), 1e-10 * Math.abs(logMarginal));
        for (int t = 0; t < n; t += 997) {
            double s = 0;
            for (int j = 0; j < k; j++) {
                double g = p.smoothed()[t][j];
                assertTrue(g >= 0 && g <= 1 + 1e-12, "smoothed out of range at " + t);
                s += g;
            }
            assertEquals(1.0, s, 1e-9, "smoothed row " + t);
        }
        double xiTotal = 0;
        for (double[] row : p.expectedTransitions()) {
            for (double v : row) {
                assertTrue(Double.isFinite(v));
                xiTotal += v;
            }
        }
        assertEquals(n - 1, xiTotal, 1e-6 * n);
    }

    @Test
    void runAll_nanEmission_namesChainStepAndState() {
        HmmParameters params = HmmParameters.of(new double[] {0.5, 0.5}, new double[][] {{0.9, 0.1}, {0.1, 0.9}});
        double[][] bad = {{-1, -2}, {-1, Double.NaN}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ForwardBackward.runAll(params, List.of(new double[][] {{0, 0}}, bad)));
        assertTrue(e.getMessage().contains("chain 1") && e.getMessage().contains("[1][1]"), e.getMessage());
    }

    @Test
    void runAll_wrongNumberOfStates_namesChainAndStep() {
        HmmParameters params = HmmParameters.of(new double[] {0.5, 0.5}, new double[][] {{0.9, 0.1}, {0.1, 0.9}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ForwardBackward.runAll(params, List.<double[][]>of(new double[][] {{0, 0}, {0, 0, 0}})));
        assertTrue(e.getMessage().contains("chain 0") && e.getMessage().contains("[1]")
                && e.getMessage().contains("expected 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ForwardBackward.runAll(params, List.of()));
        assertTrue(e.getMessage().contains("at least one chain"), e.getMessage());
    }

    /**
     * An impossible observation inside a lockstep group, in the steps every chain of the group
     * reaches (the vector kernel's gathered part) and in a ragged tail: the error names the chain
     * and the step, from every API, for equal and unequal lengths.
     */
    @Test
    void batchKernels_impossibleObservationInGroup_namesChainAndStep() {
        HmmParameters params = HmmParameters.of(new double[] {1.0, 0.0}, new double[][] {{1.0, 0.0}, {0.0, 1.0}});
        SplittableRandom rng = new SplittableRandom(5);
        for (int[] where : new int[][] {{13, 7}, {3, 29}}) {
            List<double[][]> chains = new ArrayList<>();
            for (int b = 0; b < 20; b++) {
                // chain 3 is the longest: its steps past 20 are a ragged tail
                chains.add(randomLogLik(b == 3 ? 40 : 20, 2, 3.0, rng));
            }
            chains.get(where[0])[where[1]][0] = Double.NEGATIVE_INFINITY;
            String expected = "chain " + where[0] + ": observation at step " + where[1];
            for (Executable call : List.<Executable>of(() -> ForwardBackward.runAll(params, chains),
                    () -> ForwardBackward.filterAll(params, chains),
                    () -> ForwardBackward.runBatch(params, ChainBatch.of(2, chains)))) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
                assertTrue(e.getMessage().contains(expected), e.getMessage());
            }
        }
    }

    @Test
    void runAll_impossibleObservation_throwsInsteadOfNaN() {
        HmmParameters params = HmmParameters.of(new double[] {1.0, 0.0}, new double[][] {{1.0, 0.0}, {0.0, 1.0}});
        double[][] l = {{0, 0}, {Double.NEGATIVE_INFINITY, 0}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ForwardBackward.runAll(params, List.<double[][]>of(l)));
        assertTrue(e.getMessage().contains("step 1"), e.getMessage());
    }

    @Test
    void of_nonStochasticOrNegative_namesParameterAndEntry() {
        double[][] a = {{0.9, 0.1}, {0.1, 0.9}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HmmParameters.of(new double[] {0.5, 0.5 + 2e-9}, a));
        assertTrue(e.getMessage().startsWith("initial sums to"), e.getMessage());
        HmmParameters.of(new double[] {0.5, 0.5 + 5e-10}, a); // within 1e-9 is accepted
        e = assertThrows(IllegalArgumentException.class,
                () -> HmmParameters.of(new double[] {0.5, 0.5}, new double[][] {{0.9, 0.1}, {0.2, 0.9}}));
        assertTrue(e.getMessage().startsWith("transition[1] sums to"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> HmmParameters.of(new double[] {1.1, -0.1}, a));
        assertTrue(e.getMessage().contains("initial[1] = -0.1 is negative"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> HmmParameters.of(new double[] {0.5, 0.5}, new double[][] {{1.2, -0.2}, {0.1, 0.9}}));
        assertTrue(e.getMessage().contains("transition[0][1] = -0.2 is negative"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> HmmParameters.of(new double[] {0.5, 0.5}, new double[][] {{1.0}}));
        assertTrue(e.getMessage().contains("transition has 1 rows, expected 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> HmmParameters.of(new double[] {Double.NaN, 0.5}, a));
        assertTrue(e.getMessage().contains("initial[0] = NaN"), e.getMessage());
    }

    @Test
    void parameters_accessors_returnCopies() {
        HmmParameters p = HmmParameters.of(new double[] {0.5, 0.5}, new double[][] {{0.9, 0.1}, {0.1, 0.9}});
        p.initial()[0] = 7;
        p.transition()[0][0] = 7;
        assertEquals(0.5, p.initial(0));
        assertEquals(0.9, p.transition(0, 0));
    }
}
