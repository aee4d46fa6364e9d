package dev.lifecycle.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.LifecycleTemplate;
import dev.lifecycle.core.Stage;
import dev.lifecycle.core.StageTransition;
import dev.lifecycle.core.Templates;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The stage distribution over windows on Flink's operator test harness: when a window is written (the watermark a
 * timer granularity past its end), what its lines count, and where a change before a written window goes.
 */
final class StageDistributionFunctionTest {
    private static final LifecycleTemplate TEMPLATE = Templates.fiveStage();
    private static final String ENTRY = TEMPLATE.entryStage().id();
    private static final String SECOND = TEMPLATE.stages().get(1).id();
    private static final Instant DAY = Instant.parse("2024-03-01T00:00:00Z");
    private static final long END = DAY.plus(Duration.ofDays(1)).toEpochMilli();
    /** The function's default timer granularity: a window is written a second after its end. */
    private static final long GRANULARITY = LifecycleFunction.DEFAULT_TIMER_GRANULARITY.toMillis();

    @Test
    void window_isWrittenWhenTheWatermarkIsAGranularityPastItsEnd_withEveryStage() throws Exception {
        KeyedTwoInputStreamOperatorTestHarness<Byte, StageTransition, CustomerEvent, StageCount> harness = harness();
        try {
            enter(harness, "a", DAY.plusSeconds(36_000));
            enter(harness, "b", DAY.plusSeconds(40_000));
            move(harness, "a", DAY.plusSeconds(50_000));
            // an entry at the window's end belongs to the next window
            enter(harness, "c", Instant.ofEpochMilli(END));

            harness.processBothWatermarks(new Watermark(END + GRANULARITY - 2));
            assertEquals(List.of(), harness.extractOutputValues(), "a lapse up to a granularity late may still come");
            harness.processBothWatermarks(new Watermark(END + GRANULARITY - 1));

            Map<String, Long> expected = zeros();
            expected.put(ENTRY, 1L);
            expected.put(SECOND, 1L);
            assertEquals(expected, window(harness.extractOutputValues(), END));
            assertEquals(TEMPLATE.stages().size(), harness.extractOutputValues().size(), "one line per stage");
        } finally {
            harness.close();
        }
    }

    @Test
    void changeBeforeAWrittenWindow_countsInTheNextWindow() throws Exception {
        KeyedTwoInputStreamOperatorTestHarness<Byte, StageTransition, CustomerEvent, StageCount> harness = harness();
        try {
            enter(harness, "a", DAY.plusSeconds(10));
            harness.processBothWatermarks(new Watermark(END + GRANULARITY));
            // a move within the written window, as a restore under a template of shorter periods can bring
            move(harness, "a", DAY.plusSeconds(20));
            long next = END + Duration.ofDays(1).toMillis();
            harness.processBothWatermarks(new Watermark(next + GRANULARITY));

            Map<String, Long> first = zeros();
            first.put(ENTRY, 1L);
            assertEquals(first, window(harness.extractOutputValues(), END));
            Map<String, Long> second = zeros();
            second.put(SECOND, 1L);
            assertEquals(second, window(harness.extractOutputValues(), next));
        } finally {
            harness.close();
        }
    }

    @Test
    void windowBelowAMillisecond_isRefused() {
        IllegalArgumentException refused = assertThrows(
                IllegalArgumentException.class,
                () -> StageDistributionFunction.of(LifecycleFunction.of(TEMPLATE), Duration.ofNanos(999_999)));
        assertEquals("window must be at least 1 ms but was PT0.000999999S", refused.getMessage());
    }

    private static KeyedTwoInputStreamOperatorTestHarness<Byte, StageTransition, CustomerEvent, StageCount> harness()
            throws Exception {
        KeyedTwoInputStreamOperatorTestHarness<Byte, StageTransition, CustomerEvent, StageCount> harness =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        new KeyedCoProcessOperator<>(
                                StageDistributionFunction.of(LifecycleFunction.of(TEMPLATE), Duration.ofDays(1))),
                        transition -> StageDistributionFunction.key(),
                        event -> StageDistributionFunction.key(),
                        Types.BYTE);
        harness.setup(StageCountSerializer.INSTANCE);
        harness.open();
        return harness;
    }

    private static void enter(
            KeyedTwoInputStreamOperatorTestHarness<Byte, StageTransition, CustomerEvent, StageCount> harness,
            String customer,
            Instant at)
            throws Exception {
        harness.processElement2(
                CustomerEvent.builder(customer, EventType.SITE_VISIT, at).build(), at.toEpochMilli());
    }

    private static void move(
            KeyedTwoInputStreamOperatorTestHarness<Byte, StageTransition, CustomerEvent, StageCount> harness,
            String customer,
            Instant at)
            throws Exception {
        harness.processElement1(new StageTransition(customer, ENTRY, SECOND, at, "test"), at.toEpochMilli());
    }

    private static Map<String, Long> zeros() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Stage stage : TEMPLATE.stages()) {
            counts.put(stage.id(), 0L);
        }
        return counts;
    }

    private static Map<String, Long> window(List<StageCount> lines, long end) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (StageCount line : lines) {
            if (line.windowEnd().toEpochMilli() == end) {
                counts.put(line.stageId(), line.customers());
            }
        }
        return counts;
    }
}
