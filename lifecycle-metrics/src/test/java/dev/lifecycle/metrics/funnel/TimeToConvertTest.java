package dev.lifecycle.metrics.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Time-to-convert statistics, checked against independent characterisations of mean, median and p90. */
final class TimeToConvertTest {

    @Test
    void of_noDurations_emptyStatistics() {
        TimeToConvert stats = TimeToConvert.of(List.of());

        assertEquals(0, stats.count());
        assertTrue(stats.mean().isEmpty());
        assertTrue(stats.median().isEmpty());
        assertTrue(stats.p90().isEmpty());
    }

    @Test
    void of_tenValues_nearestRankAndMiddleMean() {
        List<Duration> values = new ArrayList<>();
        for (int i = 10; i >= 1; i--) {
            values.add(Duration.ofMinutes(i));
        }
        TimeToConvert stats = TimeToConvert.of(values);

        assertEquals(Duration.ofSeconds(330), stats.mean().orElseThrow());
        assertEquals(Duration.ofSeconds(330), stats.median().orElseThrow());
        assertEquals(Duration.ofMinutes(9), stats.p90().orElseThrow());
    }

    @Test
    void of_randomSamples_matchIndependentCharacterisations() {
        Random random = new Random(99L);
        for (int run = 0; run < 300; run++) {
            int n = 1 + random.nextInt(40);
            List<Duration> values = new ArrayList<>();
            double sumSeconds = 0;
            for (int i = 0; i < n; i++) {
                long seconds = random.nextInt(100_000);
                values.add(Duration.ofSeconds(seconds));
                sumSeconds += seconds;
            }
            TimeToConvert stats = TimeToConvert.of(values);
            long p90 = stats.p90().orElseThrow().toSeconds();
            long atOrBelow = values.stream().filter(v -> v.toSeconds() <= p90).count();
            long below = values.stream().filter(v -> v.toSeconds() < p90).count();
            double median = stats.median().orElseThrow().toNanos() / 1e9;
            long notAbove = values.stream().filter(v -> v.toSeconds() <= median).count();
            long notBelow = values.stream().filter(v -> v.toSeconds() >= median).count();

            assertEquals(n, stats.count());
            assertEquals(sumSeconds / n, stats.mean().orElseThrow().toNanos() / 1e9, 1e-6);
            // nearest rank: the smallest value with at least 90% of the sample at or below it
            assertTrue(atOrBelow * 10 >= 9L * n && below * 10 < 9L * n, () -> "p90 " + p90 + " of " + values);
            assertTrue(2 * notAbove >= n && 2 * notBelow >= n, () -> "median " + median + " of " + values);
        }
    }

    @Test
    void of_negativeDuration_rejected() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> TimeToConvert.of(List.of(Duration.ofSeconds(-1))));
        assertEquals("duration must be zero or more but was PT-1S", e.getMessage());
    }
}
