package dev.lifecycle.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.LifecycleStep;
import dev.lifecycle.core.LifecycleTemplate;
import dev.lifecycle.core.LifecycleTracker;
import dev.lifecycle.core.Money;
import dev.lifecycle.core.StageTransition;
import dev.lifecycle.core.Templates;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * {@link LifecycleFunction} on Flink's operator test harness, against the in-process {@link LifecycleTracker} on the
 * same events: event time, lateness, duplicates, lapses from timers, and restoring its state.
 */
final class LifecycleFunctionTest {
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant AS_OF = Instant.parse("2025-06-01T00:00:00Z");
    /** {@link #AS_OF} as a watermark. */
    static final long AS_OF_MILLIS = AS_OF.toEpochMilli();

    private static final Duration BOUND = Duration.ofHours(6);

    @Test
    void outOfOrderWithinTheBound_sameTransitionsAsTheTrackerOnSortedEvents() throws Exception {
        List<CustomerEvent> events = events(new Random(7), 300, 3_000);
        Map<String, List<StageTransition>> expected = tracker(Templates.fiveStage(), events);
        assertTrue(expected.values().stream().mapToInt(List::size).sum() > 500, "transitions: " + expected.size());
        assertTrue(expected.values().stream()
                .flatMap(List::stream)
                .anyMatch(t -> t.toStageId().equals("lapsed")));

        KeyedOneInputStreamOperatorTestHarness<String, CustomerEvent, StageTransition> harness =
                opened(LifecycleFunction.of(Templates.fiveStage()), null);
        feedWithin(harness, shuffledWithin(events, BOUND, new Random(8)), BOUND);
        harness.processWatermark(AS_OF.toEpochMilli());

        assertEquals(expected, byCustomer(harness.extractOutputValues()));
        assertTrue(harness.getSideOutput(LifecycleFunction.LATE) == null
                || harness.getSideOutput(LifecycleFunction.LATE).isEmpty());
        harness.close();
    }

    @Test
    void lapse_firesFromATimerWithoutAnotherEvent_atItsExactInstant() throws Exception {
        CustomerEvent order = purchase("c1", "o1", START);
        KeyedOneInputStreamOperatorTestHarness<String, CustomerEvent, StageTransition> harness =
                opened(LifecycleFunction.of(Templates.fiveStage()), null);
        harness.processElement(order, order.timestamp().toEpochMilli());
        harness.processWatermark(START.plus(Duration.ofDays(10)).toEpochMilli());
        int beforeLapse = harness.extractOutputValues().size();
        harness.processWatermark(START.plus(Duration.ofDays(400)).toEpochMilli());

        List<StageTransition> all = harness.extractOutputValues();
        StageTransition lapse = all.get(all.size() - 1);
        assertTrue(all.size() > beforeLapse, "a lapse after the last event: " + all);
        assertEquals("lapsed", lapse.toStageId());
        assertEquals(tracker(Templates.fiveStage(), List.of(order)).get("c1"), all);
        harness.close();
    }

    @Test
    void lateEvents_goToTheSideOutput_andChangeNothing() throws Exception {
        CustomerEvent first = purchase("c1", "o1", START.plus(Duration.ofDays(5)));
        CustomerEvent behind = purchase("c1", "o0", START);
        KeyedOneInputStreamOperatorTestHarness<String, CustomerEvent, StageTransition> harness =
                opened(LifecycleFunction.of(Templates.fiveStage()), null);
        harness.processElement(first, first.timestamp().toEpochMilli());
        harness.processWatermark(first.timestamp().toEpochMilli());
        harness.processElement(behind, behind.timestamp().toEpochMilli());
        harness.processWatermark(AS_OF.toEpochMilli());

        assertEquals(
                List.of(behind),
                harness.getSideOutput(LifecycleFunction.LATE).stream()
                        .map(StreamRecord::getValue)
                        .toList());
        assertEquals(tracker(Templates.fiveStage(), List.of(first)).get("c1"), harness.extractOutputValues());
        harness.close();
    }

