package io.github.hmmrnn.rl.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class TrialEnvTest {

    private static final int MC_TRIALS = 100_000;

    @Test
    void trialLength_matchesSpec() {
        assertEquals(22, new PerceptualDecisionMaking(1).currentTrial().length());
        assertEquals(32, new DelayMatchSample(1).currentTrial().length());
        TrialEnv cdm = new ContextDecisionMaking(3);
        int min = Integer.MAX_VALUE;
        int max = 0;
        double sum = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            int len = cdm.reset() == null ? 0 : cdm.currentTrial().length();
            min = Math.min(min, len);
            max = Math.max(max, len);
            sum += len;
        }
        assertEquals(14, min);
        assertTrue(max <= 40 && max >= 30, "max CDM length " + max);
        assertEquals(19.2, sum / n, 0.15);
    }

    @Test
    void step_rewardsAndTrialSignalling() {
        TrialEnv env = new PerceptualDecisionMaking(5);
        env.reset(11);
        int gt = env.currentTrial().groundTruth();
        StepResult r = env.step(1);
        assertEquals(-0.1, r.reward(), 1e-12, "fixation break costs abort reward");
        assertFalse(r.info().newTrial(), "abort = False: trial continues");
        assertTrue(r.info().performance().isEmpty());
        for (int k = 1; k < 21; k++) {
            r = env.step(2);
            assertEquals(0.0, r.reward(), 0.0, "actions outside fixation/decision are ignored");
            assertFalse(r.info().newTrial());
        }
        r = env.step(gt);
        assertEquals(1.0, r.reward(), 0.0);
        assertTrue(r.info().newTrial());
        assertEquals(1, r.info().performance().getAsInt());
        assertEquals(0, env.stepInTrial());
        assertEquals(1.0, r.observation()[0], 0.0, "returned frame is the next trial's fixation frame");
        // wrong answer: reward 0, performance 0
        for (int k = 0; k < 21; k++) {
            env.step(0);
        }
        r = env.step(3 - env.currentTrial().groundTruth());
        assertEquals(0.0, r.reward(), 0.0);
        assertEquals(0, r.info().performance().getAsInt());
        // no response: ends at tmax with reward 0, performance 0
        for (int k = 0; k < 21; k++) {
            assertFalse(env.step(0).info().newTrial());
        }
        r = env.step(0);
        assertTrue(r.info().newTrial());
        assertEquals(0.0, r.reward(), 0.0);
        assertEquals(0, r.info().performance().getAsInt());
    }

    @Test
    void decisionObservation_allZeros() {
        for (Task task : Task.values()) {
            TrialEnv env = task.create(2);
            Trial tr = env.currentTrial();
            for (int k = 0; k < tr.length(); k++) {
                if (tr.periods()[k] == Period.DECISION) {
                    for (double v : tr.observations()[k]) {
                        assertEquals(0.0, v, 0.0, task + " step " + k);
                    }
                }
            }
        }
    }

    @Test
    void singleTrialEpisodes_terminatesAtTrialEnd() {
        SingleTrialEpisodes env = new SingleTrialEpisodes(new DelayMatchSample(1));
        env.reset(4);
        int steps = 0;
        StepResult r;
        do {
            r = env.step(0);
            steps++;
        } while (!r.terminated());
        assertEquals(32, steps);
        assertThrows(IllegalStateException.class, () -> env.step(0));
        double[] first = env.reset();
        assertEquals(1.0, first[0], 0.0);
        assertEquals(r.observation()[0], first[0], 0.0);
    }

    @Test
    void step_badAction_throws() {
        TrialEnv env = new PerceptualDecisionMaking(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> env.step(3));
        assertTrue(e.getMessage().contains("3"));
    }

    @Test
    void fromName_unknown_listsValid() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Task.fromName("Foo"));
        assertTrue(e.getMessage().contains("PerceptualDecisionMaking"));
        assertEquals(Task.DELAY_MATCH_SAMPLE, Task.fromName("DelayMatchSample-v0"));
    }

    @Test
    void randomPolicy_monteCarlo() {
        assertEquals(1.0 / 3, accuracy(Task.PERCEPTUAL_DECISION_MAKING, false), 0.01);
        assertEquals(1.0 / 3, accuracy(Task.CONTEXT_DECISION_MAKING, false), 0.01);
        assertEquals(0.5, accuracy(Task.DELAY_MATCH_SAMPLE, false), 0.01);
    }

    @Test
    void idealObserver_monteCarlo() {
        assertEquals(0.896, accuracy(Task.PERCEPTUAL_DECISION_MAKING, true), 0.01);
        assertEquals(0.941, accuracy(Task.CONTEXT_DECISION_MAKING, true), 0.01);
        assertEquals(1.00, accuracy(Task.DELAY_MATCH_SAMPLE, true), 0.01);
    }

    /** Runs MC_TRIALS trials with a uniform random policy or the ideal observer (which sees only observations and the clock). */
    private static double accuracy(Task task, boolean ideal) {
        TrialEnv env = task.create(99);
        SplittableRandom rng = new SplittableRandom(7);
        double[] obs = env.reset(123);
        int correct = 0;
        double evidence = 0;
        double sample = 0;
        for (int trial = 0; trial < MC_TRIALS; ) {
            Period p = env.currentTrial().periods()[env.stepInTrial()];
            int action;
            if (!ideal) {
                action = rng.nextInt(3);
            } else {
                switch (p) {
                    case STIMULUS -> evidence += obs[1] - obs[2];
                    case SAMPLE -> sample += obs[1] - obs[2];
                    case TEST -> evidence += obs[1] - obs[2];
                    default -> { }
                }
                if (p != Period.DECISION) {
                    action = 0;
                } else if (task == Task.DELAY_MATCH_SAMPLE) {
                    action = (sample > 0) == (evidence > 0) ? 1 : 2;
                } else if (evidence == 0) {
                    action = 1 + rng.nextInt(2);
                } else {
                    action = evidence > 0 ? 1 : 2;
                }
            }
            StepResult r = env.step(action);
            obs = r.observation();
            if (r.info().newTrial()) {
                correct += r.info().performance().getAsInt();
                trial++;
                evidence = 0;
                sample = 0;
            }
        }
        return correct / (double) MC_TRIALS;
    }
}
