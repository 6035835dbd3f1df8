package io.github.hmmrnn.bench;

import io.github.hmmrnn.agents.Agent;
import io.github.hmmrnn.agents.AgentPreset;
import io.github.hmmrnn.agents.Agents;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.io.MatTwoStepReader;
import io.github.hmmrnn.io.SharedData;
import io.github.hmmrnn.metrics.PhaseRecovery;
import io.github.hmmrnn.metrics.PhaseRecoveryResult;
import io.github.hmmrnn.metrics.PredictiveMetrics;
import io.github.hmmrnn.metrics.PredictiveScore;
import io.github.hmmrnn.moa.EmAcceleration;
import io.github.hmmrnn.moa.FittedHmmMoa;
import io.github.hmmrnn.moa.HmmMoaModel;
import io.github.hmmrnn.moa.MoaRecovery;
import io.github.hmmrnn.moa.MoaSimulator;
import io.github.hmmrnn.moa.TwoStepTask;
import io.github.hmmrnn.oracle.OracleResult;
import io.github.hmmrnn.oracle.TwoStepOracle;
import io.github.hmmrnn.report.FitReport;
import io.github.hmmrnn.synthetic.TwoStepGenerator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import io.github.hmmrnn.moa.StateOrder;
import java.lang.management.ManagementFactory;

/**
 * Runnable MoA-HMM benchmarks (see docs/benchmarks-moa.md):
 * {@code recovery [sessions trials starts]}, {@code recovery-julia}, {@code synthetic [randomStarts]},
 * {@code synthetic-aligned},
 * {@code real [matFile subject [NONE|SQUAREM]]}.
 */
public final class MoaBenchmarks {

    private MoaBenchmarks() {
    }

    /**
     * @param args benchmark name and its arguments
     * @throws Exception on I/O failure
     */
    public static void main(String[] args) throws Exception {
        String which = args.length > 0 ? args[0] : "recovery";
        switch (which) {
            case "recovery" -> recovery(MoaRecovery.populationModel(), intArg(args, 1, 100), intArg(args, 2, 200),
                    intArg(args, 3, 5), "paper population model");
            case "recovery-julia" -> recovery(MoaRecovery.mixtureAgentsTestModel(), intArg(args, 1, 100), intArg(args, 2, 200),
                    intArg(args, 3, 5), "MixtureAgentsModels test model");
            case "synthetic" -> synthetic(intArg(args, 1, 3));
            case "synthetic-aligned" -> syntheticAligned();
            case "real" -> real(args.length > 1 ? Path.of(args[1]) : SharedData.ofcMat(), args.length > 2 ? args[2] : "M055",
                    args.length > 3 ? EmAcceleration.valueOf(args[3]) : EmAcceleration.SQUAREM);
            default -> throw new IllegalArgumentException("unknown benchmark '" + which
                    + "'; valid: recovery, recovery-julia, synthetic, real");
        }
    }

    private static int intArg(String[] a, int i, int def) {
        return a.length > i ? Integer.parseInt(a[i]) : def;
    }

    private static void recovery(FittedHmmMoa truth, int sessions, int trials, int starts, String label) {
        TwoStepDataset data = MoaSimulator.simulate(truth, sessions, trials, TwoStepTask.DEFAULT, 2024);
        PhaseRecoveryResult oracle = MoaRecovery.stateRecovery(truth, data);
        long t0 = System.nanoTime();
        FittedHmmMoa fit = HmmMoaModel.builder().states(truth.numStates()).agents(AgentPreset.VENDITTO2023)
                .starts(starts).seed(1).threads(Runtime.getRuntime().availableProcessors()).build().fit(data);
        double secs = (System.nanoTime() - t0) / 1e9;
        PhaseRecoveryResult rec = MoaRecovery.stateRecovery(fit, data);
        double[] corr = MoaRecovery.weightCorrelations(fit, truth, rec.mapping());
        System.out.printf(Locale.ROOT, "recovery (%s): %d sessions x %d trials, %d starts, %.1f s%n", label,
                sessions, trials, starts, secs);
        System.out.printf(Locale.ROOT, "  true-parameter smoothed state accuracy (oracle ceiling): %.4f%n", oracle.accuracy());
        System.out.printf(Locale.ROOT, "  fitted smoothed state accuracy: %.4f  mapping %s%n", rec.accuracy(),
                Arrays.toString(rec.mapping()));
        System.out.printf(Locale.ROOT, "  per-true-state corr(beta): %s%n", Arrays.toString(corr));
        System.out.printf(Locale.ROOT, "  fitted beta [agents][states]: %s%n", Arrays.deepToString(fit.weights()));
        System.out.printf(Locale.ROOT, "  fitted learning rates: %s (truth %s)%n", fit.learningRates(), truth.learningRates());
        System.out.printf(Locale.ROOT, "  LL fit %.3f, truth %.3f%n", fit.logLikelihood(), truth.logLikelihood(data));
    }

