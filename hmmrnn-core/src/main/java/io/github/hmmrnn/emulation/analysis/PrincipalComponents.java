package io.github.hmmrnn.emulation.analysis;

import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import java.util.Arrays;

/**
 * Principal component analysis of hidden states.
 *
 * @param mean                   state mean [n]
 * @param components             unit principal axes, [c][n], by decreasing variance
 * @param explainedVarianceRatio fraction of total variance per component [c]
 */
public record PrincipalComponents(double[] mean, double[][] components, double[] explainedVarianceRatio) {

    /**
     * Fits the first {@code numComponents} components.
     *
     * @param states        [N][n] states, N at least 2
     * @param numComponents c, in [1, n]
     * @return the fit
     * @throws IllegalArgumentException on too few states or a bad component count
     */
    public static PrincipalComponents fit(double[][] states, int numComponents) {
        if (states.length < 2) {
            throw new IllegalArgumentException("need at least 2 states, got " + states.length);
        }
        int n = states[0].length;
        if (numComponents < 1 || numComponents > n) {
            throw new IllegalArgumentException("numComponents must be in [1, " + n + "], got " + numComponents);
        }
        double[] mean = new double[n];
        for (double[] s : states) {
            for (int i = 0; i < n; i++) {
                mean[i] += s[i] / states.length;
            }
        }
        double[][] cov = new double[n][n];
        for (double[] s : states) {
            for (int i = 0; i < n; i++) {
                double di = s[i] - mean[i];
                for (int j = i; j < n; j++) {
                    cov[i][j] += di * (s[j] - mean[j]);
                }
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                cov[i][j] /= states.length - 1;
                cov[j][i] = cov[i][j];
            }
        }
        EigenDecomposition eig = new EigenDecomposition(MatrixUtils.createRealMatrix(cov));
        double[] values = eig.getRealEigenvalues();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[b], values[a]));
        double total = 0;
        for (double v : values) {
            total += Math.max(v, 0);
        }
        double[][] comps = new double[numComponents][];
        double[] ratio = new double[numComponents];
        for (int c = 0; c < numComponents; c++) {
            comps[c] = eig.getEigenvector(order[c]).toArray();
            ratio[c] = total > 0 ? Math.max(values[order[c]], 0) / total : 0;
        }
        return new PrincipalComponents(mean, comps, ratio);
    }

    /**
     * Projects a state onto the components.
     *
     * @param h state [n]
     * @return coordinates [c]
     */
    public double[] project(double[] h) {
        double[] z = new double[components.length];
        for (int c = 0; c < components.length; c++) {
            for (int i = 0; i < h.length; i++) {
                z[c] += components[c][i] * (h[i] - mean[i]);
            }
        }
        return z;
    }
}
