package io.github.hmmrnn.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.hmm.ForwardBackward;
import io.github.hmmrnn.hmm.HmmPosterior;
import io.github.hmmrnn.model.ChainEvidence;
import io.github.hmmrnn.model.OutcomeEmissions;
import io.github.hmmrnn.synthetic.TwoStepGenerator;

/**
 * The trainer's E-step (all sessions in one lockstep forward–backward) gives exactly, bit for bit,
 * what the per-session kernel {@link ForwardBackward#run} gives session by session: log
 * likelihood, causal choice NLL, γ-weighted labels, summed statistics and (with outcomes) the
 * per-session posteriors, and the validation score from the forward pass.
 */
class HmmTinyRnnEStepTest {

    @ParameterizedTest
    @EnumSource(ChainEvidence.class)
    void eStep_equalsPerSessionForwardBackward_bitForBit(ChainEvidence evidence) {
        // sessions of unequal length, more than one vector of chains
        TwoStepDataset data = TwoStepGenerator.builder().sequences(19).trials(37).seed(8).build().generate();
        int k = 2;
        RnnHyperParameters hp = HmmTinyRnnModel.builder().states(k).hiddenSize(3).chainEvidence(evidence)
                .trainingSegmentLength(15).build().hyperParameters();
        RnnInputs in = RnnInputs.encode(data, hp.encoding(), hp.trainingSegmentLength());
        HmmTinyRnnTrainer trainer = new HmmTinyRnnTrainer(hp);
        RnnNetwork net = new RnnNetwork(hp.encoding().width(), hp.hiddenSize(), k, 1e-3, 0, 7);
        SplittableRandom rng = new SplittableRandom(3);
        double[] theta = net.parameters();
        for (int i = 0; i < theta.length; i++) {
            theta[i] = rng.nextDouble(-1.5, 1.5);
        }
        net.setParameters(theta);
        double[] pi = {0.6, 0.4};
        double[][] a = {{0.9, 0.1}, {0.2, 0.8}};
        OutcomeEmissions rho = evidence == ChainEvidence.CHOICES ? null
                : OutcomeEmissions.of(new double[][] {{0.8, 0.3}, {0.25, 0.7}});
        double[] logits = net.logits(RnnNetwork.features(in));
        double weight = (double) in.numRows() / in.numScored();
        int steps = in.paddedLength();

        // the reference: the per-session kernel, sums in session order
        double logMarginal = 0;
        double nll = 0;
        double[] labels = new double[in.numRows() * 2 * k * steps];
        double[] start = new double[k];
        double[][] xi = new double[k][k];
        HmmPosterior[] posts = new HmmPosterior[in.numRows()];
        for (int b = 0; b < in.numRows(); b++) {
            double[][][] lp = HeadOutputs.logProbabilities(logits, k, steps, b, in.length(b));
            HmmPosterior post = ForwardBackward.run(pi, a, HeadOutputs.emissions(lp, in, b, hp.temperature(), rho));
            posts[b] = post;
            double[] p1 = HeadOutputs.predictiveChoice1(lp, post.predicted());
            double s = 0;
            for (int t = 0; t < p1.length; t++) {
                if (in.scored(b, t)) {
                    s -= Math.log(in.choice(b, t) == 1 ? p1[t] : 1 - p1[t]);
                    for (int j = 0; j < k; j++) {
                        labels[b * 2 * k * steps + (2 * j + in.choice(b, t)) * steps + t] =
                                weight * hp.temperature() * post.smoothed()[t][j];
                    }
                }
            }
            nll += s;
            logMarginal += post.logMarginalLikelihood();
            for (int i = 0; i < k; i++) {
                start[i] += post.smoothed()[0][i];
                for (int j = 0; j < k; j++) {
                    xi[i][j] += post.expectedTransitions()[i][j];
                }
            }
        }

        // the validation score: causal NLL from the forward pass alone
        double validation = 0;
        for (int b = 0; b < in.numRows(); b++) {
            double[][][] lp = HeadOutputs.logProbabilities(logits, k, steps, b, in.length(b));
            HmmPosterior post = ForwardBackward.filter(pi, a, HeadOutputs.emissions(lp, in, b, hp.temperature(), rho));
            double[] p1 = HeadOutputs.predictiveChoice1(lp, post.predicted());
            double s = 0;
            for (int t = 0; t < p1.length; t++) {
                if (in.scored(b, t)) {
                    s -= Math.log(in.choice(b, t) == 1 ? p1[t] : 1 - p1[t]);
                }
            }
            validation += s;
        }
        validation /= in.numScored();

        assertEquals(validation, trainer.predictiveNll(logits, in, pi, a, rho), 0.0);
        HmmTinyRnnTrainer.EStep e = trainer.eStep(logits, in, pi, a, rho, weight);
        assertEquals(logMarginal, e.logMarginal(), 0.0);
        assertEquals(nll, e.choiceNll(), 0.0);
        assertArrayEquals(labels, e.labels(), 0.0);
        assertArrayEquals(start, e.initialCounts(), 0.0);
        for (int i = 0; i < k; i++) {
            assertArrayEquals(xi[i], e.transitionCounts()[i], 0.0);
        }
        assertEquals(rho == null ? 0 : in.numRows(), e.smoothed().size());
        for (int b = 0; b < e.smoothed().size(); b++) {
            for (int t = 0; t < in.length(b); t++) {
                assertArrayEquals(posts[b].smoothed()[t], e.smoothed().get(b)[t], 0.0);
            }
        }
    }
}
