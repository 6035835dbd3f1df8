package io.github.hmmrnn.examples;

import io.github.hmmrnn.metrics.PhaseRecovery;
import io.github.hmmrnn.model.ChainEvidence;

import io.github.hmmrnn.agents.AgentPreset;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.metrics.PredictiveMetrics;
import io.github.hmmrnn.moa.FittedHmmMoa;
import io.github.hmmrnn.moa.HmmMoaModel;
import io.github.hmmrnn.model.ModelSpec;
import io.github.hmmrnn.rnn.HmmTinyRnnModel;
import io.github.hmmrnn.oracle.TwoStepOracle;
import io.github.hmmrnn.synthetic.TwoStepGenerator;

/**
 * Generate synthetic two-step data, fit a 2-state HMM mixture of agents, and compare its causal
 * predictions on fresh test data with the Bayes-optimal predictor; then fit it again with states
 * that also emit outcomes and compare how well the two recover the latent phases.
 *
 * <p>Run: {@code java -cp hmmrnn-examples/target/hmmrnn-examples-*-all.jar io.github.hmmrnn.examples.GenerateAndFit}
 */
public final class GenerateAndFit {

    private GenerateAndFit() {
    }

    /**
     * @param args unused
     */
    public static void main(String[] args) {
        TwoStepGenerator gen = TwoStepGenerator.builder().seed(1).build();
        TwoStepDataset train = gen.generate();
        TwoStepDataset test = gen.toBuilder().seed(2).build().generate();

        // two starts, as the command line fits it: the README table's HMM-MoA rows
        HmmMoaModel spec = HmmMoaModel.builder().states(2).agents(AgentPreset.HMMRNN_ORIGINAL).starts(2).seed(1)
                .build();
        FittedHmmMoa fit = spec.fit(train);
        var model = PredictiveMetrics.evaluate(test, fit.predictChoiceProbabilities(test));
        var oracle = TwoStepOracle.forGenerator(gen).predict(test).score();

        System.out.printf("HMM-MoA test NLL %.4f nats/trial, accuracy %.4f%n", model.nll(), model.accuracy());
        System.out.printf("Bayes oracle    NLL %.4f nats/trial, accuracy %.4f%n", oracle.nll(), oracle.accuracy());

        // states that also emit outcomes see the phase evidence in the rewards
        FittedHmmMoa withOutcomes = spec.toBuilder().chainEvidence(ChainEvidence.CHOICES_AND_OUTCOMES).build()
                .fit(train);
        var both = PredictiveMetrics.evaluate(test, withOutcomes.predictChoiceProbabilities(test));
        System.out.printf("smoothed phase accuracy: choices only %.3f, choices and outcomes %.3f (NLL %.4f)%n",
                PhaseRecovery.evaluate(test, fit.smoothedStates(test)).accuracy(),
                PhaseRecovery.evaluate(test, withOutcomes.smoothedStates(test)).accuracy(), both.nll());

        // every family has the same contract: a tiny HMM-TinyRNN early-stops on held-out
        // 150-trial segments of the training sequences
        ModelSpec<?> rnn = HmmTinyRnnModel.builder().states(2).hiddenSize(2).maxEpochs(100).seed(1).build();
        var rnnScore = PredictiveMetrics.evaluate(test, rnn.fit(train).predictChoiceProbabilities(test));
        System.out.printf("%s test NLL %.4f; its specification as JSON: %s%n", rnn.name(), rnnScore.nll(),
                rnn.toJson());
    }
}
