package io.github.hmmrnn.emulation.rnn;

import java.util.stream.IntStream;
import java.util.Arrays;

/**
 * Pure forward and backward pass of the bias-free ReLU RNN with a hard Gumbel-softmax readout,
 * on plain row-major arrays. No DL4J types, no randomness: the noise and the Gumbel perturbations
 * are inputs, so the same inputs always give the same outputs.
 *
 * <pre>
 *   h_t = ReLU(W_ih x_t + W_hh h_{t-1}),  z_t = W_out h_t,
 *   y_t = onehot(argmax(z_t + G_t)),      dy/dz := d softmax((z_t + G_t) / tau) / dz   (straight-through)
 * </pre>
 *
 * Weight layouts: {@code wIh[i * d + j]} ([n][d]), {@code wHh[i * n + j]} ([n][n]),
 * {@code wOut[k * n + i]} ([K][n]).
 */
public final class ReluRnnKernel {

    /** Number of fixed batch chunks; fixed so gradient sums do not depend on the thread count. */
    private static final int CHUNKS = 8;

    private ReluRnnKernel() {
    }

    /**
     * Result of a forward pass.
     *
     * @param outputs sampled symbols, [B][T]
     * @param hidden  hidden states h_1..h_T, [B][T][n]
     * @param softmax straight-through softmax((z + G) / tau), [B][T][K]
     * @param logits  readout logits z_t (without Gumbel noise), [B][T][K]
     */
    public record Forward(int[][] outputs, double[][][] hidden, double[][][] softmax, double[][][] logits) {
    }

    /**
     * Gradients of a loss with respect to the three weight matrices (same layouts as the weights).
     *
     * @param wIh  dL/dW_ih, [n * d]
     * @param wHh  dL/dW_hh, [n * n]
     * @param wOut dL/dW_out, [K * n]
     */
    public record Gradients(double[] wIh, double[] wHh, double[] wOut) {
    }

