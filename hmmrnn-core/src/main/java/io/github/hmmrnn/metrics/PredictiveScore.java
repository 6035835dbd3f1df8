package io.github.hmmrnn.metrics;

import io.github.hmmrnn.numeric.SignificantDigits;

/**
 * Causal predictive performance over scored trials.
 *
 * @param nll               mean negative log-likelihood per scored trial, in nats; +∞ if some
 *                          observed choice was given probability 0
 * @param accuracy          fraction of scored trials whose observed choice was the more probable
 *                          one (an exact tie p = 0.5 counts one half)
 * @param numScored         number of scored trials, at least 1
 * @param nllStandardError  standard error of {@code nll} (sample sd of per-trial losses / √n)
 */
public record PredictiveScore(double nll, double accuracy, int numScored, double nllStandardError) {

    /** Natural log of 2, for conversion to bits. */
    private static final double LN2 = Math.log(2.0);

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException if {@code numScored < 1}, {@code accuracy} is outside
     *                                  [0, 1], or a value is NaN
     */
    public PredictiveScore {
        if (numScored < 1) {
            throw new IllegalArgumentException("numScored must be >= 1, got " + numScored);
        }
        if (!(accuracy >= 0 && accuracy <= 1)) {
            throw new IllegalArgumentException("accuracy must be in [0, 1], got " + accuracy);
        }
        if (Double.isNaN(nll) || nll < 0) {
            throw new IllegalArgumentException("nll must be >= 0, got " + nll);
        }
        if (Double.isNaN(nllStandardError) || nllStandardError < 0) {
            throw new IllegalArgumentException("nllStandardError must be >= 0, got " + nllStandardError);
        }
    }

    /** @return mean negative log-likelihood per scored trial in bits */
    public double nllBits() {
        return nll / LN2;
    }

    /** @return the geometric mean probability given to the observed choice, exp(−nll) */
    public double normalizedLikelihood() {
        return Math.exp(-nll);
    }

    @Override
    public String toString() {
        return "nll=" + SignificantDigits.sig4(nll) + " nats (" + SignificantDigits.sig4(nllBits()) + " bits) ± "
                + SignificantDigits.sig4(nllStandardError) + ", accuracy=" + SignificantDigits.sig4(accuracy) + ", n="
                + numScored;
    }
}
