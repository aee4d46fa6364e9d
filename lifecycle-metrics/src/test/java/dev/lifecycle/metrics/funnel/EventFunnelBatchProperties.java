package dev.lifecycle.metrics.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.EventBatch;
import dev.lifecycle.core.EventType;
import dev.lifecycle.metrics.RandomLogs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The event funnel of a batch, on 1 to 4 threads, equals the funnel of the batch's events as objects: counts, rates
 * and times to convert, on random logs with ties, fractions of seconds and windows that end exactly on events.
 */
final class EventFunnelBatchProperties {
    private static final EventType[] COMMON = {
        EventType.SITE_VISIT, EventType.PRODUCT_VIEW, EventType.CART_ADD, EventType.PURCHASE
    };
    private static final Instant T0 = RandomLogs.BASE;

    @Test
    void evaluateBatch_randomLogs_equalsObjectPathOnAnyThreads() {
        qt().withFixedSeed(1414L).withExamples(1500).forAll(longs().all()).checkAssert(seed -> {
            Random random = new Random(seed);
            EventBatch batch = RandomLogs.batch(random, true);
            EventFunnel funnel = randomFunnel(random);
            Funnel expected = funnel.evaluate(batch.events());
            for (int threads = 1; threads <= 4; threads++) {
                Funnel actual = funnel.evaluate(batch, threads);
                assertEquals(expected, actual, () -> funnel + " on " + batch.events());
                assertEquals(expected.timeToConvert(), actual.timeToConvert(), funnel::toString);
            }
            assertEquals(expected, funnel.evaluate(batch));
        });
    }

    @Test
    void evaluateBatch_longUnorderedHistoriesWithTies_equalsObjectPath() {
        // one or two customers with up to 300 events on a few minutes: out of order, many at one instant
        qt().withFixedSeed(31L).withExamples(300).forAll(longs().all()).checkAssert(seed -> {
            Random random = new Random(seed);
            List<CustomerEvent> events = new ArrayList<>();
            int count = 33 + random.nextInt(270);
            for (int i = 0; i < count; i++) {
                events.add(CustomerEvent.of(
                        "c" + random.nextInt(2),
                        COMMON[random.nextInt(COMMON.length)],
                        T0.plusSeconds(60L * random.nextInt(8))));
            }
            EventBatch batch = EventBatch.of(events);
            EventFunnel funnel = randomFunnel(random);
            for (int threads = 1; threads <= 2; threads++) {
                assertEquals(funnel.evaluate(batch.events()), funnel.evaluate(batch, threads), funnel::toString);
            }
        });
    }

    @Test
    void evaluateBatch_emptyBatch_everyStepZero() {
        EventFunnel funnel = typed(Duration.ofMinutes(5), EventType.SITE_VISIT, EventType.PURCHASE);
        EventBatch empty = EventBatch.builder().build();

        Funnel funnel1 = funnel.evaluate(empty, 3);

        assertEquals(funnel.evaluate(List.of()), funnel1);
        assertEquals(
                List.of(0L, 0L), funnel1.steps().stream().map(FunnelStep::count).toList());
    }

    @Test
    void evaluateBatch_eventsAtAndPastWindowEnd_onlyTheOneAtTheEndCounts() {
        EventFunnel funnel = typed(Duration.ofMinutes(10), EventType.SITE_VISIT, EventType.CART_ADD);
        List<CustomerEvent> events = List.of(
                CustomerEvent.of("at-end", EventType.SITE_VISIT, T0),
                CustomerEvent.of("at-end", EventType.CART_ADD, T0.plus(Duration.ofMinutes(10))),
                CustomerEvent.of("past-end", EventType.SITE_VISIT, T0),
                CustomerEvent.of(
                        "past-end",
                        EventType.CART_ADD,
                        T0.plus(Duration.ofMinutes(10)).plusNanos(1)));

        Funnel result = funnel.evaluate(EventBatch.of(events), 2);

        assertEquals(funnel.evaluate(events), result);
        assertEquals(
                List.of(2L, 1L), result.steps().stream().map(FunnelStep::count).toList());
        assertEquals(
                List.of(Duration.ofMinutes(10)),
                result.timeToConvert().orElseThrow().durations());
    }

    @Test
    void evaluateBatch_tieAtOneInstant_rowOrderDecides() {
        // at one instant the cart addition comes first in the log, so it cannot follow the visit
        EventFunnel funnel = typed(Duration.ofMinutes(10), EventType.SITE_VISIT, EventType.CART_ADD);
        List<CustomerEvent> events =
                List.of(CustomerEvent.of("c", EventType.CART_ADD, T0), CustomerEvent.of("c", EventType.SITE_VISIT, T0));

        Funnel result = funnel.evaluate(EventBatch.of(events), 1);

        assertEquals(funnel.evaluate(events), result);
        assertEquals(
                List.of(1L, 0L), result.steps().stream().map(FunnelStep::count).toList());
    }

