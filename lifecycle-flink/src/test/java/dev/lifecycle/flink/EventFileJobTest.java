package dev.lifecycle.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.LifecycleStep;
import dev.lifecycle.core.LifecycleTracker;
import dev.lifecycle.core.StageTransition;
import dev.lifecycle.core.Templates;
import dev.lifecycle.io.EventFile;
import dev.lifecycle.io.EventFileReader;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable job on the bundled CDNOW file (69,659 rows of 23,570 customers): its distribution as of 1998-07-01
 * equals the in-process tracker's over the same file, and its file sink holds every transition the tracker makes
 * when time runs on after the data.
 */
final class EventFileJobTest {
    private static final Path CDNOW = Path.of("../lifecycle-examples/src/main/resources/data/cdnow/CDNOW_master.txt");

    @Test
    void cdnow_distributionAndTransitions_equalTheInProcessTracker(@TempDir Path output) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Map<String, Long> distribution;
        try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            distribution = EventFileJob.run(CDNOW, output, EventFileJob.Settings.DEFAULTS, out);
        }

        EventFile file = EventFileReader.create().read(CDNOW);
        List<CustomerEvent> events = new ArrayList<>(file.events());
        events.sort(LifecycleStep.EVENT_ORDER);
        List<StageTransition> transitions = new ArrayList<>();
        LifecycleTracker tracker = LifecycleTracker.builder(Templates.fiveStage())
                .listener(transitions::add)
                .build();
        events.forEach(tracker::accept);
        tracker.advanceTo(EventFileJob.DEFAULT_AS_OF);
        Map<String, Long> expected = new LinkedHashMap<>(tracker.distribution().counts());
        assertEquals(expected, distribution);
        assertEquals(
                23_570L,
                distribution.values().stream().mapToLong(Long::longValue).sum());
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("(23570 customers):"), printed::toString);

        tracker.advanceTo(Instant.parse("2100-01-01T00:00:00Z"));
        assertEquals(
                transitions.size(),
                EventFileJob.read(output.resolve("transitions")).size(),
                "transitions in the file sink");
    }

    /**
     * Every daily window the job wrote equals the in-process tracker's distribution just before the window's end: the
     * tracker takes the events before the end and is advanced to the last nanosecond before it.
     */
    @Test
    void cdnow_everyWindowOfTheDistribution_equalsTheTrackerBeforeItsEnd(@TempDir Path output) throws Exception {
        EventFileJob.run(
                CDNOW,
                output,
                new EventFileJob.Settings(EventFileJob.DEFAULT_AS_OF, "rocksdb", 1),
                new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
        Map<Instant, Map<String, Long>> windows = new TreeMap<>();
        for (String line : EventFileJob.read(output.resolve("distribution"))) {
            String[] fields = line.split(",", -1);
            windows.computeIfAbsent(Instant.parse(fields[0]), end -> new LinkedHashMap<>())
                    .put(fields[1], Long.parseLong(fields[2]));
        }
        assertTrue(windows.size() > 500, "windows: " + windows.size());

        List<CustomerEvent> events =
                new ArrayList<>(EventFileReader.create().read(CDNOW).events());
        events.sort(LifecycleStep.EVENT_ORDER);
        LifecycleTracker tracker =
                LifecycleTracker.builder(Templates.fiveStage()).build();
        int next = 0;
        for (Map.Entry<Instant, Map<String, Long>> window : windows.entrySet()) {
            Instant end = window.getKey();
            while (next < events.size() && events.get(next).timestamp().isBefore(end)) {
                tracker.accept(events.get(next++));
            }
            tracker.advanceTo(end.minusNanos(1));
            assertEquals(tracker.distribution().counts(), window.getValue(), "the window ending " + end);
        }
        assertEquals(events.size(), next, "the last window follows the last event");
    }
}
