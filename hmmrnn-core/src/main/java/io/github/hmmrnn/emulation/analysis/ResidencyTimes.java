package io.github.hmmrnn.emulation.analysis;

import java.util.SplittableRandom;

import io.github.hmmrnn.emulation.rnn.RnnEmulator;

/**
 * Residency time RT(h): from state h, the mean number of noise-driven steps until the most likely
 * output argmax(W_out h_t) differs from argmax(W_out h), over independent rollouts and censored at
 * a cap. Long RT marks slow "cluster" regions, RT below 2 the fast transition regions.
 */
public final class ResidencyTimes {

    private ResidencyTimes() {
    }

    /**
     * Computes RT for each state.
     *
     * @param emulator the network
     * @param states   start states [S][n]
     * @param rollouts noisy rollouts per state, at least 1
     * @param cap      maximum steps counted (censoring), at least 1
     * @param rng      random stream for the input noise
     * @return [S] mean residency times in [1, cap]
     * @throws IllegalArgumentException if rollouts or cap is below 1
     */
    public static double[] compute(RnnEmulator emulator, double[][] states, int rollouts, int cap,
                                   SplittableRandom rng) {
        if (rollouts < 1 || cap < 1) {
            throw new IllegalArgumentException("rollouts and cap must be >= 1, got " + rollouts + " and " + cap);
        }
        int d = emulator.weights().inputSize();
        double[] rt = new double[states.length];
        for (int s = 0; s < states.length; s++) {
            int start = EmulationArrays.argmax(emulator.logits(states[s]));
            double total = 0;
            for (int r = 0; r < rollouts; r++) {
                double[] h = states[s];
                int steps = cap;
                for (int t = 1; t <= cap; t++) {
                    double[] x = new double[d];
                    for (int j = 0; j < d; j++) {
                        x[j] = rng.nextGaussian();
                    }
                    h = emulator.step(h, x);
                    if (EmulationArrays.argmax(emulator.logits(h)) != start) {
                        steps = t;
                        break;
                    }
                }
                total += steps;
            }
            rt[s] = total / rollouts;
        }
        return rt;
    }

    /**
     * Counts states per residency group, as in the reference: transition (RT &lt; 2), kick zone
     * (2 &le; RT &le; 8) and cluster (RT &gt; 8).
     *
     * @param residencyTimes residency times
     * @return counts {transition, kickZone, cluster}
     */
    public static int[] groups(double[] residencyTimes) {
        int[] g = new int[3];
        for (double rt : residencyTimes) {
            g[rt < 2 ? 0 : rt <= 8 ? 1 : 2]++;
        }
        return g;
    }
}
