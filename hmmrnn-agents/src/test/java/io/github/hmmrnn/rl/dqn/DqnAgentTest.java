package io.github.hmmrnn.rl.dqn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.github.hmmrnn.rl.env.Task;
import io.github.hmmrnn.rl.net.GruNetwork;
import io.github.hmmrnn.rl.net.InputProjection;
import io.github.hmmrnn.rl.net.MpnNetwork;
import io.github.hmmrnn.rl.net.RecurrentQNetwork;

class DqnAgentTest {

    private static MpnNetwork mpn(int obsSize, int hidden, long seed) {
        return MpnNetwork.builder().projection(InputProjection.random(obsSize, 10, new SplittableRandom(seed)))
                .hiddenSize(hidden).etaInit(0.5).build();
    }

    @Test
    void replay_fromReset_reproducesActingQ() {
        for (Task task : new Task[] {Task.PERCEPTUAL_DECISION_MAKING, Task.CONTEXT_DECISION_MAKING}) {
            RecurrentQNetwork net = mpn(task.create(0).observationSize(), 20, 4);
            DqnAgent agent = DqnAgent.builder().network(net).build();
            double[] params = net.initialParameters(new SplittableRandom(9));
            List<StoredTrial> trials = agent.collectTrials(task, params, 30, 0.3, 17);
            TrialBatch batch = TrialBatch.of(trials);
            for (int b = 0; b < trials.size(); b++) {
                StoredTrial t = trials.get(b);
                double[][] q = net.forward(params, net.initialState(), t.observations(), t.length()).q();
                for (int s = 0; s < t.length(); s++) {
                    assertArrayEquals(t.actingQ()[s], q[s], 1e-6);
                    assertEquals(1.0, batch.mask()[b][s], 0.0);
                }
                for (int s = t.length(); s < batch.maxLength(); s++) {
                    assertEquals(0.0, batch.mask()[b][s], 0.0);
                }
                assertEquals(0.0, agent.replayDiscrepancy(params, t), 1e-12);
            }
        }
    }

    @Test
    void replay_carriedState_zeroStartMismatchStoredStartExact() {
        Task task = Task.PERCEPTUAL_DECISION_MAKING;
        RecurrentQNetwork net = new GruNetwork(InputProjection.identity(3), 8, 3);
        double[] params = net.initialParameters(new SplittableRandom(2));
        DqnAgent zero = DqnAgent.builder().network(net).stateCarry(StateCarry.CARRY_ACROSS_TRIALS).build();
        DqnAgent stored = DqnAgent.builder().network(net).stateCarry(StateCarry.CARRY_ACROSS_TRIALS)
                .replayStart(ReplayStart.STORED).build();
        DqnAgent burnIn = DqnAgent.builder().network(net).stateCarry(StateCarry.CARRY_ACROSS_TRIALS)
                .replayStart(ReplayStart.STORED).burnInSteps(5).build();
        List<StoredTrial> tz = zero.collectTrials(task, params, 5, 0.0, 3);
        List<StoredTrial> ts = stored.collectTrials(task, params, 5, 0.0, 3);
        List<StoredTrial> tb = burnIn.collectTrials(task, params, 5, 0.0, 3);
        for (int i = 1; i < 5; i++) {
            assertTrue(zero.replayDiscrepancy(params, tz.get(i)) > 1e-3, "zero start must mismatch");
            assertEquals(0.0, stored.replayDiscrepancy(params, ts.get(i)), 1e-12);
            assertEquals(5, tb.get(i).burnInObservations().length);
            assertEquals(0.0, burnIn.replayDiscrepancy(params, tb.get(i)), 1e-9);
        }
    }

    @Test
    void noProjection_decisionQIndependentOfHistory() {
        MpnNetwork raw = MpnNetwork.builder().projection(InputProjection.identity(3)).hiddenSize(16).etaInit(1.0)
                .build();
        double[] params = raw.initialParameters(new SplittableRandom(5));
        List<StoredTrial> trials = DqnAgent.builder().network(raw).build()
                .collectTrials(Task.PERCEPTUAL_DECISION_MAKING, params, 10, 0.0, 8);
        double[] first = trials.get(0).actingQ()[21];
        for (StoredTrial t : trials) {
            assertEquals(22, t.length());
            assertArrayEquals(first, t.actingQ()[21], 0.0, "x = 0 at decision: h = tanh(b) whatever M holds");
        }
    }

