package io.github.hmmrnn.moa.neural;

import io.github.hmmrnn.agents.Agent;
import io.github.hmmrnn.agents.AgentPreset;

import java.util.List;

/**
 * The options that {@link TinyMoaRnnModel.Builder} and {@link HmmTinyMoaModel.Builder} share: the
 * GRU size, the agents and the mini-batch Adam schedule, with one set of defaults and checks. The
 * self type {@code B} lets every setter return the concrete builder, so chains such as
 * {@code HmmTinyMoaModel.builder().hiddenSize(4).states(3)} keep compiling.
 *
 * <p>Package-private on purpose: the public API is the two {@code Builder} classes, which inherit
 * these setters. The fields are read directly by the models' private constructors.
 *
 * @param <B> the concrete builder type
 */
abstract class TinyMoaBuilderBase<B extends TinyMoaBuilderBase<B>> {

    int hiddenSize = 4;
    List<Agent> agents = AgentPreset.HMMRNN_ORIGINAL.agents();
    double learningRate = 0.005;
    int maxEpochs = 2000;
    int patience = 100;
    int batchSize = 8;
    long seed = 0;

    TinyMoaBuilderBase() {
    }

    /** @return this builder as its concrete type */
    abstract B self();

    /**
     * @param hiddenSize GRU units H, ≥ 1 (default 4)
     * @return this builder
     * @throws IllegalArgumentException if hiddenSize &lt; 1
     */
    public B hiddenSize(int hiddenSize) {
        this.hiddenSize = TinyMoaChecks.atLeastOne("hiddenSize", hiddenSize);
        return self();
    }

    /**
     * @param agents agents to mix, at least one, with the parameter values to use (default
     *               {@link AgentPreset#HMMRNN_ORIGINAL} with default parameters)
     * @return this builder
     * @throws IllegalArgumentException if the list is null or empty or holds null
     */
    public B agents(List<Agent> agents) {
        this.agents = TinyMoaChecks.agents(agents);
        return self();
    }

    /**
     * @param preset a named agent set, used with its default parameters
     * @return this builder
     * @throws IllegalArgumentException if preset is null
     */
    public B agents(AgentPreset preset) {
        if (preset == null) {
            throw new IllegalArgumentException("preset must not be null");
        }
        this.agents = preset.agents();
        return self();
    }

    /**
     * @param learningRate Adam learning rate, finite and &gt; 0 (default 0.005)
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public B learningRate(double learningRate) {
        this.learningRate = TinyMoaChecks.learningRate(learningRate);
        return self();
    }

    /**
     * @param maxEpochs maximum epochs (passes over the training sessions), ≥ 1 (default 2000)
     * @return this builder
     * @throws IllegalArgumentException if &lt; 1
     */
    public B maxEpochs(int maxEpochs) {
        this.maxEpochs = TinyMoaChecks.atLeastOne("maxEpochs", maxEpochs);
        return self();
    }

    /**
     * @param patience epochs without validation improvement before stopping, ≥ 1 (default 100)
     * @return this builder
     * @throws IllegalArgumentException if &lt; 1
     */
    public B patience(int patience) {
        this.patience = TinyMoaChecks.atLeastOne("patience", patience);
        return self();
    }

    /**
     * @param batchSize sessions per Adam step, ≥ 1 (default 8); sessions are reshuffled every
     *                  epoch with a seeded generator
     * @return this builder
     * @throws IllegalArgumentException if &lt; 1
     */
    public B batchSize(int batchSize) {
        this.batchSize = TinyMoaChecks.atLeastOne("batchSize", batchSize);
        return self();
    }

    /**
     * @param seed root seed of the GRU and gate initialisation and of the session shuffle (default 0)
     * @return this builder
     */
    public B seed(long seed) {
        this.seed = seed;
        return self();
    }

    /**
     * Copies the shared settings (for {@code toBuilder}).
     *
     * @param shared the settings
     * @return this builder
     */
    B copyShared(TinyMoaSpecJson.Shared shared) {
        hiddenSize = shared.hiddenSize();
        agents = shared.agents();
        learningRate = shared.learningRate();
        maxEpochs = shared.maxEpochs();
        patience = shared.patience();
        batchSize = shared.batchSize();
        seed = shared.seed();
        return self();
    }
}
