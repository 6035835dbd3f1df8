package io.github.hmmrnn.moa.neural;

import io.github.hmmrnn.agents.AgentPreset;
import io.github.hmmrnn.data.Session;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.metrics.PredictiveMetrics;
import io.github.hmmrnn.model.TrainingHistory;
import io.github.hmmrnn.oracle.TwoStepOracle;
import io.github.hmmrnn.rnn.GruGraph;
import io.github.hmmrnn.synthetic.TwoStepGenerator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.nio.file.Files;
import java.nio.file.Path;

class TinyMoaRnnModelTest {

    private static final int H = 3;

    private static TwoStepDataset small(long seed, int sessions, int trials) {
        return TwoStepGenerator.builder().sequences(sessions).trials(trials).seed(seed).build().generate();
    }

    @Test
    void loss_gradientMatchesFiniteDifferences() {
        TwoStepDataset data = small(3, 3, 25);
        int agents = AgentPreset.HMMRNN_ORIGINAL.agents().size();
        EncodedSessions d = new EncodedSessions(data, AgentPreset.HMMRNN_ORIGINAL.agents());
        MixtureObjective o = new MixtureObjective(new GruGraph(EncodedSessions.INPUT_WIDTH, H, 1), H, agents);
        double[] theta = RandomParameters.uniform(o.numParams(), 7);
        double[] grad = new double[theta.length];
        o.loss(theta, d, grad);
        // every head parameter (gate weights, gate biases, agent weights, bias) and a sample of GRU ones
        List<Integer> checked = new ArrayList<>();
        for (int i = o.headOffset(); i < theta.length; i++) {
            checked.add(i);
        }
        for (int i = 0; i < o.headOffset(); i += 5) {
            checked.add(i);
        }
        double step = 1e-6;
        for (int i : checked) {
            double[] up = theta.clone();
            double[] down = theta.clone();
            up[i] += step;
            down[i] -= step;
            double fd = (o.loss(up, d, null) - o.loss(down, d, null)) / (2 * step);
            assertEquals(fd, grad[i], 1e-7 + 1e-5 * Math.abs(fd), "parameter " + i);
        }
        assertNotEquals(0.0, grad[o.headOffset() + o.head().weightOffset()], "agent-weight gradient is zero");
    }

    @Test
    void predictChoiceProbabilities_dependsOnlyOnEarlierTrials() {
        TwoStepDataset data = small(4, 1, 40);
        Session s = data.sessions().get(0);
        int agents = AgentPreset.HMMRNN_ORIGINAL.agents().size();
        MixtureObjective o = new MixtureObjective(new GruGraph(EncodedSessions.INPUT_WIDTH, H, 1), H, agents);
        FittedTinyMoaRnn model = new FittedTinyMoaRnn(H, AgentPreset.HMMRNN_ORIGINAL.agents(),
                RandomParameters.uniform(o.numParams(), 9), new TrainingHistory(List.of(), false, 0));
        double[] base = model.predictChoiceProbabilities(data).get(0);
        int cut = 17;
        int[] choices = s.choices();
        int[] outcomes = s.outcomes();
        int[] rewards = s.rewards();
        boolean[] common = s.commonTransitions();
        for (int t = cut; t < s.length(); t++) {
            choices[t] = 1 - choices[t];
            rewards[t] = 1 - rewards[t];
            common[t] = !common[t];
        }
        TwoStepDataset changed = TwoStepDataset.of(data.subjects(),
                List.of(Session.of(s.subject(), s.index(), choices, outcomes, rewards, common, s.scoredTrials(), null)));
        double[] after = model.predictChoiceProbabilities(changed).get(0);
        for (int t = 0; t <= cut; t++) {
            assertEquals(base[t], after[t], 0.0, "trial " + t);
        }
        assertNotEquals(base[cut + 1], after[cut + 1], "trial after the change must react");
    }

    private static TinyMoaRnnModel quickModel(long seed) {
        return TinyMoaRnnModel.builder().hiddenSize(H).learningRate(0.02).maxEpochs(300).patience(40).seed(seed).build();
    }