    private static void synthetic(int randomStarts) {
        TwoStepGenerator train = TwoStepGenerator.builder().sequences(64).trials(400).seed(1).build();
        TwoStepGenerator test = train.toBuilder().seed(2).build();
        TwoStepDataset tr = train.generate();
        TwoStepDataset te = test.generate();
        OracleResult oracle = TwoStepOracle.forGenerator(test).predict(te);
        System.out.printf(Locale.ROOT, "synthetic: HmmMoa K=2 hmmrnnOriginal (fitted alpha), default priors, train seed 1, test seed 2, B=64, T=400%n");
        System.out.printf(Locale.ROOT, "  Bayes oracle test NLL %.4f acc %.4f (phase-known %s), smoothed phase accuracy %s%n",
                oracle.score().nll(), oracle.score().accuracy(), oracle.phaseKnownScore(), oracle.smoothedPhaseAccuracy());
        HmmMoaModel base = HmmMoaModel.builder().states(2).agents(AgentPreset.HMMRNN_ORIGINAL).seed(1).threads(2).build();
        // The random starts do not depend on whether the warm start is added, so the fit with both
        // is the better (by log posterior) of these two runs.
        FittedHmmMoa warm = syntheticRow("bias-HMM warm start only", base.toBuilder().starts(0).biasHmmStart(true).build(),
                tr, te, oracle);
        FittedHmmMoa random = randomStarts > 0 ? syntheticRow(randomStarts + " random starts (as before)",
                base.toBuilder().starts(randomStarts).build(), tr, te, oracle) : null;
        if (random != null) {
            System.out.printf(Locale.ROOT, "  best by log posterior: %s (train log posterior warm %.3f vs random %.3f)%n",
                    warm.logPosterior() >= random.logPosterior() ? "bias-HMM warm start" : "random starts",
                    warm.logPosterior(), random.logPosterior());
        }
    }

    /**
     * The phase-aligned point of the hmmrnnOriginal MoA family: agents silent, the bias agent
     * alone carries the generator's per-phase preference (σ(±1.12) = σ(β·2) with β = ±0.56), a
     * sticky chain with the generator's mean dwell; then EM from there. Shows whether maximum
     * likelihood keeps the states on the phases.
     */
    private static void syntheticAligned() {
        TwoStepGenerator train = TwoStepGenerator.builder().sequences(64).trials(400).seed(1).build();
        TwoStepGenerator test = train.toBuilder().seed(2).build();
        TwoStepDataset tr = train.generate();
        TwoStepDataset te = test.generate();
        OracleResult oracle = TwoStepOracle.forGenerator(test).predict(te);
        double logit = Math.log(train.choiceProbability(1, 1) / train.choiceProbability(1, 0));
        double[][] beta = {{0, 0}, {0, 0}, {0, 0}, {-logit / 2, logit / 2}};
        double stay = 1 - 1.0 / 120;
        double[] pi = {0.5, 0.5};
        double[][] a = {{stay, 1 - stay}, {1 - stay, stay}};
        FittedHmmMoa aligned = FittedHmmMoa.of(AgentPreset.HMMRNN_ORIGINAL.agents(), beta, pi, a);
        PhaseRecoveryResult ph0 = PhaseRecovery.evaluate(te, aligned.smoothedStates(te));
        PredictiveScore sc0 = PredictiveMetrics.evaluate(te, aligned.predictChoiceProbabilities(te));
        System.out.printf(Locale.ROOT, "synthetic-aligned: oracle test NLL %.4f%n", oracle.score().nll());
        System.out.printf(Locale.ROOT, "  phase-aligned bias-only point (bias beta +-%.3f, A diag %.4f): train LL %.3f, test NLL %.4f, smoothed phase acc %.4f%n",
                logit / 2, stay, aligned.logLikelihood(tr), sc0.nll(), ph0.accuracy());
        HmmMoaModel spec = HmmMoaModel.builder().states(2).agents(AgentPreset.HMMRNN_ORIGINAL).seed(1)
                .initialParameters(beta, pi, a).stateOrder(StateOrder.AS_FITTED).build();
        syntheticRow("EM from the phase-aligned point", spec, tr, te, oracle);
        // A near-rigid sticky chain (Dirichlet rows with ~20,000 pseudo-counts at the generator's
        // dwell) keeps the states slow; compare its log-likelihood (not posterior) with the free fit's.
        syntheticRow("EM from the phase-aligned point, chain pinned by a Dirichlet(20000, 168) prior",
                spec.toBuilder().transitionConcentration(20000, 168).build(), tr, te, oracle);
        syntheticRow("bias-HMM warm start, chain pinned by a Dirichlet(20000, 168) prior",
                spec.toBuilder().starts(0).biasHmmStart(true).transitionConcentration(20000, 168).build(), tr, te, oracle);
    }

