import io.github.hmmrnn.agents.AgentPreset;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.metrics.PhaseRecovery;
import io.github.hmmrnn.metrics.PredictiveMetrics;
import io.github.hmmrnn.model.ChainEvidence;
import io.github.hmmrnn.moa.FittedHmmMoa;
import io.github.hmmrnn.moa.HmmMoaModel;
import io.github.hmmrnn.oracle.TwoStepOracle;
import io.github.hmmrnn.synthetic.TwoStepGenerator;

public class FitHmmMoa {
    public static void main(String[] args) {
        TwoStepGenerator gen = TwoStepGenerator.builder().seed(1).build();
        TwoStepDataset train = gen.generate();
        TwoStepDataset test = gen.toBuilder().seed(2).build().generate();
        // a 2-state HMM mixture of agents whose states also emit the outcomes
        FittedHmmMoa fit = HmmMoaModel.builder().states(2).agents(AgentPreset.HMMRNN_ORIGINAL)
                .chainEvidence(ChainEvidence.CHOICES_AND_OUTCOMES).seed(1).build().fit(train);
        System.out.println("model:  " + PredictiveMetrics.evaluate(test, fit.predictChoiceProbabilities(test)));
        System.out.println("oracle: " + TwoStepOracle.forGenerator(gen).predict(test).score());
        System.out.println("phase recovery: " + PhaseRecovery.evaluate(test, fit.smoothedStates(test)).accuracy());
    }
}
