package io.github.hmmrnn.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import java.util.Arrays;

class FusedGruLayerTest {

    private static double[] random(SplittableRandom rng, int n, double scale) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = scale * (2 * rng.nextDouble() - 1);
        }
        return v;
    }

    /** Loss = Σ eps ⊙ h for fixed random eps; returns the loss. */
    private static double loss(GruKernel k, double[] x, int batch, int steps, double[] w, double[] u, double[] b,
                               double[] c, double[] eps, int hidden) {
        double[] out = new double[batch * hidden * steps];
        k.forward(x, batch, steps, w, u, b, c, out, null, 0, batch);
        double s = 0;
        for (int i = 0; i < out.length; i++) {
            s += eps[i] * out[i];
        }
        return s;
    }

    @Test
    void backward_matchesCentralFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(7);
        int nIn = 3;
        int hidden = 4;
        int batch = 3;
        int steps = 6;
        GruKernel k = new GruKernel(nIn, hidden);
        double[] x = random(rng, batch * nIn * steps, 1.0);
        double[] w = random(rng, nIn * 3 * hidden, 0.8);
        double[] u = random(rng, hidden * 3 * hidden, 0.8);
        double[] b = random(rng, 3 * hidden, 0.5);
        double[] c = random(rng, hidden, 0.5);
        double[] eps = random(rng, batch * hidden * steps, 1.0);
        double[] out = new double[batch * hidden * steps];
        GruKernel.Cache cache = new GruKernel.Cache(batch, steps, hidden);
        k.forward(x, batch, steps, w, u, b, c, out, cache, 0, batch);
        GruKernel.Grad g = k.newGrad();
        double[] dx = new double[x.length];
        k.backward(x, out, cache, w, u, eps, dx, g, 0, batch);
        double h = 1e-6;
        double[][] params = {w, u, b, c, x};
        double[][] grads = {g.w, g.u, g.b, g.c, dx};
        for (int p = 0; p < params.length; p++) {
            for (int i = 0; i < params[p].length; i++) {
                double old = params[p][i];
                params[p][i] = old + h;
                double up = loss(k, x, batch, steps, w, u, b, c, eps, hidden);
                params[p][i] = old - h;
                double down = loss(k, x, batch, steps, w, u, b, c, eps, hidden);
                params[p][i] = old;
                double fd = (up - down) / (2 * h);
                assertEquals(fd, grads[p][i], 1e-7 + 1e-6 * Math.abs(fd), "block " + p + " index " + i);
            }
        }
    }

    @Test
    void forward_rowsAreIndependentSequencesStartingFromZero() {
        SplittableRandom rng = new SplittableRandom(3);
        int nIn = 2;
        int hidden = 3;
        int steps = 5;
        GruKernel k = new GruKernel(nIn, hidden);
        double[] w = random(rng, nIn * 3 * hidden, 1);
        double[] u = random(rng, hidden * 3 * hidden, 1);
        double[] b = random(rng, 3 * hidden, 1);
        double[] c = random(rng, hidden, 1);
        double[] x = random(rng, 2 * nIn * steps, 1);
        double[] both = new double[2 * hidden * steps];
        k.forward(x, 2, steps, w, u, b, c, both, null, 0, 2);
        double[] second = new double[hidden * steps];
        k.forward(Arrays.copyOfRange(x, nIn * steps, 2 * nIn * steps), 1, steps, w, u, b, c, second,
                null, 0, 1);
        assertArrayEquals(second, Arrays.copyOfRange(both, hidden * steps, 2 * hidden * steps), 0.0);
    }

    @Test
    void graph_passesDl4jGradientCheck() {
        int heads = 2;
        int nIn = 3;
        int hidden = 3;
        int batch = 2;
        int steps = 5;
        ComputationGraph graph = new ComputationGraph(
                RnnNetwork.configuration(nIn, hidden, heads, new NoOp(), 0, 42));
        graph.init();
        SplittableRandom rng = new SplittableRandom(11);
        INDArray x = Nd4j.create(random(rng, batch * nIn * steps, 1), new long[] {batch, nIn, steps}, 'c');
        double[] y = new double[batch * 2 * heads * steps];
        for (int i = 0; i < y.length; i++) {
            y[i] = rng.nextDouble();
        }
        INDArray labels = Nd4j.create(y, new long[] {batch, 2 * heads, steps}, 'c');
        // GradientCheckUtil insists on the global default type; restore it afterwards
        DataType oldData = Nd4j.dataType();
        DataType oldFloat = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(graph)
                    .inputs(new INDArray[] {x}).labels(new INDArray[] {labels})
                    .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9));
            assertTrue(ok, "DL4J gradient check failed");
        } finally {
            Nd4j.setDefaultDataTypes(oldData, oldFloat);
        }
    }
}
