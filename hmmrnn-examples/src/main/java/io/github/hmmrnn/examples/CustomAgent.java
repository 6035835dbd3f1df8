package io.github.hmmrnn.examples;

import java.util.List;

import io.github.hmmrnn.agents.Agent;
import io.github.hmmrnn.agents.AgentMemory;
import io.github.hmmrnn.agents.Agents;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.moa.FittedHmmMoa;
import io.github.hmmrnn.moa.HmmMoaModel;
import io.github.hmmrnn.synthetic.TwoStepGenerator;
import java.util.Arrays;

/**
 * Write your own agent in a few lines and mix it with built-in ones: here a "win-stay" agent whose
 * value difference is +1 after a rewarded right choice, −1 after a rewarded left choice, 0 otherwise.
 *
 * <p>Run: {@code java -cp hmmrnn-examples/target/hmmrnn-examples-*-all.jar io.github.hmmrnn.examples.CustomAgent}
 */
public final class CustomAgent {

    private CustomAgent() {
    }

    /** Remembers only whether the last trial was a rewarded choice, and which. */
    private static final class WinStay implements AgentMemory {
        private double x;

        @Override
        public double value() {
            return x;
        }

        @Override
        public void update(int choice, int outcome, int reward, boolean common) {
            x = reward == 1 ? (choice == 1 ? 1 : -1) : 0;
        }
    }

    /**
     * @param args unused
     */
    public static void main(String[] args) {
        Agent winStay = Agent.of("WinStay", WinStay::new);
        TwoStepDataset data = TwoStepGenerator.builder().sequences(16).seed(3).build().generate();

        FittedHmmMoa fit = HmmMoaModel.builder().states(1).agents(List.of(winStay, Agents.parse("Bias")))
                .seed(1).build().fit(data);
        System.out.println(fit.agentNames() + " weights " + Arrays.deepToString(fit.weights()));
    }
}
