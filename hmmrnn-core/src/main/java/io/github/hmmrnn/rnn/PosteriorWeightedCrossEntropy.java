package io.github.hmmrnn.rnn;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;
import java.util.Arrays;

/**
 * DL4J loss over K two-way readout heads: the network output has 2K columns, head k owning
 * columns 2k and 2k+1 (the logits of choice 0 and 1). Each head is log-softmaxed separately and
 * the loss of one example is
 * <pre>
 *   L = − Σ_k Σ_c label[2k + c] · log softmax_k(output)[c]
 * </pre>
 * With label[2k + c] = w·γ_t(k)·[c = observed choice], where γ_t(k) is the smoothed HMM
 * posterior of head k, −∂L/∂logit equals w times the exact gradient of the HMM log marginal
 * likelihood with respect to the head logits (the posterior identity documented in
 * {@code docs/hmm-tinyrnn.md}). With K = 1 and unit labels this is ordinary cross-entropy.
 *
 * <p>The gradient is −(label_k − (Σ_c label_k[c]) · softmax_k) per head: exact for any
 * non-negative labels, so rows of all zeros (padding, unscored trials) contribute nothing.
 */
public final class PosteriorWeightedCrossEntropy implements ILossFunction {

    private static final long serialVersionUID = 1L;

    private final int heads;

    /**
     * @param heads number of two-way heads K, at least 1
     * @throws IllegalArgumentException if heads &lt; 1
     */
    @JsonCreator
    public PosteriorWeightedCrossEntropy(@JsonProperty("heads") int heads) {
        if (heads < 1) {
            throw new IllegalArgumentException("heads must be >= 1, got " + heads);
        }
        this.heads = heads;
    }

    /** @return the number of heads K */
    @JsonProperty("heads")
    public int getHeads() {
        return heads;
    }

    private void checkShape(INDArray labels, INDArray preOutput) {
        if (preOutput.rank() != 2 || preOutput.size(1) != 2L * heads || !labels.equalShapes(preOutput)) {
            throw new IllegalArgumentException("expected labels and outputs of shape [n, " + 2 * heads
                    + "], got " + Arrays.toString(labels.shape()) + " and "
                    + Arrays.toString(preOutput.shape()));
        }
    }

    /**
     * Per-example scores and, when {@code gradient} is non-null, dL/d(activation output).
     */
    private double[] scores(double[] y, double[] out, int rows, double[] gradient) {
        int width = 2 * heads;
        double[] score = new double[rows];
        for (int n = 0; n < rows; n++) {
            double s = 0;
            for (int k = 0; k < heads; k++) {
                int o = n * width + 2 * k;
                double a0 = out[o];
                double a1 = out[o + 1];
                double m = Math.max(a0, a1);
                double lse = m + Math.log(Math.exp(a0 - m) + Math.exp(a1 - m));
                double y0 = y[o];
                double y1 = y[o + 1];
                s -= y0 * (a0 - lse) + y1 * (a1 - lse);
                if (gradient != null) {
                    double total = y0 + y1;
                    gradient[o] = total * Math.exp(a0 - lse) - y0;
                    gradient[o + 1] = total * Math.exp(a1 - lse) - y1;
                }
            }
            score[n] = s;
        }
        return score;
    }

    private static double[] values(INDArray a) {
        return a.dup('c').data().asDouble();
    }

    private static void applyMask(double[] perExample, INDArray mask) {
        if (mask == null) {
            return;
        }
        double[] m = values(mask);
        if (m.length != perExample.length) {
            throw new IllegalArgumentException("only per-example masks [n, 1] are supported, got "
                    + Arrays.toString(mask.shape()));
        }
        for (int i = 0; i < perExample.length; i++) {
            perExample[i] *= m[i];
        }
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn,
                               INDArray mask, boolean average) {
        INDArray array = computeScoreArray(labels, preOutput, activationFn, mask);
        double total = array.sumNumber().doubleValue();
        return average ? total / array.size(0) : total;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn,
                                      INDArray mask) {
        checkShape(labels, preOutput);
        INDArray output = activationFn.getActivation(preOutput.dup(), true);
        int rows = (int) preOutput.size(0);
        double[] score = scores(values(labels), values(output), rows, null);
        applyMask(score, mask);
        return Nd4j.create(score, new long[] {rows, 1}, 'c').castTo(preOutput.dataType());
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn,
                                    INDArray mask) {
        checkShape(labels, preOutput);
        INDArray output = activationFn.getActivation(preOutput.dup(), true);
        int rows = (int) preOutput.size(0);
        double[] grad = new double[rows * 2 * heads];
        scores(values(labels), values(output), rows, grad);
        if (mask != null) {
            double[] m = values(mask);
            if (m.length != rows) {
                throw new IllegalArgumentException("only per-example masks [n, 1] are supported, got "
                        + Arrays.toString(mask.shape()));
            }
            for (int n = 0; n < rows; n++) {
                for (int j = 0; j < 2 * heads; j++) {
                    grad[n * 2 * heads + j] *= m[n];
                }
            }
        }
        INDArray dLdOut = Nd4j.create(grad, preOutput.shape(), 'c').castTo(preOutput.dataType());
        return activationFn.backprop(preOutput.dup(), dLdOut).getFirst();
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput,
                                                          IActivation activationFn, INDArray mask,
                                                          boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
    }

    @Override
    public String name() {
        return "PosteriorWeightedCrossEntropy(heads=" + heads + ")";
    }

    @Override
    public String toString() {
        return name();
    }
}
