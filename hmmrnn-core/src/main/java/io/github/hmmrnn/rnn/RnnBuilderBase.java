package io.github.hmmrnn.rnn;

import java.util.Objects;

/**
 * The settings every GRU model builder shares (GRU size, input, optimiser, early stopping,
 * starts, seed, threads), with their validation and defaults in one place.
 *
 * @param <B> the concrete builder, returned by every setter so calls chain
 */
abstract class RnnBuilderBase<B extends RnnBuilderBase<B>> {

    int hiddenSize = 6;
    InputEncoding encoding = InputEncoding.CHOICE_REWARD_TRANSITION;
    double learningRate = 0.005;
    int maxEpochs = 2000;
    int patience = 200;
    double gradientClip = 1.0;
    int starts = 1;
    long seed = 0L;
    int threads = 1;
    int trainingSegmentLength = 0;

    RnnBuilderBase() {
    }

    /** @return this builder as its concrete type */
    abstract B self();

    /**
     * @param hiddenSize GRU units H, 1–20 (default 6)
     * @return this builder
     * @throws IllegalArgumentException if outside [1, 20]
     */
    public B hiddenSize(int hiddenSize) {
        this.hiddenSize = RnnHyperParameters.requireHiddenSize(hiddenSize);
        return self();
    }

    /**
     * @param encoding input encoding of the previous trial (default
     *                 {@link InputEncoding#CHOICE_REWARD_TRANSITION})
     * @return this builder
     * @throws NullPointerException if null
     */
    public B inputEncoding(InputEncoding encoding) {
        this.encoding = Objects.requireNonNull(encoding, "encoding");
        return self();
    }

    /**
     * @param learningRate Adam learning rate, finite and &gt; 0 (default 0.005, the tiny-RNN
     *                     paper's)
     * @return this builder
     * @throws IllegalArgumentException if not finite and positive
     */
    public B learningRate(double learningRate) {
        this.learningRate = RnnHyperParameters.requireLearningRate(learningRate);
        return self();
    }

    /**
     * @param maxEpochs maximum full-batch epochs, ≥ 1 (default 2000)
     * @return this builder
     * @throws IllegalArgumentException if &lt; 1
     */
    public B maxEpochs(int maxEpochs) {
        this.maxEpochs = RnnHyperParameters.requireMaxEpochs(maxEpochs);
        return self();
    }

    /**
     * @param patience epochs without validation improvement before stopping, ≥ 1 (default 200)
     * @return this builder
     * @throws IllegalArgumentException if &lt; 1
     */
    public B patience(int patience) {
        this.patience = RnnHyperParameters.requirePatience(patience);
        return self();
    }

    /**
     * @param gradientClip per-layer L2 gradient norm threshold, 0 for none (default 1.0)
     * @return this builder
     * @throws IllegalArgumentException if negative or not finite
     */
    public B gradientClip(double gradientClip) {
        this.gradientClip = RnnHyperParameters.requireGradientClip(gradientClip);
        return self();
    }

    /**
     * @param starts independent initialisations, the best by validation NLL kept, ≥ 1 (default 1);
     *               the same name as {@code HmmMoaModel.Builder#starts}
     * @return this builder
     * @throws IllegalArgumentException if &lt; 1
     */
    public B starts(int starts) {
        this.starts = RnnHyperParameters.requireStarts(starts);
        return self();
    }

    /**
     * Copies the shared settings of a specification into this builder (for {@code toBuilder}).
     *
     * @param hp the settings
     * @return this builder
     */
    B copyShared(RnnHyperParameters hp) {
        hiddenSize = hp.hiddenSize();
        encoding = hp.encoding();
        learningRate = hp.learningRate();
        maxEpochs = hp.maxEpochs();
        patience = hp.patience();
        gradientClip = hp.gradientClip();
        starts = hp.starts();
        seed = hp.seed();
        threads = hp.threads();
        trainingSegmentLength = hp.trainingSegmentLength();
        return self();
    }

    /**
     * @param seed root seed (default 0); the same seed gives a bit-identical fit
     * @return this builder
     */
    public B seed(long seed) {
        this.seed = seed;
        return self();
    }

    /**
     * Cuts training and validation sessions into consecutive segments of at most
     * {@code trainingSegmentLength} trials (the tiny-RNN paper uses 150), each a separate batch
     * row whose GRU state starts at zero (and, for the HMM-TinyRNN, whose chain restarts from π).
     * A segment's first input is still the real previous trial. Predictions of the fitted model
     * run over whole sessions. See {@code docs/hmm-tinyrnn.md}.
     *
     * @param trainingSegmentLength trials per segment, ≥ 1, or 0 for whole sessions (default 0)
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public B trainingSegmentLength(int trainingSegmentLength) {
        this.trainingSegmentLength = RnnHyperParameters.requireTrainingSegmentLength(trainingSegmentLength);
        return self();
    }

    /**
     * @param threads restarts trained at once, ≥ 1 (default 1); each restart's passes run
     *                vectorised on its own thread, and the result never depends on this value
     * @return this builder
     * @throws IllegalArgumentException if &lt; 1
     */
    public B threads(int threads) {
        this.threads = RnnHyperParameters.requireThreads(threads);
        return self();
    }
}
