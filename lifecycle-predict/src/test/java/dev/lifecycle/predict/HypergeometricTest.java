package dev.lifecycle.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.junit.jupiter.api.Test;

final class HypergeometricTest {
    /**
     * Every row of hyp2f1-references.csv (written by src/test/python/hyp2f1_references.py with mpmath at 60 digits):
     * 5,718 points over parameters from 0.01 to 5,000.2 and z up to 1 - 10^-12, whole-number c - a - b among them.
     */
    @Test
    void log2F1_mpmathReferences_agreeToTwelveDigits() throws IOException {
        int rows = 0;
        double worst = 0;
        String worstRow = "";
        try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream("hyp2f1-references.csv"));
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] cells = line.split(",", -1);
                double a = Double.parseDouble(cells[0]);
                double b = Double.parseDouble(cells[1]);
                double c = Double.parseDouble(cells[2]);
                double z = Double.parseDouble(cells[3]);
                BigDecimal expected = new BigDecimal(cells[4]);
                double actual = Hypergeometric.log2F1(a, b, c, z);
                // the log's absolute error is the value's relative error; the log's own size adds rounding
                double error =
                        Math.abs(actual - expected.doubleValue()) / Math.max(1, Math.abs(expected.doubleValue()));
                if (error > worst) {
                    worst = error;
                    worstRow = line;
                }
                rows++;
            }
        }
        assertEquals(5718, rows);
        assertTrue(worst < 1e-12, "worst error " + worst + " at " + worstRow);
    }

    @Test
    void log2F1_closedForms_agree() {
        for (double z : new double[] {1e-9, 0.2, 0.5, 0.75, 0.999, 1 - 0x1p-52}) {
            // 2F1(1, 1; 2; z) = -ln(1 - z) / z
            assertEquals(Math.log(-Math.log1p(-z) / z), Hypergeometric.log2F1(1, 1, 2, z), 1e-14, "z " + z);
            // 2F1(a, b; b; z) = (1 - z)^-a
            assertEquals(
                    -3.5 * Math.log1p(-z), Hypergeometric.log2F1(3.5, 2, 2, z), 1e-13 * (1 - 3.5 * Math.log1p(-z)));
        }
        assertEquals(0, Hypergeometric.log2F1(0.3, 0.4, 0.5, 0));
    }

    @Test
    void log2F1_argumentOutsideRange_rejected() {
        IllegalArgumentException z =
                assertThrows(IllegalArgumentException.class, () -> Hypergeometric.log2F1(1, 1, 2, 1));
        assertEquals("2F1 argument z must be in [0, 1) but was 1.0", z.getMessage());
        IllegalArgumentException negative =
                assertThrows(IllegalArgumentException.class, () -> Hypergeometric.log2F1(1, 1, 2, -0.5));
        assertEquals("2F1 argument z must be in [0, 1) but was -0.5", negative.getMessage());
        IllegalArgumentException nan =
                assertThrows(IllegalArgumentException.class, () -> Hypergeometric.log2F1(1, Double.NaN, 2, 0.5));
        assertEquals("2F1 parameter b must be in (0, 1000000.0] but was NaN", nan.getMessage());
        IllegalArgumentException big =
                assertThrows(IllegalArgumentException.class, () -> Hypergeometric.log2F1(1, 1, 2e6, 0.5));
        assertEquals("2F1 parameter c must be in (0, 1000000.0] but was 2000000.0", big.getMessage());
        IllegalArgumentException zero =
                assertThrows(IllegalArgumentException.class, () -> Hypergeometric.log2F1(0, 1, 2, 0.5));
        assertEquals("2F1 parameter a must be in (0, 1000000.0] but was 0.0", zero.getMessage());
    }
}
