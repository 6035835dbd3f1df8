package io.github.hmmrnn.moa.neural;

import java.util.SplittableRandom;

/** Seeded random parameter vectors for the gradient and inference tests of the gated mixtures. */
final class RandomParameters {

    private RandomParameters() {
    }

    /** @return {@code size} values uniform in [−0.8, 0.8), drawn from {@code seed} */
    static double[] uniform(int size, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] theta = new double[size];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = rng.nextDouble(-0.8, 0.8);
        }
        return theta;
    }
}
