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
}
