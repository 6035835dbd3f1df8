package io.github.hmmrnn.hmm;

import java.util.SplittableRandom;

/**
 * Sampling of hidden state paths: from the prior (forward simulation of the Markov chain) and
 * from the exact posterior p(z_1..T | y_1..T) by forward filtering, backward sampling.
 *
 * <p>Randomness comes only from the {@link SplittableRandom} passed in, so equal seeds give
 * identical paths.
 */
public final class StateSampler {

    private StateSampler() {
    }

    /**
     * Simulates the Markov chain: z_1 ~ π, z_t+1 ~ A[z_t].
     *
     * @param parameters π and A
     * @param length     number of steps T, at least 1
     * @param rng        randomness source
     * @return [T] the state sequence
     * @throws IllegalArgumentException if {@code length < 1}
     */
    public static int[] sampleForward(HmmParameters parameters, int length, SplittableRandom rng) {
        if (length < 1) {
            throw new IllegalArgumentException("length must be >= 1, got " + length);
        }
        int[] z = new int[length];
        z[0] = sampleIndex(parameters.initialArray(), rng);
        double[][] a = parameters.transitionArray();
        for (int t = 1; t < length; t++) {
            z[t] = sampleIndex(a[z[t - 1]], rng);
        }
        return z;
    }

    /**
     * Draws one path from the exact posterior p(z_1..T | y_1..T): z_T from the last filtered
     * distribution, then z_t ∝ p(z_t | y_≤t) A[z_t][z_t+1] backwards.
     *
     * @param parameters π and A
     * @param logLik     [T][K] emission log-likelihoods (validated)
     * @param rng        randomness source
     * @return [T] a posterior sample
     * @throws IllegalArgumentException if {@code logLik} is malformed or has probability zero
     */
    public static int[] samplePosterior(HmmParameters parameters, double[][] logLik, SplittableRandom rng) {
        HmmValidation.requireLogLikelihoods(logLik, parameters.numStates(), "logLik");
        HmmPosterior p = ForwardBackward.filter(parameters.initialArray(), parameters.transitionArray(), logLik);
        double[][] a = parameters.transitionArray();
        int n = logLik.length;
        int k = parameters.numStates();
        int[] z = new int[n];
        z[n - 1] = sampleIndex(p.filtered()[n - 1], rng);
        double[] w = new double[k];
        for (int t = n - 2; t >= 0; t--) {
            double[] f = p.filtered()[t];
            int nextState = z[t + 1];
            double sum = 0;
            for (int i = 0; i < k; i++) {
                w[i] = f[i] * a[i][nextState];
                sum += w[i];
            }
            for (int i = 0; i < k; i++) {
                w[i] /= sum;
            }
            z[t] = sampleIndex(w, rng);
        }
        return z;
    }

    /**
     * Draws an index from a probability vector by inversion; indices with zero probability are
     * never returned.
     *
     * @param p   probability vector (assumed valid)
     * @param rng randomness source
     * @return the sampled index
     */
    public static int sampleIndex(double[] p, SplittableRandom rng) {
        double u = rng.nextDouble();
        double c = 0;
        int last = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] > 0) {
                c += p[i];
                last = i;
                if (u < c) {
                    return i;
                }
            }
        }
        return last;
    }
}
