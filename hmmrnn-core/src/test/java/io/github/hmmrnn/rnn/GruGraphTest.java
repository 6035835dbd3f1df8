package io.github.hmmrnn.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

class GruGraphTest {

    private static double[] random(SplittableRandom rng, int n, double scale) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = scale * (2 * rng.nextDouble() - 1);
        }
        return v;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void backward_matchesCentralFiniteDifferencesOfAnExternalLoss() {
        SplittableRandom rng = new SplittableRandom(3);
        int batch = 2;
        int steps = 5;
        GruGraph gru = new GruGraph(3, 4, 11L);
        double[] x = random(rng, batch * 3 * steps, 1.0);
        double[] eps = random(rng, batch * 4 * steps, 1.0);
        double[] theta = random(rng, gru.numParams(), 0.8);
        gru.setParameters(theta);
        gru.forward(x, batch, steps);
        double[] g = gru.backward(eps, batch, steps);
        double h = 1e-6;
        for (int i = 0; i < theta.length; i++) {
            double[] p = theta.clone();
            p[i] += h;
            gru.setParameters(p);
            double up = dot(eps, gru.forward(x, batch, steps));
            p[i] -= 2 * h;
            gru.setParameters(p);
            double down = dot(eps, gru.forward(x, batch, steps));
            assertEquals((up - down) / (2 * h), g[i], 1e-7, "parameter " + i);
        }
    }

    @Test
    void sameGraphAsTinyRnn_initialisationAndHiddenStatesAgree() {
        // TinyRNN's graph (GRU + heads) and the bare GRU graph draw the GRU's parameters first
        // from the same seed, and the GRU's output does not depend on the heads
        long seed = 42L;
        GruGraph gru = new GruGraph(3, 5, seed);
        ComputationGraph full = new ComputationGraph(RnnNetwork.configuration(3, 5, 2, new Adam(0.01), 0, seed));
        full.init();
        double[] all = full.params().dup('c').data().asDouble();
        double[] gruParams = gru.parameters();
        double[] prefix = new double[gruParams.length];
        System.arraycopy(all, 0, prefix, 0, prefix.length);
        assertArrayEquals(prefix, gruParams, 0);
        double[] x = random(new SplittableRandom(5), 2 * 3 * 4, 1.0);
        double[] h = full.feedForward(new INDArray[] {
                Nd4j.create(x, new long[] {2, 3, 4}, 'c')}, false, false)
                .get(GruGraph.GRU).dup('c').data().asDouble();
        assertArrayEquals(h, gru.forward(x, 2, 4), 0);
    }

    @Test
    void sameSeed_sameParameters() {
        assertArrayEquals(new GruGraph(4, 3, 9L).parameters(), new GruGraph(4, 3, 9L).parameters(), 0);
    }

    @Test
    void setParameters_roundTrips() {
        GruGraph gru = new GruGraph(2, 2, 5L);
        double[] p = random(new SplittableRandom(1), gru.numParams(), 1.0);
        gru.setParameters(p);
        assertArrayEquals(p, gru.parameters(), 0);
    }

    @Test
    void badSizes() {
        assertThrows(IllegalArgumentException.class, () -> new GruGraph(0, 3, 1L));
        assertThrows(IllegalArgumentException.class, () -> new GruGraph(3, 0, 1L));
        GruGraph gru = new GruGraph(3, 2, 1L);
        assertThrows(IllegalArgumentException.class, () -> gru.setParameters(new double[1]));
        assertThrows(IllegalArgumentException.class, () -> gru.forward(new double[5], 1, 2));
        assertThrows(IllegalArgumentException.class, () -> gru.backward(new double[5], 1, 2));
    }
}
