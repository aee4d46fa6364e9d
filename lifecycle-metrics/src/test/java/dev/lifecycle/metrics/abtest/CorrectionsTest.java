package dev.lifecycle.metrics.abtest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

final class CorrectionsTest {
    @Test
    void holm_workedExample_adjusted() {
        // Sorted 0.005, 0.01, 0.03, 0.04 -> 4 x 0.005, 3 x 0.01, 2 x 0.03, max(0.06, 1 x 0.04).
        assertArrayEquals(new double[] {0.03, 0.06, 0.06, 0.02}, Corrections.holm(0.01, 0.04, 0.03, 0.005), 1e-15);
    }

    @Test
    void benjaminiHochberg_workedExample_adjusted() {
        // Sorted 0.005, 0.01, 0.03, 0.04 -> 4/1 x 0.005, 4/2 x 0.01, 4/3 x 0.03, 4/4 x 0.04, then running minima.
        assertArrayEquals(
                new double[] {0.02, 0.04, 0.04, 0.02}, Corrections.benjaminiHochberg(0.01, 0.04, 0.03, 0.005), 1e-15);
    }

    @Test
    void corrections_emptyInput_emptyOutput() {
        assertEquals(0, Corrections.holm().length);
        assertEquals(0, Corrections.benjaminiHochberg().length);
    }

    @Test
    void corrections_largeP_cappedAtOne() {
        assertArrayEquals(new double[] {1, 1}, Corrections.holm(0.6, 0.9), 0);
        assertArrayEquals(new double[] {0.9, 0.9}, Corrections.benjaminiHochberg(0.6, 0.9), 0);
    }

    @Test
    void holm_pAboveOne_rejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Corrections.holm(0.5, 1.2));
        assertEquals("p[1] must be between 0 and 1 but was 1.2", e.getMessage());
    }

    @Test
    void benjaminiHochberg_nan_rejected() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Corrections.benjaminiHochberg(Double.NaN));
        assertEquals("p[0] must be between 0 and 1 but was NaN", e.getMessage());
    }
}
