package dev.lifecycle.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The tracker's nanosecond arithmetic: a window reaching before the earliest instant saturates, never wraps. */
final class TrackerTimeTest {

    @Test
    void minusSaturated_withinRange_isTheDifference() {
        assertEquals(-8, TrackerTime.minusSaturated(-5, 3));
        assertEquals(2, TrackerTime.minusSaturated(5, 3));
        assertEquals(Long.MIN_VALUE, TrackerTime.minusSaturated(Long.MIN_VALUE + 10, 10));
        assertEquals(Long.MAX_VALUE - 1, TrackerTime.minusSaturated(Long.MAX_VALUE, 1));
        assertEquals(0, TrackerTime.minusSaturated(-1, -1));
    }

    @Test
    void minusSaturated_pastTheEarliestValue_isTheEarliestValue() {
        assertEquals(Long.MIN_VALUE, TrackerTime.minusSaturated(Long.MIN_VALUE + 5, 10));
        assertEquals(Long.MIN_VALUE, TrackerTime.minusSaturated(-5, Long.MAX_VALUE));
        assertEquals(Long.MIN_VALUE, TrackerTime.minusSaturated(Long.MIN_VALUE, 1));
    }
}
