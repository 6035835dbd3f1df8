package io.github.hmmrnn.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;

import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.model.ChainEvidence;
import io.github.hmmrnn.model.OutcomeEmissions;
import io.github.hmmrnn.synthetic.TwoStepGenerator;

/**
 * The gradient the trainer takes — {@link FusedRnnPass}'s gradient of the γ-weighted cross-entropy,
 * and DL4J's through the graph — equals the finite-difference gradient of the exact −log marginal likelihood per scored trial, computed by
 * the forward algorithm, for every network parameter.
 */
class HmmTinyRnnLossGradientTest {

    @ParameterizedTest
    @EnumSource(ChainEvidence.class)
    void posteriorWeightedCrossEntropy_gradientEqualsFiniteDifferencesOfExactLoss(ChainEvidence evidence) {
        TwoStepDataset data = TwoStepGenerator.builder().sequences(3).trials(12).seed(4).build().generate();
        int k = 2;
        RnnHyperParameters hp = HmmTinyRnnModel.builder().states(k).hiddenSize(3).chainEvidence(evidence).build()
                .hyperParameters();
        RnnInputs in = RnnInputs.encode(data, hp.encoding());
        HmmTinyRnnTrainer trainer = new HmmTinyRnnTrainer(hp);
        RnnNetwork net = new RnnNetwork(hp.encoding().width(), hp.hiddenSize(), k, 1e-3, 0, 7);
        SplittableRandom rng = new SplittableRandom(3);
        double[] theta = net.parameters();
        for (int i = 0; i < theta.length; i++) {
            theta[i] = rng.nextDouble(-0.7, 0.7);
        }
        net.setParameters(theta);
        double[] pi = {0.6, 0.4};
        double[][] a = {{0.9, 0.1}, {0.2, 0.8}};
        OutcomeEmissions rho = evidence == ChainEvidence.CHOICES ? null
                : OutcomeEmissions.of(new double[][] {{0.8, 0.3}, {0.25, 0.7}});
        INDArray x = RnnNetwork.features(in);
        double weight = (double) in.numSessions() / in.numScored();
        HmmTinyRnnTrainer.EStep e = trainer.eStep(net.logits(x), in, pi, a, rho, weight);
        double[] grad = net.gradient(x, e.labels());
        double[] fused = net.fusedGradient(x, e.labels());
        double step = 1e-6;
        for (int i = 0; i < theta.length; i++) {
            double[] up = theta.clone();
            up[i] += step;
            net.setParameters(up);
            double lossUp = -trainer.eStep(net.logits(x), in, pi, a, rho, weight).logMarginal() / in.numScored();
            double[] down = theta.clone();
            down[i] -= step;
            net.setParameters(down);
            double lossDown = -trainer.eStep(net.logits(x), in, pi, a, rho, weight).logMarginal()
                    / in.numScored();
            double fd = (lossUp - lossDown) / (2 * step);
            assertEquals(fd, grad[i], 1e-8 + 1e-5 * Math.abs(fd), "parameter " + i);
            assertEquals(fd, fused[i], 1e-8 + 1e-5 * Math.abs(fd), "fused, parameter " + i);
        }
    }
}
