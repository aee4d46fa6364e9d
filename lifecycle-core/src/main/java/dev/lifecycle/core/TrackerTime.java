package dev.lifecycle.core;

import java.time.Duration;
import java.time.Instant;

/**
 * The tracker keeps instants as epoch nanoseconds in a {@code long}: compact, and enough for every {@linkplain
 * SupportedInstants supported instant} (the years 1678 to 2261).
 */
final class TrackerTime {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private TrackerTime() {}

    /**
     * Converts a {@linkplain SupportedInstants supported instant}. The supported range is narrower than what fits in a
     * {@code long} on purpose: {@link Long#MIN_VALUE} stays free as the tracker's "none" value, and one nanosecond past
     * any stored instant still fits.
     */
    static long toNanos(Instant instant) {
        SupportedInstants.check(instant, "instant");
        return toNanosOfSupported(instant);
    }

    /**
     * The epoch nanoseconds of an instant that is already known to be {@linkplain SupportedInstants supported}, such as
     * an event's timestamp or a profile's fact, without checking it again.
     */
    static long toNanosOfSupported(Instant supported) {
        return toNanosOfSupported(supported.getEpochSecond(), supported.getNano());
    }

    /** As {@link #toNanosOfSupported(Instant)}, for a supported instant given as epoch seconds and nanoseconds. */
    static long toNanosOfSupported(long second, int nano) {
        return second * NANOS_PER_SECOND + nano;
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
