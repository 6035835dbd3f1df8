package io.github.hmmrnn.bench;

import io.github.hmmrnn.hmm.ChainBatch;
import io.github.hmmrnn.hmm.ForwardBackward;
import io.github.hmmrnn.hmm.ForwardBackwardWorkspace;
import io.github.hmmrnn.hmm.HmmParameters;
import io.github.hmmrnn.hmm.TransitionStructure;
import io.github.hmmrnn.oracle.OracleResult;
import io.github.hmmrnn.oracle.TwoStepOracle;
import io.github.hmmrnn.synthetic.TwoStepGenerator;
import io.github.hmmrnn.data.TwoStepDataset;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.function.DoubleSupplier;

/**
 * Plain-Java timing suite of the HMM engine, behind {@code ./hmmrnn bench hmm --json}: single
 * threaded forward–backward on random emission log-likelihoods (the engine never sees the
 * emission model, so the figures hold for every model): B64·T400·K2 through a reused
 * {@link ForwardBackwardWorkspace} without optional outputs (γ, log likelihoods, statistics:
 * {@code hmm.forwardBackward.B64.T400.K2}), with every output, through the allocating
 * {@code runBatch} and through the per-chain API; one long chain per K; plus the Bayes oracle on the default
 * generator with its NLL and accuracy as the reference every benchmark prints.
 *
 * <p>Each figure is the median wall time over repetitions after a warm-up, with the median
 * thread CPU time alongside ({@code cpu_ms}), which is the fairer figure on a shared, loaded
 * machine. For rigorous JIT-aware numbers
 * use the JMH class {@link HmmBenchmarks}.
 */
public final class HmmBench {

    private static final Logger LOG = LoggerFactory.getLogger(HmmBench.class);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /**
     * Benchmark settings.
     *
     * @param batchRepetitions  timed repetitions of the B×T×K batch, at least 1
     * @param longLength        chain length T of the long-chain figures, at least 1
     * @param longRepetitions   timed repetitions per K of the long chain, at least 1
     * @param maxStates         largest K of the long-chain sweep (from 2), at least 2
     * @param warmupSeconds     minimum warm-up time before timing the batch, &gt;= 0
     * @param seed              seed of the random log-likelihoods and the generator
     */
    public record Options(int batchRepetitions, int longLength, int longRepetitions, int maxStates,
                          double warmupSeconds, long seed) {

        /**
         * Validates the settings.
         *
         * @throws IllegalArgumentException naming the offending setting
         */
        public Options {
            if (batchRepetitions < 1) {
                throw new IllegalArgumentException("batchRepetitions must be >= 1, got " + batchRepetitions);
            }
            if (longLength < 1) {
                throw new IllegalArgumentException("longLength must be >= 1, got " + longLength);
            }
            if (longRepetitions < 1) {
                throw new IllegalArgumentException("longRepetitions must be >= 1, got " + longRepetitions);
            }
            if (maxStates < 2) {
                throw new IllegalArgumentException("maxStates must be >= 2, got " + maxStates);
            }
            if (!(warmupSeconds >= 0)) {
                throw new IllegalArgumentException("warmupSeconds must be >= 0, got " + warmupSeconds);
            }
        }

        /** @return the full suite: 200 batch repetitions, T = 10^6 for K = 2..8, 3 repetitions each */
        public static Options full() {
            return new Options(200, 1_000_000, 3, 8, 3.0, 1L);
        }

        /** @return a quick smoke run (seconds): 20 repetitions, T = 10^5, K = 2..4 */
        public static Options quick() {
            return new Options(20, 100_000, 1, 4, 0.5, 1L);
        }
    }

    private HmmBench() {
    }

    /**
     * Runs the suite on the calling thread.
     *
     * @param options settings
     * @return one result per figure, in order
     */
    public static List<BenchResult> run(Options options) {
        List<BenchResult> out = new ArrayList<>();
        SplittableRandom rng = new SplittableRandom(options.seed());
        out.addAll(batch(64, 400, 2, options, rng.split()));
        for (int k = 2; k <= options.maxStates(); k++) {
            out.addAll(longChain(options.longLength(), k, options, rng.split()));
        }
        out.addAll(oracle(options.seed()));
        return out;
    }

