package io.github.hmmrnn.rl.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.dataset.DataSet;

class MpnLayerTest {

    private static final int D = 3;
    private static final int N = 4;
    private static final int T = 6;
    private static final int A = 3;
    private static final int MB = 3;

    private static MultiLayerNetwork dl4j(PlasticityMode mode) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.DOUBLE)
                .updater(new NoOp()).list()
                .layer(new MpnLayer(D, N, T, mode, 0.95, 0.3))
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                        .nIn(N).nOut(A).build())
                .setInputType(InputType.recurrent(D, T)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** Copies an MpnNetwork parameter vector (identity projection, d = D) into the DL4J network. */
    private static void copy(MpnNetwork mpn, double[] p, MultiLayerNetwork net) {
        double[][] w = new double[N][D];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < D; j++) {
                w[i][j] = p[i * D + j];
            }
        }
        double[] b = new double[N];
        System.arraycopy(p, mpn.biasIndex(), b, 0, N);
        double[][] wro = new double[N][A];
        for (int k = 0; k < A; k++) {
            for (int i = 0; i < N; i++) {
                wro[i][k] = p[mpn.readoutIndex() + k * N + i];
            }
        }
        double[] bro = new double[A];
        System.arraycopy(p, mpn.readoutBiasIndex(), bro, 0, A);
        net.getLayer(0).paramTable(false).get(MpnLayer.WEIGHT).assign(Nd4j.create(w));
        net.getLayer(0).paramTable(false).get(MpnLayer.BIAS).assign(Nd4j.create(new double[][] {b}));
        net.getLayer(0).paramTable(false).get(MpnLayer.ETA).assign(Nd4j.create(new double[][] {{p[mpn.etaIndex()]}}));
        net.getLayer(0).paramTable(false).get(MpnLayer.LAMBDA).assign(Nd4j.create(new double[][] {{p[mpn.lambdaIndex()]}}));
        net.getLayer(1).setParam("W", Nd4j.create(wro));
        net.getLayer(1).setParam("b", Nd4j.create(new double[][] {bro}));
    }

    private static void outputMatchesKernel(PlasticityMode mode) {
        SplittableRandom rng = new SplittableRandom(11);
        MpnNetwork mpn = MpnNetwork.builder().projection(InputProjection.identity(D)).hiddenSize(N).actionCount(A)
                .mode(mode).etaInit(0.8).lambdaInit(0.7).lambdaMax(0.95).build();
        double[] p = mpn.initialParameters(rng);
        for (int i = 0; i < mpn.biasIndex() + N; i++) {
            p[i] += 0.3 * rng.nextGaussian();
        }
        MultiLayerNetwork net = dl4j(mode);
        copy(mpn, p, net);
        double[][][] x = new double[MB][D][T];
        for (double[][] a : x) {
            for (double[] r : a) {
                for (int t = 0; t < T; t++) {
                    r[t] = rng.nextGaussian();
                }
            }
        }
        INDArray out = net.output(Nd4j.create(x));
        for (int b = 0; b < MB; b++) {
            double[][] obs = new double[T][D];
            for (int t = 0; t < T; t++) {
                for (int j = 0; j < D; j++) {
                    obs[t][j] = x[b][j][t];
                }
            }
            double[][] q = mpn.forward(p, mpn.initialState(), obs, T).q();
            for (int t = 0; t < T; t++) {
                for (int k = 0; k < A; k++) {
                    assertEquals(q[t][k], out.getDouble(b, k, t), 1e-10, "b " + b + " t " + t + " k " + k);
                }
            }
        }
    }

    @Test
    void output_multiplicative_matchesJavaKernel() {
        outputMatchesKernel(PlasticityMode.MULTIPLICATIVE);
    }

    @Test
    void output_additive_matchesJavaKernel() {
        outputMatchesKernel(PlasticityMode.ADDITIVE);
    }

    /**
     * DL4J's analytic gradient of the layer parameters against central finite differences of the network
     * score. DL4J returns raw gradients MB times d(score) (score is the minibatch mean; the updater divides
     * by MB later), which the plain output layer shows exactly. The MPN SameDiffLayer's gradient is
     * exactly 2·MB times d(score), for every parameter: DL4J 1.0.0-M2.1's SameDiffLayer doubles it (also
     * seen under GradientCheckUtil, and reproduced with a one-op tanh(x w) SameDiffLayer, so it is not
     * specific to this layer). Adam is invariant to that scale; plain SGD would see twice the learning
     * rate on this layer. Training in this library uses the pure-Java MPN kernel, whose gradients are
     * checked against finite differences elsewhere. The test pins both factors so a change in DL4J shows.
     */
    @Test
    void gradients_dl4jMatchFiniteDifferencesUpToDl4jFactor() {
        DataType oldDefault = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            {
                PlasticityMode mode = PlasticityMode.MULTIPLICATIVE;
                MultiLayerNetwork net = dl4j(mode);
                net.getLayer(0).paramTable(false).get(MpnLayer.LAMBDA).assign(0.6);
                net.getLayer(0).paramTable(false).get(MpnLayer.ETA).assign(0.7);
                INDArray in = Nd4j.rand(DataType.DOUBLE, MB, D, T).subi(0.5).muli(2);
                INDArray labels = Nd4j.rand(DataType.DOUBLE, MB, A, T);
                net.setInput(in);
                net.setLabels(labels);
                net.computeGradientAndScore();
                INDArray analytic = net.gradient().gradient().dup();
                INDArray params = net.params();
                int layer0 = (int) net.getLayer(0).numParams();
                double eps = 1e-6;
                double[] fd = new double[layer0];
                double[] an = new double[layer0];
                double dot = 0;
                double norm = 0;
                double max = 0;
                for (int i = 0; i < layer0; i++) {
                    if (i >= 4 && i < layer0 - N - 2) {
                        continue; // a subset of W keeps the test fast; eta, lambda and b are all checked
                    }
                    double v = params.getDouble(i);
                    params.putScalar(i, v + eps);
                    double plus = net.score(new DataSet(in, labels));
                    params.putScalar(i, v - eps);
                    double minus = net.score(new DataSet(in, labels));
                    params.putScalar(i, v);
                    fd[i] = (plus - minus) / (2 * eps);
                    an[i] = analytic.getDouble(i);
                    dot += an[i] * fd[i];
                    norm += fd[i] * fd[i];
                    max = Math.max(max, Math.abs(an[i]));
                }
                double ratio = dot / norm;
                // the plain output layer shows DL4J's convention: raw gradient = MB × d(score)
                for (int i = layer0; i < layer0 + 3; i++) {
                    double v = params.getDouble(i);
                    params.putScalar(i, v + eps);
                    double plus = net.score(new DataSet(in, labels));
                    params.putScalar(i, v - eps);
                    double minus = net.score(new DataSet(in, labels));
                    params.putScalar(i, v);
                    assertEquals(MB, analytic.getDouble(i) / ((plus - minus) / (2 * eps)), 1e-6, "output param " + i);
                }
                // the SameDiff layer carries one more factor of 2 (see the method comment)
                assertEquals(2.0 * MB, ratio, 1e-6, "MPN layer gradient / finite differences");
                assertTrue(ratio > 0.5, "gradient must point the right way, ratio " + ratio);
                for (int i = 0; i < layer0; i++) {
                    assertEquals(ratio * fd[i], an[i], 1e-5 * max, mode + " param " + i + " (ratio " + ratio + ")");
                }
            }
        } finally {
            Nd4j.setDefaultDataTypes(oldDefault, oldDefault);
        }
    }

    @Test
    void constructor_badLambdaMax_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MpnLayer(D, N, T, PlasticityMode.MULTIPLICATIVE, 1.2, 0.1));
        assertTrue(e.getMessage().contains("lambdaMax"));
    }
}
