package io.github.hmmrnn.emulation.rnn;

import java.util.Collection;
import java.util.Map;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.deeplearning4j.nn.api.Layer;

/**
 * DL4J configuration of the fused emulator layer: a whole T-step ReLU RNN with hard Gumbel-softmax
 * readout, run by {@link ReluRnnKernel}. Fused because at these sizes DL4J's per-op overhead would
 * dominate a step-by-step graph.
 *
 * <p>Input (feed-forward, one row per sequence): T * d noise values ({@code t * d + j}) followed by
 * T * K Gumbel perturbations ({@code T * d + t * K + k}). Output: T * K one-hot values
 * ({@code t * K + k}), i.e. the sequence as a point of R^{T K}. Parameters: "Wih", "Whh",
 * "Wout", no biases. Public only because DL4J instantiates configurations reflectively.
 */
public final class EmulatorLayerConfig extends FeedForwardLayer {

    private static final long serialVersionUID = 1L;

    private int hiddenSize;
    private int inputSize;
    private int numOutputs;
    private int sequenceLength;
    private double temperature;

    /** For DL4J's JSON deserialisation only. */
    public EmulatorLayerConfig() {
    }

    private EmulatorLayerConfig(Builder b) {
        super(b);
        this.hiddenSize = b.hiddenSize;
        this.inputSize = b.inputSize;
        this.numOutputs = b.numOutputs;
        this.sequenceLength = b.sequenceLength;
        this.temperature = b.temperature;
        this.nIn = (long) sequenceLength * (inputSize + numOutputs);
        this.nOut = (long) sequenceLength * numOutputs;
    }

    /**
     * Returns the hidden size n.
     *
     * @return n
     */
    public int getHiddenSize() {
        return hiddenSize;
    }

    /**
     * Returns the noise size d.
     *
     * @return d
     */
    public int getInputSize() {
        return inputSize;
    }

    /**
     * Returns the number of outputs K.
     *
     * @return K
     */
    public int getNumOutputs() {
        return numOutputs;
    }

    /**
     * Returns the sequence length T.
     *
     * @return T
     */
    public int getSequenceLength() {
        return sequenceLength;
    }

    /**
     * Returns the Gumbel-softmax temperature.
     *
     * @return tau
     */
    public double getTemperature() {
        return temperature;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf,
                                                      Collection<TrainingListener> listeners, int layerIndex,
                                                      INDArray layerParamsView, boolean initializeParams,
                                                      DataType networkDataType) {
        EmulatorLayer layer = new EmulatorLayer(conf, networkDataType);
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
        return EmulatorParamInitializer.INSTANCE;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        long params = EmulatorParamInitializer.INSTANCE.numParams(this);
        return new LayerMemoryReport.Builder(layerName, EmulatorLayer.class, inputType, getOutputType(0, inputType))
                .standardMemory(params, params)
                .workingMemory(0, 0, 0, (long) sequenceLength * (hiddenSize + 2L * numOutputs))
                .cacheMemory(0, 0)
                .build();
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        // nIn is fixed by the sequence layout; DL4J must not infer it.
    }

    /**
     * Builder for the layer configuration.
     */
    public static final class Builder extends FeedForwardLayer.Builder<Builder> {
        private int hiddenSize;
        private int inputSize;
        private int numOutputs;
        private int sequenceLength;
        private double temperature = 1.0;

        /**
         * Sets all sizes at once.
         *
         * @param hiddenSize     n
         * @param inputSize      d
         * @param numOutputs     K
         * @param sequenceLength T
         * @param temperature    tau
         * @return this builder
         */
        public Builder sizes(int hiddenSize, int inputSize, int numOutputs, int sequenceLength, double temperature) {
            if (sequenceLength < 1) {
                throw new IllegalArgumentException("sequenceLength must be >= 1, got " + sequenceLength);
            }
            this.hiddenSize = hiddenSize;
            this.inputSize = inputSize;
            this.numOutputs = numOutputs;
            this.sequenceLength = sequenceLength;
            this.temperature = temperature;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public EmulatorLayerConfig build() {
            return new EmulatorLayerConfig(this);
        }
    }
}
