package io.github.hmmrnn.emulation.analysis;

/**
 * A fixed (or slow) point h* of F(h) = ReLU(W h + b) with its linearisation J = diag(W h* + b > 0) W.
 *
 * @param state          h* [n]
 * @param residual       q(h*) = |F(h*) - h*|^2 / 2
 * @param eigenReal      real parts of the Jacobian eigenvalues [n]
 * @param eigenImag      imaginary parts of the Jacobian eigenvalues [n]
 * @param spectralRadius max |lambda|
 * @param stable         whether spectralRadius is below 1 (discrete-time linear stability)
 */
public record FixedPoint(double[] state, double residual, double[] eigenReal, double[] eigenImag,
                         double spectralRadius, boolean stable) {
}
