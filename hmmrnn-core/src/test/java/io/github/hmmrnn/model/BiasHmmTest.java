package io.github.hmmrnn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.hmmrnn.data.Session;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.metrics.PhaseRecovery;
import io.github.hmmrnn.synthetic.Dwell;
import io.github.hmmrnn.synthetic.TwoStepGenerator;
import java.util.Arrays;

class BiasHmmTest {

    @Test
    void fit_recoversPhasesOfDefaultGeneratorFromChoicesAlone() {
        TwoStepDataset d = TwoStepGenerator.builder().sequences(32).seed(1).build().generate();
        BiasHmm m = BiasHmm.fit(d, 2);
        double acc = PhaseRecovery.evaluate(d, m.smoothedStates(d)).accuracy();
        // The actions-only smoothing ceiling of this generator is about 0.976.
        assertTrue(acc > 0.93, "phase accuracy " + acc);
        double[] p = m.choiceProbabilities();
        double lo = Math.min(p[0], p[1]);
        double hi = Math.max(p[0], p[1]);
        assertEquals(1 - 0.754, lo, 0.03);
        assertEquals(0.754, hi, 0.03);
    }

    @Test
    void fit_markovDataRecoversStayProbability() {
        TwoStepDataset d = TwoStepGenerator.builder().sequences(64).trials(500)
                .dwell(new Dwell.Markov(0.98)).seed(3).build().generate();
        BiasHmm m = BiasHmm.fit(d, 2);
        double[][] a = m.transitionMatrix();
        assertEquals(0.98, a[0][0], 0.01);
        assertEquals(0.98, a[1][1], 0.01);
    }

    @Test
    void fit_oneStateIsTheChoiceRate() {
        TwoStepDataset d = TwoStepGenerator.builder().sequences(4).trials(100).seed(2).build().generate();
        BiasHmm m = BiasHmm.fit(d, 1);
        long ones = d.sessions().stream().mapToLong(s -> Arrays.stream(s.choices()).sum()).sum();
        assertEquals((ones + 1.0) / (d.numScored() + 2.0), m.choiceProbabilities()[0], 1e-12);
    }

    @Test
    void fit_forcedTrialsStepTheChainButTheirChoicesAreIgnored() {
        TwoStepDataset d = TwoStepGenerator.builder().sequences(4).trials(120).seed(5).build().generate();
        List<Session> forced = new ArrayList<>();
        List<Session> flipped = new ArrayList<>();
        for (Session s : d.sessions()) {
            boolean[] scored = s.scoredTrials();
            int[] c = s.choices();
            for (int t = 3; t < s.length(); t += 7) {
                scored[t] = false;
                c[t] = 1 - c[t];
            }
            forced.add(Session.of(s.subject(), s.index(), s.choices(), s.outcomes(), s.rewards(), s.commonTransitions(),
                    scored, null));
            flipped.add(Session.of(s.subject(), s.index(), c, s.outcomes(), s.rewards(), s.commonTransitions(), scored,
                    null));
        }
        for (ChainEvidence evidence : ChainEvidence.values()) {
            BiasHmm a = BiasHmm.fit(TwoStepDataset.of(d.subjects(), forced), 2, evidence);
            BiasHmm b = BiasHmm.fit(TwoStepDataset.of(d.subjects(), flipped), 2, evidence);
            assertArrayEquals(a.choiceProbabilities(), b.choiceProbabilities(), 0.0);
            assertArrayEquals(a.transitionMatrix()[0], b.transitionMatrix()[0], 0.0);
            assertEquals(a.logLikelihood(), b.logLikelihood(), 0.0);
            // one smoothed row per trial: the chain steps through the forced trials
            assertEquals(d.sessions().get(0).length(), a.smoothedStates(TwoStepDataset.of(d.subjects(), forced)).get(0).length);
        }
    }

    @Test
    void fit_rejectsZeroStates() {
        TwoStepDataset d = TwoStepGenerator.builder().sequences(1).trials(10).build().generate();
        var e = assertThrows(IllegalArgumentException.class, () -> BiasHmm.fit(d, 0));
        assertTrue(e.getMessage().contains("states must be >= 1, got 0"));
    }
}
