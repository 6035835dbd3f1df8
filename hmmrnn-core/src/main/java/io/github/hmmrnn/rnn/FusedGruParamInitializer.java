package io.github.hmmrnn.rnn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Parameter layout and initialisation of {@link FusedGruLayer}: four row-major blocks
 * {@code W} [nIn, 3H], {@code RW} [H, 3H], {@code b} [1, 3H], {@code bn} [1, H], laid out in that
 * order in the layer's slice of the network's flat parameter vector.
 *
 * <p>Weights use the layer's weight initialisation with fan-in H and fan-out 3H for both
 * matrices (PyTorch's GRU scales both by 1/√H); biases start at zero.
 */
public final class FusedGruParamInitializer implements ParamInitializer {

    /** Input weight key. */
    public static final String INPUT_WEIGHTS = "W";
    /** Recurrent weight key. */
    public static final String RECURRENT_WEIGHTS = "RW";
    /** Input bias key. */
    public static final String BIAS = "b";
    /** Recurrent bias of the candidate gate. */
    public static final String CANDIDATE_RECURRENT_BIAS = "bn";

    static final FusedGruParamInitializer INSTANCE = new FusedGruParamInitializer();

    private static final List<String> KEYS = List.of(INPUT_WEIGHTS, RECURRENT_WEIGHTS, BIAS,
            CANDIDATE_RECURRENT_BIAS);

    private FusedGruParamInitializer() {
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        FusedGruLayer l = (FusedGruLayer) layer;
        long nIn = l.getNIn();
        long h = l.getNOut();
        return nIn * 3 * h + h * 3 * h + 3 * h + h;
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return KEYS;
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return List.of(INPUT_WEIGHTS, RECURRENT_WEIGHTS);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return List.of(BIAS, CANDIDATE_RECURRENT_BIAS);
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return INPUT_WEIGHTS.equals(key) || RECURRENT_WEIGHTS.equals(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return BIAS.equals(key) || CANDIDATE_RECURRENT_BIAS.equals(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView,
                                      boolean initializeParams) {
        FusedGruLayer l = (FusedGruLayer) conf.getLayer();
        Map<String, INDArray> views = views(l, paramsView);
        if (initializeParams) {
            long h = l.getNOut();
            IWeightInit input = l.getWeightInitFn();
            IWeightInit recurrent = l.getWeightInitFnRecurrent() != null
                    ? l.getWeightInitFnRecurrent() : input;
            INDArray w = views.get(INPUT_WEIGHTS);
            INDArray rw = views.get(RECURRENT_WEIGHTS);
            input.init(h, 3 * h, w.shape(), 'c', w);
            recurrent.init(h, 3 * h, rw.shape(), 'c', rw);
            views.get(BIAS).assign(0.0);
            views.get(CANDIDATE_RECURRENT_BIAS).assign(0.0);
        }
        return views;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf,
                                                           INDArray gradientView) {
        return views((FusedGruLayer) conf.getLayer(), gradientView);
    }

    private static Map<String, INDArray> views(FusedGruLayer l, INDArray flat) {
        long nIn = l.getNIn();
        long h = l.getNOut();
        INDArray row = flat.reshape('c', 1, flat.length());
        long o = 0;
        Map<String, INDArray> m = new LinkedHashMap<>();
        m.put(INPUT_WEIGHTS, slice(row, o, nIn * 3 * h).reshape('c', nIn, 3 * h));
        o += nIn * 3 * h;
        m.put(RECURRENT_WEIGHTS, slice(row, o, h * 3 * h).reshape('c', h, 3 * h));
        o += h * 3 * h;
        m.put(BIAS, slice(row, o, 3 * h));
        o += 3 * h;
        m.put(CANDIDATE_RECURRENT_BIAS, slice(row, o, h));
        return m;
    }

    private static INDArray slice(INDArray row, long offset, long length) {
        return row.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(offset, offset + length));
    }
}
