package io.github.hmmrnn.emulation;

import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/** Point clouds and finite differences shared by the tests of the distribution losses. */
final class PointClouds {

    private PointClouds() {
    }

    /** @return n points in d dimensions, each coordinate standard normal plus {@code shift} */
    static double[][] cloud(int n, int d, double shift, SplittableRandom rng) {
        double[][] x = new double[n][d];
        for (double[] p : x) {
            for (int k = 0; k < d; k++) {
                p[k] = rng.nextGaussian() + shift;
            }
        }
        return x;
    }

    /**
     * Central differences of {@code loss} in every coordinate of {@code x}; {@code x} is restored
     * after each one.
     *
     * @return [i][k]: (loss(x + h e_ik) − loss(x − h e_ik)) / 2h
     */
    static double[][] centralDifferences(double[][] x, double h, ToDoubleFunction<double[][]> loss) {
        double[][] fd = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            fd[i] = new double[x[i].length];
            for (int k = 0; k < x[i].length; k++) {
                double keep = x[i][k];
                x[i][k] = keep + h;
                double up = loss.applyAsDouble(x);
                x[i][k] = keep - h;
                double down = loss.applyAsDouble(x);
                x[i][k] = keep;
                fd[i][k] = (up - down) / (2 * h);
            }
        }
        return fd;
    }
}
