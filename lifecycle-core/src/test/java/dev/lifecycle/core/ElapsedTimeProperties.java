package dev.lifecycle.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** The allocation-free elapsed-time comparison behind the time conditions agrees with {@link Duration#between}. */
final class ElapsedTimeProperties {
    private static final long TEN_YEARS = 10L * 366 * 86_400;

    @Test
    void compareElapsed_anyInstantsAndDuration_agreesWithDurationBetween() {
        Gen<Instant> instants =
                longs().between(-TEN_YEARS, TEN_YEARS).zip(integers().between(0, 999_999_999), Instant::ofEpochSecond);
        Gen<Duration> durations =
                longs().between(0, 2 * TEN_YEARS).zip(integers().between(0, 999_999_999), Duration::ofSeconds);
        qt().forAll(instants, instants, durations)
                .checkAssert((from, to, duration) -> assertEquals(
                        Integer.signum(Duration.between(from, to).compareTo(duration)),
                        Checks.compareElapsed(from, to, duration),
                        () -> "from " + from + " to " + to + " against " + duration));
    }

    @Test
    void compareElapsed_boundaries_exactDurationIsEqual() {
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        Duration days180 = Duration.ofDays(180);

        assertEquals(0, Checks.compareElapsed(from, from.plus(days180), days180));
        assertEquals(1, Checks.compareElapsed(from, from.plus(days180).plusNanos(1), days180));
        assertEquals(-1, Checks.compareElapsed(from, from.plus(days180).minusNanos(1), days180));
        assertEquals(-1, Checks.compareElapsed(from.plus(days180), from, days180));
    }
}