    /**
     * Runs the network.
     *
     * @param w       weights
     * @param noise   input noise x, [B][T * d] at index {@code t * d + j} (ignored in RECURRENCE_ONLY)
     * @param gumbel  Gumbel perturbations G, [B][T * K] at index {@code t * K + k}
     * @param initial initial hidden states, [B][n], or {@code null} for zeros
     * @param length  T, at least 1
     * @param mode    what drives the hidden state
     * @return outputs, hidden states, straight-through softmax and logits
     */
    public static Forward forward(EmulatorWeights w, double[][] noise, double[][] gumbel, double[][] initial,
                                  int length, GenerationMode mode) {
        int batch = gumbel.length;
        int n = w.hiddenSize();
        int d = w.inputSize();
        int k = w.numOutputs();
        double tau = w.temperature();
        double[] wIh = w.inputWeightsFlat();
        double[] wHh = w.recurrentWeightsFlat();
        double[] wOut = w.readoutWeightsFlat();
        int[][] outputs = new int[batch][length];
        double[][][] hidden = new double[batch][length][n];
        double[][][] soft = new double[batch][length][k];
        double[][][] logits = new double[batch][length][k];
        IntStream.range(0, batch).parallel().forEach(b -> {
            double[] prev = initial == null ? new double[n] : initial[b].clone();
            for (int t = 0; t < length; t++) {
                double[] h = hidden[b][t];
                for (int i = 0; i < n; i++) {
                    double s = 0;
                    if (mode.usesInput()) {
                        int off = i * d;
                        int xo = t * d;
                        for (int j = 0; j < d; j++) {
                            s += wIh[off + j] * noise[b][xo + j];
                        }
                    }
                    if (mode.usesRecurrence()) {
                        int off = i * n;
                        for (int j = 0; j < n; j++) {
                            s += wHh[off + j] * prev[j];
                        }
                    }
                    h[i] = s > 0 ? s : 0;
                }
                double[] z = logits[b][t];
                double[] p = soft[b][t];
                int best = 0;
                double bestVal = Double.NEGATIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < k; c++) {
                    double s = 0;
                    int off = c * n;
                    for (int i = 0; i < n; i++) {
                        s += wOut[off + i] * h[i];
                    }
                    z[c] = s;
                    double perturbed = s + gumbel[b][t * k + c];
                    p[c] = perturbed / tau;
                    if (perturbed > bestVal) {
                        bestVal = perturbed;
                        best = c;
                    }
                    max = Math.max(max, p[c]);
                }
                double sum = 0;
                for (int c = 0; c < k; c++) {
                    p[c] = Math.exp(p[c] - max);
                    sum += p[c];
                }
                for (int c = 0; c < k; c++) {
                    p[c] /= sum;
                }
                outputs[b][t] = best;
                prev = h;
            }
        });
        return new Forward(outputs, hidden, soft, logits);
    }

    /**
     * Back-propagates dL/dy (the gradient with respect to the one-hot outputs) through the
     * straight-through estimator and the recurrence.
     *
     * @param w        weights used in the forward pass
     * @param fwd      the forward pass
     * @param noise    the same noise as in the forward pass
     * @param initial  the same initial states as in the forward pass, or {@code null}
     * @param dOutputs dL/dy, [B][T * K] at index {@code t * K + k}
     * @param mode     the same mode as in the forward pass
     * @return weight gradients summed over the batch
     */
    public static Gradients backward(EmulatorWeights w, Forward fwd, double[][] noise, double[][] initial,
                                     double[][] dOutputs, GenerationMode mode) {
        int batch = fwd.outputs().length;
        int length = batch == 0 ? 0 : fwd.outputs()[0].length;
        int n = w.hiddenSize();
        int d = w.inputSize();
        int k = w.numOutputs();
        double tau = w.temperature();
        double[] wHh = w.recurrentWeightsFlat();
        double[] wOut = w.readoutWeightsFlat();
        double[][][] parts = new double[CHUNKS][][];
        IntStream.range(0, CHUNKS).parallel().forEach(chunk -> {
            double[] gIh = new double[n * d];
            double[] gHh = new double[n * n];
            double[] gOut = new double[k * n];
            int from = (int) ((long) batch * chunk / CHUNKS);
            int to = (int) ((long) batch * (chunk + 1) / CHUNKS);
            double[] carry = new double[n];
            double[] dpre = new double[n];
            double[] dz = new double[k];
            double[] zeros = new double[n];
            for (int b = from; b < to; b++) {
                Arrays.fill(carry, 0);
                for (int t = length - 1; t >= 0; t--) {
                    double[] p = fwd.softmax()[b][t];
                    double[] h = fwd.hidden()[b][t];
                    double dot = 0;
                    for (int c = 0; c < k; c++) {
                        dot += p[c] * dOutputs[b][t * k + c];
                    }
                    for (int c = 0; c < k; c++) {
                        dz[c] = p[c] * (dOutputs[b][t * k + c] - dot) / tau;
                        int off = c * n;
                        for (int i = 0; i < n; i++) {
                            gOut[off + i] += dz[c] * h[i];
                        }
                    }
                    for (int i = 0; i < n; i++) {
                        double g = carry[i];
                        for (int c = 0; c < k; c++) {
                            g += wOut[c * n + i] * dz[c];
                        }
                        dpre[i] = h[i] > 0 ? g : 0;
                    }
                    double[] prev = t > 0 ? fwd.hidden()[b][t - 1] : initial == null ? zeros : initial[b];
                    for (int i = 0; i < n; i++) {
                        double g = dpre[i];
                        if (g == 0) {
                            continue;
                        }
                        if (mode.usesInput()) {
                            int off = i * d;
                            int xo = t * d;
                            for (int j = 0; j < d; j++) {
                                gIh[off + j] += g * noise[b][xo + j];
                            }
                        }
                        if (mode.usesRecurrence()) {
                            int off = i * n;
                            for (int j = 0; j < n; j++) {
                                gHh[off + j] += g * prev[j];
                            }
                        }
                    }
                    Arrays.fill(carry, 0);
                    if (mode.usesRecurrence()) {
                        for (int i = 0; i < n; i++) {
                            double g = dpre[i];
                            if (g == 0) {
                                continue;
                            }
                            int off = i * n;
                            for (int j = 0; j < n; j++) {
                                carry[j] += wHh[off + j] * g;
                            }
                        }
                    }
                }
            }
            parts[chunk] = new double[][] {gIh, gHh, gOut};
        });
        double[] gIh = new double[n * d];
        double[] gHh = new double[n * n];
        double[] gOut = new double[k * n];
        for (double[][] part : parts) {
            add(gIh, part[0]);
            add(gHh, part[1]);
            add(gOut, part[2]);
        }
        return new Gradients(gIh, gHh, gOut);
    }

    private static void add(double[] acc, double[] x) {
        for (int i = 0; i < acc.length; i++) {
            acc[i] += x[i];
        }
    }
}
