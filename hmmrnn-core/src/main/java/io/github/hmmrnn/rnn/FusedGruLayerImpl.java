package io.github.hmmrnn.rnn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import java.util.Arrays;

/**
 * Runtime implementation of {@link FusedGruLayer}: copies its input and parameters out of ND4J
 * once per pass (one copy each out of the off-heap buffer, no intermediate duplicates) and runs
 * {@link GruKernel} on plain arrays.
 *
 * <p>Every forward pass keeps its gate activations, input and parameter values; a later forward
 * pass on identical input and parameters reuses them, and the backward pass recomputes them if
 * the input or parameters changed in between.
 */
final class FusedGruLayerImpl extends BaseLayer<FusedGruLayer> {

    private static final long serialVersionUID = 1L;

    private transient GruKernel.Cache cache;
    private transient INDArray cachedInput;
    private transient double[] cachedX;
    private transient double[] cachedOut;
    private transient double[] cachedParams;

    FusedGruLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private GruKernel kernel() {
        FusedGruLayer l = layerConf();
        return new GruKernel((int) l.getNIn(), (int) l.getNOut());
    }

    /**
     * @return the values of {@code array} in 'c' order as a new Java array: one copy out of
     *         ND4J's off-heap buffer, with no intermediate {@code dup} when the array already
     *         owns its whole buffer in 'c' order
     */
    private static double[] values(INDArray array) {
        boolean whole = array.ordering() == 'c' && !array.isView() && array.data().length() == array.length()
                && array.dataType() == DataType.DOUBLE;
        return (whole ? array : array.dup('c')).data().asDouble();
    }

    /** Parameter blocks W, U, b, c cut out of the flattened parameters (that order, 'c' layout). */
    private double[][] split(double[] params) {
        int nIn = (int) layerConf().getNIn();
        int h = (int) layerConf().getNOut();
        int[] sizes = {nIn * 3 * h, h * 3 * h, 3 * h, h};
        double[][] out = new double[4][];
        int o = 0;
        for (int i = 0; i < 4; i++) {
            out[i] = Arrays.copyOfRange(params, o, o + sizes[i]);
            o += sizes[i];
        }
        return out;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        if (input.rank() != 3) {
            throw new IllegalArgumentException("FusedGruLayer expects rank-3 input [batch, nIn, time], got shape "
                    + Arrays.toString(input.shape()));
        }
        int batch = (int) input.size(0);
        int steps = (int) input.size(2);
        int hidden = (int) layerConf().getNOut();
        double[] x = values(input);
        double[] params = values(paramsFlattened);
        // an inference pass followed by a training step on the same input and parameters (the
        // E-step, then the Adam step) reuses the forward pass instead of running it twice
        double[] out;
        if (cache != null && Arrays.equals(params, cachedParams) && Arrays.equals(x, cachedX)) {
            out = cachedOut;
        } else {
            out = new double[batch * hidden * steps];
            GruKernel.Cache c = new GruKernel.Cache(batch, steps, hidden);
            double[][] p = split(params);
            kernel().forward(x, batch, steps, p[0], p[1], p[2], p[3], out, c, 0, batch);
            cache = c;
            cachedX = x;
            cachedOut = out;
            cachedParams = params;
        }
        cachedInput = input;
        INDArray result = Nd4j.create(out, new long[] {batch, hidden, steps}, 'c').castTo(dataType);
        return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, result);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        if (cache == null || cachedInput != input) {
            activate(true, workspaceMgr);
        }
        if (!Arrays.equals(cachedParams, values(paramsFlattened))) {
            cache = null;
            activate(true, workspaceMgr);
        }
        int batch = cache.batch;
        GruKernel k = kernel();
        double[] eps = values(epsilon);
        double[] dx = new double[cachedX.length];
        GruKernel.Grad grad = k.newGrad();
        double[][] p = split(cachedParams);
        for (int from = 0; from < batch; from += GruKernel.BLOCK) {
            GruKernel.Grad part = k.newGrad();
            k.backward(cachedX, cachedOut, cache, p[0], p[1], eps, dx, part, from,
                    Math.min(batch, from + GruKernel.BLOCK));
            part.addTo(grad);
        }
        Gradient gradient = new DefaultGradient();
        put(gradient, FusedGruParamInitializer.INPUT_WEIGHTS, grad.w);
        put(gradient, FusedGruParamInitializer.RECURRENT_WEIGHTS, grad.u);
        put(gradient, FusedGruParamInitializer.BIAS, grad.b);
        put(gradient, FusedGruParamInitializer.CANDIDATE_RECURRENT_BIAS, grad.c);
        INDArray epsOut = Nd4j.create(dx, input.shape(), 'c').castTo(dataType);
        return new Pair<>(gradient, workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, epsOut));
    }

    private void put(Gradient gradient, String key, double[] values) {
        INDArray view = gradientViews.get(key);
        view.assign(Nd4j.create(values, view.shape(), 'c').castTo(view.dataType()));
        gradient.gradientForVariable().put(key, view);
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public void clearNoiseWeightParams() {
        // no weight noise
    }

    @Override
    public Type type() {
        return Type.RECURRENT;
    }
}
