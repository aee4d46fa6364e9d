package dev.lifecycle.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.LifecycleClassifier;
import dev.lifecycle.core.LifecycleTracker;
import dev.lifecycle.core.Templates;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Workload 3's forms, each run once at small size, give the library's distribution: the tracker on one and two
 * threads, the step alone, and the long history as one customer and as one customer per event.
 */
final class TrackerBenchmarkTest {
    private static final int CUSTOMERS = 20_000;

    private static List<CustomerEvent> events;
    private static String expected;

    @BeforeAll
    static void setUp() {
        SyntheticLog log = SyntheticLog.generate(CUSTOMERS, SyntheticLog.DEFAULT_SEED);
        events = log.eventsInTimeOrder();
        expected = Canonical.counts(LifecycleClassifier.of(Templates.fiveStage())
                .classifyAll(log.profiles(), SyntheticLog.AS_OF)
                .counts());
    }

    @Test
    void acceptEachEvent_oneThread_libraryDistribution() {
        assertEquals(expected, TrackerBenchmark.answer(TrackerBenchmark.track(events), events.size()));
    }

    @Test
    void feeders_partitionByShardInTimeOrder_twoThreadsGiveTheLibraryDistribution() {
        TrackerBenchmark.Feeders feeders = new TrackerBenchmark.Feeders();
        feeders.load(events);
        try {
            assertEquals(TrackerBenchmark.Feeders.THREADS, feeders.perThread.size());
            assertEquals(events.size(), feeders.eventCount);
            assertEquals(
                    events.size(),
                    feeders.perThread.stream().mapToInt(List::size).sum());
            LifecycleTracker shards = LifecycleTracker.builder(Templates.fiveStage())
                    .shards(TrackerBenchmark.Feeders.SHARDS)
                    .build();
            Map<String, Integer> threadOf = new HashMap<>();
            for (int t = 0; t < feeders.perThread.size(); t++) {
                List<CustomerEvent> own = feeders.perThread.get(t);
                assertTrue(own.size() > events.size() / 3, () -> "an unbalanced partition: " + own.size());
                for (int i = 0; i < own.size(); i++) {
                    CustomerEvent event = own.get(i);
                    assertEquals(t, shards.shardOf(event.customerId()) % TrackerBenchmark.Feeders.THREADS);
                    assertEquals(t, threadOf.merge(event.customerId(), t, (a, b) -> a));
                    if (i > 0) {
                        assertFalse(event.timestamp().isBefore(own.get(i - 1).timestamp()), "event " + i);
                    }
                }
            }
            for (int pass = 0; pass < 2; pass++) {
                assertEquals(expected, TrackerBenchmark.answer(feeders.track(), events.size()));
            }
        } finally {
            feeders.tearDown();
        }
    }

    @Test
    void stepAll_arrayOfStates_libraryDistribution() {
        TrackerBenchmark.Steps steps = new TrackerBenchmark.Steps();
        steps.load(events);
        assertEquals(CUSTOMERS, steps.customers);
        assertEquals(events.size(), steps.customerOf.length);
        Map<Integer, String> customerOf = new HashMap<>();
        for (int i = 0; i < steps.events.length; i++) {
            assertEquals(events.get(i), steps.events[i]);
            String id = steps.events[i].customerId();
            assertEquals(id, customerOf.merge(steps.customerOf[i], id, (a, b) -> a));
        }
        assertEquals(CUSTOMERS, customerOf.size());
        assertEquals(expected, TrackerBenchmark.stepAnswer(steps.step, TrackerBenchmark.stepAll(steps)));
        assertEquals(expected, TrackerBenchmark.stepAnswer(steps.step, TrackerBenchmark.stepAll(steps)));
    }

