package io.github.hmmrnn.numeric;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * Number formatting of log lines and tables: four significant digits, never 16-digit floats nor a
 * fixed number of decimals that shows 0.0000 for small values.
 */
public final class SignificantDigits {

    private SignificantDigits() {
    }

    /**
     * @param v a value
     * @return {@code v} with four significant digits, in plain notation between 1e-4 and 1e7 and
     *         scientific outside; {@code NaN} and infinities as Java writes them
     */
    public static String sig4(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a < 1e-4 || a >= 1e7) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    /**
     * Formats a log-likelihood, log posterior or information criterion. These are compared by
     * their differences (two starts agree within 0.1 nats; a BIC difference of 2 matters), not by
     * their relative size, so four significant digits would hide what a reader compares: they get
     * two decimals whatever their magnitude.
     *
     * @param v a value in nats (or a BIC)
     * @return {@code v} with two decimals; {@code NaN} and infinities as Java writes them
     */
    public static String nats(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