    @Test
    void fit_learnsSyntheticTaskWithoutBeatingOracle() {
        TwoStepGenerator gen = TwoStepGenerator.builder().sequences(16).trials(200).seed(11).build();
        TwoStepDataset train = gen.generate();
        TwoStepDataset validation = gen.toBuilder().seed(12).build().generate();
        TwoStepDataset test = gen.toBuilder().seed(13).build().generate();
        FittedTinyMoaRnn fitted = quickModel(5).fit(train, validation);
        double nll = PredictiveMetrics.evaluate(test, fitted.predictChoiceProbabilities(test)).nll();
        double oracle = TwoStepOracle.forGenerator(gen).predict(test).score().nll();
        assertEquals(nll, fitted.negativeLogLikelihood(test), 1e-12);
        assertTrue(nll < 0.64, "test NLL " + nll + " (chance 0.693, oracle " + oracle + ")");
        assertTrue(nll > oracle - 0.01, "test NLL " + nll + " beats the Bayes oracle " + oracle + ": leak");
    }

    @Test
    void fit_sameSeedGivesIdenticalParameters() {
        TwoStepDataset train = small(21, 4, 60);
        TwoStepDataset validation = small(22, 2, 60);
        TinyMoaRnnModel model = TinyMoaRnnModel.builder().hiddenSize(H).maxEpochs(15).seed(3).build();
        FittedTinyMoaRnn a = model.fit(train, validation);
        FittedTinyMoaRnn b = TinyMoaRnnModel.builder().hiddenSize(H).maxEpochs(15).seed(3).build().fit(train, validation);
        assertArrayEquals(a.parameters(), b.parameters(), 0.0);
        assertEquals(a.history().entries(), b.history().entries());
        assertEquals(15, a.history().entries().size());
        FittedTinyMoaRnn c = TinyMoaRnnModel.builder().hiddenSize(H).maxEpochs(15).seed(4).build().fit(train, validation);
        assertNotEquals(a.parameters()[0], c.parameters()[0]);
    }

    @Test
    void saveLoad_predictsIdentically(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        TwoStepDataset train = small(21, 4, 60);
        TwoStepDataset validation = small(22, 2, 60);
        FittedTinyMoaRnn a = TinyMoaRnnModel.builder().hiddenSize(H).maxEpochs(15).seed(3).build().fit(train, validation);
        Path file = dir.resolve("m.json");
        a.save(file);
        FittedTinyMoaRnn b = FittedTinyMoaRnn.load(file);
        for (int i = 0; i < validation.numSessions(); i++) {
            assertArrayEquals(a.predictChoiceProbabilities(validation).get(i), b.predictChoiceProbabilities(validation).get(i), 0.0);
        }
        assertEquals(a.history().entries(), b.history().entries());
        Files.writeString(file, Files.readString(file).replace("\"formatVersion\" : " + TinyMoaFiles.FORMAT_VERSION, "\"formatVersion\" : 9"));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> FittedTinyMoaRnn.load(file));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("format version 9"), e.getMessage());
    }

    @Test
    void gates_sumToOnePerTrial() {
        TwoStepDataset data = small(4, 2, 30);
        int agents = AgentPreset.HMMRNN_ORIGINAL.agents().size();
        MixtureObjective o = new MixtureObjective(new GruGraph(EncodedSessions.INPUT_WIDTH, H, 1), H, agents);
        FittedTinyMoaRnn model = new FittedTinyMoaRnn(H, AgentPreset.HMMRNN_ORIGINAL.agents(),
                RandomParameters.uniform(o.numParams(), 2), new TrainingHistory(List.of(), false, 0));
        for (double[][] session : model.gates(data)) {
            assertEquals(30, session.length);
            for (double[] g : session) {
                double sum = 0;
                for (double v : g) {
                    sum += v;
                }
                assertEquals(1.0, sum, 1e-12);
            }
        }
    }

    @Test
    void builder_rejectsBadValues() {
        assertThrows(IllegalArgumentException.class, () -> TinyMoaRnnModel.builder().hiddenSize(0));
        assertThrows(IllegalArgumentException.class, () -> TinyMoaRnnModel.builder().learningRate(-1));
        assertThrows(IllegalArgumentException.class, () -> TinyMoaRnnModel.builder().learningRate(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> TinyMoaRnnModel.builder().maxEpochs(0));
        assertThrows(IllegalArgumentException.class, () -> TinyMoaRnnModel.builder().patience(0));
        assertThrows(IllegalArgumentException.class, () -> TinyMoaRnnModel.builder().batchSize(0));
        assertThrows(IllegalArgumentException.class, () -> TinyMoaRnnModel.builder().agents(List.of()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TinyMoaRnnModel.builder().hiddenSize(-2));
        assertTrue(e.getMessage().contains("hiddenSize") && e.getMessage().contains("-2"), e.getMessage());
    }
}
