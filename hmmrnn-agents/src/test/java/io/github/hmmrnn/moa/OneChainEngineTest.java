package io.github.hmmrnn.moa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.hmmrnn.agents.Agent;
import io.github.hmmrnn.agents.Agents;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.hmm.Viterbi;
import io.github.hmmrnn.numeric.Logistic;
import java.util.Locale;

/** The HMM models share one engine: one Viterbi, one π/A M-step, no private copies. */
class OneChainEngineTest {

    private static FittedHmmMoa twoStateTruth() {
        List<Agent> agents = List.of(Agents.mbRewardB().withParameter("alpha", 0.5, true),
                Agents.mfChoiceB().withParameter("alpha", 0.4, true), Agents.bias());
        double[][] beta = {{2.0, 0.2}, {0.1, 1.0}, {0.0, 0.3}};
        return FittedHmmMoa.of(agents, beta, new double[] {0.8, 0.2}, new double[][] {{0.9, 0.1}, {0.1, 0.9}});
    }

    @Test
    void viterbi_comesFromHmmViterbiOnly() throws ClassNotFoundException {
        for (String name : List.of("io.github.hmmrnn.moa.MoaKernels", "io.github.hmmrnn.moa.MoaFitter",
                "io.github.hmmrnn.moa.FittedHmmMoa", "io.github.hmmrnn.rnn.HmmTinyRnnTrainer",
                "io.github.hmmrnn.model.BiasHmm")) {
            for (Method m : Class.forName(name).getDeclaredMethods()) {
                String n = m.getName().toLowerCase(Locale.ROOT);
                assertTrue(!n.contains("viterbi") && !n.equals("msteptransition") && !n.equals("mstepinitial"),
                        name + " declares its own " + m.getName());
            }
        }
    }

    @Test
    void mostLikelyStates_equalsHmmViterbiOnTheModelsEmissions() {
        // with choice-only emissions the model's Viterbi path is hmm/Viterbi's on its per-trial logLik
        FittedHmmMoa m = twoStateTruth();
        TwoStepDataset data = MoaSimulator.simulate(m, 2, 40, TwoStepTask.DEFAULT, 3);
        List<double[][]> x = m.regressors(data);
        double[][] w = m.weights();
        for (int s = 0; s < data.numSessions(); s++) {
            var ses = data.sessions().get(s);
            double[][] l = new double[ses.length()][2];
            for (int t = 0; t < ses.length(); t++) {
                for (int k = 0; k < 2; k++) {
                    double eta = 0;
                    for (int a = 0; a < w.length; a++) {
                        eta += w[a][k] * x.get(s)[t][a];
                    }
                    l[t][k] = ses.choice(t) == 1 ? Logistic.logSigmoid(eta) : Logistic.logSigmoid(-eta);
                }
            }
            assertArrayEquals(Viterbi.decode(m.initialDistribution(), m.transitionMatrix(), l).states(),
                    m.mostLikelyStates(data).get(s), "session " + s + " " + Arrays.toString(m.initialDistribution()));
        }
    }
}
