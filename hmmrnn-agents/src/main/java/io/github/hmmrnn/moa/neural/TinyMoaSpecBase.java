package io.github.hmmrnn.moa.neural;

import java.util.List;
import java.util.SplittableRandom;

import io.github.hmmrnn.agents.Agent;
import io.github.hmmrnn.model.FittedChoiceModel;
import io.github.hmmrnn.model.ModelSpec;
import io.github.hmmrnn.rnn.GruGraph;

/**
 * What both gated-mixture specifications ({@link TinyMoaRnnModel}, {@link HmmTinyMoaModel}) share:
 * the settings of {@link TinyMoaBuilderBase}, early stopping from one seeded initialisation, and the
 * seeded start of a fit (the GRU's initial parameters and the head and shuffle generators).
 *
 * @param <F> the fitted model type
 */
abstract class TinyMoaSpecBase<F extends FittedChoiceModel> implements ModelSpec<F> {

    final int hiddenSize;
    final List<Agent> agents;
    final double learningRate;
    final int maxEpochs;
    final int patience;
    final int batchSize;
    final long seed;
    final TinyMoaSpecJson.Shared shared;

    TinyMoaSpecBase(TinyMoaBuilderBase<?> b) {
        this.shared = TinyMoaSpecJson.Shared.of(b);
        this.hiddenSize = b.hiddenSize;
        this.agents = b.agents;
        this.learningRate = b.learningRate;
        this.maxEpochs = b.maxEpochs;
        this.patience = b.patience;
        this.batchSize = b.batchSize;
        this.seed = b.seed;
    }

    /** @return true: the fit keeps the epoch with the best validation NLL */
    @Override
    public boolean earlyStops() {
        return true;
    }

    @Override
    public long seed() {
        return shared.seed();
    }

    /** @return 1: one initialisation per fit */
    @Override
    public int starts() {
        return 1;
    }

    /**
     * The seeded start of a fit: the root generator of {@code seed} splits, in this order, the
     * GRU's initialisation seed, the heads' generator and the mini-batch shuffle generator.
     *
     * @return the GRU and the two generators
     */
    FitStart fitStart() {
        SplittableRandom root = new SplittableRandom(seed);
        long gruSeed = root.split().nextLong();
        SplittableRandom headRng = root.split();
        SplittableRandom shuffleRng = root.split();
        return new FitStart(new GruGraph(EncodedSessions.INPUT_WIDTH, hiddenSize, gruSeed), headRng, shuffleRng);
    }

    /**
     * @param gru        the GRU at its seeded initialisation
     * @param headRng    generator of the heads' initial gate weights
     * @param shuffleRng generator of the mini-batch order
     */
    record FitStart(GruGraph gru, SplittableRandom headRng, SplittableRandom shuffleRng) {

        /**
         * @param numParams length of the objective's parameter vector, GRU parameters first
         * @return a parameter vector holding the GRU's initial parameters, zeros after them
         */
        double[] initialParameters(int numParams) {
            double[] theta = new double[numParams];
            System.arraycopy(gru.parameters(), 0, theta, 0, gru.numParams());
            return theta;
        }
    }
}
