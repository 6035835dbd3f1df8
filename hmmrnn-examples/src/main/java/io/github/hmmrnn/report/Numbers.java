package io.github.hmmrnn.report;

import io.github.hmmrnn.numeric.SignificantDigits;

/**
 * Number formatting of logs and tables: four significant digits, no 16-digit floats (the same
 * rule as {@link SignificantDigits}, which the core and agents modules use).
 */
public final class Numbers {

    private Numbers() {
    }

    /**
     * @param v a value
     * @return {@code v} with four significant digits, in plain notation between 1e-4 and 1e7 and
     *         scientific outside; {@code NaN} and infinities as Java writes them
     */
    public static String sig4(double v) {
        return SignificantDigits.sig4(v);
    }
}
