package io.github.hmmrnn.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Four significant digits, plain between 1e-4 and 1e7, scientific outside. */
class SignificantDigitsTest {

    @Test
    void sig4_roundsToFourSignificantDigits() {
        assertEquals("0.5723", SignificantDigits.sig4(0.572345));
        assertEquals("-5432", SignificantDigits.sig4(-5432.1234));
        assertEquals("0.0003049", SignificantDigits.sig4(3.0485e-4));
        assertEquals("12", SignificantDigits.sig4(12.0));
        assertEquals("0", SignificantDigits.sig4(0));
        assertEquals("1.235e+07", SignificantDigits.sig4(12_345_678));
        assertEquals("-3.048e-05", SignificantDigits.sig4(-3.0481e-5));
        assertEquals("NaN", SignificantDigits.sig4(Double.NaN));
        assertEquals("Infinity", SignificantDigits.sig4(Double.POSITIVE_INFINITY));
    }
}
