package dev.lifecycle.predict;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** How figures are written in descriptions and evidence. */
final class Format {
    private Format() {}

    /**
     * {@return a parameter as the literature prints them: three decimals (0.243, 4.414, 10.578), or three significant
     * digits below 0.01}
     */
    static String parameter(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        BigDecimal exact = new BigDecimal(value);
        return Math.abs(value) >= 0.01 || value == 0
                ? exact.setScale(3, RoundingMode.HALF_EVEN).toPlainString()
                : exact.round(new MathContext(3, RoundingMode.HALF_EVEN)).toString();
    }
}
