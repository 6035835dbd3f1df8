package io.github.hmmrnn.rl.net;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import java.util.Objects;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The multi-plasticity layer as a DL4J layer (a {@link SameDiffLayer}, so DL4J differentiates it
 * through the M recursion): input x of shape [minibatch, d, T] (already projected), output the hidden
 * sequence h of shape [minibatch, n, T], M reset to 0 at the start of every sequence. Follow it with an
 * identity {@code RnnOutputLayer} for the readout W_RO, b_RO. Parameters: "W" [n, d], "b" [1, n],
 * "eta" [1, 1], "lambda" [1, 1] (clamped to [0, &lambda;max] in the forward pass).
 *
 * <p>This layer fixes the sequence length T at configuration time (the recursion is unrolled into the
 * graph). DL4J executes it op by op, which at these tiny sizes is far slower than the fused Java kernel
 * in {@link MpnNetwork}; the training loop therefore uses {@link MpnNetwork}, and tests check that the two
 * compute identical outputs and that DL4J's gradients pass its finite-difference check.
 */
public final class MpnLayer extends SameDiffLayer {

    /** Parameter key of W. */
    public static final String WEIGHT = "W";
    /** Parameter key of b. */
    public static final String BIAS = "b";
    /** Parameter key of &eta;. */
    public static final String ETA = "eta";
    /** Parameter key of &lambda;. */
    public static final String LAMBDA = "lambda";

    private int inputSize;
    private int hiddenSize;
    private int timeSteps;
    private PlasticityMode mode;
    private double lambdaMax;
    private double etaInit;

    /** For DL4J's JSON deserialisation only. */
    private MpnLayer() {
    }

    /**
     * Creates the layer configuration.
     *
     * @param inputSize  d, positive
     * @param hiddenSize n, positive
     * @param timeSteps  sequence length T, positive
     * @param mode       plasticity mode
     * @param lambdaMax  upper clamp of &lambda; in (0, 1]
     * @param etaInit    initial &eta;, finite
     * @throws IllegalArgumentException if a value is out of range
     */
    public MpnLayer(int inputSize, int hiddenSize, int timeSteps, PlasticityMode mode, double lambdaMax,
                    double etaInit) {
        if (inputSize <= 0 || hiddenSize <= 0 || timeSteps <= 0) {
            throw new IllegalArgumentException("inputSize, hiddenSize and timeSteps must be positive, got "
                    + inputSize + ", " + hiddenSize + ", " + timeSteps);
        }
        if (mode == null) {
            throw new IllegalArgumentException("mode must not be null");
        }
        if (!(lambdaMax > 0 && lambdaMax <= 1)) {
            throw new IllegalArgumentException("lambdaMax must be in (0, 1], got " + lambdaMax);
        }
        if (!Double.isFinite(etaInit)) {
            throw new IllegalArgumentException("etaInit must be finite, got " + etaInit);
        }
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.timeSteps = timeSteps;
        this.mode = mode;
        this.lambdaMax = lambdaMax;
        this.etaInit = etaInit;
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input, Map<String, SDVariable> params, SDVariable mask) {
        SDVariable w = params.get(WEIGHT);
        SDVariable b = params.get(BIAS);
        SDVariable eta = params.get(ETA);
        // clamp to [0, lambdaMax] with relu so the clamp has a (sub)gradient everywhere
        SDVariable lamPos = sd.nn.relu(params.get(LAMBDA), 0);
        SDVariable lam = lamPos.sub(sd.nn.relu(lamPos.sub(lambdaMax), 0));
        List<SDVariable> hs = new ArrayList<>();
        SDVariable m = null;
        for (int t = 0; t < timeSteps; t++) {
            SDVariable x = input.get(SDIndex.all(), SDIndex.all(), SDIndex.point(t));
            SDVariable xRow = x.reshape(-1, 1, inputSize);
            SDVariable effective;
            if (m == null) {
                effective = w;
            } else if (mode == PlasticityMode.MULTIPLICATIVE) {
                effective = w.mul(m.add(1.0));
            } else {
                effective = w.add(m);
            }
            SDVariable a = effective.mul(xRow).sum(2).add(b);
            SDVariable h = sd.math.tanh(a);
            hs.add(h);
            if (t == timeSteps - 1) {
                // no M update after the last step: a dangling, unconsumed variable would be taken by
                // SameDiff as an extra loss and break the layer's backward pass
                break;
            }
            SDVariable hebb = h.reshape(-1, hiddenSize, 1).mul(xRow).mul(eta);
            m = m == null ? hebb : m.mul(lam).add(hebb);
        }
        return sd.stack(2, hs.toArray(new SDVariable[0]));
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.clear();
        params.addWeightParam(WEIGHT, hiddenSize, inputSize);
        params.addBiasParam(BIAS, 1, hiddenSize);
        params.addWeightParam(ETA, 1, 1);
        params.addWeightParam(LAMBDA, 1, 1);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        double lim = Math.sqrt(6.0 / (hiddenSize + inputSize));
        INDArray w = params.get(WEIGHT);
        // deterministic given DL4J's seeded RNG: uniform(-lim, lim) via the Nd4j random generator
        w.assign(Nd4j.rand(w.dataType(), w.shape()).muli(2 * lim).subi(lim));
        params.get(BIAS).assign(0.0);
        params.get(ETA).assign(etaInit);
        params.get(LAMBDA).assign(lambdaMax);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return InputType.recurrent(hiddenSize, timeSteps);
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        // sizes are fixed at construction
    }

    /** Projected input size d. @return d */
    public int getInputSize() {
        return inputSize;
    }

    /** Hidden size n. @return n */
    public int getHiddenSize() {
        return hiddenSize;
    }

    /** Unrolled sequence length T. @return T */
    public int getTimeSteps() {
        return timeSteps;
    }

    /** Plasticity mode. @return mode */
    public PlasticityMode getMode() {
        return mode;
    }

    /** Upper clamp of &lambda;. @return &lambda;max */
    public double getLambdaMax() {
        return lambdaMax;
    }

    /** Initial &eta;. @return &eta; init */
    public double getEtaInit() {
        return etaInit;
    }

    @Override
    public String toString() {
        return "MpnLayer{d=" + inputSize + ", n=" + hiddenSize + ", T=" + timeSteps + ", mode=" + mode
                + ", lambdaMax=" + lambdaMax + "}";
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MpnLayer other)) {
            return false;
        }
        return inputSize == other.inputSize && hiddenSize == other.hiddenSize && timeSteps == other.timeSteps
                && mode == other.mode && lambdaMax == other.lambdaMax && etaInit == other.etaInit;
    }

    @Override
    public int hashCode() {
        return Objects.hash(inputSize, hiddenSize, timeSteps, mode, lambdaMax, etaInit);
    }
}
