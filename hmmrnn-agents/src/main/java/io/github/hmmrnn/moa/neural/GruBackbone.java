package io.github.hmmrnn.moa.neural;

import io.github.hmmrnn.rnn.FusedGruLayer;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.distribution.UniformDistribution;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The GRU of the neural mixture: hmmrnn-core's {@link FusedGruLayer} driven directly, with the
 * mixture's output gradient fed back as the layer's epsilon. Parameters and gradients cross
 * this class as {@code double[]}; INDArray stays inside.
 */
final class GruBackbone {

    private final MultiLayerNetwork net;
    private final Layer layer;
    private final LayerWorkspaceMgr workspaces = LayerWorkspaceMgr.noWorkspaces();
    private final int nIn;
    private final int hidden;

    GruBackbone(int nIn, int hidden, long seed) {
        this.nIn = nIn;
        this.hidden = hidden;
        double bound = 1.0 / Math.sqrt(hidden);
        // PyTorch's GRU initialisation U(−1/√H, 1/√H), as the TinyRNN models use
        this.net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.DOUBLE)
                .trainingWorkspaceMode(WorkspaceMode.NONE)
                .inferenceWorkspaceMode(WorkspaceMode.NONE)
                .list()
                .layer(new FusedGruLayer.Builder().nIn(nIn).nOut(hidden)
                        .weightInit(new WeightInitDistribution(new UniformDistribution(-bound, bound)))
                        .build())
                .build());
        net.init();
        // DL4J allocates gradient views lazily on its own fit path, which this class bypasses
        net.initGradientsView();
        this.layer = net.getLayer(0);
    }

    int numParams() {
        return (int) net.numParams();
    }

    double[] parameters() {
        return net.params().dup('c').data().asDouble();
    }

    void setParameters(double[] values) {
        net.params().assign(Nd4j.create(values, new long[] {1, values.length}, 'c'));
    }

    /**
     * @param x     [B][I][T] inputs
     * @param batch B
     * @param steps T
     * @return [B][H][T] hidden states
     */
    double[] forward(double[] x, int batch, int steps) {
        layer.setInput(Nd4j.create(x, new long[] {batch, nIn, steps}, 'c'), workspaces);
        return layer.activate(true, workspaces).dup('c').data().asDouble();
    }

    /**
     * Back-propagates through the last {@link #forward} call.
     *
     * @param dh    [B][H][T] dLoss/dh
     * @param batch B
     * @param steps T
     * @return the gradient of the GRU parameters, in {@link #parameters()} order
     */
    double[] backward(double[] dh, int batch, int steps) {
        layer.backpropGradient(Nd4j.create(dh, new long[] {batch, hidden, steps}, 'c'), workspaces);
        return net.getGradientsViewArray().dup('c').data().asDouble();
    }
}
