package dev.lifecycle.metrics.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Event funnels: order of steps, the inclusive window, one step per event, time to convert. */
final class EventFunnelTest {
    @Test
    void builder_stepsAndWindow_asGiven() {
        EventFunnel funnel = EventFunnel.builder(Duration.ofMinutes(30))
                .stepOfType("visit", EventType.SITE_VISIT)
                .step("cart", e -> e.type() == EventType.CART_ADD)
                .build();

        assertEquals(List.of("visit", "cart"), funnel.stepNames());
        assertEquals(Duration.ofMinutes(30), funnel.window());
    }

    private static final Instant T0 = Instant.parse("2024-03-01T00:00:00Z");

    private static final EventFunnel VISIT_CART_BUY = EventFunnel.builder(Duration.ofDays(7))
            .stepOfType("visit", EventType.SITE_VISIT)
            .stepOfType("cart", EventType.CART_ADD)
            .stepOfType("buy", EventType.PURCHASE)
            .build();

    @Test
    void evaluate_handWorkedLog_countsAndTimeToConvert() {
        List<CustomerEvent> events = List.of(
                // a: in order within the window
                event("a", EventType.SITE_VISIT, 0),
                event("a", EventType.CART_ADD, 1),
                event("a", EventType.PURCHASE, 2),
                // b: the cart before the visit does not count
                event("b", EventType.CART_ADD, 0),
                event("b", EventType.SITE_VISIT, 1),
                event("b", EventType.PURCHASE, 2),
                // c: purchase exactly at the window's end counts (inclusive)
                event("c", EventType.PURCHASE, 7),
                event("c", EventType.CART_ADD, 3),
                event("c", EventType.SITE_VISIT, 0),
                // d: purchase one day after the window
                event("d", EventType.SITE_VISIT, 0),
                event("d", EventType.CART_ADD, 1),
                event("d", EventType.PURCHASE, 8),
                // e: a second visit does not restart the window
                event("e", EventType.SITE_VISIT, 0),
                event("e", EventType.SITE_VISIT, 5),
                event("e", EventType.CART_ADD, 6),
                event("e", EventType.PURCHASE, 9),
                // f: never enters the funnel
                event("f", EventType.PURCHASE, 0));

        Funnel funnel = VISIT_CART_BUY.evaluate(events);

        assertEquals(
                List.of(5L, 4L, 2L),
                funnel.steps().stream().map(FunnelStep::count).toList());
        TimeToConvert time = funnel.timeToConvert().orElseThrow();
        assertEquals(List.of(Duration.ofDays(2), Duration.ofDays(7)), time.durations());
        assertEquals(Duration.ofHours(108), time.mean().orElseThrow());
        assertEquals(Duration.ofHours(108), time.median().orElseThrow());
        assertEquals(Duration.ofDays(7), time.p90().orElseThrow());
        assertEquals("buy", funnel.biggestDropOff().orElseThrow().name());
    }

    @Test
    void evaluate_twoStepsOfSameType_oneEventSatisfiesOneStep() {
        EventFunnel twoVisits = EventFunnel.builder(Duration.ofDays(30))
                .stepOfType("first visit", EventType.SITE_VISIT)
                .stepOfType("return visit", EventType.SITE_VISIT)
                .build();

        Funnel funnel = twoVisits.evaluate(List.of(
                event("once", EventType.SITE_VISIT, 0),
                event("twice", EventType.SITE_VISIT, 0),
                event("twice", EventType.SITE_VISIT, 1)));

        assertEquals(
                List.of(2L, 1L), funnel.steps().stream().map(FunnelStep::count).toList());
    }

    @Test
    void evaluate_noEvents_emptyFunnel() {
        Funnel funnel = VISIT_CART_BUY.evaluate(List.of());

        assertEquals(true, funnel.isEmpty());
        assertEquals(0, funnel.timeToConvert().orElseThrow().count());
    }

    @Test
    void evaluate_throwingCondition_failsNamingStep() {
        EventFunnel broken = EventFunnel.builder(Duration.ofDays(1))
                .step("bad", e -> {
                    throw new IllegalArgumentException("boom");
                })
                .build();
        CustomerEvent event = event("a", EventType.SITE_VISIT, 0);

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> broken.evaluate(List.of(event)));
        assertEquals("condition of funnel step 'bad' failed on event " + event.eventId(), e.getMessage());
    }

    @Test
    void builder_negativeWindow_rejected() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> EventFunnel.builder(Duration.ofSeconds(-1)));
        assertEquals("window must be zero or more but was PT-1S", e.getMessage());
    }

    @Test
    void builder_repeatedStepName_rejected() {
        EventFunnel.Builder builder = EventFunnel.builder(Duration.ZERO).stepOfType("v", EventType.SITE_VISIT);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> builder.stepOfType("v", EventType.PURCHASE));
        assertEquals("step name must be unique but 'v' is repeated", e.getMessage());
    }

    @Test
    void build_noSteps_rejected() {
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> EventFunnel.builder(Duration.ZERO).build());
        assertEquals("an event funnel needs at least one step but none was added", e.getMessage());
    }

    private static CustomerEvent event(String customer, EventType type, int day) {
        return CustomerEvent.of(customer, type, T0.plus(Duration.ofDays(day)));
    }
}
