package io.github.hmmrnn.emulation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import java.util.Arrays;

class HmmConstructionsTest {

    private static void assertMatrix(double[][] expected, double[][] actual, double tol) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], tol, "row " + i);
        }
    }

    @Test
    void targetProbability_threeStates_handComputed() {
        double q = Math.sqrt(0.05);
        assertEquals(0.22361, q, 1e-5);
        assertMatrix(new double[][] {{1 - q, q, 0}, {q, 1 - 2 * q, q}, {0, q, 1 - q}},
                HmmConstructions.targetProbability(3, 0.05), 1e-12);
        assertEquals(0.55279, HmmConstructions.targetProbability(3, 0.05)[1][1], 1e-5);
    }

    @Test
    void targetProbability_referenceStepProbabilities() {
        assertEquals(0.05, HmmConstructions.targetProbability(2, 0.05)[0][1], 1e-12);
        assertEquals(0.36840, HmmConstructions.targetProbability(4, 0.05)[0][1], 1e-5);
        assertEquals(0.26319, HmmConstructions.targetProbability(4, 0.05)[1][1], 1e-5);
        assertEquals(0.47287, HmmConstructions.targetProbability(5, 0.05)[0][1], 1e-5);
        assertEquals(0.05426, HmmConstructions.targetProbability(5, 0.05)[2][2], 1e-5);
    }

    @Test
    void targetProbability_sixStates_rejectedWithNegativeDiagonal() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HmmConstructions.targetProbability(6, 0.05));
        assertTrue(e.getMessage().contains("negative diagonal"), e.getMessage());
    }

    @Test
    void stayProbability_fourStates_handComputed() {
        assertMatrix(new double[][] {{0.95, 0.05, 0, 0}, {0.025, 0.95, 0.025, 0}, {0, 0.025, 0.95, 0.025},
                {0, 0, 0.05, 0.95}}, HmmConstructions.stayProbability(4, 0.95), 1e-12);
    }

    @Test
    void fullyConnectedAndRing_handComputed() {
        assertMatrix(new double[][] {{0.95, 0.025, 0.025}, {0.025, 0.95, 0.025}, {0.025, 0.025, 0.95}},
                HmmConstructions.fullyConnected(3, 0.95), 1e-12);
        assertMatrix(new double[][] {{0.95, 0.025, 0, 0.025}, {0.025, 0.95, 0.025, 0}, {0, 0.025, 0.95, 0.025},
                {0.025, 0, 0.025, 0.95}}, HmmConstructions.cyclicRing(4, 0.95), 1e-12);
    }

    @Test
    void emissions_handComputed() {
        assertMatrix(new double[][] {{0.99, 0.01, 0}, {0.495, 0.01, 0.495}, {0, 0.01, 0.99}},
                HmmConstructions.linearEmissions(3), 1e-12);
        assertMatrix(new double[][] {{0.98, 0.01, 0.01}, {0.01, 0.98, 0.01}, {0.01, 0.01, 0.98}},
                HmmConstructions.triangularEmissions(3, 0.98), 1e-12);
        double[][] g = HmmConstructions.gaussianEmissions(3, 3);
        // centre 1 for the middle state: |j - 1| / 0.2 = 5 for j = 0, 2
        double side = Math.exp(-0.2 * 25);
        assertArrayEquals(new double[] {side / (1 + 2 * side), 1 / (1 + 2 * side), side / (1 + 2 * side)}, g[1], 1e-12);
    }

    @Test
    void presets_rowsSumToOne() {
        for (HmmPreset p : HmmPreset.values()) {
            EmulationHmm h = p.hmm();
            for (double[] row : h.transitions()) {
                assertEquals(1, Arrays.stream(row).sum(), 1e-12, p + " transitions");
            }
            for (double[] row : h.emissions()) {
                assertEquals(1, Arrays.stream(row).sum(), 1e-12, p + " emissions");
            }
            assertEquals(3, h.numOutputs());
        }
    }

    @Test
    void parse_unknownPreset_listsValid() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HmmPreset.parse("six"));
        assertTrue(e.getMessage().contains("two, three, four, five, fully, cyclic"), e.getMessage());
        assertEquals(HmmPreset.CYCLIC, HmmPreset.parse("Cyclic"));
    }

    @Test
    void builder_badInput_clearExceptions() {
        EmulationHmm.Builder b = EmulationHmm.builder();
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class,
                () -> b.emissions(new double[][] {{1}, {1}}));
        assertTrue(one.getMessage().contains("at least 2 outputs"), one.getMessage());
        IllegalArgumentException neg = assertThrows(IllegalArgumentException.class,
                () -> b.transitions(new double[][] {{1.2, -0.2}, {0.5, 0.5}}));
        assertTrue(neg.getMessage().contains("[0, 1]"), neg.getMessage());
        IllegalArgumentException sum = assertThrows(IllegalArgumentException.class,
                () -> b.transitions(new double[][] {{0.5, 0.4}, {0.5, 0.5}}));
        assertTrue(sum.getMessage().contains("row 0") && sum.getMessage().contains("sum to 1"), sum.getMessage());
        assertThrows(IllegalArgumentException.class, () -> b.startProbabilities(new double[] {0.3, 0.3}));
        assertThrows(IllegalArgumentException.class, () -> HmmConstructions.stayProbability(3, 1.5));
        assertThrows(IllegalStateException.class, () -> EmulationHmm.builder().build());
    }
}
