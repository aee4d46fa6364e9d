package dev.lifecycle.metrics.funnel;

import dev.lifecycle.core.SupportedInstants;
import dev.lifecycle.metrics.internal.BatchScan;
import java.time.Duration;
import java.time.Instant;

/**
 * A length of time added to event keys (an instant as nanoseconds since the epoch, {@link BatchScan#epochNanos}): the
 * one place where the funnels do arithmetic on instants. A span under a century adds its nanoseconds, saturating at
 * the end of the supported range; a longer one adds seconds and nanoseconds separately, so that no sum wraps however
 * long the span; a span at least as long as the whole supported range admits every later key. Immutable.
 */
final class Span {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long CENTURY_SECONDS = 100L * 366 * 86_400;
    /** A span at least this long admits any two supported instants. */
    private static final long UNBOUNDED_SECONDS =
            SupportedInstants.END.getEpochSecond() - SupportedInstants.FIRST.getEpochSecond();

    /** A span that admits every later key. */
    static final Span UNBOUNDED = new Span(Duration.ofSeconds(UNBOUNDED_SECONDS));

    private final Duration duration;
    /** The span in nanoseconds when it is under a century (the common case), else -1. */
    private final long nanos;

    private Span(Duration duration) {
        this.duration = duration;
        this.nanos = duration.toSeconds() < CENTURY_SECONDS ? duration.toNanos() : -1;
    }

    /** The span of a duration that is zero or more. */
    static Span of(Duration duration) {
        return new Span(duration);
    }

    /** {@return the span as a duration} */
    Duration duration() {
        return duration;
    }

    /** {@return whether the span admits every later key} */
    boolean unbounded() {
        return duration.toSeconds() >= UNBOUNDED_SECONDS;
    }

    /**
     * Returns the key this span after {@code key}; {@link Long#MAX_VALUE} when that lies at or past the end of the
     * supported range, which no event's key reaches.
     */
    long after(long key) {
        if (nanos >= 0) {
            long end = key + nanos;
            return end < key ? Long.MAX_VALUE : end;
        }
        if (unbounded()) {
            return Long.MAX_VALUE;
        }
        long second = Math.floorDiv(key, NANOS_PER_SECOND) + duration.getSeconds();
        long nano = Math.floorMod(key, NANOS_PER_SECOND) + duration.getNano();
        if (nano >= NANOS_PER_SECOND) {
            second++;
            nano -= NANOS_PER_SECOND;
        }
        if (second >= SupportedInstants.END.getEpochSecond()) {
            return Long.MAX_VALUE;
        }
        return BatchScan.epochNanos(second, (int) nano);
    }

    /** {@return the key of a supported instant} */
    static long key(Instant instant) {
        return BatchScan.epochNanos(instant.getEpochSecond(), instant.getNano());
    }

    /**
     * Returns the time from an earlier key to a later one. Read unsigned, the difference is exact across the whole
     * supported range (under 2^64 nanoseconds).
     */
    static Duration between(long earlier, long later) {
        long nanos = later - earlier;
        return Duration.ofSeconds(
                Long.divideUnsigned(nanos, NANOS_PER_SECOND), Long.remainderUnsigned(nanos, NANOS_PER_SECOND));
    }

    @Override
    public String toString() {
        return duration.toString();
    }
}
