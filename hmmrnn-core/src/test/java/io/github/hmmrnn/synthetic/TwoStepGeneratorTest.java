package io.github.hmmrnn.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.hmmrnn.data.Session;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.numeric.Logistic;

class TwoStepGeneratorTest {

    /** 256 × 400 = 102,400 trials. */
    private static TwoStepDataset big;

    @BeforeAll
    static void generate() {
        big = TwoStepGenerator.builder().sequences(256).trials(400).seed(11).build().generate();
    }

    @Test
    void favouredAction_matchesSoftmaxOfValueDifference() {
        long fav = 0;
        long n = 0;
        for (Session s : big.sessions()) {
            for (int t = 0; t < s.length(); t++) {
                fav += s.choice(t) == s.phase(t) ? 1 : 0;
                n++;
            }
        }
        assertTrue(n >= 100_000);
        // ΔQ = (2p−1)(0.9−0.1) = 0.32, β ΔQ = 1.12.
        double expected = Logistic.sigmoid(3.5 * 0.32);
        assertEquals(0.754, expected, 5e-4);
        assertEquals(expected, (double) fav / n, 0.01);
    }

    @Test
    void rareTransitions_occurThirtyPercent() {
        long rare = 0;
        long n = 0;
        for (Session s : big.sessions()) {
            for (int t = 0; t < s.length(); t++) {
                rare += s.common(t) ? 0 : 1;
                assertEquals(s.common(t) ? s.choice(t) : 1 - s.choice(t), s.outcome(t));
                n++;
            }
        }
        assertEquals(0.30, (double) rare / n, 0.01);
    }

    @Test
    void blockLengths_withinJitterExceptTruncatedLast() {
        int blocks = 0;
        for (Session s : big.sessions()) {
            List<int[]> runs = runs(s);
            for (int i = 0; i < runs.size(); i++) {
                int len = runs.get(i)[1];
                if (i == runs.size() - 1) {
                    assertTrue(len <= 130, "last block " + len);
                } else {
                    assertTrue(len >= 110 && len <= 130, "block length " + len);
                    blocks++;
                }
                if (i > 0) {
                    assertEquals((runs.get(i - 1)[0] + 1) % 2, runs.get(i)[0], "phases alternate");
                }
            }
        }
        assertTrue(blocks > 500);
    }

    private static List<int[]> runs(Session s) {
        List<int[]> out = new ArrayList<>();
        int start = 0;
        for (int t = 1; t <= s.length(); t++) {
            if (t == s.length() || s.phase(t) != s.phase(t - 1)) {
                out.add(new int[] {s.phase(start), t - start});
                start = t;
            }
        }
        return out;
    }

    @Test
    void rewardRate_matchesAnalyticValuePerPhase() {
        double pFav = Logistic.sigmoid(1.12);
        // Favoured action reaches the rewarded state (0.9) with prob 0.7.
        double pRewardFav = 0.7 * 0.9 + 0.3 * 0.1;
        double pRewardOther = 0.3 * 0.9 + 0.7 * 0.1;
        double expected = pFav * pRewardFav + (1 - pFav) * pRewardOther;
        long[] rewards = new long[2];
        long[] counts = new long[2];
        for (Session s : big.sessions()) {
            for (int t = 0; t < s.length(); t++) {
                rewards[s.phase(t)] += s.reward(t);
                counts[s.phase(t)]++;
            }
        }
        for (int z = 0; z < 2; z++) {
            assertEquals(expected, (double) rewards[z] / counts[z], 0.01, "phase " + z);
        }
    }

    @Test
    void firstPhase_isUniform() {
        int ones = 0;
        for (Session s : big.sessions()) {
            ones += s.phase(0);
        }
        assertEquals(0.5, ones / 256.0, 0.1);
    }

    @Test
    void generate_sameSeedIdentical_differentSeedDiffers() {
        TwoStepGenerator g = TwoStepGenerator.builder().sequences(4).trials(50).seed(3).build();
        assertEquals(g.generate(), g.generate());
        assertEquals(g.generate(), g.toBuilder().build().generate());
        assertNotEquals(g.generate(), g.toBuilder().seed(4).build().generate());
    }

    @Test
    void generate_differentSeedsAreIndependent() {
        TwoStepDataset a = TwoStepGenerator.builder().sequences(64).seed(1).build().generate();
        TwoStepDataset b = TwoStepGenerator.builder().sequences(64).seed(2).build().generate();
        long agree = 0;
        long n = 0;
        for (int i = 0; i < a.numSessions(); i++) {
            for (int t = 0; t < 400; t++) {
                agree += a.sessions().get(i).choice(t) == b.sessions().get(i).choice(t) ? 1 : 0;
                n++;
            }
        }
        // Independent sequences agree at chance given the per-phase choice rates: about 0.5.
        assertEquals(0.5, (double) agree / n, 0.02);
    }

    @Test
    void markovDwell_switchRateMatchesStayProbability() {
        TwoStepDataset d = TwoStepGenerator.builder().sequences(100).trials(1000)
                .rewardMaps(new double[][] {{0.9, 0.1}, {0.1, 0.9}, {0.5, 0.5}})
                .dwell(new Dwell.Markov(0.95)).seed(5).build().generate();
        long switches = 0;
        long n = 0;
        int[] visits = new int[3];
        for (Session s : d.sessions()) {
            for (int t = 1; t < s.length(); t++) {
                switches += s.phase(t) != s.phase(t - 1) ? 1 : 0;
                visits[s.phase(t)]++;
                n++;
            }
        }
        assertEquals(0.05, (double) switches / n, 0.005);
        for (int v : visits) {
            assertEquals(1.0 / 3, (double) v / n, 0.05);
        }
    }

    @Test
    void kPhases_policyFavoursRewardedState() {
        TwoStepGenerator g = TwoStepGenerator.builder()
                .rewardMaps(new double[][] {{0.8, 0.2}, {0.2, 0.8}, {0.5, 0.5}}).build();
        assertTrue(g.choiceProbability(0, 0) > 0.5);
        assertTrue(g.choiceProbability(1, 1) > 0.5);
        assertEquals(0.5, g.choiceProbability(2, 1), 1e-12);
        assertEquals(1.0, g.choiceProbability(1, 0) + g.choiceProbability(1, 1), 1e-12);
    }

    @Test
    void builder_rejectsBadValuesNamingThem() {
        var e = assertThrows(IllegalArgumentException.class, () -> TwoStepGenerator.builder().pCommon(1.5));
        assertTrue(e.getMessage().contains("pCommon") && e.getMessage().contains("1.5"));
        e = assertThrows(IllegalArgumentException.class, () -> TwoStepGenerator.builder().trials(0));
        assertTrue(e.getMessage().contains("trials") && e.getMessage().contains("0"));
        e = assertThrows(IllegalArgumentException.class,
                () -> TwoStepGenerator.builder().rewardMaps(new double[][] {{0.5, Double.NaN}}));
        assertTrue(e.getMessage().contains("rewardMaps[0][1]") && e.getMessage().contains("NaN"));
        e = assertThrows(IllegalArgumentException.class, () -> new Dwell.Block(10, 10));
        assertTrue(e.getMessage().contains("jitter"));
        e = assertThrows(IllegalArgumentException.class, () -> new Dwell.Markov(-0.1));
        assertTrue(e.getMessage().contains("-0.1"));
    }
}