    @Test
    void duplicates_areAppliedOnce() throws Exception {
        List<CustomerEvent> events = events(new Random(11), 50, 400);
        List<CustomerEvent> twice = new ArrayList<>(events);
        twice.addAll(events);
        twice.sort(Comparator.comparing(CustomerEvent::timestamp));
        KeyedOneInputStreamOperatorTestHarness<String, CustomerEvent, StageTransition> harness =
                opened(LifecycleFunction.of(Templates.fiveStage()), null);
        feedWithin(harness, twice, BOUND);
        harness.processWatermark(AS_OF.toEpochMilli());

        assertEquals(tracker(Templates.fiveStage(), events), byCustomer(harness.extractOutputValues()));
        harness.close();
    }

    @Test
    void eventIds_areForgottenAHorizonLater() throws Exception {
        CustomerEvent first = purchase("c1", "o1", START);
        CustomerEvent again = purchase("c1", "o1", START.plus(Duration.ofHours(1)));
        CustomerEvent reused = purchase("c1", "o1", START.plus(Duration.ofDays(3)));
        KeyedOneInputStreamOperatorTestHarness<String, CustomerEvent, StageTransition> harness =
                opened(LifecycleFunction.of(Templates.fiveStage(), Duration.ofSeconds(1), Duration.ofDays(1)), null);
        for (CustomerEvent event : List.of(first, again)) {
            harness.processElement(event, event.timestamp().toEpochMilli());
        }
        harness.processWatermark(START.plus(Duration.ofDays(2)).toEpochMilli());
        harness.processElement(reused, reused.timestamp().toEpochMilli());
        harness.processWatermark(START.plus(Duration.ofDays(4)).toEpochMilli());

        // the redelivery within the day is dropped; the id used again three days later is a new order
        assertEquals(
                List.of("awareness->conversion", "conversion->retention"),
                harness.extractOutputValues().stream()
                        .map(t -> t.fromStageId() + "->" + t.toStageId())
                        .toList());
        assertEquals(reused.timestamp(), harness.extractOutputValues().get(1).at());
        harness.close();
    }

    @Test
    void restore_sameOrCompatibleTemplate_continuesAsWithoutTheStop() throws Exception {
        List<CustomerEvent> events = events(new Random(13), 100, 1_000);
        int half = events.size() / 2;
        KeyedOneInputStreamOperatorTestHarness<String, CustomerEvent, StageTransition> first =
                opened(LifecycleFunction.of(Templates.fiveStage()), null);
        feedWithin(first, events.subList(0, half), Duration.ZERO);
        OperatorSubtaskState snapshot = first.snapshot(1, 1);
        List<StageTransition> before = new ArrayList<>(first.extractOutputValues());
        first.close();

        LifecycleTemplate described = Templates.fiveStage().toBuilder()
                .replaceStage(
                        "awareness",
                        Templates.fiveStage().stages().get(0).toBuilder()
                                .description("seen us, bought nothing yet")
                                .build())
                .build();
        KeyedOneInputStreamOperatorTestHarness<String, CustomerEvent, StageTransition> second =
                opened(LifecycleFunction.of(described), snapshot);
        feedWithin(second, events.subList(half, events.size()), Duration.ZERO);
        second.processWatermark(AS_OF.toEpochMilli());
        before.addAll(second.extractOutputValues());

        assertEquals(tracker(Templates.fiveStage(), events), byCustomer(before));
        second.close();
    }

    @Test
    void restore_incompatibleTemplate_isRefusedNamingTheDifference() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, CustomerEvent, StageTransition> first =
                opened(LifecycleFunction.of(Templates.fiveStage()), null);
        feedWithin(first, events(new Random(17), 20, 100), Duration.ZERO);
        OperatorSubtaskState snapshot = first.snapshot(1, 1);
        first.close();

