package io.github.hmmrnn.emulation.analysis;

import java.util.SplittableRandom;

import io.github.hmmrnn.emulation.rnn.RnnEmulator;

/**
 * How much fresh input noise spreads short trajectories: from each start state, rollouts of a few
 * steps are driven by (1 - gamma) * nominal + gamma * fresh noise (the nominal sequence shared by
 * all rollouts of that start); the trace of the covariance of the end states, averaged over starts,
 * is reported per gamma. A trace that grows quickly with gamma marks states where the noise
 * decides the future (transition regions).
 */
public final class NoiseSensitivity {

    private NoiseSensitivity() {
    }

    /**
     * Computes the covariance trace per mixing weight.
     *
     * @param emulator the network
     * @param states   start states [S][n]
     * @param gammas   mixing weights in [0, 1]
     * @param rollouts rollouts per start, at least 2
     * @param steps    steps per rollout, at least 1
     * @param rng      random stream
     * @return [gammas.length] mean covariance traces
     * @throws IllegalArgumentException on a gamma outside [0, 1] or too few rollouts/steps
     */
    public static double[] covarianceTrace(RnnEmulator emulator, double[][] states, double[] gammas, int rollouts,
                                           int steps, SplittableRandom rng) {
        if (rollouts < 2 || steps < 1) {
            throw new IllegalArgumentException("rollouts must be >= 2 and steps >= 1, got " + rollouts + ", " + steps);
        }
        int d = emulator.weights().inputSize();
        int n = emulator.weights().hiddenSize();
        double[] out = new double[gammas.length];
        for (int g = 0; g < gammas.length; g++) {
            double gamma = gammas[g];
            if (!(gamma >= 0 && gamma <= 1)) {
                throw new IllegalArgumentException("gamma must be in [0, 1], got " + gamma);
            }
            double sum = 0;
            for (double[] start : states) {
                double[][] nominal = new double[steps][d];
                for (double[] x : nominal) {
                    for (int j = 0; j < d; j++) {
                        x[j] = rng.nextGaussian();
                    }
                }
                double[][] ends = new double[rollouts][];
                for (int r = 0; r < rollouts; r++) {
                    double[] h = start;
                    for (int t = 0; t < steps; t++) {
                        double[] x = new double[d];
                        for (int j = 0; j < d; j++) {
                            x[j] = (1 - gamma) * nominal[t][j] + gamma * rng.nextGaussian();
                        }
                        h = emulator.step(h, x);
                    }
                    ends[r] = h;
                }
                double trace = 0;
                for (int i = 0; i < n; i++) {
                    double m = 0;
                    for (double[] e : ends) {
                        m += e[i] / rollouts;
                    }
                    for (double[] e : ends) {
                        trace += (e[i] - m) * (e[i] - m) / (rollouts - 1);
                    }
                }
                sum += trace;
            }
            out[g] = sum / states.length;
        }
        return out;
    }
}
