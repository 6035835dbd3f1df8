package io.github.hmmrnn.rnn;

import java.util.Collection;
import java.util.Map;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.deeplearning4j.nn.api.Layer;

/**
 * DL4J layer configuration of a single-layer GRU whose forward and backward passes are one fused
 * kernel ({@link GruKernel}) rather than a graph of small ops.
 *
 * <p>DL4J 1.0.0-M2.1 ships no GRU layer, and a SameDiff GRU spends most of its time in per-op
 * overhead at the tiny sizes used here (H ≤ 20). This layer plugs into a
 * {@link org.deeplearning4j.nn.graph.ComputationGraph} like any built-in recurrent layer: DL4J
 * owns its parameters (views into the network's flat parameter vector), its gradients and its
 * updater state; only the arithmetic of the time recursion is hand-written.
 *
 * <p>Input and output use DL4J's NCW recurrent format: [batch, nIn, time] in, [batch, nOut, time]
 * out. Each batch row starts from a zero hidden state. Parameters: {@code W} [nIn, 3·nOut],
 * {@code RW} [nOut, 3·nOut], {@code b} [1, 3·nOut], {@code bn} [1, nOut] (gate order r, z, n;
 * see {@link GruKernel} for the equations). Masks are not supported: pad sequences with zeros
 * and give padded steps zero loss weight instead.
 */
public class FusedGruLayer extends BaseRecurrentLayer {

    private static final long serialVersionUID = 1L;

    /** No-argument constructor for DL4J's JSON (de)serialisation of configurations. */
    public FusedGruLayer() {
    }

    private FusedGruLayer(Builder builder) {
        super(builder);
        initializeConstraints(builder);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf,
                                                       Collection<TrainingListener> listeners,
                                                       int layerIndex, INDArray layerParamsView,
                                                       boolean initializeParams,
                                                       DataType networkDataType) {
        FusedGruLayerImpl layer = new FusedGruLayerImpl(conf, networkDataType);
        layer.setListeners(listeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        Map<String, INDArray> table = initializer().init(conf, layerParamsView, initializeParams);
        layer.setParamTable(table);
        layer.setConf(conf);
        return layer;
    }

    @Override
    public ParamInitializer initializer() {
        return FusedGruParamInitializer.INSTANCE;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType outputType = getOutputType(-1, inputType);
        long numParams = initializer().numParams(this);
        // the gate cache holds four [B][T][H] arrays per example and time step
        return new LayerMemoryReport.Builder(layerName, FusedGruLayer.class, inputType, outputType)
                .standardMemory(numParams, numParams)
                .workingMemory(0, 0, 0, 4 * getNOut())
                .cacheMemory(0, 0)
                .build();
    }

    /**
     * Builder of {@link FusedGruLayer}: set {@code nIn} (input width) and {@code nOut} (hidden
     * units); the weight initialisation defaults to DL4J's network-wide setting.
     */
    public static class Builder extends BaseRecurrentLayer.Builder<Builder> {

        /** Creates a builder with DL4J's defaults. */
        public Builder() {
        }

        /** @return the layer configuration */
        @Override
        @SuppressWarnings("unchecked")
        public FusedGruLayer build() {
            return new FusedGruLayer(this);
        }
    }
}