    private static List<BenchResult> batch(int b, int n, int k, Options o, SplittableRandom rng) {
        HmmParameters params = sticky(k);
        List<double[][]> chains = new ArrayList<>();
        for (int i = 0; i < b; i++) {
            chains.add(randomLogLik(n, k, rng));
        }
        ChainBatch packed = ChainBatch.of(k, chains);
        // the fast path: a reused workspace that keeps no optional output, i.e. it computes the
        // smoothed posteriors, the per-chain and total log likelihoods and the summed statistics
        // (Σγ at chain starts, Σξ); predicted, filtered and log-conditionals are not written
        ForwardBackwardWorkspace lean = ForwardBackwardWorkspace.of();
        double[] reused = time(() -> ForwardBackward.runBatch(params, packed, lean).logMarginalLikelihood(),
                o.warmupSeconds(), o.batchRepetitions());
        ForwardBackwardWorkspace every = ForwardBackwardWorkspace.allOutputs();
        double[] reusedAll = time(() -> ForwardBackward.runBatch(params, packed, every).logMarginalLikelihood(),
                o.warmupSeconds(), o.batchRepetitions());
        double[] flat = time(() -> ForwardBackward.runBatch(params, packed).logMarginalLikelihood(),
                o.warmupSeconds(), o.batchRepetitions());
        double[] perChain = time(() -> ForwardBackward.runAll(params, chains).logMarginalLikelihood(),
                o.warmupSeconds(), o.batchRepetitions());
        LOG.info("forward-backward B={} T={} K={}: reused workspace (smoothed, log-likelihoods, statistics) {} ms wall"
                + " / {} ms CPU; reused workspace, every output {} / {}; allocating runBatch {} / {}; per-chain API"
                + " {} / {} (medians of {})", b, n, k, reused[0], reused[1], reusedAll[0], reusedAll[1], flat[0],
                flat[1], perChain[0], perChain[1], o.batchRepetitions());
        Map<String, Object> par0 = params(b, n, k, o.batchRepetitions());
        par0.put("cpu_ms", reused[1]);
        par0.put("api", "ForwardBackward.runBatch(HmmParameters, ChainBatch, ForwardBackwardWorkspace.of())");
        par0.put("computes", "smoothed posteriors, per-chain and total log-likelihoods, summed initial and"
                + " transition counts (no predicted, filtered or per-step log-conditionals)");
        Map<String, Object> par1 = params(b, n, k, o.batchRepetitions());
        par1.put("cpu_ms", reusedAll[1]);
        par1.put("api", "ForwardBackward.runBatch(HmmParameters, ChainBatch, ForwardBackwardWorkspace.allOutputs())");
        Map<String, Object> par = params(b, n, k, o.batchRepetitions());
        par.put("cpu_ms", flat[1]);
        par.put("api", "ForwardBackward.runBatch(HmmParameters, ChainBatch)");
        Map<String, Object> par2 = params(b, n, k, o.batchRepetitions());
        par2.put("cpu_ms", perChain[1]);
        par2.put("api", "ForwardBackward.runAll(HmmParameters, List<double[][]>)");
        String shape = ".B" + b + ".T" + n + ".K" + k;
        return List.of(new BenchResult("hmm.forwardBackward" + shape, reused[0], "ms", par0),
                new BenchResult("hmm.forwardBackward.allOutputs" + shape, reusedAll[0], "ms", par1),
                new BenchResult("hmm.forwardBackward.allocating" + shape, flat[0], "ms", par),
                new BenchResult("hmm.forwardBackward.perChain" + shape, perChain[0], "ms", par2));
    }

