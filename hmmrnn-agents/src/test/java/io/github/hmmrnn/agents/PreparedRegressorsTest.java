package io.github.hmmrnn.agents;

import io.github.hmmrnn.agents.AgentRegressors.SessionRegressors;
import io.github.hmmrnn.data.Session;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The prepared regressors (inputs of the decay agents and columns of parameter-free agents
 * computed once) must equal {@link AgentRegressors#compute} bit for bit at every parameter value:
 * the MoA fit's numbers rest on it.
 */
class PreparedRegressorsTest {

    private static final String[] ALL = {"mbreward", "mbrewardb", "mbchoice", "mbchoiceb", "mfreward", "mfrewardb",
        "mfchoice", "mfchoiceb", "mbbellman", "mbbellmanb", "td0", "td1", "td1b", "noveltypref", "persev", "bias",
        "intercept", "gambler", "gamblerb", "mfrewarddecay", "mfchoicedecay", "mbstate", "choice(2)", "reward(3)", "cr(1)", "uo(2)"};

    private static Session randomSession(SplittableRandom rng, int index, int n) {
        int[] c = new int[n];
        int[] o = new int[n];
        int[] r = new int[n];
        boolean[] common = new boolean[n];
        boolean[] scored = new boolean[n];
        for (int t = 0; t < n; t++) {
            c[t] = rng.nextInt(2);
            common[t] = rng.nextDouble() < 0.8;
            o[t] = common[t] ? c[t] : 1 - c[t];
            r[t] = rng.nextInt(2);
            scored[t] = rng.nextDouble() < 0.9;
        }
        return Session.of("rat", index, c, o, r, common, scored, null);
    }

    private static double[][] randomValues(List<Agent> agents, SplittableRandom rng) {
        double[][] v = new double[agents.size()][];
        for (int a = 0; a < agents.size(); a++) {
            v[a] = new double[agents.get(a).parameters().size()];
            for (int j = 0; j < v[a].length; j++) {
                v[a][j] = 0.02 + 0.96 * rng.nextDouble();
            }
        }
        return v;
    }

    private static void assertSame(SessionRegressors expected, SessionRegressors actual, String what) {
        assertEquals(expected.values().length, actual.values().length, what);
        for (int t = 0; t < expected.values().length; t++) {
            assertArrayEquals(expected.values()[t], actual.values()[t], 0.0, what + ": values at trial " + t);
        }
        if (expected.derivatives() == null) {
            assertNull(actual.derivatives(), what);
            return;
        }
        for (int t = 0; t < expected.derivatives().length; t++) {
            assertArrayEquals(expected.derivatives()[t], actual.derivatives()[t], 0.0,
                    what + ": derivatives at trial " + t);
        }
    }

    /** {@link PreparedRegressors#computeAt} at a random subset of trials, into columns at an offset. */
    private static void assertColumnsSame(SessionRegressors expected, PreparedRegressors prepared, double[][] values,
                                          boolean derivatives, SplittableRandom rng, String what) {
        int n = expected.values().length;
        int[] steps = java.util.stream.IntStream.range(0, n).filter(t -> rng.nextDouble() < 0.7).toArray();
        int offset = 3;
        int na = expected.values()[0].length;
        double[][] x = new double[na][offset + steps.length];
        int np = derivatives ? expected.derivatives()[0].length : 0;
        double[][] dx = derivatives ? new double[np][offset + steps.length] : null;
        prepared.computeAt(values, steps, x, dx, offset);
        for (int j = 0; j < steps.length; j++) {
            for (int a = 0; a < na; a++) {
                assertEquals(expected.values()[steps[j]][a], x[a][offset + j], 0.0, what + ": column " + a);
            }
            for (int p = 0; p < np; p++) {
                assertEquals(expected.derivatives()[steps[j]][p], dx[p][offset + j], 0.0,
                        what + ": derivative column " + p);
            }
        }
    }

    private static void check(List<Agent> agents, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        for (int s = 0; s < 3; s++) {
            Session session = randomSession(rng, s, 40 + 30 * s);
            double pc = 0.6 + 0.3 * rng.nextDouble();
            PreparedRegressors prepared = PreparedRegressors.of(agents, session, pc);
            // several parameter points on the same preparation, as a fit evaluates them
            for (int point = 0; point < 4; point++) {
                double[][] values = randomValues(agents, rng);
                for (boolean derivatives : new boolean[] {false, true}) {
                    SessionRegressors expected = AgentRegressors.compute(agents, values, session, pc, derivatives);
                    assertSame(expected, prepared.compute(values, derivatives),
                            agents + " session " + s + " point " + point);
                    assertColumnsSame(expected, prepared, values, derivatives, rng,
                            agents + " session " + s + " point " + point);
                }
            }
        }
    }

    @Test
    void everyPreset_equalsTheGeneralComputation_bitForBit() {
        long seed = 1;
        for (AgentPreset preset : AgentPreset.values()) {
            check(preset.agents(), seed++);
        }
    }

    @Test
    void everyAgentAlone_andAllTogether_equalTheGeneralComputation() {
        List<Agent> all = new ArrayList<>();
        long seed = 100;
        for (String name : ALL) {
            Agent a = Agents.parse(name);
            all.add(a);
            check(List.of(a, Agents.bias()), seed++);
        }
        check(all, seed);
    }

    @Test
    void fixedAndFittedRates_mixed_giveTheSameDerivativeColumns() {
        // a rate declared not fitted has no derivative column; the fitted ones keep their order
        List<Agent> agents = List.of(Agents.mbRewardB().withParameter("alpha", 0.3, false), Agents.mfChoiceB(),
                Agents.mbBellman().withParameter("alpha", 0.7, true), Agents.persev(), Agents.bias());
        check(agents, 7);
    }

    @Test
    void computeAt_rejectsStepsThatAreNotIncreasingTrialsOfTheSession() {
        Session session = randomSession(new SplittableRandom(4), 0, 10);
        List<Agent> agents = List.of(Agents.mfChoiceB(), Agents.bias());
        PreparedRegressors prepared = PreparedRegressors.of(agents, session, 0.8);
        double[][] values = randomValues(agents, new SplittableRandom(5));
        double[][] x = new double[2][3];
        for (int[] steps : new int[][] {{0, 2, 2}, {1, 0, 3}, {0, 4, 10}, {-1, 2, 3}}) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                    IllegalArgumentException.class, () -> prepared.computeAt(values, steps, x, null, 0));
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("steps["), e.getMessage());
        }
    }
}
