package io.github.hmmrnn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.hmmrnn.data.Session;

class StateInferenceTest {

    private static SessionInference session(double ll, double cll) {
        return new SessionInference(new double[] {0.5, 0.8}, new double[][] {{0.5, 0.5}, {0.6, 0.4}},
                new double[][] {{0.7, 0.3}, {0.9, 0.1}}, new double[][] {{0.8, 0.2}, {0.9, 0.1}}, new int[] {0, 0},
                ll, cll);
    }

    @Test
    void accessors_returnCopies() {
        double[] p = {0.5, 0.8};
        double[][] pred = {{0.5, 0.5}, {0.6, 0.4}};
        SessionInference s = new SessionInference(p, pred, pred, pred, new int[] {0, 1}, -1, -1);
        p[0] = 9;
        pred[1][0] = 9;
        assertEquals(0.5, s.choiceProbabilities()[0], 0.0);
        assertEquals(0.6, s.predictedStates()[1][0], 0.0);
        s.choiceProbabilities()[0] = 7;
        s.smoothedStates()[0][0] = 7;
        s.mostLikelyStates()[1] = 0;
        assertEquals(0.5, s.choiceProbabilities()[0], 0.0);
        assertEquals(0.5, s.smoothedStates()[0][0], 0.0);
        assertEquals(1, s.mostLikelyStates()[1]);
        assertEquals(2, s.numStates());
        assertEquals(2, s.length());
    }

    @Test
    void totals_sumSessionsInOrder() {
        StateInference r = new StateInference(2, List.of(session(-1.25, -1.5), session(-2.0, -2.5)));
        assertEquals(-3.25, r.logLikelihood(), 0.0);
        assertEquals(-4.0, r.choiceLogLikelihood(), 0.0);
        assertArrayEquals(new double[] {-1.25, -2.0}, r.logLikelihoods(), 0.0);
        assertEquals(2, r.numSessions());
        assertArrayEquals(new double[] {0.9, 0.1}, r.filteredStates().get(1)[1], 0.0);
        assertThrows(UnsupportedOperationException.class, () -> r.sessions().add(session(0, 0)));
    }

    @Test
    void constructor_badShapes_throwNamingTheArray() {
        double[][] two = {{0.5, 0.5}, {0.5, 0.5}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SessionInference(new double[] {0.5, 0.5}, two, new double[][] {{1}}, two, new int[2], 0, 0));
        assertTrue(e.getMessage().contains("filtered"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new SessionInference(new double[] {0.5, 0.5}, two, two, two, new int[] {0, 2}, 0, 0));
        assertTrue(e.getMessage().contains("mostLikely[1]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new StateInference(3, List.of(session(0, 0))));
        assertTrue(e.getMessage().contains("session 0"), e.getMessage());
    }

    @Test
    void choiceLogLikelihood_sumsScoredTrialsOnly() {
        Session s = Session.of("r", 0, new int[] {1, 0, 1}, new int[] {1, 0, 1}, new int[] {1, 0, 0},
                new boolean[] {true, true, true}, new boolean[] {true, false, true}, null);
        double v = SessionInference.choiceLogLikelihood(s, new double[] {0.8, 0.3, 0.4});
        assertEquals(Math.log(0.8) + Math.log(0.4), v, 0.0);
        assertThrows(IllegalArgumentException.class, () -> SessionInference.choiceLogLikelihood(s, new double[2]));
    }
}
