package io.github.hmmrnn.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link FusedRnnPass} against the DL4J graph it stands for: its logits equal the graph's own
 * output, its gradient equals DL4J's backpropagation through the graph and central finite
 * differences of the posterior-weighted cross-entropy, and {@link RnnNetwork#applyGradient} with
 * DL4J's gradient steps the parameters exactly as DL4J's own training step. Batch sizes that are
 * not a multiple of the padding exercise the padded rows.
 */
class FusedRnnPassTest {

    private static final int NIN = 3;
    private static final int HIDDEN = 4;
    private static final int HEADS = 2;

    private static double[] random(SplittableRandom rng, int n, double lo, double hi) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextDouble(lo, hi);
        }
        return v;
    }

    /** Inputs like the encoder's (mostly zero, some ones) with a few non-binary values. */
    private static INDArray input(SplittableRandom rng, int batch, int steps) {
        double[] x = new double[batch * NIN * steps];
        for (int i = 0; i < x.length; i++) {
            double u = rng.nextDouble();
            x[i] = u < 0.5 ? 0.0 : u < 0.9 ? 1.0 : rng.nextDouble(-2, 2);
        }
        return Nd4j.create(x, new long[] {batch, NIN, steps}, 'c');
    }

    /** Labels of the trainer's form: per head, a weight on one choice, zero on some steps. */
    private static double[] labels(SplittableRandom rng, int batch, int steps) {
        double[] y = new double[batch * 2 * HEADS * steps];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < steps; t++) {
                if (rng.nextDouble() < 0.2) {
                    continue;
                }
                int c = rng.nextInt(2);
                for (int k = 0; k < HEADS; k++) {
                    y[(b * 2 * HEADS + 2 * k + c) * steps + t] = rng.nextDouble(0, 1.5);
                }
            }
        }
        return y;
    }

    private static RnnNetwork network(SplittableRandom rng) {
        RnnNetwork net = new RnnNetwork(NIN, HIDDEN, HEADS, 0.01, 0.5, 7);
        net.setParameters(random(rng, net.parameters().length, -1.2, 1.2));
        return net;
    }

    @Test
    void logits_equalGraphOutput() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int batch : new int[] {1, 5, 8, 13}) {
            RnnNetwork net = network(rng);
            INDArray x = input(rng, batch, 9);
            double[] graph = net.graph().outputSingle(false, x).dup('c').data().asDouble();
            double[] fused = net.logits(x);
            assertEquals(graph.length, fused.length);
            for (int i = 0; i < graph.length; i++) {
                assertEquals(graph[i], fused[i], 1e-13 * Math.max(1, Math.abs(graph[i])), "B=" + batch + " i=" + i);
            }
        }
    }

    @Test
    void gradient_equalsDl4jBackpropagationAndFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(12);
        for (int batch : new int[] {3, 9}) {
            RnnNetwork net = network(rng);
            int steps = 6;
            INDArray x = input(rng, batch, steps);
            double[] y = labels(rng, batch, steps);
            double[] dl4j = net.gradient(x, y);
            double[] fused = net.fusedGradient(x, y);
            for (int i = 0; i < dl4j.length; i++) {
                assertEquals(dl4j[i], fused[i], 1e-12 * Math.max(1, Math.abs(dl4j[i])), "B=" + batch + " param " + i);
            }
            double[] theta = net.parameters();
            double h = 1e-6;
            for (int i = 0; i < theta.length; i++) {
                double[] up = theta.clone();
                up[i] += h;
                net.setParameters(up);
                double lossUp = loss(net.logits(x), y, batch, steps);
                double[] down = theta.clone();
                down[i] -= h;
                net.setParameters(down);
                double lossDown = loss(net.logits(x), y, batch, steps);
                double fd = (lossUp - lossDown) / (2 * h) / batch;
                assertEquals(fd, fused[i], 1e-7 + 1e-6 * Math.abs(fd), "B=" + batch + " param " + i);
            }
        }
    }

    /** Σ −label · log softmax over every row, step and head, from [B][2K][T] logits. */
    private static double loss(double[] logits, double[] y, int batch, int steps) {
        double s = 0;
        for (int b = 0; b < batch; b++) {
            for (int k = 0; k < HEADS; k++) {
                for (int t = 0; t < steps; t++) {
                    int at = (b * 2 * HEADS + 2 * k) * steps + t;
                    double a0 = logits[at];
                    double a1 = logits[at + steps];
                    double m = Math.max(a0, a1);
                    double lse = m + Math.log(Math.exp(a0 - m) + Math.exp(a1 - m));
                    s -= y[at] * (a0 - lse) + y[at + steps] * (a1 - lse);
                }
            }
        }
        return s;
    }

    @Test
    void applyGradient_withDl4jGradient_bitIdenticalToDl4jStep() {
        SplittableRandom rng = new SplittableRandom(13);
        RnnNetwork ours = network(rng);
        RnnNetwork ref = new RnnNetwork(NIN, HIDDEN, HEADS, 0.01, 0.5, 7);
        ref.setParameters(ours.parameters());
        // gradient clipping active on some steps: a small threshold
        RnnNetwork oursClipped = new RnnNetwork(NIN, HIDDEN, HEADS, 0.01, 0.5, 0.05, 7);
        RnnNetwork refClipped = new RnnNetwork(NIN, HIDDEN, HEADS, 0.01, 0.5, 0.05, 7);
        oursClipped.setParameters(ours.parameters());
        refClipped.setParameters(ours.parameters());
        int batch = 5;
        int steps = 7;
        INDArray x = input(rng, batch, steps);
        LayerWorkspaceMgr ws = LayerWorkspaceMgr.noWorkspaces();
        for (int step = 0; step < 4; step++) {
            double[] y = labels(rng, batch, steps);
            for (RnnNetwork[] pair : new RnnNetwork[][] {{ours, ref}, {oursClipped, refClipped}}) {
                double[] g = pair[0].gradient(x, y);
                for (int i = 0; i < g.length; i++) {
                    g[i] *= batch;
                }
                pair[0].applyGradient(g, batch);
                dl4jStep(pair[1].graph(), x, y, ws);
                assertArrayEquals(pair[1].parameters(), pair[0].parameters(), 0.0, "step " + step);
            }
        }
    }

    /** DL4J's own training step, as {@code ComputationGraph.fit} runs it. */
    private static void dl4jStep(ComputationGraph graph, INDArray x, double[] y, LayerWorkspaceMgr ws) {
        graph.setInputs(x);
        graph.setLabels(Nd4j.create(y, new long[] {x.size(0), 2L * HEADS, x.size(2)}, 'c'));
        graph.computeGradientAndScore(ws);
        var gradient = graph.gradient();
        var conf = graph.getConfiguration();
        int iteration = conf.getIterationCount();
        graph.getUpdater().update(gradient, iteration, conf.getEpochCount(), (int) x.size(0), ws);
        graph.params().subi(gradient.gradient());
        conf.setIterationCount(iteration + 1);
        graph.clearLayersStates();
    }

    @Test
    void gruMath_vectorAndScalarLoopsAgreeBitForBit() {
        SplittableRandom rng = new SplittableRandom(14);
        double[] v = random(rng, 4000, -40, 40);
        double[] special = {0.0, -0.0, 1e-300, -1e-300, 700, -700, 708, -708, 709, -709, 800, -800, 1e300, -1e300,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 354, -354, 355, -355};
        System.arraycopy(special, 0, v, 0, special.length);
        double[] s = v.clone();
        double[] t = v.clone();
        GruMath.sigmoid(s, 0, v.length);
        GruMath.tanh(t, 0, v.length);
        for (int i = 0; i < v.length; i++) {
            double sig = 1.0 / (1.0 + GruMath.exp(-v[i]));
            double th = 2.0 / (1.0 + GruMath.exp(-2.0 * v[i])) - 1.0;
            assertEquals(Double.doubleToRawLongBits(sig), Double.doubleToRawLongBits(s[i]), "sigmoid " + v[i]);
            assertEquals(Double.doubleToRawLongBits(th), Double.doubleToRawLongBits(t[i]), "tanh " + v[i]);
            double refSig = 1.0 / (1.0 + Math.exp(-v[i]));
            assertEquals(refSig, s[i], 1e-15 * Math.abs(refSig) + 1e-300, "sigmoid accuracy " + v[i]);
            assertEquals(Math.tanh(v[i]), t[i], 1e-15, "tanh accuracy " + v[i]);
        }
        double[] nan = {Double.NaN, 0, 0, 0, 0, 0, 0, 0};
        GruMath.sigmoid(nan, 0, nan.length);
        assertTrue(Double.isNaN(nan[0]));
    }
}
