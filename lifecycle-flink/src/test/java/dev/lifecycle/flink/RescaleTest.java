package dev.lifecycle.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.StageTransition;
import dev.lifecycle.core.Templates;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Rescaling: the operator's state taken at parallelism 2 and restored at parallelism 1 and 4 (Flink redistributes it
 * by key group, as on a restore from a savepoint) continues exactly as a run that never stopped: every customer's
 * transitions equal the in-process tracker's, waiting events, timers and remembered ids included.
 */
final class RescaleTest {
    private static final int MAX_PARALLELISM = 128;

    @Test
    void stateAtParallelismTwo_restoresAtOneAndFour() throws Exception {
        List<CustomerEvent> events = LifecycleFunctionTest.events(new Random(23), 400, 6_000);
        int half = events.size() / 2;
        List<StageTransition> before = new ArrayList<>();
        OperatorSubtaskState[] snapshots = new OperatorSubtaskState[2];
        for (int subtask = 0; subtask < 2; subtask++) {
            KeyedOneInputStreamOperatorTestHarness<String, CustomerEvent, StageTransition> harness =
                    harness(2, subtask, null);
            feed(harness, events.subList(0, half), 2, subtask);
            snapshots[subtask] = harness.snapshot(1, 1);
            before.addAll(harness.extractOutputValues());
            harness.close();
        }
        OperatorSubtaskState packed = AbstractStreamOperatorTestHarness.repackageState(snapshots);

        for (int parallelism : new int[] {1, 4}) {
            List<StageTransition> all = new ArrayList<>(before);
            for (int subtask = 0; subtask < parallelism; subtask++) {
                OperatorSubtaskState restored = AbstractStreamOperatorTestHarness.repartitionOperatorState(
                        packed, MAX_PARALLELISM, 2, parallelism, subtask);
                KeyedOneInputStreamOperatorTestHarness<String, CustomerEvent, StageTransition> harness =
                        harness(parallelism, subtask, restored);
                feed(harness, events.subList(half, events.size()), parallelism, subtask);
                harness.processWatermark(LifecycleFunctionTest.AS_OF_MILLIS);
                all.addAll(harness.extractOutputValues());
                harness.close();
            }
            assertEquals(
                    LifecycleFunctionTest.tracker(Templates.fiveStage(), events),
                    LifecycleFunctionTest.byCustomer(all),
                    "restored at parallelism " + parallelism);
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, CustomerEvent, StageTransition> harness(
            int parallelism, int subtask, @Nullable OperatorSubtaskState restored) throws Exception {
        return LifecycleFunctionTest.opened(
                LifecycleFunction.of(Templates.fiveStage()), MAX_PARALLELISM, parallelism, subtask, restored);
    }

    /**
     * Feeds the subtask the events of its customers with a watermark one millisecond behind the latest after each (so
     * that the last ones still wait at the snapshot), and at the end brings every customer to the tests' end.
     */
    private static void feed(
            KeyedOneInputStreamOperatorTestHarness<String, CustomerEvent, StageTransition> harness,
            List<CustomerEvent> events,
            int parallelism,
            int subtask)
            throws Exception {
        long latest = Long.MIN_VALUE;
        for (CustomerEvent event : events) {
            long millis = event.timestamp().toEpochMilli();
            latest = Math.max(latest, millis);
            if (KeyGroupRangeAssignment.assignKeyToParallelOperator(event.customerId(), MAX_PARALLELISM, parallelism)
                    == subtask) {
                harness.processElement(event, millis);
            }
            harness.processWatermark(latest - 1);
        }
    }
}
