package io.github.hmmrnn.rnn;

import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.synthetic.TwoStepGenerator;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH benchmarks of {@link FusedRnnPass}, the fused GRU forward/backward through time of the
 * HMM-TinyRNN epoch, at the size of {@code RnnBench epoch}: B = 64 sequences × T = 400 trials,
 * H = 6 units, K = 2 heads, single thread. In the test sources so that they reach the
 * package-private kernel; run with {@code scripts/jmh.sh core FusedRnnPassBenchmarks}.
 *
 * <p>Inputs: the training data of {@code RnnBench} ({@link TwoStepGenerator} defaults, 64 × 400,
 * seed 1) encoded as the trainer encodes it ({@link RnnInputs#encode} with the models' default
 * {@link InputEncoding#CHOICE_REWARD_TRANSITION}). Parameters: uniform in [−0.5, 0.5] from a fixed
 * seed (the kernel's cost does not depend on their values). Labels: the trainer's form, a weight
 * on the chosen action in each head, here the posterior split 0.7 / 0.3 between the two states.
 */
// the settings every benchmark shares; a method's own annotations override them
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class FusedRnnPassBenchmarks {

    /** Creates the benchmark holder (JMH instantiates it). */
    public FusedRnnPassBenchmarks() {
    }

    /** The encoded batch, parameters and labels; one pass with its forward states cached. */
    @State(Scope.Benchmark)
    public static class Batch {
        /** Flat network parameters. */
        double[] params;
        /** Another parameter point, so that {@link #gradientAfterForward} must rerun the forward pass. */
        double[] otherParams;
        /** [B][2K][T] label weights. */
        double[] labels;
        /** The fused pass over the batch. */
        FusedRnnPass pass;

        /** Creates the state (JMH instantiates it). */
        public Batch() {
        }

        /** Generates and encodes the data, draws the parameters and builds the labels. */
        @Setup(Level.Trial)
        public void setUp() {
            int heads = 2;
            int hidden = 6;
            TwoStepDataset data = TwoStepGenerator.builder().sequences(64).trials(400).seed(1).build().generate();
            RnnInputs in = RnnInputs.encode(data, InputEncoding.CHOICE_REWARD_TRANSITION);
            int batch = in.numRows();
            int steps = in.paddedLength();
            pass = new FusedRnnPass(in.features(), batch, in.encoding().width(), steps, hidden, heads);
            SplittableRandom rng = new SplittableRandom(1);
            params = new double[pass.numParams()];
            otherParams = new double[params.length];
            for (int i = 0; i < params.length; i++) {
                params[i] = rng.nextDouble(-0.5, 0.5);
                otherParams[i] = params[i] + 1e-3;
            }
            double weight = (double) batch / in.numScored();
            double[] gamma = {0.7, 0.3};
            labels = new double[batch * 2 * heads * steps];
            for (int b = 0; b < batch; b++) {
                int base = b * 2 * heads * steps;
                for (int t = 0; t < in.length(b); t++) {
                    if (in.scored(b, t)) {
                        int c = in.choice(b, t);
                        for (int j = 0; j < heads; j++) {
                            labels[base + (2 * j + c) * steps + t] = weight * gamma[j];
                        }
                    }
                }
            }
        }
    }

    /**
     * GRU forward through time to the heads' logits, B64·T400·H6·K2.
     *
     * @param s state
     * @return the logits (consumed by JMH)
     */
    @Benchmark
    public double[] forwardB64T400H6K2(Batch s) {
        return s.pass.forward(s.params);
    }

    /**
     * Backward through time alone: the gradient of the posterior-weighted cross-entropy at the
     * parameters of the cached forward pass (the pass reuses its forward states, as in a training
     * step after the E-step's forward pass).
     *
     * @param s state
     * @return the gradient (consumed by JMH)
     */
    @Benchmark
    public double[] backwardB64T400H6K2(Batch s) {
        return s.pass.gradient(s.params, s.labels);
    }

    /**
     * Forward then backward: the gradient at parameters that differ from the cached forward
     * pass's, alternating between two points so that every call runs both passes.
     *
     * @param s state
     * @return the gradient (consumed by JMH)
     */
    @Benchmark
    public double[] gradientAfterForward(Batch s) {
        double[] p = s.params;
        s.params = s.otherParams;
        s.otherParams = p;
        return s.pass.gradient(p, s.labels);
    }
}