    private static FittedHmmMoa syntheticRow(String label, HmmMoaModel spec, TwoStepDataset tr, TwoStepDataset te,
                                             OracleResult oracle) {
        long t0 = System.nanoTime();
        FittedHmmMoa fit = spec.fit(tr);
        double secs = (System.nanoTime() - t0) / 1e9;
        PredictiveScore score = PredictiveMetrics.evaluate(te, fit.predictChoiceProbabilities(te));
        PredictiveScore trainScore = PredictiveMetrics.evaluate(tr, fit.predictChoiceProbabilities(tr));
        PhaseRecoveryResult phase = PhaseRecovery.evaluate(te, fit.smoothedStates(te));
        System.out.printf(Locale.ROOT, "  [%s] fit %.1f s; train log posterior %.3f (LL %.3f; per start %s)%n", label, secs,
                fit.logPosterior(), fit.logLikelihood(), Arrays.toString(fit.startLogPosteriors()));
        System.out.printf(Locale.ROOT, "    train NLL %.4f; test NLL %.4f (gap to oracle %.4f) acc %.4f; test LL %.3f%n",
                trainScore.nll(), score.nll(), score.nll() - oracle.score().nll(), score.accuracy(), fit.logLikelihood(te));
        System.out.printf(Locale.ROOT, "    smoothed phase accuracy %.4f%n", phase.accuracy());
        System.out.printf(Locale.ROOT, "    beta %s%n    rates %s%n    pi %s A %s%n", Arrays.deepToString(fit.weights()),
                fit.learningRates(), Arrays.toString(fit.initialDistribution()), Arrays.deepToString(fit.transitionMatrix()));
        return fit;
    }

    private static void real(Path mat, String subject, EmAcceleration acceleration) throws Exception {
        TwoStepDataset all = MatTwoStepReader.read(mat);
        TwoStepDataset data = all.forSubject(subject);
        System.out.printf(Locale.ROOT, "real: %s subject %s: %d sessions, %d trials, %d scored%n", mat, subject,
                data.numSessions(), data.numTrials(), data.numScored());
        HmmMoaModel one = HmmMoaModel.builder().states(3).agents(AgentPreset.VENDITTO2023).starts(1).seed(1)
                .acceleration(acceleration).build();
        System.out.println("  EM acceleration: " + acceleration);
        for (int rep = 0; rep < 2; rep++) {
            long t0 = System.nanoTime();
            long c0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            FittedHmmMoa fit = one.fit(data);
            double secs = (System.nanoTime() - t0) / 1e9;
            double cpu = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - c0) / 1e9;
            System.out.printf(Locale.ROOT, "  one start (run %d, incl. 1-state initial fit): %.2f s wall, %.2f s CPU, %d EM iterations, converged %s%n",
                    rep, secs, cpu, fit.history().entries().size() - 1, fit.history().converged());
            if (rep == 1) {
                System.out.printf(Locale.ROOT, "  LL %.2f normalised likelihood %.4f%n", fit.logLikelihood(),
                        fit.normalizedLikelihood());
                System.out.printf(Locale.ROOT, "  beta [MBr,MBc,MFr,MFc,Bias][state] %s%n", Arrays.deepToString(fit.weights()));
                System.out.printf(Locale.ROOT, "  rates %s%n  pi %s%n  A %s%n", fit.learningRates(),
                        Arrays.toString(fit.initialDistribution()), Arrays.deepToString(fit.transitionMatrix()));
                Path out = Files.createTempDirectory("moa-real");
                FitReport.write(out.resolve("fit.json"), fit, data, mat.toString());
                System.out.println("  wrote " + out.resolve("fit.json"));
            }
        }
    }
}