    /** The floor gives every customer a state of its own id and of the stated size, the same work as the step's loop. */
    @Test
    void floorAll_everyCustomerAStateOfItsId() {
        TrackerBenchmark.Steps steps = new TrackerBenchmark.Steps();
        steps.load(events);
        TrackerBenchmark.FloorState[] states = TrackerBenchmark.floorAll(steps);
        assertEquals(CUSTOMERS, states.length);
        for (int i = 0; i < steps.events.length; i++) {
            TrackerBenchmark.FloorState state = states[steps.customerOf[i]];
            assertEquals(steps.events[i].customerId(), state.customerId());
            assertEquals(TrackerBenchmark.FLOOR_STATE_BYTES, state.bytes().length);
        }
    }

    @Test
    void oneCustomerLog_oneCustomerInTimeOrder_aMixOverTheSpan() {
        OneCustomerLog log = OneCustomerLog.generate(OneCustomerLog.EVENTS, SyntheticLog.DEFAULT_SEED);
        List<CustomerEvent> one = log.oneCustomer();
        assertEquals(OneCustomerLog.EVENTS, one.size());
        Map<EventType, Integer> byType = new EnumMap<>(EventType.class);
        for (int i = 0; i < one.size(); i++) {
            CustomerEvent event = one.get(i);
            assertEquals(OneCustomerLog.CUSTOMER, event.customerId());
            assertTrue(event.timestamp().isBefore(SyntheticLog.AS_OF), event::toString);
            if (i > 0) {
                assertFalse(event.timestamp().isBefore(one.get(i - 1).timestamp()), "event " + i);
            }
            assertEquals(event.type() == EventType.PURCHASE, event.amount().isPresent(), event::toString);
            byType.merge(event.type(), 1, Integer::sum);
        }
        assertTrue(byType.getOrDefault(EventType.PURCHASE, 0) > OneCustomerLog.EVENTS / 20, byType::toString);
        assertTrue(byType.getOrDefault(EventType.SITE_VISIT, 0) > OneCustomerLog.EVENTS / 5, byType::toString);
        assertTrue(byType.getOrDefault(EventType.PRODUCT_VIEW, 0) > OneCustomerLog.EVENTS / 5, byType::toString);
        Duration span =
                Duration.between(one.get(0).timestamp(), one.get(one.size() - 1).timestamp());
        assertTrue(span.toDays() > 365 * (OneCustomerLog.YEARS - 1), span::toString);
        assertEquals(
                one,
                OneCustomerLog.generate(OneCustomerLog.EVENTS, SyntheticLog.DEFAULT_SEED)
                        .oneCustomer());
    }

    @Test
    void oneEventEach_sameEventsButACustomerEach() {
        OneCustomerLog log = OneCustomerLog.generate(OneCustomerLog.EVENTS, SyntheticLog.DEFAULT_SEED);
        List<CustomerEvent> one = log.oneCustomer();
        List<CustomerEvent> each = log.oneEventEach();
        assertEquals(one.size(), each.size());
        Set<String> customers = new HashSet<>();
        for (int i = 0; i < each.size(); i++) {
            assertEquals(one.get(i).type(), each.get(i).type());
            assertEquals(one.get(i).timestamp(), each.get(i).timestamp());
            assertEquals(one.get(i).amount(), each.get(i).amount());
            customers.add(each.get(i).customerId());
        }
        assertEquals(each.size(), customers.size());
    }

    @Test
    void longHistory_bothLogsThroughTheTracker_libraryDistribution() {
        TrackerBenchmark.LongHistory history = new TrackerBenchmark.LongHistory();
        history.setUp();
        String one = OneCustomerLog.expectedCounts(history.oneCustomer);
        assertTrue(one.matches(".*=1(,.*|$)"), one);
        assertEquals(one, TrackerBenchmark.answer(TrackerBenchmark.track(history.oneCustomer), OneCustomerLog.EVENTS));
        assertEquals(
                OneCustomerLog.expectedCounts(history.oneEventEach),
                TrackerBenchmark.answer(TrackerBenchmark.track(history.oneEventEach), OneCustomerLog.EVENTS));
    }
}
