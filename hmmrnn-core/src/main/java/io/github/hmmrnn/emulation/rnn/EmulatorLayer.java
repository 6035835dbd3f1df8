package io.github.hmmrnn.emulation.rnn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J runtime of {@link EmulatorLayerConfig}: delegates forward and backward to
 * {@link ReluRnnKernel} and keeps the forward cache for the following backward call.
 */
final class EmulatorLayer extends BaseLayer<EmulatorLayerConfig> {

    private EmulatorWeights cachedWeights;
    private ReluRnnKernel.Forward cachedForward;
    private double[][] cachedNoise;
    /** Temperature of the straight-through gradient set by the trainer; NaN means the configured one. */
    private double trainingTemperature = Double.NaN;

    EmulatorLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    EmulatorWeights currentWeights() {
        EmulatorLayerConfig c = layerConf();
        return new EmulatorWeights(c.getHiddenSize(), c.getInputSize(), c.getNumOutputs(), c.getTemperature(),
                getParam(EmulatorParamInitializer.INPUT_WEIGHTS).toDoubleVector(),
                getParam(EmulatorParamInitializer.RECURRENT_WEIGHTS).toDoubleVector(),
                getParam(EmulatorParamInitializer.READOUT_WEIGHTS).toDoubleVector());
    }

    /**
     * Sets tau for the following training passes (the trainer anneals it); it only shapes the
     * straight-through gradient, never the sampled outputs.
     */
    void setTrainingTemperature(double tau) {
        if (!(tau > 0) || Double.isInfinite(tau)) {
            throw new IllegalArgumentException("training temperature must be positive and finite, got " + tau);
        }
        trainingTemperature = tau;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        EmulatorLayerConfig c = layerConf();
        int len = c.getSequenceLength();
        int d = c.getInputSize();
        int k = c.getNumOutputs();
        double[][] in = input.toDoubleMatrix();
        int batch = in.length;
        double[][] noise = new double[batch][len * d];
        double[][] gumbel = new double[batch][len * k];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(in[b], 0, noise[b], 0, len * d);
            System.arraycopy(in[b], len * d, gumbel[b], 0, len * k);
        }
        EmulatorWeights w = currentWeights();
        if (!Double.isNaN(trainingTemperature)) {
            w = new EmulatorWeights(w.hiddenSize(), w.inputSize(), w.numOutputs(), trainingTemperature,
                    w.inputWeightsFlat(), w.recurrentWeightsFlat(), w.readoutWeightsFlat());
        }
        ReluRnnKernel.Forward f = ReluRnnKernel.forward(w, noise, gumbel, null, len, GenerationMode.FULL);
        double[][] out = new double[batch][len * k];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < len; t++) {
                out[b][t * k + f.outputs()[b][t]] = 1;
            }
        }
        if (training) {
            cachedWeights = w;
            cachedForward = f;
            cachedNoise = noise;
        }
        return Nd4j.create(out).castTo(dataType);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (cachedForward == null) {
            throw new IllegalStateException("backpropGradient called without a preceding training forward pass");
        }
        ReluRnnKernel.Gradients g = ReluRnnKernel.backward(cachedWeights, cachedForward, cachedNoise, null,
                epsilon.toDoubleMatrix(), GenerationMode.FULL);
        Gradient grad = new DefaultGradient();
        assign(grad, EmulatorParamInitializer.INPUT_WEIGHTS, g.wIh());
        assign(grad, EmulatorParamInitializer.RECURRENT_WEIGHTS, g.wHh());
        assign(grad, EmulatorParamInitializer.READOUT_WEIGHTS, g.wOut());
        // The input is pure noise with nothing upstream to train.
        INDArray epsIn = Nd4j.zeros(dataType, input.shape());
        return new Pair<>(grad, epsIn);
    }

    private void assign(Gradient grad, String key, double[] values) {
        INDArray view = gradientViews.get(key);
        view.assign(Nd4j.createFromArray(values).castTo(view.dataType()));
        grad.gradientForVariable().put(key, view);
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public boolean hasBias() {
        return false;
    }

    @Override
    public void clearNoiseWeightParams() {
        // No weight noise in this layer.
    }
}
