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
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
            distribution = EventFileJob.run(CDNOW, output, EventFileJob.DEFAULT_AS_OF, out);
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
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("(23570 customers)"), printed::toString);

        tracker.advanceTo(Instant.parse("2100-01-01T00:00:00Z"));
        assertEquals(
                transitions.size(),
                EventFileJob.read(output.resolve("transitions")).size(),
                "transitions in the file sink");
    }
}
