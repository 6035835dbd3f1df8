package io.github.hmmrnn.numeric;

/** The logistic function σ(z) = 1 / (1 + e^{−z}) and its logarithm. */
public final class Logistic {

    private Logistic() {
    }

    /**
     * σ(z) = 1 / (1 + e^{−z}); 0 or 1 (never NaN) where e^{−z} overflows or underflows.
     *
     * @param z the logit
     * @return σ(z) in [0, 1]
     */
    public static double sigmoid(double z) {
        return 1.0 / (1.0 + Math.exp(-z));
    }

    /**
     * log σ(z), finite for every finite z: −log(1 + e^{−z}) for z ≥ 0 and z − log(1 + e^{z})
     * otherwise, so the exponential never overflows.
     *
     * @param z the logit
     * @return log σ(z) ≤ 0
     */
    public static double logSigmoid(double z) {
        return z >= 0 ? -Fdlibm.log1p(Math.exp(-z)) : z - Fdlibm.log1p(Math.exp(z));
    }
}
