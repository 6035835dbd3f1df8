package io.github.hmmrnn.emulation.rnn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Splits the flat DL4J parameter view of an {@link EmulatorLayerConfig} into W_ih, W_hh and W_out (keys "Wih", "Whh", "Wout": DL4J splits gradient keys at underscores)
 * (each a rank-1 view, row-major). Values are left at zero: the trainer copies the emulator's
 * seeded initial weights in, so initialisation never touches ND4J's global random generator.
 */
final class EmulatorParamInitializer implements ParamInitializer {

    static final EmulatorParamInitializer INSTANCE = new EmulatorParamInitializer();
    static final String INPUT_WEIGHTS = "Wih";
    static final String RECURRENT_WEIGHTS = "Whh";
    static final String READOUT_WEIGHTS = "Wout";
    private static final List<String> KEYS = List.of(INPUT_WEIGHTS, RECURRENT_WEIGHTS, READOUT_WEIGHTS);

    private EmulatorParamInitializer() {
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        long[] s = sizes(layer);
        return s[0] + s[1] + s[2];
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return KEYS;
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return KEYS;
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return List.of();
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return KEYS.contains(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return false;
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        if (initializeParams) {
            paramsView.assign(0);
        }
        return split(conf.getLayer(), paramsView);
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return split(conf.getLayer(), gradientView);
    }

    private static Map<String, INDArray> split(Layer layer, INDArray flat) {
        long[] s = sizes(layer);
        INDArray v = flat.rank() == 2 ? flat.get(NDArrayIndex.point(0), NDArrayIndex.all()) : flat;
        Map<String, INDArray> m = new LinkedHashMap<>();
        long off = 0;
        for (int i = 0; i < 3; i++) {
            m.put(KEYS.get(i), v.get(NDArrayIndex.interval(off, off + s[i])));
            off += s[i];
        }
        return m;
    }

    private static long[] sizes(Layer layer) {
        EmulatorLayerConfig c = (EmulatorLayerConfig) layer;
        long n = c.getHiddenSize();
        return new long[] {n * c.getInputSize(), n * n, (long) c.getNumOutputs() * n};
    }
}
