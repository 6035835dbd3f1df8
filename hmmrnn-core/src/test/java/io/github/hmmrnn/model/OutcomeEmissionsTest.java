package io.github.hmmrnn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.hmmrnn.data.Session;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.metrics.PhaseRecovery;
import io.github.hmmrnn.synthetic.TwoStepGenerator;

class OutcomeEmissionsTest {

    /** Four trials: second-step states 0, 0, 1, 1 with rewards 1, 0, 1, 1; the third is forced. */
    private static Session fourTrials() {
        return Session.of("s", 0, new int[] {0, 0, 1, 0}, new int[] {0, 0, 1, 1}, new int[] {1, 0, 1, 1},
                new boolean[] {true, true, true, false}, new boolean[] {true, true, false, true}, null);
    }

    @Test
    void mapEstimate_matchesHandComputedBetaMap() {
        double[][] w = {{1, 0}, {0.5, 0.5}, {0.25, 0.75}, {0, 1}};
        OutcomeEmissions m = OutcomeEmissions.mapEstimate(List.of(fourTrials()), List.<double[][]>of(w), 2);
        // state 0, s=0: rewarded 1, visits 1.5 -> (1+1)/(1.5+2); s=1: rewarded 0.25, visits 0.25
        assertEquals(2 / 3.5, m.rewardProbability(0, 0), 1e-15);
        assertEquals(1.25 / 2.25, m.rewardProbability(0, 1), 1e-15);
        // state 1, s=0: rewarded 0, visits 0.5; s=1: rewarded 1.75 (forced trial counts), visits 1.75
        assertEquals(1 / 2.5, m.rewardProbability(1, 0), 1e-15);
        assertEquals(2.75 / 3.75, m.rewardProbability(1, 1), 1e-15);
    }

    @Test
    void addLogLikelihoods_addsLogRewardProbabilityOfEveryTrial() {
        OutcomeEmissions m = OutcomeEmissions.of(new double[][] {{0.9, 0.2}, {0.3, 0.6}});
        double[][] e = {{1, 2}, {0, 0}, {0, 0}, {0, 0}};
        m.addLogLikelihoods(fourTrials(), e);
        assertEquals(1 + Math.log(0.9), e[0][0], 1e-15);
        assertEquals(2 + Math.log(0.3), e[0][1], 1e-15);
        assertEquals(Math.log(0.1), e[1][0], 1e-15);
        assertEquals(Math.log(0.7), e[1][1], 1e-15);
        assertEquals(Math.log(0.2), e[2][0], 1e-15);
        assertEquals(Math.log(0.6), e[3][1], 1e-15);
    }

    @Test
    void of_rejectsBadProbabilitiesAndShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OutcomeEmissions.of(new double[][] {{0.5, 1.0}}));
        assertTrue(e.getMessage().contains("rewardProbability[0][1]") && e.getMessage().contains("(0, 1)"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OutcomeEmissions.of(new double[][] {{0.5, Double.NaN}}));
        assertThrows(IllegalArgumentException.class, () -> OutcomeEmissions.of(new double[][] {{0.5}}));
        assertThrows(IllegalArgumentException.class, () -> OutcomeEmissions.of(new double[0][]));
        OutcomeEmissions m = OutcomeEmissions.of(new double[][] {{0.5, 0.5}});
        assertThrows(IllegalArgumentException.class, () -> m.addLogLikelihoods(fourTrials(), new double[3][1]));
        assertThrows(IllegalArgumentException.class, () -> m.addLogLikelihoods(fourTrials(), new double[4][2]));
    }

    @Test
    void uninformative_addsTheSameTermToEveryState() {
        OutcomeEmissions m = OutcomeEmissions.uninformative(3);
        double[][] e = new double[4][3];
        m.addLogLikelihoods(fourTrials(), e);
        for (double[] row : e) {
            assertEquals(Math.log(0.5), row[0], 0.0);
            assertEquals(row[0], row[1], 0.0);
            assertEquals(row[0], row[2], 0.0);
        }
        assertThrows(IllegalArgumentException.class, () -> OutcomeEmissions.uninformative(0));
    }

    @Test
    void biasHmm_withOutcomesRecoversPhasesBetterThanChoicesAlone() {
        TwoStepDataset d = TwoStepGenerator.builder().sequences(16).seed(4).build().generate();
        BiasHmm choices = BiasHmm.fit(d, 2);
        BiasHmm both = BiasHmm.fit(d, 2, ChainEvidence.CHOICES_AND_OUTCOMES);
        double accChoices = PhaseRecovery.evaluate(d, choices.smoothedStates(d)).accuracy();
        double accBoth = PhaseRecovery.evaluate(d, both.smoothedStates(d)).accuracy();
        assertTrue(accBoth > 0.99, "phase accuracy with outcomes " + accBoth);
        assertTrue(accBoth > accChoices, accBoth + " vs choices only " + accChoices);
        assertEquals(null, choices.outcomeEmissions());
        // the generator's reward maps are (0.9, 0.1) and (0.1, 0.9)
        double[][] rho = both.outcomeEmissions().rewardProbabilities();
        double hi = Math.max(rho[0][0], rho[1][0]);
        double lo = Math.min(rho[0][0], rho[1][0]);
        assertEquals(0.9, hi, 0.03);
        assertEquals(0.1, lo, 0.03);
    }
}