        Exception refused = assertThrows(
                Exception.class,
                () -> opened(LifecycleFunction.of(Templates.fiveStage(Duration.ofDays(90))), snapshot)
                        .processWatermark(AS_OF.toEpochMilli()));
        String messages = messages(refused);
        assertTrue(messages.contains("cannot be read under the job's template"), messages);
        assertTrue(messages.contains("rule 'lapse") || messages.contains("rule '"), messages);
        assertTrue(messages.contains("changed from"), messages);
    }

    // ---- helpers

    private static KeyedOneInputStreamOperatorTestHarness<String, CustomerEvent, StageTransition> opened(
            LifecycleFunction function, @Nullable OperatorSubtaskState restored) throws Exception {
        return opened(function, 1, 1, 0, restored);
    }

    /** An open harness of the function as subtask {@code subtask} of {@code parallelism}, restored when given a state. */
    static KeyedOneInputStreamOperatorTestHarness<String, CustomerEvent, StageTransition> opened(
            LifecycleFunction function,
            int maxParallelism,
            int parallelism,
            int subtask,
            @Nullable OperatorSubtaskState restored)
            throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, CustomerEvent, StageTransition> harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(function),
                        CustomerEvent::customerId,
                        Types.STRING,
                        maxParallelism,
                        parallelism,
                        subtask);
        harness.setup(StageTransitionSerializer.INSTANCE);
        if (restored != null) {
            harness.initializeState(restored);
        }
        harness.open();
        return harness;
    }

    /** Feeds events as they come, with a watermark of the latest timestamp less the bound after each. */
    private static void feedWithin(
            KeyedOneInputStreamOperatorTestHarness<String, CustomerEvent, StageTransition> harness,
            List<CustomerEvent> events,
            Duration bound)
            throws Exception {
        long latest = Long.MIN_VALUE;
        for (CustomerEvent event : events) {
            long millis = event.timestamp().toEpochMilli();
            harness.processElement(event, millis);
            latest = Math.max(latest, millis);
            harness.processWatermark(latest - bound.toMillis() - 1);
        }
    }

    /** The events in time order, each moved by up to the bound; the watermark's bound keeps them all on time. */
    private static List<CustomerEvent> shuffledWithin(List<CustomerEvent> events, Duration bound, Random random) {
        record Keyed(long key, CustomerEvent event) {}
        List<Keyed> keyed = new ArrayList<>();
        for (CustomerEvent event : events) {
            long jitter = (long) (random.nextDouble() * bound.toMillis());
            keyed.add(new Keyed(event.timestamp().toEpochMilli() - jitter, event));
        }
        keyed.sort(Comparator.comparingLong(Keyed::key));
        return keyed.stream().map(Keyed::event).toList();
    }

    /** The tracker's transitions per customer for the events in time order, advanced to {@link #AS_OF}. */
    static Map<String, List<StageTransition>> tracker(LifecycleTemplate template, List<CustomerEvent> events) {
        List<StageTransition> transitions = new ArrayList<>();
        LifecycleTracker tracker =
                LifecycleTracker.builder(template).listener(transitions::add).build();
        List<CustomerEvent> sorted = new ArrayList<>(events);
        sorted.sort(LifecycleStep.EVENT_ORDER);
        sorted.forEach(tracker::accept);
        tracker.advanceTo(AS_OF);
        return byCustomer(transitions);
    }

    static Map<String, List<StageTransition>> byCustomer(List<StageTransition> transitions) {
        return transitions.stream()
                .collect(Collectors.groupingBy(StageTransition::customerId, TreeMap::new, Collectors.toList()));
    }

    /** Random events of some customers from {@link #START} over about a year, in time order. */
    static List<CustomerEvent> events(Random random, int customers, int count) {
        List<CustomerEvent> events = new ArrayList<>();
        EventType[] types = {EventType.SITE_VISIT, EventType.PRODUCT_VIEW, EventType.CART_ADD, EventType.PURCHASE};
        for (int i = 0; i < count; i++) {
            String customer = "c" + random.nextInt(customers);
            Instant at = START.plusSeconds((long) (random.nextDouble() * 400 * 86_400));
            EventType type = types[random.nextInt(types.length)];
            CustomerEvent.Builder event =
                    CustomerEvent.builder(customer, type, at).eventId("e" + i);
            if (type == EventType.PURCHASE) {
                event.amount(Money.of(String.valueOf(1 + random.nextInt(200)), "USD"));
            }
            events.add(event.build());
        }
        events.sort(Comparator.comparing(CustomerEvent::timestamp));
        return events;
    }

    private static CustomerEvent purchase(String customer, String id, Instant at) {
        return CustomerEvent.builder(customer, EventType.PURCHASE, at)
                .eventId(id)
                .amount(Money.of("20", "USD"))
                .build();
    }

    private static String messages(Throwable thrown) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            text.append(t.getMessage()).append(" | ");
        }
        return text.toString();
    }
}
