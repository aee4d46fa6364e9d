package dev.lifecycle.core;

import static dev.lifecycle.core.EventType.PURCHASE;
import static dev.lifecycle.core.EventType.SITE_VISIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** The tracker's clock and counters as it hands them to the state codec and takes them back. */
final class TrackerHandOffTest {
    private static final Instant T0 = Instant.parse("2025-01-06T09:00:00Z");

    @Test
    void toStats_eachCount_landsInTheComponentOfItsName() {
        TrackerCounters counters = new TrackerCounters(61, 2, 3, 5, 7, 11, 13);

        assertEquals(new TrackerStats(17, 61, 2, 44, 3, 5, 7, 11, 13), counters.toStats(17, 44));
    }

    @Test
    void toStats_countsThatDoNotReconcile_rejected() {
        TrackerCounters counters = new TrackerCounters(10, 2, 3, 5, 7, 11, 13);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> counters.toStats(1, 0));

        assertEquals(
                "received (10) must equal applied (2) plus duplicates (3) plus late (5) plus rejected (7) plus"
                        + " pending (0)",
                e.getMessage());
    }

    @Test
    void counters_newTracker_allZero() {
        LifecycleTracker tracker =
                LifecycleTracker.builder(Templates.fiveStage()).build();

        assertEquals(new TrackerCounters(0, 0, 0, 0, 0, 0, 0), tracker.counters());
        assertEquals(new TrackerClock(Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE), tracker.clock());
    }

    @Test
    void restore_distinctCounts_eachReadIntoItsComponentAndWrittenBackInPlace() throws IOException {
        LifecycleTracker original = LifecycleTracker.builder(Templates.fiveStage())
                .allowedLateness(Duration.ofDays(1))
                .build();
        original.accept(event("c1", SITE_VISIT, T0, "a1"));
        original.accept(event("c1", PURCHASE, T0.plus(Duration.ofDays(3)), "a2"));
        List<String> lines = new ArrayList<>(Arrays.asList(export(original).split("\n")));
        TrackerStats stats = original.stats();
        long received = stats.applied() + 11 + 13 + 17 + stats.pending();
        String countersLine = "counters " + received + " " + stats.applied() + " 11 13 17 19 23";
        lines.replaceAll(line -> line.startsWith("counters ") ? countersLine : line);

        LifecycleTracker restored = LifecycleTracker.builder(Templates.fiveStage())
                .allowedLateness(Duration.ofDays(1))
                .restore(new StringReader(withChecksum(lines)));

        assertEquals(new TrackerCounters(received, stats.applied(), 11, 13, 17, 19, 23), restored.counters());
        assertEquals(
                new TrackerStats(1, received, stats.applied(), stats.pending(), 11, 13, 17, 19, 23), restored.stats());
        assertEquals(original.clock(), restored.clock());
        assertEquals(List.of(countersLine), linesStarting(export(restored), "counters "));
    }

    @Test
    void export_clock_writtenAsWatermarkLatestEventAndTime() throws IOException {
        LifecycleTracker tracker = LifecycleTracker.builder(Templates.fiveStage())
                .allowedLateness(Duration.ofDays(1))
                .build();
        tracker.accept(event("c1", SITE_VISIT, T0, "a1"));
        tracker.accept(event("c1", PURCHASE, T0.plus(Duration.ofDays(3)), "a2"));

        TrackerClock clock = tracker.clock();

        assertEquals(TrackerTime.toNanos(T0.plus(Duration.ofDays(2))), clock.watermark());
        assertEquals(TrackerTime.toNanos(T0.plus(Duration.ofDays(3))), clock.latestEvent());
        assertEquals(TrackerTime.toNanos(T0), clock.time());
        assertEquals(
                List.of("clock " + clock.watermark() + " " + clock.latestEvent() + " " + clock.time()),
                linesStarting(export(tracker), "clock "));
    }

    private static CustomerEvent event(String customerId, EventType type, Instant at, String eventId) {
        return CustomerEvent.builder(customerId, type, at).eventId(eventId).build();
    }

    private static String export(LifecycleTracker tracker) throws IOException {
        StringBuilder text = new StringBuilder();
        tracker.exportState(text);
        return text.toString();
    }

    private static List<String> linesStarting(String text, String prefix) {
        return Arrays.stream(text.split("\n"))
                .filter(line -> line.startsWith(prefix))
                .toList();
    }

    /** The lines with the end line's checksum recomputed, so that an edited state is read. */
    private static String withChecksum(List<String> lines) {
        List<String> content = lines.subList(0, lines.size() - 1);
        CRC32 crc = new CRC32();
        StringBuilder text = new StringBuilder();
        for (String line : content) {
            crc.update((line + "\n").getBytes(StandardCharsets.UTF_8));
            text.append(line).append('\n');
        }
        String[] end = lines.get(lines.size() - 1).split(" ");
        return text + end[0] + " " + end[1] + " " + end[2] + " " + Long.toHexString(crc.getValue()) + "\n";
    }
}
