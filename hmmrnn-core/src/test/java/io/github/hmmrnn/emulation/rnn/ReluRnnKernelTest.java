package io.github.hmmrnn.emulation.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class ReluRnnKernelTest {

    @Test
    void forward_hardGumbel_categoricalFrequencies() {
        // n = 1, W_hh = 1, h_0 = 1, no input: h_t = 1 forever, so the logits are W_out.
        double[] logits = {0.3, -1.0, 1.1};
        EmulatorWeights w = new EmulatorWeights(1, 1, 3, 1.0, new double[] {0}, new double[] {1}, logits);
        int seqs = 10_000;
        int len = 100;
        double[][] initial = new double[seqs][];
        for (int i = 0; i < seqs; i++) {
            initial[i] = new double[] {1};
        }
        RnnEmulator.Rollout r = RnnEmulator.of(w).generate(seqs, len, GenerationMode.RECURRENCE_ONLY, initial, 1.0,
                new SplittableRandom(1));
        double[] freq = new double[3];
        for (int[] s : r.outputs()) {
            for (int y : s) {
                freq[y] += 1.0 / (seqs * len);
            }
        }
        double z = Math.exp(0.3) + Math.exp(-1.0) + Math.exp(1.1);
        assertArrayEquals(new double[] {Math.exp(0.3) / z, Math.exp(-1.0) / z, Math.exp(1.1) / z}, freq, 0.005);
    }

    @Test
    void backward_straightThrough_matchesFiniteDifferencesOfSoftSurrogate() {
        SplittableRandom rng = new SplittableRandom(3);
        int n = 5;
        int d = 3;
        int k = 3;
        int len = 6;
        int batch = 4;
        EmulatorWeights w = EmulatorWeights.random(n, d, k, 0.7, rng);
        // Scale up the recurrence so that gradients flow through several steps.
        double[] wHh = w.recurrentWeightsFlat().clone();
        for (int i = 0; i < wHh.length; i++) {
            wHh[i] *= 2;
        }
        w = new EmulatorWeights(n, d, k, 0.7, w.inputWeightsFlat(), wHh, w.readoutWeightsFlat());
        double[][] noise = RnnEmulator.gaussianNoise(batch, len * d, 1, rng);
        double[][] gumbel = RnnEmulator.gumbelNoise(batch, len * k, rng);
        double[][] c = RnnEmulator.gaussianNoise(batch, len * k, 1, rng);
        ReluRnnKernel.Forward f = ReluRnnKernel.forward(w, noise, gumbel, null, len, GenerationMode.FULL);
        ReluRnnKernel.Gradients g = ReluRnnKernel.backward(w, f, noise, null, c, GenerationMode.FULL);
        double[] all = w.concatenated();
        double[] analytic = new double[all.length];
        System.arraycopy(g.wIh(), 0, analytic, 0, g.wIh().length);
        System.arraycopy(g.wHh(), 0, analytic, g.wIh().length, g.wHh().length);
        System.arraycopy(g.wOut(), 0, analytic, g.wIh().length + g.wHh().length, g.wOut().length);
        double h = 1e-6;
        double maxErr = 0;
        double maxG = 0;
        for (int p = 0; p < all.length; p++) {
            double keep = all[p];
            all[p] = keep + h;
            double up = surrogate(EmulatorWeights.fromConcatenated(n, d, k, 0.7, all), noise, gumbel, c, len);
            all[p] = keep - h;
            double down = surrogate(EmulatorWeights.fromConcatenated(n, d, k, 0.7, all), noise, gumbel, c, len);
            all[p] = keep;
            maxErr = Math.max(maxErr, Math.abs((up - down) / (2 * h) - analytic[p]));
            maxG = Math.max(maxG, Math.abs(analytic[p]));
        }
        assertTrue(maxG > 1e-3);
        assertTrue(maxErr / maxG < 1e-6, "relative error " + maxErr / maxG);
    }

    /** sum c * softmax((z + G) / tau): the function whose gradient straight-through back-propagates. */
    private static double surrogate(EmulatorWeights w, double[][] noise, double[][] gumbel, double[][] c, int len) {
        ReluRnnKernel.Forward f = ReluRnnKernel.forward(w, noise, gumbel, null, len, GenerationMode.FULL);
        double s = 0;
        for (int b = 0; b < c.length; b++) {
            for (int t = 0; t < len; t++) {
                for (int j = 0; j < w.numOutputs(); j++) {
                    s += c[b][t * w.numOutputs() + j] * f.softmax()[b][t][j];
                }
            }
        }
        return s;
    }

    @Test
    void forward_modes_behaveAsDefined() {
        SplittableRandom rng = new SplittableRandom(5);
        EmulatorWeights w = EmulatorWeights.random(4, 2, 3, 1, rng);
        RnnEmulator e = RnnEmulator.of(w);
        RnnEmulator.Rollout none = e.generate(3, 5, GenerationMode.RECURRENCE_ONLY, rng.split());
        for (double[][] seq : none.hidden()) {
            for (double[] h : seq) {
                assertArrayEquals(new double[4], h, 0.0);
            }
        }
        RnnEmulator.Rollout full = e.generate(2, 4, GenerationMode.FULL, new SplittableRandom(8));
        RnnEmulator.Rollout full2 = e.generate(2, 4, GenerationMode.FULL, new SplittableRandom(8));
        assertArrayEquals(full.outputs(), full2.outputs());
        assertEquals(4, full.hidden()[0].length);
    }
}
