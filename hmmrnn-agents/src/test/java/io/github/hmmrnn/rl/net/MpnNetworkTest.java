package io.github.hmmrnn.rl.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class MpnNetworkTest {

    /** n = 2, d = 2, A = 1, identity projection, hand-set parameters. */
    private static MpnNetwork tiny(PlasticityMode mode) {
        return MpnNetwork.builder().projection(InputProjection.identity(2)).hiddenSize(2).actionCount(1)
                .mode(mode).lambdaMax(0.9).build();
    }

    private static double[] tinyParams(MpnNetwork net) {
        double[] p = new double[net.parameterCount()];
        // W = [[0.5, -0.2], [0.1, 0.3]], b = [0.1, -0.1], W_RO = [1, 2], b_RO = 0.5, eta = 0.4, lambda = 0.8
        double[] v = {0.5, -0.2, 0.1, 0.3, 0.1, -0.1, 1, 2, 0.5, 0.4, 0.8};
        System.arraycopy(v, 0, p, 0, v.length);
        return p;
    }

    @Test
    void hiddenStep_multiplicative_matchesHandComputation() {
        MpnNetwork net = tiny(PlasticityMode.MULTIPLICATIVE);
        double[] p = tinyParams(net);
        double[] m = {0.2, 0.0, -0.5, 1.0};
        double[] x = {1.0, 2.0};
        double[] h = new double[2];
        net.hiddenStep(p, m, x, h);
        double h0 = Math.tanh(0.1 + 0.5 * 1.2 * 1 + -0.2 * 1.0 * 2);
        double h1 = Math.tanh(-0.1 + 0.1 * 0.5 * 1 + 0.3 * 2.0 * 2);
        assertArrayEquals(new double[] {h0, h1}, h, 1e-15);
        double[] expectM = {0.8 * 0.2 + 0.4 * h0 * 1, 0.8 * 0 + 0.4 * h0 * 2, 0.8 * -0.5 + 0.4 * h1 * 1,
            0.8 * 1.0 + 0.4 * h1 * 2};
        assertArrayEquals(expectM, m, 1e-15);
    }

    @Test
    void hiddenStep_additive_matchesHandComputation() {
        MpnNetwork net = tiny(PlasticityMode.ADDITIVE);
        double[] p = tinyParams(net);
        double[] m = {0.2, 0.0, -0.5, 1.0};
        double[] x = {1.0, 2.0};
        double[] h = new double[2];
        net.hiddenStep(p, m, x, h);
        double h0 = Math.tanh(0.1 + (0.5 + 0.2) * 1 + (-0.2 + 0.0) * 2);
        double h1 = Math.tanh(-0.1 + (0.1 - 0.5) * 1 + (0.3 + 1.0) * 2);
        assertArrayEquals(new double[] {h0, h1}, h, 1e-15);
        assertEquals(0.8 * 1.0 + 0.4 * h1 * 2, m[3], 1e-15);
    }

    @Test
    void forward_readoutAndResetState() {
        MpnNetwork net = tiny(PlasticityMode.MULTIPLICATIVE);
        double[] p = tinyParams(net);
        Trace tr = net.forward(p, net.initialState(), new double[][] {{1, 2}}, 1);
        double h0 = Math.tanh(0.1 + 0.5 - 0.4);
        double h1 = Math.tanh(-0.1 + 0.1 * 1 + 0.3 * 2);
        assertEquals(0.5 + h0 + 2 * h1, tr.q()[0][0], 1e-15);
        for (double v : net.initialState()) {
            assertEquals(0.0, v, 0.0);
        }
    }

    @Test
    void backward_finiteDifference_multiplicative() {
        gradientCheck(PlasticityMode.MULTIPLICATIVE);
    }

    @Test
    void backward_finiteDifference_additive() {
        gradientCheck(PlasticityMode.ADDITIVE);
    }

    private static void gradientCheck(PlasticityMode mode) {
        SplittableRandom rng = new SplittableRandom(3);
        MpnNetwork net = MpnNetwork.builder().projection(InputProjection.random(3, 4, rng)).hiddenSize(5)
                .actionCount(3).mode(mode).etaInit(0.7).lambdaInit(0.6).lambdaMax(0.95).build();
        double[] p = net.initialParameters(rng);
        for (int i = 0; i < net.biasIndex() + 5; i++) {
            p[i] += 0.3 * rng.nextGaussian();
        }
        int steps = 7;
        double[][] obs = new double[steps][3];
        double[][] w = new double[steps][3];
        for (int t = 0; t < steps; t++) {
            for (int k = 0; k < 3; k++) {
                obs[t][k] = rng.nextGaussian();
                w[t][k] = rng.nextGaussian();
            }
        }
        double[] g = new double[p.length];
        net.backward(p, net.forward(p, net.initialState(), obs, steps), w, g);
        double eps = 1e-6;
        for (int i = 0; i < p.length; i++) {
            double[] pp = p.clone();
            pp[i] += eps;
            double[] pm = p.clone();
            pm[i] -= eps;
            double fd = (loss(net, pp, obs, w) - loss(net, pm, obs, w)) / (2 * eps);
            double rel = Math.abs(fd - g[i]) / Math.max(1e-6, Math.abs(fd) + Math.abs(g[i]));
            assertTrue(rel < 1e-4, "param " + i + " analytic " + g[i] + " fd " + fd);
        }
        assertNotEquals(0.0, g[net.etaIndex()]);
        assertNotEquals(0.0, g[net.lambdaIndex()]);
    }

    /** Linear functional sum_t sum_k w[t][k] Q_t[k] so that dL/dQ = w. */
    private static double loss(MpnNetwork net, double[] p, double[][] obs, double[][] w) {
        double[][] q = net.forward(p, net.initialState(), obs, obs.length).q();
        double s = 0;
        for (int t = 0; t < q.length; t++) {
            for (int k = 0; k < q[t].length; k++) {
                s += w[t][k] * q[t][k];
            }
        }
        return s;
    }

    @Test
    void lambda_clampedToRange() {
        MpnNetwork net = tiny(PlasticityMode.MULTIPLICATIVE);
        double[] p = tinyParams(net);
        p[net.lambdaIndex()] = 1.7;
        net.constrain(p);
        assertEquals(0.9, p[net.lambdaIndex()], 0.0);
        p[net.lambdaIndex()] = -0.3;
        net.constrain(p);
        assertEquals(0.0, p[net.lambdaIndex()], 0.0);
        // forward uses the clamped value even for an unconstrained vector
        double[] a = tinyParams(net);
        a[net.lambdaIndex()] = 5.0;
        double[] b = tinyParams(net);
        b[net.lambdaIndex()] = 0.9;
        double[] ma = {1, 1, 1, 1};
        double[] mb = ma.clone();
        net.hiddenStep(a, ma, new double[] {1, 1}, new double[2]);
        net.hiddenStep(b, mb, new double[] {1, 1}, new double[2]);
        assertArrayEquals(mb, ma, 0.0);
    }

    @Test
    void zeroInput_noProjection_hiddenIndependentOfM() {
        MpnNetwork net = tiny(PlasticityMode.MULTIPLICATIVE);
        double[] p = tinyParams(net);
        double[] h1 = new double[2];
        double[] h2 = new double[2];
        net.hiddenStep(p, new double[4], new double[2], h1);
        net.hiddenStep(p, new double[] {3, -2, 5, 7}, new double[2], h2);
        assertArrayEquals(h1, h2, 0.0);
        assertEquals(Math.tanh(0.1), h1[0], 1e-15);
        // with a biased random projection the zero observation becomes a non-zero input, and M matters
        MpnNetwork proj = MpnNetwork.builder().projection(InputProjection.random(2, 2, new SplittableRandom(1)))
                .hiddenSize(2).actionCount(1).lambdaMax(0.9).build();
        double[] q1 = new double[1];
        double[] q2 = new double[1];
        proj.step(p, new double[4], new double[2], q1);
        proj.step(p, new double[] {3, -2, 5, 7}, new double[2], q2);
        assertNotEquals(q1[0], q2[0]);
    }

    @Test
    void builder_badLambdaMax_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MpnNetwork.builder().lambdaMax(1.5));
        assertTrue(e.getMessage().contains("lambdaMax"));
        assertThrows(IllegalArgumentException.class, () -> MpnNetwork.builder().lambdaMax(0.0));
        assertThrows(IllegalArgumentException.class, () -> MpnNetwork.builder().build());
    }

    @Test
    void frozenPlasticity_etaStaysZero() {
        MpnNetwork net = MpnNetwork.builder().projection(InputProjection.identity(2)).hiddenSize(2)
                .plastic(false).build();
        double[] p = net.initialParameters(new SplittableRandom(1));
        assertEquals(0.0, p[net.etaIndex()], 0.0);
        p[net.etaIndex()] = 0.5;
        net.constrain(p);
        assertEquals(0.0, p[net.etaIndex()], 0.0);
    }
}
