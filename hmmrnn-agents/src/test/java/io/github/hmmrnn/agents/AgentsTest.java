package io.github.hmmrnn.agents;

import io.github.hmmrnn.data.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hand-worked values on six trials: session A (4 trials, trial 1 forced) and session B (2 trials).
 * A: (c,o,r,common) = (1,1,1,T) (0,1,0,F)[forced] (1,0,1,F) (0,0,0,T); B: (0,0,1,T) (1,1,0,T).
 * Learning rates 0.5 unless stated. Expected values were worked out by hand from the update rules.
 */
class AgentsTest {

    private static final Session A = Session.of("rat", 0, new int[] {1, 0, 1, 0}, new int[] {1, 1, 0, 0},
            new int[] {1, 0, 1, 0}, new boolean[] {true, false, false, true}, new boolean[] {true, false, true, true}, null);
    private static final Session B = Session.of("rat", 1, new int[] {0, 1}, new int[] {0, 1}, new int[] {1, 0},
            new boolean[] {true, true}, new boolean[] {true, true}, null);

    private static double[] values(Agent agent, double[] params, Session s, double pCongruent) {
        double[][] x = AgentRegressors.compute(List.of(agent), new double[][] {params}, s, pCongruent, false).values();
        double[] out = new double[x.length];
        for (int t = 0; t < x.length; t++) {
            out[t] = x[t][0];
        }
        return out;
    }

    private static void check(Agent agent, double[] params, double[] expectA, double[] expectB) {
        assertArrayEquals(expectA, values(agent, params, A, 0.8), 1e-12, agent.name() + " session A");
        assertArrayEquals(expectB, values(agent, params, B, 0.8), 1e-12, agent.name() + " session B (values reset)");
    }

    private static final double[] HALF = {0.5};

    @Test
    void mbRewardB_handWorked() {
        check(Agents.mbRewardB(), HALF, new double[] {0, 1, -0.5, -1.25}, new double[] {0, -1});
    }

    @Test
    void mbReward_handWorked() {
        check(Agents.mbReward(), HALF, new double[] {0, 0.5, -0.25, -0.625}, new double[] {0, -0.5});
    }

    @Test
    void mbChoice_handWorked() {
        check(Agents.mbChoice(), HALF, new double[] {0, 0.5, 0.75, -0.125}, new double[] {0, -0.5});
    }

    @Test
    void mfReward_handWorked() {
        check(Agents.mfReward(), HALF, new double[] {0, 0.5, 0.75, 0.875}, new double[] {0, -0.5});
        check(Agents.td1(), HALF, new double[] {0, 0.5, 0.75, 0.875}, new double[] {0, -0.5});
    }

    @Test
    void mfChoiceB_handWorked() {
        check(Agents.mfChoiceB(), HALF, new double[] {0, 1, -0.5, 0.75}, new double[] {0, -1});
    }

    @Test
    void mbBellman_handWorked() {
        // x = (2p-1)·d with p = 0.8
        check(Agents.mbBellman(), HALF, new double[] {0, 0.3, -0.15, -0.375}, new double[] {0, -0.3});
    }

    @Test
    void gambler_handWorked() {
        check(Agents.gambler(), HALF, new double[] {0, 0, -1, -0.5}, new double[] {0, 0});
    }

    @Test
    void td0_handWorked() {
        check(Agents.td0(), new double[] {0.5, 0.5}, new double[] {0, 0.125, -0.125, -0.03125}, new double[] {0, -0.125});
    }

    @Test
    void statelessAgents_handWorked() {
        check(Agents.noveltyPref(), new double[0], new double[] {0, 1, 1, -1}, new double[] {0, -1});
        check(Agents.persev(), new double[0], new double[] {0, 1, -1, 1}, new double[] {0, -1});
        check(Agents.bias(), new double[0], new double[] {2, 2, 2, 2}, new double[] {2, 2});
        check(Agents.intercept(), new double[0], new double[] {1, 2, 2, 2}, new double[] {1, 2});
    }

    @Test
    void lagAgents_handWorked_noLeakAcrossSessions() {
        check(Agents.choiceLag(2), new double[0], new double[] {0, 0, 1, -1}, new double[] {0, 0});
        check(Agents.rewardLag(1), new double[0], new double[] {0, 1, 1, 1}, new double[] {0, -1});
        check(Agents.transReward("CR", 1), new double[0], new double[] {0, 1, 0, 0}, new double[] {0, -1});
        check(Agents.transReward("UO", 1), new double[0], new double[] {0, 0, -1, 0}, new double[] {0, 0});
        check(Agents.transReward("UO", 2), new double[0], new double[] {0, 0, 0, -1}, new double[] {0, 0});
    }

    @Test
    void originalAgents_handWorked() {
        check(Agents.mfRewardDecay(), new double[] {0.5, 0.2}, new double[] {0, 0.5, 0.4, 0.66}, new double[] {0, -0.5});
        check(Agents.mfChoiceDecay(), HALF, new double[] {0, 0.2, -0.1, 0.15}, new double[] {0, -0.2});
        check(Agents.mbState(), HALF, new double[] {0, 0.2, 0.1, -0.1}, new double[] {0, -0.2});
    }

