package io.github.hmmrnn.moa;

import io.github.hmmrnn.agents.Agent;
import io.github.hmmrnn.agents.AgentPreset;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.model.ChainEvidence;
import java.util.Arrays;
import java.util.List;
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
 * JMH benchmarks of the HMM-MoA fitter's kernels ({@link MoaFitter}) at a fixed parameter point:
 * K = 3 states over the five {@code venditto2023} agents (four fitted learning rates), on
 * 20 sessions × 400 trials simulated from that point ({@link MoaSimulator}, seed 1), so that no
 * data file is needed; single thread. In the test sources so that they reach the package-private
 * fitter; run with {@code scripts/jmh.sh agents MoaFitterBenchmarks}.
 *
 * <p>Benchmarks:
 * <ul>
 *   <li>{@link #regressorsAndLogits}: the agents' regressors with their derivatives in the
 *       learning rates, and the per-state logits — the work every point needs before either step;
 *   <li>{@link #eStep}: the E-step alone at the point (emission log-likelihoods from the logits and
 *       forward–backward of every session);
 *   <li>{@link #mStep}: the M-step alone from the point's posteriors (closed-form π and A, then the
 *       damped Newton steps in β and α with the regressors and logits at the new point);
 *   <li>{@link #evaluate}: regressors, logits and E-step;
 *   <li>{@link #emIteration}: one generalized-EM iteration from the point ({@code fit(init, 0, 1)}):
 *       evaluate at the start, then the M-step and the E-step there.
 * </ul>
 */
// the settings every benchmark shares; a method's own annotations override them
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class MoaFitterBenchmarks {

    /** Creates the benchmark holder (JMH instantiates it). */
    public MoaFitterBenchmarks() {
    }

    /** The simulated data, the fitter and the parameter point. */
    @State(Scope.Benchmark)
    public static class AtPoint {
        /** The fitter over the simulated sessions. */
        MoaFitter fitter;
        /** The parameter point (the simulating model's), never modified. */
        MoaFitter.Params params;
        /** The point evaluated (regressors, logits, E-step), the input of the M-step. */
        MoaFitter.Point at;

        /** Creates the state (JMH instantiates it). */
        public AtPoint() {
        }

        /** Simulates the data and builds the fitter with the model's default priors. */
        @Setup(Level.Trial)
        public void setUp() {
            List<Agent> agents = AgentPreset.VENDITTO2023.agents();
            int k = 3;
            int na = agents.size();
            // [A][K]: a model-based state, a model-free state and a perseverative/bias state
            double[][] betaAk = {
                {2.0, 0.3, 0.2},
                {0.2, 0.1, 0.8},
                {0.1, 1.5, 0.1},
                {0.0, 0.4, 1.0},
                {0.1, -0.2, 0.6}};
            double[] pi = {0.5, 0.3, 0.2};
            double[][] trans = {{0.96, 0.02, 0.02}, {0.02, 0.96, 0.02}, {0.03, 0.03, 0.94}};
            FittedHmmMoa truth = FittedHmmMoa.of(agents, betaAk, pi, trans);
            TwoStepDataset data = MoaSimulator.simulate(truth, 20, 400, TwoStepTask.DEFAULT, 1);
            double[][] mean = new double[k][na];
            double[][] sd = new double[k][na];
            for (double[] row : sd) {
                Arrays.fill(row, NormalPrior.DEFAULT.sd());
            }
            double[][] conc = new double[k][k];
            for (double[] row : conc) {
                Arrays.fill(row, 1);
            }
            fitter = new MoaFitter(agents, k, PreparedSession.of(data), mean, sd, 1, conc, 300, 1e-5,
                    EmAcceleration.SQUAREM, ChainEvidence.CHOICES);
            int[][] fitted = fitter.fittedIndex();
            double[] alpha = new double[fitted.length];
            for (int q = 0; q < fitted.length; q++) {
                alpha[q] = agents.get(fitted[q][0]).parameters().get(fitted[q][1]).value();
            }
            double[][] beta = new double[k][na];
            for (int a = 0; a < na; a++) {
                for (int s = 0; s < k; s++) {
                    beta[s][a] = betaAk[a][s];
                }
            }
            params = new MoaFitter.Params(beta, alpha, pi, trans);
            at = fitter.evaluateOrNull(params);
        }
    }

    /**
     * Regressors (with derivatives in the learning rates) and per-state logits at the point.
     *
     * @param s state
     * @return the logits (consumed by JMH)
     */
    @Benchmark
    public MoaFitter.Logits regressorsAndLogits(AtPoint s) {
        return s.fitter.logits(s.params.beta, s.fitter.design(s.params.alpha, true));
    }

    /**
     * The E-step alone at the point, from its logits.
     *
     * @param s state
     * @return the E-step (consumed by JMH)
     */
    @Benchmark
    public MoaFitter.EStep eStep(AtPoint s) {
        return s.fitter.eStep(s.params, s.at.logits());
    }

    /**
     * The M-step alone from the point's posteriors (the parameters it starts from are copied).
     *
     * @param s state
     * @return the new parameters with their regressors and logits (consumed by JMH)
     */
    @Benchmark
    public MoaFitter.MStep mStep(AtPoint s) {
        return s.fitter.mStep(s.at);
    }

    /**
     * Regressors, logits and the E-step at the point.
     *
     * @param s state
     * @return the evaluated point (consumed by JMH)
     */
    @Benchmark
    public MoaFitter.Point evaluate(AtPoint s) {
        return s.fitter.evaluateOrNull(s.params);
    }

    /**
     * One EM iteration from the point: evaluate, M-step, E-step at the new point. The fitter's
     * one INFO line per call is silenced in the fork.
     *
     * @param s state
     * @return the result after one iteration (consumed by JMH)
     */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector",
        "-Dorg.slf4j.simpleLogger.log.io.github.hmmrnn.moa=warn"})
    public MoaFitter.StartResult emIteration(AtPoint s) {
        return s.fitter.fit(s.params, 0, 1);
    }
}
