package io.github.hmmrnn.moa;

import io.github.hmmrnn.agents.Agent;
import io.github.hmmrnn.agents.AgentRegressors;
import io.github.hmmrnn.agents.AgentRegressors.SessionRegressors;
import io.github.hmmrnn.agents.Agents;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.model.ChainEvidence;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fitter's per-point logits (η, e^−|η|, log(1 + e^−|η|)), computed once and shared by the
 * M-step and the E-step, must give exactly the emission log-likelihoods of
 * {@link MoaKernels#emissionLogLik} (log σ(±η) as {@link MoaKernels#logSigmoid} computes it), on
 * both signs of η, at η = 0 and at large |η|.
 */
class MoaFitterKernelsTest {

    private static final List<Agent> AGENTS = List.of(Agents.mbRewardB().withParameter("alpha", 0.5, true),
            Agents.mfChoiceB().withParameter("alpha", 0.4, true), Agents.bias());

    private static MoaFitter fitter(int k, List<PreparedSession> sessions) {
        double[][] mean = new double[k][AGENTS.size()];
        double[][] sd = new double[k][AGENTS.size()];
        for (double[] row : sd) {
            Arrays.fill(row, 1);
        }
        double[][] conc = new double[k][k];
        for (double[] row : conc) {
            Arrays.fill(row, 1);
        }
        return new MoaFitter(AGENTS, k, sessions, mean, sd, 1, conc, 300, 1e-5, EmAcceleration.SQUAREM,
                ChainEvidence.CHOICES);
    }

    private static TwoStepDataset data() {
        double[][] beta = {{2.0, 0.2}, {0.1, 1.0}, {0.0, 0.3}};
        FittedHmmMoa truth = FittedHmmMoa.of(AGENTS, beta, new double[] {0.8, 0.2},
                new double[][] {{0.97, 0.03}, {0.03, 0.97}});
        return MoaSimulator.simulate(truth, 3, 60, TwoStepTask.DEFAULT, 5);
    }

    @Test
    void logitEmissions_equalTheDirectEmissionLogLikelihoods_bitForBit() {
        List<PreparedSession> sessions = PreparedSession.of(data());
        int k = 4;
        MoaFitter f = fitter(k, sessions);
        SplittableRandom rng = new SplittableRandom(3);
        double[] alpha = {0.3, 0.8};
        MoaFitter.Design design = f.design(alpha, true);
        // the reference: each session's [T][A] regressors as AgentRegressors computes them
        double[][] values = f.parameterValues(alpha);
        List<SessionRegressors> regs = sessions.stream()
                .map(s -> AgentRegressors.compute(AGENTS, values, s.session(), s.pCongruent(), true)).toList();
        // state 0: η = 0 exactly; state 1: large weights (|η| up to ~60); states 2, 3: ordinary
        double[][] beta = new double[k][AGENTS.size()];
        for (int a = 0; a < AGENTS.size(); a++) {
            beta[1][a] = 30 * (rng.nextDouble() - 0.5);
            beta[2][a] = 2 * rng.nextGaussian();
            beta[3][a] = -2 * rng.nextGaussian();
        }
        MoaFitter.Logits logits = f.logits(beta, design);
        double[] actual = logits.emission();
        double[] likelihoods = logits.likelihood();
        int[] offset = f.stepOffsets();
        assertEquals(offset[sessions.size()] * k, actual.length);
        int emitting = 0;
        for (int i = 0; i < sessions.size(); i++) {
            PreparedSession s = sessions.get(i);
            double[][] expected = MoaKernels.emissionLogLik(beta, regs.get(i).values(), s.steps(), s.emits(),
                    s.choices());
            assertEquals(expected.length, offset[i + 1] - offset[i]);
            for (int j = 0; j < expected.length; j++) {
                int at = (offset[i] + j) * k;
                int t = s.steps()[j];
                for (int a = 0; a < AGENTS.size(); a++) {
                    assertEquals(regs.get(i).values()[t][a], design.x()[a][offset[i] + j], 0.0, "x, agent " + a);
                }
                for (int q = 0; q < alpha.length; q++) {
                    assertEquals(regs.get(i).derivatives()[t][q], design.dx()[q][offset[i] + j], 0.0, "dx " + q);
                }
                assertArrayEquals(expected[j], Arrays.copyOfRange(actual, at, at + k), 0.0,
                        "session " + i + " step " + j);
                if (s.emits()[j]) {
                    emitting++;
                    double eta = MoaKernels.dot(beta[2], regs.get(i).values()[s.steps()[j]]);
                    double e = Math.exp(-Math.abs(eta));
                    double sigma = eta >= 0 ? 1 / (1 + e) : e / (1 + e);
                    assertEquals(sigma, logits.sigma()[at + 2], 2e-16 * sigma);
                    for (int q = 0; q < k; q++) {
                        // σ(±η) directly against exp(log σ(±η)), whose own error grows with |log σ|
                        double p = Math.exp(expected[j][q]);
                        assertEquals(p, likelihoods[at + q], 2e-16 * (2 + Math.abs(expected[j][q])) * p,
                                "likelihood, state " + q);
                    }
                } else {
                    for (int q = 0; q < k; q++) {
                        assertEquals(1.0, likelihoods[at + q], 0.0, "a step without choice emits nothing");
                    }
                }
            }
        }
        assertTrue(emitting > 100, "emitting steps checked: " + emitting);
    }

    /** The E-step by the log-space kernel on the logits' emission log-likelihoods: the reference. */
    private static io.github.hmmrnn.hmm.ForwardBackwardWorkspace logSpace(MoaFitter f, MoaFitter.Params p,
                                                                        MoaFitter.Logits logits, int k) {
        int[] offsets = f.stepOffsets();
        int[] lengths = java.util.stream.IntStream.range(0, offsets.length - 1)
                .map(i -> offsets[i + 1] - offsets[i]).filter(n -> n > 0).toArray();
        return io.github.hmmrnn.hmm.ForwardBackward.runBatch(io.github.hmmrnn.hmm.HmmParameters.of(p.pi, p.trans),
                io.github.hmmrnn.hmm.ChainBatch.ofFlat(k, lengths, logits.emission()),
                io.github.hmmrnn.hmm.ForwardBackwardWorkspace.of());
    }

    private static MoaFitter.Params params(double[][] beta) {
        int k = beta.length;
        double[] pi = new double[k];
        double[][] trans = new double[k][k];
        Arrays.fill(pi, 1.0 / k);
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                trans[i][j] = i == j ? 0.9 : 0.1 / (k - 1);
            }
        }
        return new MoaFitter.Params(beta, new double[] {0.3, 0.8}, pi, trans);
    }

    @Test
    void eStepInLikelihoodSpace_equalsTheLogSpaceKernel() {
        List<PreparedSession> sessions = PreparedSession.of(data());
        int k = 3;
        MoaFitter f = fitter(k, sessions);
        MoaFitter.Params p = params(new double[][] {{2.0, 0.2, 0.1}, {0.1, 1.0, -0.5}, {-1.0, 0.3, 0.8}});
        MoaFitter.Logits logits = f.logits(p.beta, f.design(p.alpha, false));
        MoaFitter.EStep e = f.eStep(p, logits);
        var ref = logSpace(f, p, logits, k);
        assertEquals(ref.logMarginalLikelihood(), e.logLikelihood(), 1e-12 * Math.abs(e.logLikelihood()));
        assertArrayEquals(ref.smoothed(), e.gammas(), 1e-12);
        for (int i = 0; i < k; i++) {
            assertArrayEquals(ref.statistics().transitionCounts()[i], e.statistics().transitionCounts()[i], 1e-9);
        }
    }

    @Test
    void eStepWhoseLikelihoodsUnderflow_fallsBackToLogSpace() {
        List<PreparedSession> sessions = PreparedSession.of(data());
        int k = 2;
        MoaFitter f = fitter(k, sessions);
        // a bias weight of -2000 in both states: every right choice has likelihood e^-2000, 0 in
        // double precision, while its log-likelihood is about -2000
        MoaFitter.Params p = params(new double[][] {{0, 0, -2000}, {0, 0, -2000}});
        MoaFitter.Logits logits = f.logits(p.beta, f.design(p.alpha, false));
        MoaFitter.EStep e = f.eStep(p, logits);
        var ref = logSpace(f, p, logits, k);
        assertTrue(Double.isFinite(e.logLikelihood()) && e.logLikelihood() < -100_000, "" + e.logLikelihood());
        assertEquals(ref.logMarginalLikelihood(), e.logLikelihood(), 0.0);
        assertArrayEquals(ref.smoothed(), e.gammas(), 0.0);
    }
}
