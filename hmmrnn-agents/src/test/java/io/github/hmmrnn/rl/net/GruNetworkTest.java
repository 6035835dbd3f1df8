package io.github.hmmrnn.rl.net;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class GruNetworkTest {

    @Test
    void backward_finiteDifference() {
        SplittableRandom rng = new SplittableRandom(5);
        GruNetwork net = new GruNetwork(InputProjection.random(3, 4, rng), 5, 3);
        double[] p = net.initialParameters(rng);
        for (int i = 0; i < p.length; i++) {
            p[i] += 0.2 * rng.nextGaussian();
        }
        int steps = 6;
        double[][] obs = new double[steps][3];
        double[][] w = new double[steps][3];
        for (int t = 0; t < steps; t++) {
            for (int k = 0; k < 3; k++) {
                obs[t][k] = rng.nextGaussian();
                w[t][k] = rng.nextGaussian();
            }
        }
        double[] h0 = new double[5];
        for (int i = 0; i < 5; i++) {
            h0[i] = 0.5 * rng.nextGaussian();
        }
        double[] g = new double[p.length];
        net.backward(p, net.forward(p, h0, obs, steps), w, g);
        double eps = 1e-6;
        for (int i = 0; i < p.length; i++) {
            double[] pp = p.clone();
            pp[i] += eps;
            double[] pm = p.clone();
            pm[i] -= eps;
            double fd = (loss(net, pp, h0, obs, w) - loss(net, pm, h0, obs, w)) / (2 * eps);
            double rel = Math.abs(fd - g[i]) / Math.max(1e-6, Math.abs(fd) + Math.abs(g[i]));
            assertTrue(rel < 1e-4, "param " + i + " analytic " + g[i] + " fd " + fd);
        }
    }

    private static double loss(GruNetwork net, double[] p, double[] h0, double[][] obs, double[][] w) {
        double[][] q = net.forward(p, h0, obs, obs.length).q();
        double s = 0;
        for (int t = 0; t < q.length; t++) {
            for (int k = 0; k < q[t].length; k++) {
                s += w[t][k] * q[t][k];
            }
        }
        return s;
    }
}
