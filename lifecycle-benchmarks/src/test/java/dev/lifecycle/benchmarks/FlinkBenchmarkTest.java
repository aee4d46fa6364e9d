package dev.lifecycle.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.LifecycleTracker;
import dev.lifecycle.core.Templates;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workload 7 at small size: the Flink job on both state backends and at both parallelisms emits exactly the
 * transitions of the in-process tracker on one and on two threads advanced past every lapse, and the state job's full
 * checkpoint holds the keyed operator's state.
 */
final class FlinkBenchmarkTest {
    private static final int CUSTOMERS = 200;

    private static List<CustomerEvent> events = List.of();
    private static String expected = "";
    private static FlinkJob job;

    @BeforeAll
    static void setUp() throws Exception {
        events = SyntheticLog.generate(CUSTOMERS, SyntheticLog.DEFAULT_SEED).eventsInTimeOrder();
        expected = FlinkBenchmark.expected(events);
        job = FlinkJob.start(events);
    }

    @AfterAll
    static void tearDown() {
        job.close();
    }

    @Test
    void expected_pastEveryLapse_moreThanAtAsOf() {
        TransitionTally atAsOf = new TransitionTally(Templates.fiveStage());
        TrackerBenchmark.track(
                events, LifecycleTracker.builder(Templates.fiveStage()).listener(atAsOf), SyntheticLog.AS_OF);
        assertTrue(expected.startsWith("not applied 0; "), expected);
        assertTrue(expected.contains("conversion>lapsed"), expected);
        assertNotEquals(atAsOf.answer(), expected, "lapses after asOf");
    }

    @Test
    void flinkJob_heapAtTwo_rocksDbAtOne_theTrackersTransitions() throws Exception {
        assertEquals(expected, job.run(2, FlinkJob.HEAP, events.size()).answer());
        assertEquals(expected, job.run(1, FlinkJob.ROCKSDB, events.size()).answer());
    }

    @Test
    void flinkJobOfOneEvent_theTrackersTransitionsOfThatEvent() throws Exception {
        assertEquals(
                FlinkBenchmark.expected(events.subList(0, 1)),
                job.run(1, FlinkJob.HEAP, 1).answer());
    }

    @Test
    void trackerOnTwoThreads_theOneThreadsTransitions() {
        TrackerBenchmark.Feeders feeders = new TrackerBenchmark.Feeders();
        feeders.load(events);
        try {
            TransitionTally tally = new TransitionTally(Templates.fiveStage());
            LifecycleTracker tracker = feeders.track(
                    LifecycleTracker.builder(Templates.fiveStage()).listener(tally), FlinkBenchmark.PAST_EVERY_CHANGE);
            assertEquals(expected, FlinkBenchmark.answer(tracker, tally, events.size()));
        } finally {
            feeders.tearDown();
        }
    }

    @Test
    void checkpoint_afterTheLog_holdsTheKeyedState(@TempDir Path directory) throws Exception {
        FlinkJob.CheckpointSize size = job.checkpoint(FlinkJob.HEAP, directory);
        assertEquals(events.size(), size.events());
        // each customer's state is tens of bytes at least
        assertTrue(size.operatorBytes() > 20L * CUSTOMERS, size::toString);
        assertTrue(size.checkpointBytes() >= size.operatorBytes(), size::toString);
        assertTrue(size.diskBytes() >= size.checkpointBytes(), size::toString);
    }

    @Test
    void stateContents_countedFromTheLog() {
        String contents = FlinkStateSize.contents(events, CUSTOMERS);
        assertTrue(
                contents.matches("state customers=" + CUSTOMERS + " events=" + events.size()
                        + " watermark=\\S+ waitingEvents=[1-9]\\d* rememberedIds=[1-9]\\d* changeTimers=[1-9]\\d*"
                        + " timers=[1-9]\\d*"),
                contents);
    }
}