    @Test
    void evaluateBatch_windowLongerThanTheSupportedRange_admitsEveryLaterEvent() {
        EventFunnel funnel = typed(Duration.ofDays(400 * 366L), EventType.SITE_VISIT, EventType.PURCHASE);
        List<CustomerEvent> events = List.of(
                CustomerEvent.of("c", EventType.SITE_VISIT, Instant.parse("1700-01-01T00:00:00Z")),
                CustomerEvent.of("c", EventType.PURCHASE, Instant.parse("2100-01-01T00:00:00Z")));

        Funnel result = funnel.evaluate(EventBatch.of(events), 1);

        assertEquals(funnel.evaluate(events), result);
        assertEquals(
                Duration.between(events.get(0).timestamp(), events.get(1).timestamp()),
                result.timeToConvert().orElseThrow().durations().get(0));
    }

    @Test
    void evaluateBatch_windowOverACenturyWithNanoseconds_endsExactlyAtEntryPlusWindow() {
        // 150 years and half a second from an entry 0.7 s into its second: the window's end carries into the next
        // second. At the end converts, a nanosecond past it does not.
        Duration window = Duration.ofDays(150 * 365L).plusMillis(500);
        Instant entry = Instant.parse("1800-01-01T00:00:00.700Z");
        Instant end = Instant.parse("1949-11-26T00:00:01.200Z");
        assertEquals(end, entry.plus(window));
        EventFunnel funnel = typed(window, EventType.SITE_VISIT, EventType.PURCHASE);
        List<CustomerEvent> events = List.of(
                CustomerEvent.of("at-end", EventType.SITE_VISIT, entry),
                CustomerEvent.of("at-end", EventType.PURCHASE, end),
                CustomerEvent.of("past-end", EventType.SITE_VISIT, entry),
                CustomerEvent.of("past-end", EventType.PURCHASE, end.plusNanos(1)));

        for (int threads = 1; threads <= 2; threads++) {
            Funnel result = funnel.evaluate(EventBatch.of(events), threads);

            assertEquals(funnel.evaluate(events), result);
            assertEquals(List.of(2L, 1L), counts(result));
            assertEquals(List.of(window), result.timeToConvert().orElseThrow().durations());
        }
    }

    @Test
    void evaluateBatch_windowEndingPastTheSupportedInstants_admitsEveryLaterEvent() {
        // 2200 plus 150 years lies past 2262: every later supported instant is within the window
        EventFunnel funnel = typed(Duration.ofDays(150 * 365L), EventType.SITE_VISIT, EventType.PURCHASE);
        Instant entry = Instant.parse("2200-01-01T00:00:00Z");
        Instant purchase = Instant.parse("2261-12-31T23:59:59.999999999Z");
        List<CustomerEvent> events = List.of(
                CustomerEvent.of("c", EventType.SITE_VISIT, entry),
                CustomerEvent.of("c", EventType.PURCHASE, purchase));

        Funnel result = funnel.evaluate(EventBatch.of(events), 1);

        assertEquals(funnel.evaluate(events), result);
        assertEquals(List.of(1L, 1L), counts(result));
        assertEquals(
                List.of(Duration.between(entry, purchase)),
                result.timeToConvert().orElseThrow().durations());
    }

    @Test
    void evaluateBatch_longestWindow_admitsTheWholeSupportedRange() {
        EventFunnel funnel = typed(Duration.ofSeconds(Long.MAX_VALUE), EventType.SITE_VISIT, EventType.PURCHASE);
        Instant first = Instant.parse("1678-01-01T00:00:00Z");
        Instant last = Instant.parse("2261-12-31T23:59:59Z");
        List<CustomerEvent> events = List.of(
                CustomerEvent.of("c", EventType.SITE_VISIT, first), CustomerEvent.of("c", EventType.PURCHASE, last));

        Funnel result = funnel.evaluate(EventBatch.of(events), 1);

        assertEquals(List.of(1L, 1L), counts(result));
        assertEquals(
                List.of(Duration.between(first, last)),
                result.timeToConvert().orElseThrow().durations());
    }

    @Test
    void evaluateBatch_conversionOver292Years_timesStillShortestFirst() {
        // 400 years is more nanoseconds than a signed long holds: the batch must still sort it after a minute
        EventFunnel funnel = typed(Duration.ofDays(500 * 366L), EventType.SITE_VISIT, EventType.PURCHASE);
        Instant longEntry = Instant.parse("1700-01-01T00:00:00Z");
        Instant longPurchase = Instant.parse("2100-01-01T00:00:00Z");
        Instant shortEntry = Instant.parse("2000-01-01T00:00:00Z");
        List<CustomerEvent> events = List.of(
                CustomerEvent.of("long", EventType.SITE_VISIT, longEntry),
                CustomerEvent.of("long", EventType.PURCHASE, longPurchase),
                CustomerEvent.of("short", EventType.SITE_VISIT, shortEntry),
                CustomerEvent.of("short", EventType.PURCHASE, shortEntry.plusSeconds(60)));

        for (int threads = 1; threads <= 2; threads++) {
            Funnel result = funnel.evaluate(EventBatch.of(events), threads);

            assertEquals(funnel.evaluate(events), result);
            assertEquals(
                    List.of(Duration.ofMinutes(1), Duration.between(longEntry, longPurchase)),
                    result.timeToConvert().orElseThrow().durations());
        }
    }

