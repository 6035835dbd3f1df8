package io.github.hmmrnn.moa;

import io.github.hmmrnn.agents.AgentPreset;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.metrics.PhaseRecoveryResult;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Parameter recovery stated against its ceiling: no estimator beats, on average, the smoothed
 * posterior under the true parameters, so the fitted model's state accuracy is asked to reach 95 %
 * of that posterior's accuracy on the same simulated sessions, and its per-state weights to
 * correlate ≥ 0.9 with the truth's.
 */
class MoaRecoveryCeilingTest {

    private static void assertRecovers(FittedHmmMoa truth, int sessions, int trials) {
        TwoStepDataset data = MoaSimulator.simulate(truth, sessions, trials, TwoStepTask.DEFAULT, 2024);
        PhaseRecoveryResult ceiling = MoaRecovery.stateRecovery(truth, data);
        FittedHmmMoa fit = HmmMoaModel.builder().states(truth.numStates()).agents(AgentPreset.VENDITTO2023).starts(2)
                .splitStarts(true).biasHmmStart(true).seed(1).threads(2).build().fit(data);
        PhaseRecoveryResult rec = MoaRecovery.stateRecovery(fit, data);
        double[] corr = MoaRecovery.weightCorrelations(fit, truth, rec.mapping());
        String what = "accuracy " + rec.accuracy() + " vs true-parameter ceiling " + ceiling.accuracy() + ", corr(beta) "
                + Arrays.toString(corr) + ", LL fit " + fit.logLikelihood() + " truth " + truth.logLikelihood(data);
        assertTrue(rec.accuracy() >= 0.95 * ceiling.accuracy(), what);
        for (double c : corr) {
            assertTrue(c >= 0.9, what);
        }
    }

    @Test
    void populationModel_reachesTheTrueParameterCeiling() {
        assertRecovers(MoaRecovery.populationModel(), 100, 200);
    }

    @Test
    void mixtureAgentsModelsTestModel_reachesTheTrueParameterCeiling() {
        assertRecovers(MoaRecovery.mixtureAgentsTestModel(), 60, 200);
    }
}