    private static List<BenchResult> longChain(int n, int k, Options o, SplittableRandom rng) {
        HmmParameters params = sticky(k);
        ChainBatch one = ChainBatch.of(k, List.<double[][]>of(randomLogLik(n, k, rng)));
        double[] t = time(() -> ForwardBackward.runBatch(params, one).logMarginalLikelihood(), 0,
                o.longRepetitions());
        LOG.info("forward-backward T={} K={}: median {} ms wall, {} ms thread CPU", n, k, t[0], t[1]);
        Map<String, Object> par = params(1, n, k, o.longRepetitions());
        par.put("cpu_ms", t[1]);
        par.put("api", "ForwardBackward.runBatch(HmmParameters, ChainBatch)");
        return List.of(new BenchResult("hmm.forwardBackward.T" + n + ".K" + k, t[0], "ms", par),
                new BenchResult("hmm.forwardBackward.T" + n + ".K" + k + ".throughput", n / (t[0] / 1e3), "steps/s",
                        par));
    }

    /** Returns {median wall ms, median thread-CPU ms}; at least one untimed warm-up call. */
    private static double[] time(DoubleSupplier task, double warmupSeconds, int reps) {
        double sink = task.getAsDouble();
        long warmEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        while (System.nanoTime() < warmEnd) {
            sink += task.getAsDouble();
        }
        double[] ms = new double[reps];
        double[] cpu = new double[reps];
        for (int r = 0; r < reps; r++) {
            long c0 = THREADS.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            sink += task.getAsDouble();
            ms[r] = (System.nanoTime() - t0) / 1e6;
            cpu[r] = (THREADS.getCurrentThreadCpuTime() - c0) / 1e6;
        }
        if (Double.isNaN(sink)) {
            throw new IllegalStateException("benchmark produced NaN");
        }
        return new double[] {median(ms), median(cpu)};
    }

    private static List<BenchResult> oracle(long seed) {
        TwoStepGenerator gen = TwoStepGenerator.builder().sequences(64).trials(400).seed(seed).build();
        TwoStepDataset data = gen.generate();
        TwoStepOracle oracle = TwoStepOracle.forGenerator(gen);
        oracle.predict(data); // warm-up
        long t0 = System.nanoTime();
        OracleResult r = oracle.predict(data);
        double ms = (System.nanoTime() - t0) / 1e6;
        Map<String, Object> par = new LinkedHashMap<>();
        par.put("B", 64);
        par.put("T", 400);
        par.put("generator", gen.toString());
        par.put("threads", 1);
        LOG.info("Bayes oracle on default generator: {} in {} ms", r.score(), ms);
        return List.of(new BenchResult("oracle.twoStep.B64.T400.time", ms, "ms", par),
                new BenchResult("oracle.twoStep.B64.T400.nll", r.score().nll(), "nats/trial", par),
                new BenchResult("oracle.twoStep.B64.T400.accuracy", r.score().accuracy(), "fraction", par),
                new BenchResult("oracle.twoStep.B64.T400.phaseKnownNll", r.phaseKnownScore().orElseThrow().nll(),
                        "nats/trial", par),
                new BenchResult("oracle.twoStep.B64.T400.smoothedPhaseAccuracy",
                        r.smoothedPhaseAccuracy().orElseThrow(), "fraction", par));
    }

    private static Map<String, Object> params(int b, int n, int k, int reps) {
        Map<String, Object> par = new LinkedHashMap<>();
        par.put("B", b);
        par.put("T", n);
        par.put("K", k);
        par.put("threads", 1);
        par.put("repetitions", reps);
        par.put("statistic", "median");
        return par;
    }

    static HmmParameters sticky(int k) {
        return HmmParameters.of(new TransitionStructure.Free().initialDistribution(k),
                new TransitionStructure.Sticky(0.97).initialTransition(k));
    }

    /** Emission log-likelihoods of a two-choice model: log-probabilities in [log 0.05, 0]. */
    static double[][] randomLogLik(int n, int k, SplittableRandom rng) {
        double[][] l = new double[n][k];
        for (double[] row : l) {
            for (int j = 0; j < k; j++) {
                row[j] = Math.log(0.05 + 0.95 * rng.nextDouble());
            }
        }
        return l;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
    }

    /**
     * Prints the full suite, one JSON-like line per figure (the CLI prints proper JSON).
     *
     * @param args {@code quick} for the smoke run
     */
    public static void main(String[] args) {
        Options o = args.length > 0 && args[0].equals("quick") ? Options.quick() : Options.full();
        for (BenchResult r : run(o)) {
            System.out.println(r);
        }
    }
}