    @Test
    void evaluateBatch_tieAcrossTheHalvesOfALongHistory_rowOrderDecides() {
        // 40 events of one customer, out of time order, so they are merge sorted in halves of 20 rows. At T0 the cart
        // addition (row 0, left half) comes before the visit (row 20, right half); the next cart addition is 20
        // minutes later, past the 10-minute window, so the visit is never followed by a cart addition.
        EventFunnel funnel = typed(Duration.ofMinutes(10), EventType.SITE_VISIT, EventType.CART_ADD);
        List<CustomerEvent> events = new ArrayList<>();
        events.add(CustomerEvent.of("c", EventType.CART_ADD, T0));
        for (int i = 1; i < 20; i++) {
            events.add(CustomerEvent.of("c", EventType.CART_ADD, T0.plus(Duration.ofMinutes(20))));
        }
        events.add(CustomerEvent.of("c", EventType.SITE_VISIT, T0));
        for (int i = 21; i < 40; i++) {
            events.add(CustomerEvent.of("c", EventType.SITE_VISIT, T0.plus(Duration.ofMinutes(30))));
        }

        Funnel result = funnel.evaluate(EventBatch.of(events), 1);

        assertEquals(funnel.evaluate(events), result);
        assertEquals(List.of(1L, 0L), counts(result));
    }

    @Test
    void evaluateBatch_longHistoryWhoseFirstHalfMergesFirst_keepsItsLastEvent() {
        // 40 events of one customer, merge sorted in halves of 20 rows: rows 0-19 are visits at T0 + 1 min, rows 20-38
        // visits at T0, row 39 the cart addition at T0 + 5 min. In time order the first half runs out before the last
        // row, which completes the funnel: entry at T0, converted 5 minutes later.
        EventFunnel funnel = typed(Duration.ofMinutes(10), EventType.SITE_VISIT, EventType.CART_ADD);
        List<CustomerEvent> events = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            events.add(CustomerEvent.of("c", EventType.SITE_VISIT, T0.plus(Duration.ofMinutes(1))));
        }
        for (int i = 20; i < 39; i++) {
            events.add(CustomerEvent.of("c", EventType.SITE_VISIT, T0));
        }
        events.add(CustomerEvent.of("c", EventType.CART_ADD, T0.plus(Duration.ofMinutes(5))));

        Funnel result = funnel.evaluate(EventBatch.of(events), 1);

        assertEquals(funnel.evaluate(events), result);
        assertEquals(List.of(1L, 1L), counts(result));
        assertEquals(
                List.of(Duration.ofMinutes(5)),
                result.timeToConvert().orElseThrow().durations());
    }

    private static List<Long> counts(Funnel funnel) {
        return funnel.steps().stream().map(FunnelStep::count).toList();
    }

    @Test
    void evaluateBatch_predicateStep_evaluatesTheEventsAsObjects() {
        EventFunnel funnel = EventFunnel.builder(Duration.ofHours(1))
                .stepOfType("visit", EventType.SITE_VISIT)
                .step(
                        "big order",
                        e -> e.amount().map(m -> m.minorUnits() >= 1000).orElse(false))
                .build();
        Random random = new Random(7);
        for (int i = 0; i < 50; i++) {
            EventBatch batch = RandomLogs.batch(random, false);
            assertEquals(funnel.evaluate(batch.events()), funnel.evaluate(batch, 3));
        }
    }

    @Test
    void evaluateBatch_threadsBelowOne_isRefused() {
        EventFunnel funnel = typed(Duration.ZERO, EventType.SITE_VISIT);
        EventBatch batch = EventBatch.builder().build();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> funnel.evaluate(batch, 0));

        assertTrue(String.valueOf(e.getMessage()).contains("threads must be 1 or more but was 0"), e.getMessage());
    }

    private static EventFunnel typed(Duration window, EventType... types) {
        EventFunnel.Builder builder = EventFunnel.builder(window);
        for (int i = 0; i < types.length; i++) {
            builder.stepOfType("step" + i, types[i]);
        }
        return builder.build();
    }

    /** One to five steps by type, types repeated at times; windows from zero to days, some with nanoseconds. */
    private static EventFunnel randomFunnel(Random random) {
        List<EventType> types = new ArrayList<>();
        int steps = 1 + random.nextInt(5);
        for (int i = 0; i < steps; i++) {
            types.add(
                    random.nextInt(4) == 0
                            ? EventType.values()[random.nextInt(EventType.values().length)]
                            : COMMON[random.nextInt(COMMON.length)]);
        }
        Duration window = switch (random.nextInt(4)) {
            case 0 -> Duration.ofMinutes(random.nextInt(30));
            case 1 -> Duration.ofMinutes(random.nextInt(300));
            case 2 -> Duration.ofDays(random.nextInt(60)).plusNanos(random.nextInt(1_000_000_000));
            default -> Duration.ofDays(200);
        };
        return typed(window, types.toArray(new EventType[0]));
    }
}
