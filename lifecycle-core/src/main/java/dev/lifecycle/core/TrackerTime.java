package dev.lifecycle.core;

import java.time.Duration;
import java.time.Instant;

/**
 * The tracker keeps instants as epoch nanoseconds in a {@code long}: compact, and enough for the years 1678 to 2261.
 */
final class TrackerTime {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private TrackerTime() {}

    /** The first instant the tracker stores. */
    static final Instant FIRST = Instant.parse("1678-01-01T00:00:00Z");

    /** The first instant after the last one the tracker stores. */
    static final Instant END = Instant.parse("2262-01-01T00:00:00Z");

    /**
     * Converts an instant of the years 1678 to 2261. The range is narrower than what fits in a {@code long} on purpose:
     * {@link Long#MIN_VALUE} stays free as the tracker's "none" value, and one nanosecond past any stored instant still
     * fits.
     */
    static long toNanos(Instant instant) {
        if (instant.isBefore(FIRST) || !instant.isBefore(END)) {
            throw new IllegalArgumentException(
                    "instant " + instant + " lies outside the years 1678 to 2261, which the tracker can store");
        }
        return instant.getEpochSecond() * NANOS_PER_SECOND + instant.getNano();
    }

    static long toNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(
                    "duration " + duration + " is longer than the tracker can store" + " (about 292 years)", e);
        }
    }

    static Instant toInstant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, NANOS_PER_SECOND), Math.floorMod(nanos, NANOS_PER_SECOND));
    }

    static long minusSaturated(long at, long nanos) {
        long result = at - nanos;
        return ((at ^ nanos) & (at ^ result)) < 0 ? Long.MIN_VALUE : result;
    }
}
