package dev.lifecycle.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class IntervalTest {

    @Test
    void of_lowerAboveUpper_rejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Interval.of(0.5, 0.4, 0.95));
        assertEquals("lower must not be greater than upper but was 0.5 > 0.4", e.getMessage());
    }

    @Test
    void of_boundNotFinite_rejected() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Interval.of(Double.NaN, 0.4, 0.95));
        assertEquals("lower must be a finite number but was NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Interval.of(0.1, Double.POSITIVE_INFINITY, 0.95));
        assertEquals("upper must be a finite number but was Infinity", e.getMessage());
    }

    @Test
    void of_levelOutsideOpenUnitInterval_rejected() {
        for (double level : new double[] {0, 1, -0.5, 1.5, Double.NaN}) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> Interval.of(0.1, 0.2, level));
            assertEquals("level must be strictly between 0 and 1 but was " + level, e.getMessage());
        }
    }

    @Test
    void containsAndIsBelow_boundsIncluded() {
        Interval interval = Interval.of(-14.05, 44.2, 0.95);

        assertTrue(interval.contains(-14.05));
        assertTrue(interval.contains(44.2));
        assertFalse(interval.contains(44.21));
        assertTrue(interval.isBelow(44.21));
        assertFalse(interval.isBelow(44.2));
    }
}