    @Test
    void buffer_fifoAndWholeTrials() {
        assertThrows(IllegalArgumentException.class, () -> new TrialReplayBuffer(-1));
        TrialReplayBuffer buf = new TrialReplayBuffer(3);
        assertThrows(IllegalStateException.class, () -> buf.sample(1, new SplittableRandom(1)));
        List<StoredTrial> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            StoredTrial t = new StoredTrial(new double[i + 1][1], new int[i + 1], new double[i + 1],
                    new double[i + 1][3], new double[0], new double[0], new double[0][], 0, i);
            all.add(t);
            buf.add(t);
        }
        assertEquals(3, buf.size());
        assertEquals(5, buf.totalAdded());
        for (StoredTrial s : buf.sample(50, new SplittableRandom(2))) {
            int idx = (int) s.condition();
            assertTrue(idx >= 2, "evicted trial sampled: " + idx);
            assertSame(all.get(idx), s);
            assertEquals(idx + 1, s.length());
        }
    }

    @Test
    void builder_badInput_throws() {
        MpnNetwork net = mpn(3, 4, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DqnAgent.builder().bufferCapacity(-5));
        assertTrue(e.getMessage().contains("-5"));
        assertThrows(IllegalArgumentException.class, () -> DqnAgent.builder().gamma(1.5));
        assertThrows(IllegalArgumentException.class, () -> DqnAgent.builder().epsilon(1, 0.1, 0));
        assertThrows(IllegalArgumentException.class, () -> DqnAgent.builder().build());
        assertThrows(IllegalArgumentException.class,
                () -> DqnAgent.builder().network(net).burnInSteps(3).build());
        assertThrows(IllegalArgumentException.class, () -> TargetUpdate.polyak(1.5));
        DqnAgent a = DqnAgent.builder().network(net).build();
        assertThrows(IllegalArgumentException.class, () -> a.train(Task.CONTEXT_DECISION_MAKING, 10),
                "5-d CDM observation does not fit a 3-input network");
    }

    @Test
    void train_sameSeed_bitIdentical() {
        MpnNetwork net = mpn(3, 12, 1);
        DqnAgent a = DqnAgent.builder().network(net).learningStartTrials(20).batchSize(8).evaluation(100, 20)
                .seed(42).build();
        TrainedQAgent r1 = a.train(Task.PERCEPTUAL_DECISION_MAKING, 200);
        TrainedQAgent r2 = a.train(Task.PERCEPTUAL_DECISION_MAKING, 200);
        assertArrayEquals(r1.parameters(), r2.parameters(), 0.0);
        assertEquals(r1.history(), r2.history().stream()
                .map(h -> new HistoryPoint(h.trials(), h.envSteps(), h.updates(), h.epsilon(),
                        h.behaviourAccuracy(), h.greedyAccuracy(), h.meanLoss(), h.deltaQ(),
                        r1.history().get(r2.history().indexOf(h)).wallSeconds()))
                .toList());
    }

    @Test
    void train_perceptualDecisionMaking_learnsAboveChance() {
        MpnNetwork net = mpn(3, 32, 3);
        DqnAgent agent = DqnAgent.builder().network(net).batchSize(16).trialsPerUpdate(2).evaluation(1000, 100)
                .seed(3).build();
        TrainedQAgent trained = agent.train(Task.PERCEPTUAL_DECISION_MAKING, 2000);
        Evaluation ev = trained.evaluate(Task.PERCEPTUAL_DECISION_MAKING, 500, 99);
        assertTrue(ev.accuracy() > 0.65, "greedy accuracy " + ev.accuracy() + " (chance 0.5 for a fixed choice)");
        assertTrue(ev.fixationBreakRate() < 0.2, "fixation breaks " + ev.fixationBreakRate());
        assertEquals(44_000, trained.trainingEnvSteps(), 44_000 * 0.1);
    }
}