    @ParameterizedTest
    @ValueSource(strings = {"MBreward", "MBrewardB", "MBchoice", "MBchoiceB", "MFreward", "MFrewardB", "MFchoice",
            "MFchoiceB", "MBbellman", "MBbellmanB", "TD0", "TD1", "TD1B", "Gambler", "MFrewardDecay", "MFchoiceDecay",
            "MBstate"})
    void derivative_matchesFiniteDifferences(String name) {
        Agent agent = Agents.parse(name);
        int np = agent.parameters().size();
        double[] p = new double[np];
        for (int i = 0; i < np; i++) {
            p[i] = 0.3 + 0.2 * i;
        }
        Agent all = agent;
        for (AgentParameter ap : agent.parameters()) {
            all = all.withParameter(ap.name(), 0.5, true);
        }
        Session s = randomSession(60, 11);
        double[][] dx = AgentRegressors.compute(List.of(all), new double[][] {p}, s, 0.7, true).derivatives();
        for (int j = 0; j < np; j++) {
            double h = 1e-6;
            double[] up = p.clone();
            double[] dn = p.clone();
            up[j] += h;
            dn[j] -= h;
            double[] xu = values(all, up, s, 0.7);
            double[] xd = values(all, dn, s, 0.7);
            for (int t = 0; t < s.length(); t++) {
                assertEquals((xu[t] - xd[t]) / (2 * h), dx[t][j], 1e-6, name + " parameter " + j + " trial " + t);
            }
        }
    }

    @Test
    void userAgent_withoutDerivatives_usesFiniteDifferences() {
        Agent user = Agent.of("Leaky", List.of(AgentParameter.fitted("alpha", 0.5)), (v, pc) -> new AgentMemory() {
            double x;

            public double value() {
                return x;
            }

            public void update(int c, int o, int r, boolean common) {
                x = (1 - v[0]) * x + v[0] * (c == 1 ? 1 : -1);
            }
        });
        Session s = randomSession(40, 3);
        double[][] dUser = AgentRegressors.compute(List.of(user), new double[][] {{0.4}}, s, 0.8, true).derivatives();
        double[][] dBuilt = AgentRegressors.compute(List.of(Agents.mfChoice()), new double[][] {{0.4}}, s, 0.8, true)
                .derivatives();
        for (int t = 0; t < s.length(); t++) {
            assertEquals(dBuilt[t][0], dUser[t][0], 1e-6);
        }
    }

    @Test
    void parse_unknownName_listsValidNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Agents.parse("MBfoo"));
        assertTrue(e.getMessage().contains("MBfoo") && e.getMessage().contains("MFrewardB"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Agents.parse("Choice(0)"));
        assertThrows(IllegalArgumentException.class, () -> Agents.transReward("XX", 1));
        assertEquals("CR(3)", Agents.parse("cr(3)").name());
        assertEquals("TD0", Agents.parse("td0").name());
    }

    @Test
    void presetParse_acceptsDisplayAndEnumNames() {
        assertEquals(AgentPreset.VENDITTO2023, AgentPreset.parse("venditto2023"));
        assertEquals(AgentPreset.TWOSTEP_GLM, AgentPreset.parse("twostepGlm"));
        assertEquals(AgentPreset.TWOSTEP_GLM, AgentPreset.parse("TWOSTEP_GLM"));
        assertEquals(AgentPreset.HMMRNN_ORIGINAL, AgentPreset.parse("hmmrnn-original"));
        assertEquals(21, AgentPreset.TWOSTEP_GLM.agents().size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AgentPreset.parse("miller2018"));
        assertTrue(e.getMessage().contains("miller2017") && e.getMessage().contains("venditto2023"), e.getMessage());
    }

    @Test
    void parameters_outOfRange_throw() {
        assertThrows(IllegalArgumentException.class, () -> Agents.mbRewardB().withParameter("alpha", 1.0, true));
        assertThrows(IllegalArgumentException.class, () -> Agents.mbRewardB().withParameter("alpha", 0.0, true));
        assertThrows(IllegalArgumentException.class, () -> Agents.mbRewardB().withParameter("alpha", -0.1, false));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Agents.mbRewardB().withParameter("beta", 0.5, true));
        assertTrue(e.getMessage().contains("alpha"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BetaPrior(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new BetaPrior(1, -2));
        assertEquals(0.9, Agents.mbRewardB().withParameter("alpha", 0.9, false).parameters().get(0).value());
    }

    static Session randomSession(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] c = new int[n];
        int[] o = new int[n];
        int[] rw = new int[n];
        boolean[] common = new boolean[n];
        boolean[] scored = new boolean[n];
        for (int t = 0; t < n; t++) {
            c[t] = r.nextInt(2);
            common[t] = r.nextDouble() < 0.8;
            o[t] = common[t] ? c[t] : 1 - c[t];
            rw[t] = r.nextInt(2);
            scored[t] = r.nextDouble() < 0.9;
        }
        return Session.of("rat", 0, c, o, rw, common, scored, null);
    }
}
