package io.github.hmmrnn.rnn;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.deeplearning4j.nn.conf.distribution.UniformDistribution;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * The neural part of a (HMM-)TinyRNN as a DL4J {@link ComputationGraph}: input "trials" →
 * {@link FusedGruLayer} "gru" → {@link RnnOutputLayer} "heads" (2K identity outputs trained with
 * {@link PosteriorWeightedCrossEntropy}), double precision, Adam, per-layer L2 gradient clipping.
 *
 * <p>The only class that touches INDArrays besides the layer internals; everything it returns is
 * a plain Java array. Not thread-safe (a DL4J graph is mutable).
 */
final class RnnNetwork {

    /** Name of the output vertex. */
    static final String OUTPUT = "heads";

    private final ComputationGraph graph;
    private final int heads;

    RnnNetwork(int nIn, int hidden, int heads, double learningRate, double gradientClip, long seed) {
        this.heads = heads;
        this.graph = new ComputationGraph(configuration(nIn, hidden, heads, new Adam(learningRate), gradientClip, seed));
        graph.init();
    }

    static ComputationGraphConfiguration configuration(int nIn, int hidden, int heads, IUpdater updater,
                                                       double gradientClip, long seed) {
        double bound = 1.0 / Math.sqrt(hidden);
        NeuralNetConfiguration.Builder b = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.DOUBLE)
                .updater(updater)
                .trainingWorkspaceMode(WorkspaceMode.NONE)
                .inferenceWorkspaceMode(WorkspaceMode.NONE);
        if (gradientClip > 0) {
            b.gradientNormalization(GradientNormalization.ClipL2PerLayer)
                    .gradientNormalizationThreshold(gradientClip);
        }
        return b.graphBuilder()
                .addInputs("trials")
                .setInputTypes(InputType.recurrent(nIn))
                .addLayer("gru", new FusedGruLayer.Builder().nIn(nIn).nOut(hidden)
                        .weightInit(new WeightInitDistribution(new UniformDistribution(-bound, bound)))
                        .build(), "trials")
                .addLayer(OUTPUT, new RnnOutputLayer.Builder(new PosteriorWeightedCrossEntropy(heads))
                        .nIn(hidden).nOut(2L * heads).activation(Activation.IDENTITY)
                        .weightInit(WeightInit.XAVIER).build(), "gru")
                .setOutputs(OUTPUT)
                .build();
    }

    ComputationGraph graph() {
        return graph;
    }

    int heads() {
        return heads;
    }

    /** @return the input as a [B][I][T] double INDArray */
    static INDArray features(RnnInputs inputs) {
        return Nd4j.create(inputs.features(),
                new long[] {inputs.numSessions(), inputs.encoding().width(), inputs.paddedLength()}, 'c');
    }

    /**
     * Inference pass.
     *
     * @param x [B][I][T] input
     * @return [B][2K][T] head logits, row-major
     */
    double[] logits(INDArray x) {
        INDArray out = graph.outputSingle(false, x);
        return out.dup('c').data().asDouble();
    }

    /**
     * One Adam step on the posterior-weighted cross-entropy.
     *
     * @param x      [B][I][T] input
     * @param labels [B][2K][T] label weights
     */
    void step(INDArray x, double[] labels) {
        INDArray y = Nd4j.create(labels, new long[] {x.size(0), 2L * heads, x.size(2)}, 'c');
        graph.fit(new MultiDataSet(new INDArray[] {x}, new INDArray[] {y}));
    }

    /** @return a copy of all parameters in DL4J's flat order */
    double[] parameters() {
        return graph.params().dup('c').data().asDouble();
    }

    /**
     * Overwrites all parameters.
     *
     * @param values parameters in DL4J's flat order
     */
    void setParameters(double[] values) {
        if (values.length != graph.numParams()) {
            throw new IllegalArgumentException("expected " + graph.numParams() + " parameters, got " + values.length);
        }
        graph.setParams(Nd4j.create(values, new long[] {1, values.length}, 'c'));
    }
}
