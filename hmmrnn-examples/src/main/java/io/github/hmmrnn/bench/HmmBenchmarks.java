package io.github.hmmrnn.bench;

import io.github.hmmrnn.hmm.BatchPosterior;
import io.github.hmmrnn.hmm.ChainBatch;
import io.github.hmmrnn.hmm.ChainBatchPosterior;
import io.github.hmmrnn.hmm.ForwardBackward;
import io.github.hmmrnn.hmm.ForwardBackwardWorkspace;
import io.github.hmmrnn.hmm.HmmParameters;
import io.github.hmmrnn.hmm.HmmPosterior;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH benchmarks of the HMM engine (single thread). Run with
 * {@code java -cp hmmrnn-examples/target/hmmrnn-examples-*-all.jar org.openjdk.jmh.Main HmmBenchmarks}
 * (the forked JVMs get {@code --add-modules jdk.incubator.vector}, as {@code ./hmmrnn} does).
 */
// the settings every benchmark shares; a method's own annotations override them
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class HmmBenchmarks {

    /** Creates the benchmark holder (JMH instantiates it). */
    public HmmBenchmarks() {
    }

    /** A batch of 64 chains of 400 trials with K = 2, the original project's setting. */
    @State(Scope.Benchmark)
    public static class Batch {
        /** Parameters. */
        HmmParameters params;
        /** Log-likelihoods per chain. */
        List<double[][]> chains;
        /** The same, packed. */
        ChainBatch packed;
        /** Reused outputs, no optional ones. */
        ForwardBackwardWorkspace workspace;

        /** Creates the state (JMH instantiates it). */
        public Batch() {
        }

        /** Draws the data. */
        @Setup(Level.Trial)
        public void setUp() {
            SplittableRandom rng = new SplittableRandom(1);
            params = HmmBench.sticky(2);
            chains = new ArrayList<>();
            for (int b = 0; b < 64; b++) {
                chains.add(HmmBench.randomLogLik(400, 2, rng));
            }
            packed = ChainBatch.of(2, chains);
            workspace = ForwardBackwardWorkspace.of();
        }
    }

    /** One long chain of 10^6 steps for K = 2..8. */
    @State(Scope.Benchmark)
    public static class LongChain {
        /** Number of states. */
        @Param({"2", "3", "4", "5", "6", "7", "8"})
        public int states;
        /** π. */
        double[] initial;
        /** A. */
        double[][] transition;
        /** Log-likelihoods. */
        double[][] logLik;

        /** Creates the state (JMH instantiates it). */
        public LongChain() {
        }

        /** Draws the data. */
        @Setup(Level.Trial)
        public void setUp() {
            HmmParameters p = HmmBench.sticky(states);
            initial = p.initial();
            transition = p.transition();
            logLik = HmmBench.randomLogLik(1_000_000, states, new SplittableRandom(2));
        }
    }

    /**
     * Forward–backward with summed statistics over B = 64, T = 400, K = 2.
     *
     * @param s state
     * @return the result (consumed by JMH)
     */
    @Benchmark
    public BatchPosterior forwardBackwardB64T400K2(Batch s) {
        return ForwardBackward.runAll(s.params, s.chains);
    }

    /**
     * Forward–backward over the packed batch B = 64, T = 400, K = 2 (the figure of
     * {@code ./hmmrnn bench hmm}): the lockstep kernel with flat outputs.
     *
     * @param s state
     * @return the result (consumed by JMH)
     */
    @Benchmark
    public ChainBatchPosterior forwardBackwardPackedB64T400K2(Batch s) {
        return ForwardBackward.runBatch(s.params, s.packed);
    }

    /**
     * Forward–backward over the packed batch B = 64, T = 400, K = 2 into a reused workspace that
     * keeps no optional output: smoothed posteriors, log likelihoods and summed statistics (the
     * figure {@code hmm.forwardBackward.B64.T400.K2} of {@code ./hmmrnn bench hmm}).
     *
     * @param s state
     * @return the total log likelihood (consumed by JMH)
     */
    @Benchmark
    public double forwardBackwardWorkspaceB64T400K2(Batch s) {
        return ForwardBackward.runBatch(s.params, s.packed, s.workspace).logMarginalLikelihood();
    }

    /**
     * Forward–backward on one chain of 10^6 steps.
     *
     * @param s state
     * @return the result (consumed by JMH)
     */
    @Benchmark
    @Warmup(iterations = 2, time = 2)
    @Measurement(iterations = 3, time = 2)
    public HmmPosterior forwardBackwardT1e6(LongChain s) {
        return ForwardBackward.run(s.initial, s.transition, s.logLik);
    }
}
