package io.github.hmmrnn.emulation.analysis;

import io.github.hmmrnn.numeric.DoubleArrays;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import java.util.Arrays;
import org.apache.commons.math3.exception.MathIllegalStateException;

/**
 * Finds fixed points of the map F(h) = ReLU(W h + b) by minimising q(h) = |F(h) - h|^2 / 2 from
 * many starting states with damped Gauss-Newton (Levenberg-Marquardt) steps, then merges
 * duplicates and classifies each point by the eigenvalues of the Jacobian diag(W h + b > 0) W.
 * This replaces the reference's "mean endpoint of long noise-free rollouts", which cannot tell a
 * fixed point from a slow region and finds at most one point.
 */
public final class FixedPointFinder {

    private final double[][] w;
    private final double[] b;
    private final int maxIterations;
    private final double tolerance;

    /**
     * Creates a finder.
     *
     * @param recurrent     W [n][n]
     * @param bias          b [n] (W_ih u for a constant input u; zeros for the input-free dynamics)
     * @param maxIterations iterations per start, at least 1
     * @param tolerance     residual q below which a point counts as fixed, positive
     * @throws IllegalArgumentException on shape mismatches or bad settings
     */
    public FixedPointFinder(double[][] recurrent, double[] bias, int maxIterations, double tolerance) {
        int n = recurrent.length;
        for (double[] row : recurrent) {
            if (row.length != n) {
                throw new IllegalArgumentException("recurrent must be square, got a row of " + row.length + " for n = " + n);
            }
        }
        if (bias.length != n) {
            throw new IllegalArgumentException("bias has length " + bias.length + ", expected " + n);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
        }
        if (!(tolerance > 0)) {
            throw new IllegalArgumentException("tolerance must be positive, got " + tolerance);
        }
        this.w = DoubleArrays.copy(recurrent);
        this.b = bias.clone();
        this.maxIterations = maxIterations;
        this.tolerance = tolerance;
    }

    /**
     * Runs the search from every start and returns the distinct fixed points found.
     *
     * @param starts         initial states [S][n]
     * @param mergeDistance  points closer than this (Euclidean) are merged
     * @return distinct fixed points, sorted by decreasing norm
     */
    public List<FixedPoint> find(double[][] starts, double mergeDistance) {
        List<FixedPoint> found = new ArrayList<>();
        for (double[] s : starts) {
            double[] h = minimise(s);
            double q = residual(h);
            if (q > tolerance) {
                continue;
            }
            boolean duplicate = false;
            for (FixedPoint f : found) {
                if (distance(f.state(), h) < mergeDistance) {
                    duplicate = true;
                    break;
                }
            }
            if (!duplicate) {
                found.add(classify(h));
            }
        }
        found.sort((x, y) -> Double.compare(norm(y.state()), norm(x.state())));
        return found;
    }

    /**
     * Minimises q from one start.
     *
     * @param start initial state [n]
     * @return the final state
     */
    public double[] minimise(double[] start) {
        int n = b.length;
        double[] h = start.clone();
        double q = residual(h);
        double lambda = 1e-3;
        for (int it = 0; it < maxIterations && q > tolerance * 1e-3; it++) {
            double[] pre = preActivation(h);
            double[] r = new double[n];
            double[][] a = new double[n][n];
            for (int i = 0; i < n; i++) {
                boolean on = pre[i] > 0;
                r[i] = (on ? pre[i] : 0) - h[i];
                for (int j = 0; j < n; j++) {
                    a[i][j] = (on ? w[i][j] : 0) - (i == j ? 1 : 0);
                }
            }
            RealMatrix am = MatrixUtils.createRealMatrix(a);
            RealMatrix ata = am.transpose().multiply(am);
            double[] atr = am.transpose().operate(r);
            boolean improved = false;
            for (int tries = 0; tries < 30 && !improved; tries++) {
                RealMatrix damped = ata.copy();
                for (int i = 0; i < n; i++) {
                    damped.addToEntry(i, i, lambda * (1 + ata.getEntry(i, i)));
                }
                double[] step = new LUDecomposition(damped).getSolver().solve(MatrixUtils.createRealVector(atr))
                        .toArray();
                double[] cand = new double[n];
                for (int i = 0; i < n; i++) {
                    cand[i] = h[i] - step[i];
                }
                double qc = residual(cand);
                if (qc < q) {
                    h = cand;
                    q = qc;
                    lambda = Math.max(lambda / 10, 1e-12);
                    improved = true;
                } else {
                    lambda *= 10;
                }
            }
            if (!improved) {
                break;
            }
        }
        return h;
    }

    /**
     * Returns q(h) = |F(h) - h|^2 / 2.
     *
     * @param h state [n]
     * @return the residual
     */
    public double residual(double[] h) {
        double[] pre = preActivation(h);
        double q = 0;
        for (int i = 0; i < h.length; i++) {
            double d = Math.max(pre[i], 0) - h[i];
            q += d * d;
        }
        return 0.5 * q;
    }

    /**
     * Linearises F at h and returns the classified point.
     *
     * @param h state [n]
     * @return the point with eigenvalues and stability
     */
    public FixedPoint classify(double[] h) {
        int n = b.length;
        double[] pre = preActivation(h);
        double[][] j = new double[n][n];
        for (int i = 0; i < n; i++) {
            if (pre[i] > 0) {
                j[i] = w[i].clone();
            }
        }
        double[] re;
        double[] im;
        try {
            EigenDecomposition eig = new EigenDecomposition(MatrixUtils.createRealMatrix(j));
            re = eig.getRealEigenvalues();
            im = eig.getImagEigenvalues();
        } catch (MathIllegalStateException e) {
            // Commons Math's real Schur iteration can fail on defective matrices; the spectral radius
            // from power iteration still decides stability, but no spectrum is reported then.
            double r = powerRadius(j);
            return new FixedPoint(h.clone(), residual(h), new double[0], new double[0], r, r < 1);
        }
        double radius = 0;
        for (int i = 0; i < n; i++) {
            radius = Math.max(radius, Math.hypot(re[i], im[i]));
        }
        return new FixedPoint(h.clone(), residual(h), re, im, radius, radius < 1);
    }

    private static double powerRadius(double[][] j) {
        int n = j.length;
        double[] v = new double[n];
        Arrays.fill(v, 1 / Math.sqrt(n));
        int iterations = 2000;
        double logSum = 0;
        for (int it = 0; it < iterations; it++) {
            double[] next = new double[n];
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    next[a] += j[a][b] * v[b];
                }
            }
            double norm = norm(next);
            if (norm == 0) {
                return 0;
            }
            logSum += Math.log(norm);
            for (int a = 0; a < n; a++) {
                v[a] = next[a] / norm;
            }
        }
        return Math.exp(logSum / iterations);
    }

    private double[] preActivation(double[] h) {
        int n = b.length;
        double[] pre = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int j = 0; j < n; j++) {
                s += w[i][j] * h[j];
            }
            pre[i] = s;
        }
        return pre;
    }

    private static double distance(double[] a, double[] c) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - c[i]) * (a[i] - c[i]);
        }
        return Math.sqrt(s);
    }

    private static double norm(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v * v;
        }
        return Math.sqrt(s);
    }
}
