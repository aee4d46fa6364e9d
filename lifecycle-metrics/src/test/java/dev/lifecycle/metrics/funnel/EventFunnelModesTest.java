package dev.lifecycle.metrics.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.EventBatch;
import dev.lifecycle.core.EventType;
import dev.lifecycle.metrics.abtest.ProportionTest;
import dev.lifecycle.metrics.cohort.CohortPeriod;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Hand-worked logs for each order mode, entry choice, optional step, gap, exclusion, tie, breakdown and period of an
 * event funnel, with every count worked out in the comments; and the refusals of definitions that make no sense.
 */
final class EventFunnelModesTest {
    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");

    private static CustomerEvent at(String customer, EventType type, long minutes) {
        return CustomerEvent.of(customer, type, T0.plus(Duration.ofMinutes(minutes)));
    }

    private static List<Long> counts(Funnel funnel) {
        return funnel.steps().stream().map(FunnelStep::count).toList();
    }

    private static EventFunnel.Builder visitCartBuy(Duration window) {
        return EventFunnel.builder(window)
                .stepOfType("visit", EventType.SITE_VISIT)
                .stepOfType("cart", EventType.CART_ADD)
                .stepOfType("buy", EventType.PURCHASE);
    }

    @Test
    void ties_equalTimestampsCountInInputOrder() {
        EventFunnel funnel = visitCartBuy(Duration.ofHours(1)).build();
        // a: visit and cart at the same minute, in that order in the input: both steps
        // b: the same instant, cart first in the input: the cart comes before the visit, so only step 1
        List<CustomerEvent> events = List.of(
                at("a", EventType.SITE_VISIT, 5),
                at("a", EventType.CART_ADD, 5),
                at("b", EventType.CART_ADD, 5),
                at("b", EventType.SITE_VISIT, 5));

        assertEquals(List.of(2L, 1L, 0L), counts(funnel.evaluate(events)));
        assertEquals(List.of(2L, 1L, 0L), counts(funnel.evaluate(EventBatch.of(events), 2)));
    }

    @Test
    void strict_anotherEventBetweenStepsBreaksTheChain() {
        EventFunnel ordered = visitCartBuy(Duration.ofHours(1)).build();
        EventFunnel strict =
                visitCartBuy(Duration.ofHours(1)).order(FunnelOrder.STRICT).build();
        // a: visit, product view, cart, purchase: ordered reaches all three; strict stops at the visit, because the
        //    product view comes between the visit and the cart
        // b: visit, cart, purchase back to back: all three in both modes
        List<CustomerEvent> events = List.of(
                at("a", EventType.SITE_VISIT, 0),
                at("a", EventType.PRODUCT_VIEW, 1),
                at("a", EventType.CART_ADD, 2),
                at("a", EventType.PURCHASE, 3),
                at("b", EventType.SITE_VISIT, 0),
                at("b", EventType.CART_ADD, 1),
                at("b", EventType.PURCHASE, 2));

        assertEquals(List.of(2L, 2L, 2L), counts(ordered.evaluate(events)));
        assertEquals(List.of(2L, 1L, 1L), counts(strict.evaluate(events)));
        assertEquals(List.of("a"), strict.analyse(events).droppedBefore("cart"));
    }

    @Test
    void unordered_anyStepsInAnyOrderWithinTheWindow() {
        EventFunnel funnel = visitCartBuy(Duration.ofMinutes(30))
                .order(FunnelOrder.UNORDERED)
                .build();
        // a: purchase, then visit 10 minutes later: two steps, the second done at minute 10
        // b: cart, cart, visit 40 minutes later: the second cart makes no new step, the visit is past the window
        // c: nothing the funnel asks for
        List<CustomerEvent> events = List.of(
                at("a", EventType.PURCHASE, 0),
                at("a", EventType.SITE_VISIT, 10),
                at("b", EventType.CART_ADD, 0),
                at("b", EventType.CART_ADD, 5),
                at("b", EventType.SITE_VISIT, 40),
                at("c", EventType.REVIEW, 0));

        FunnelAnalysis analysis = funnel.analyse(events);
        assertEquals(List.of(2L, 1L, 0L), counts(analysis.funnel()));
        assertEquals(3, analysis.customerCount());
        assertEquals(
                List.of(Duration.ofMinutes(10)), analysis.timeFromEntry("cart").durations());
    }

    @Test
    void longestEntry_laterEntryThatGoesFurtherStartsTheWindow() {
        // a visit at 0:00 whose window (1 hour) ends before the cart; a second visit at 2:00 leads to the cart at
        // 2:30 and the purchase at 2:40
        List<CustomerEvent> events = List.of(
                at("a", EventType.SITE_VISIT, 0),
                at("a", EventType.SITE_VISIT, 120),
                at("a", EventType.CART_ADD, 150),
                at("a", EventType.PURCHASE, 160));

        EventFunnel first = visitCartBuy(Duration.ofHours(1)).build();
        EventFunnel longest =
                visitCartBuy(Duration.ofHours(1)).entry(FunnelEntry.LONGEST).build();

        assertEquals(List.of(1L, 0L, 0L), counts(first.evaluate(events)));
        Funnel funnel = longest.evaluate(events);
        assertEquals(List.of(1L, 1L, 1L), counts(funnel));
        assertEquals(
                List.of(Duration.ofMinutes(40)),
                funnel.timeToConvert().orElseThrow().durations());
    }

    @Test
    void longestEntry_ofEntriesGoingEquallyFarTheLatest() {
        // two visits before the cart, both within the window: the later one starts the chain, so the time to
        // convert is 5 minutes, not 15
        List<CustomerEvent> events = List.of(
                at("a", EventType.SITE_VISIT, 0),
                at("a", EventType.SITE_VISIT, 10),
                at("a", EventType.CART_ADD, 15),
                at("a", EventType.PURCHASE, 15));
        EventFunnel longest =
                visitCartBuy(Duration.ofHours(1)).entry(FunnelEntry.LONGEST).build();

        assertEquals(
                List.of(Duration.ofMinutes(5)),
                longest.evaluate(events).timeToConvert().orElseThrow().durations());
        assertEquals(
                List.of(Duration.ofMinutes(15)),
                visitCartBuy(Duration.ofHours(1))
                        .build()
                        .evaluate(events)
                        .timeToConvert()
                        .orElseThrow()
                        .durations());
    }

    @Test
    void optionalStep_takenWhenOnTheWayAndTimesMeasuredFromIt() {
        EventFunnel funnel = EventFunnel.builder(Duration.ofHours(1))
                .stepOfType("visit", EventType.SITE_VISIT)
                .stepOfType("view", EventType.PRODUCT_VIEW)
                .optional()
                .stepOfType("cart", EventType.CART_ADD)
                .build();
        // a: visit 0, view 4, cart 10: all three; time into the cart 6 minutes (from the view)
        // b: visit 0, cart 3: the view left out; time into the cart 3 minutes (from the visit)
        // c: visit 0, cart 2, view 5: the view comes after the cart, so it is left out
        List<CustomerEvent> events = List.of(
                at("a", EventType.SITE_VISIT, 0),
                at("a", EventType.PRODUCT_VIEW, 4),
                at("a", EventType.CART_ADD, 10),
                at("b", EventType.SITE_VISIT, 0),
                at("b", EventType.CART_ADD, 3),
                at("c", EventType.SITE_VISIT, 0),
                at("c", EventType.CART_ADD, 2),
                at("c", EventType.PRODUCT_VIEW, 5));

        FunnelAnalysis analysis = funnel.analyse(events);
        assertEquals(List.of("visit", "cart"), funnel.requiredStepNames());
        assertEquals(List.of(3L, 3L), counts(analysis.funnel()));
        assertEquals(1, analysis.stepCount("view"));
        assertEquals(
                List.of(Duration.ofMinutes(2), Duration.ofMinutes(3), Duration.ofMinutes(6)),
                analysis.timeToStep("cart").durations());
        assertEquals(
                List.of(Duration.ofMinutes(2), Duration.ofMinutes(3), Duration.ofMinutes(10)),
                analysis.timeFromEntry("cart").durations());
    }

    @Test
    void gaps_minimumAndMaximumBetweenSteps() {
        EventFunnel funnel = EventFunnel.builder(Duration.ofDays(1))
                .stepOfType("visit", EventType.SITE_VISIT)
                .stepOfType("cart", EventType.CART_ADD)
                .minGap(Duration.ofMinutes(5)) // the cart at least 5 minutes after the visit
                .stepOfType("buy", EventType.PURCHASE)
                .maxGap(Duration.ofMinutes(30)) // the purchase at most 30 minutes after the cart
                .build();
        // a: visit 0, cart 2 (too soon), cart 6, buy 30: the cart at 6 counts, the purchase 24 minutes after it
        // b: visit 0, cart 10, buy 50: the purchase is 40 minutes after the cart
        // c: visit 0, cart 10, cart 30, buy 50: with the cart at 30 the purchase is 20 minutes after: all three,
        //    though the greedy cart at 10 would not have reached it
        List<CustomerEvent> events = List.of(
                at("a", EventType.SITE_VISIT, 0),
                at("a", EventType.CART_ADD, 2),
                at("a", EventType.CART_ADD, 6),
                at("a", EventType.PURCHASE, 30),
                at("b", EventType.SITE_VISIT, 0),
                at("b", EventType.CART_ADD, 10),
                at("b", EventType.PURCHASE, 50),
                at("c", EventType.SITE_VISIT, 0),
                at("c", EventType.CART_ADD, 10),
                at("c", EventType.CART_ADD, 30),
                at("c", EventType.PURCHASE, 50));

        FunnelAnalysis analysis = funnel.analyse(events);
        assertEquals(List.of(3L, 3L, 2L), counts(analysis.funnel()));
        assertEquals(List.of("b"), analysis.droppedBefore("buy"));
        assertEquals(
                List.of(Duration.ofMinutes(6), Duration.ofMinutes(10), Duration.ofMinutes(30)),
                analysis.timeToStep("cart").durations());
    }

    @Test
    void exclusion_customersWhoDoItBetweenTheStepsCountNowhere() {
        EventFunnel funnel = visitCartBuy(Duration.ofHours(1))
                .exclude("refunded", EventType.REFUND, "visit", "buy")
                .build();
        // a: a refund between the visit and the purchase: excluded
        // b: a refund after the purchase: counted
        // c: visit, refund, never buys; the refund is within the window: excluded
        // d: visit, never buys, refund two hours later, past the window: counted, dropped before the cart
        List<CustomerEvent> events = List.of(
                at("a", EventType.SITE_VISIT, 0),
                at("a", EventType.CART_ADD, 1),
                at("a", EventType.REFUND, 2),
                at("a", EventType.PURCHASE, 3),
                at("b", EventType.SITE_VISIT, 0),
                at("b", EventType.CART_ADD, 1),
                at("b", EventType.PURCHASE, 3),
                at("b", EventType.REFUND, 4),
                at("c", EventType.SITE_VISIT, 0),
                at("c", EventType.REFUND, 5),
                at("d", EventType.SITE_VISIT, 0),
                at("d", EventType.REFUND, 120));

        FunnelAnalysis analysis = funnel.analyse(events);
        assertEquals(2, analysis.excludedCount());
        assertEquals(2, analysis.excludedCount("refunded"));
        assertEquals(List.of(2L, 1L, 1L), counts(analysis.funnel()));
        assertEquals(List.of("d"), analysis.droppedBefore("cart"));
        assertEquals(4, analysis.customerCount());
    }

    @Test
    void breakdown_firstAndLastTouchWithTheRestInOther() {
        EventFunnel funnel = EventFunnel.builder(Duration.ofHours(1))
                .step("visit", e -> e.type() == EventType.SITE_VISIT || e.type() == EventType.AD_CLICK)
                .stepOfType("buy", EventType.PURCHASE)
                .build();
        // first touch: a and b by ad, c by visit, d by ad, e by a review (never entered: no group)
        // last touch: a and b by their purchase, c and d by their entry event
        List<CustomerEvent> events = List.of(
                at("a", EventType.AD_CLICK, 0),
                at("a", EventType.PURCHASE, 5),
                at("b", EventType.AD_CLICK, 0),
                at("b", EventType.PURCHASE, 9),
                at("c", EventType.SITE_VISIT, 0),
                at("d", EventType.AD_CLICK, 0),
                at("e", EventType.REVIEW, 0));
        FunnelAnalysis analysis = funnel.analyse(events);

        FunnelBreakdown first = analysis.breakdownByEvent(e -> e.type().name(), FunnelBreakdown.Touch.FIRST, 5);
        assertEquals(List.of("AD_CLICK", "SITE_VISIT"), values(first));
        assertEquals(
                List.of(3L, 2L), counts(first.group("AD_CLICK").orElseThrow().funnel()));
        FunnelBreakdown last = analysis.breakdownByEvent(e -> e.type().name(), FunnelBreakdown.Touch.LAST, 1);
        assertEquals(List.of("PURCHASE", FunnelBreakdown.OTHER), values(last));
        assertEquals(
                List.of(2L, 0L),
                counts(last.group(FunnelBreakdown.OTHER).orElseThrow().funnel()));
        FunnelBreakdown byCustomer = analysis.breakdownByCustomer(id -> id.equals("a") ? null : "rest", 3);
        assertEquals(List.of("rest", FunnelBreakdown.NO_VALUE), values(byCustomer));
        assertEquals(Optional.empty(), byCustomer.group("e"));
    }

    private static List<String> values(FunnelBreakdown breakdown) {
        return breakdown.groups().stream().map(FunnelBreakdown.Group::value).toList();
    }

    @Test
    void trend_perPeriodOfEntryWithTheTestAgainstThePreviousPeriod() {
        EventFunnel funnel = EventFunnel.builder(Duration.ofDays(40))
                .stepOfType("visit", EventType.SITE_VISIT)
                .stepOfType("buy", EventType.PURCHASE)
                .build();
        List<CustomerEvent> events = new ArrayList<>();
        Instant january = Instant.parse("2024-01-20T00:00:00Z");
        Instant march = Instant.parse("2024-03-05T00:00:00Z");
        // January: 10 entrants, 2 buy (one of them in February: still January's)
        for (int i = 0; i < 10; i++) {
            events.add(CustomerEvent.of("j" + i, EventType.SITE_VISIT, january));
        }
        events.add(CustomerEvent.of("j0", EventType.PURCHASE, january.plus(Duration.ofDays(1))));
        events.add(CustomerEvent.of("j1", EventType.PURCHASE, january.plus(Duration.ofDays(15))));
        // February: nobody enters; March: 8 entrants, 6 buy
        for (int i = 0; i < 8; i++) {
            events.add(CustomerEvent.of("m" + i, EventType.SITE_VISIT, march));
            if (i < 6) {
                events.add(CustomerEvent.of("m" + i, EventType.PURCHASE, march.plusSeconds(60)));
            }
        }

        FunnelTrend trend = funnel.analyse(events).byEntryPeriod(CohortPeriod.MONTH);
        List<LocalDate> starts =
                trend.points().stream().map(FunnelTrend.Point::start).toList();
        assertEquals(List.of(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 2, 1), LocalDate.of(2024, 3, 1)), starts);
        assertEquals(List.of(10L, 2L), counts(trend.points().get(0).analysis().funnel()));
        assertEquals(List.of(0L, 0L), counts(trend.points().get(1).analysis().funnel()));
        assertEquals(List.of(8L, 6L), counts(trend.points().get(2).analysis().funnel()));

        List<FunnelTrend.Change> changes = trend.changes();
        assertEquals(2, changes.size());
        // February against January: 0 of 0 against 2 of 10
        assertEquals(
                Map.of("A", List.of(2L, 10L), "B", List.of(0L, 0L)),
                sides(changes.get(0).test()));
        assertFalse(changes.get(1).test().isTestable(), "March against an empty February is not testable");
        // with two steps, the conversion from the previous step is the conversion from step 1
        assertEquals(sides(changes.get(0).test()), sides(changes.get(0).fromPrevious()));
        // the pooled z of 2/10 against 6/8 computed by hand: p = 8/18, se = sqrt(p(1-p)(1/10 + 1/8))
        ProportionTest januaryToMarch = ProportionTest.compare(2, 10, 6, 8);
        double pooled = 8.0 / 18;
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / 10 + 1.0 / 8));
        assertEquals((0.75 - 0.2) / se, januaryToMarch.z(), 1e-12);
    }

    private static Map<String, List<Long>> sides(ProportionTest test) {
        return Map.of(
                "A", List.of(test.conversionsA(), test.usersA()), "B", List.of(test.conversionsB(), test.usersB()));
    }

    /** One customer's 100,000 visits, each followed a millisecond later by a cart, and no purchase. */
    private static List<CustomerEvent> alternatingVisitsAndCarts() {
        List<CustomerEvent> events = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            events.add(CustomerEvent.of("bot", EventType.SITE_VISIT, T0.plusMillis(2L * i)));
            events.add(CustomerEvent.of("bot", EventType.CART_ADD, T0.plusMillis(2L * i + 1)));
        }
        return events;
    }

    @Test
    void longestEntry_manyEntriesInOneWindow_linearNotQuadratic() {
        // 200,000 alternating visits and carts inside one window and no purchase: every visit is an entry going two
        // steps; the search is linear in the events, so this takes well under a second (a search per entry would
        // take 10^10 steps)
        List<CustomerEvent> events = alternatingVisitsAndCarts();
        EventFunnel funnel = EventFunnel.builder(Duration.ofDays(1))
                .stepOfType("visit", EventType.SITE_VISIT)
                .stepOfType("cart", EventType.CART_ADD)
                .maxGap(Duration.ofDays(1))
                .stepOfType("buy", EventType.PURCHASE)
                .entry(FunnelEntry.LONGEST)
                .build();

        FunnelAnalysis analysis = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> funnel.analyse(events));
        assertEquals(List.of(1L, 1L, 0L), counts(analysis.funnel()));
        // the latest visit is the entry: its cart comes a millisecond later
        assertEquals(List.of(Duration.ofMillis(1)), analysis.timeToStep("cart").durations());
    }

    @Test
    void unorderedLongestEntry_manyEntriesInOneWindow_linearNotQuadratic() {
        // 200,000 alternating visits and carts in one window, never a purchase: every event is an entry doing two of
        // the three steps; the window slides over each event once (a matching per entry would take 10^10 steps)
        List<CustomerEvent> events = alternatingVisitsAndCarts();
        EventFunnel funnel = visitCartBuy(Duration.ofDays(1))
                .order(FunnelOrder.UNORDERED)
                .entry(FunnelEntry.LONGEST)
                .build();

        FunnelAnalysis analysis = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> funnel.analyse(events));
        assertEquals(List.of(1L, 1L, 0L), counts(analysis.funnel()));
        // of the entries doing two steps, the latest: the last visit, its cart a millisecond later
        assertEquals(List.of(Duration.ofMillis(1)), analysis.timeToStep("cart").durations());
    }

    @Test
    void percentiles_nearestRankOfTheTimes() {
        List<Duration> minutes = new ArrayList<>();
        for (int i = 10; i >= 1; i--) {
            minutes.add(Duration.ofMinutes(i));
        }
        TimeToConvert times = TimeToConvert.of(minutes);
        // ranks ceil(p / 100 * 10): p25 -> 3rd, p50 -> 5th, p90 -> 9th, p99.9 -> 10th, p0.1 -> 1st
        assertEquals(Optional.of(Duration.ofMinutes(3)), times.percentile(25));
        assertEquals(Optional.of(Duration.ofMinutes(5)), times.percentile(50));
        assertEquals(times.p90(), times.percentile(90));
        assertEquals(Optional.of(Duration.ofMinutes(10)), times.percentile(99.9));
        assertEquals(Optional.of(Duration.ofMinutes(1)), times.percentile(0.1));
        assertEquals(Optional.empty(), TimeToConvert.of(List.of()).percentile(50));
        for (double bad : new double[] {0, -1, 100.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> times.percentile(bad));
            assertEquals("percentile must be above 0 and at most 100 but was " + bad, e.getMessage());
        }
    }

    @Test
    void build_definitionsThatMakeNoSense_refusedNamingTheProblem() {
        assertEquals(
                "the first and last steps of a funnel must be required, but step 'buy' is optional",
                assertThrows(
                                IllegalStateException.class,
                                () -> visitCartBuy(Duration.ZERO).optional().build())
                        .getMessage());
        assertEquals(
                "minGap is the time from the previous step, but step 'visit' is the first step",
                assertThrows(
                                IllegalStateException.class,
                                () -> EventFunnel.builder(Duration.ZERO)
                                        .stepOfType("visit", EventType.SITE_VISIT)
                                        .minGap(Duration.ofMinutes(1)))
                        .getMessage());
        assertEquals(
                "the minimum gap PT10M of step 'buy' must not exceed its maximum gap PT5M",
                assertThrows(
                                IllegalStateException.class,
                                () -> visitCartBuy(Duration.ZERO)
                                        .minGap(Duration.ofMinutes(10))
                                        .maxGap(Duration.ofMinutes(5))
                                        .build())
                        .getMessage());
        assertEquals(
                "maxGap must be zero or more but was PT-1M",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> visitCartBuy(Duration.ZERO).maxGap(Duration.ofMinutes(-1)))
                        .getMessage());
        assertEquals(
                "an unordered funnel has no optional steps or gaps between steps, but step 'buy' has one",
                assertThrows(
                                IllegalStateException.class,
                                () -> visitCartBuy(Duration.ZERO)
                                        .maxGap(Duration.ofMinutes(5))
                                        .order(FunnelOrder.UNORDERED)
                                        .build())
                        .getMessage());
        assertEquals(
                "an unordered funnel has no exclusions between steps, but exclusion 'r' was added",
                assertThrows(
                                IllegalStateException.class,
                                () -> visitCartBuy(Duration.ZERO)
                                        .exclude("r", EventType.REFUND, "visit", "buy")
                                        .order(FunnelOrder.UNORDERED)
                                        .build())
                        .getMessage());
        assertEquals(
                "exclusion 'r' must name required steps of the funnel [visit, cart, buy] but names 'pay'",
                assertThrows(
                                IllegalStateException.class,
                                () -> visitCartBuy(Duration.ZERO)
                                        .exclude("r", EventType.REFUND, "visit", "pay")
                                        .build())
                        .getMessage());
        assertEquals(
                "exclusion 'r' must run from a step to a later one, but 'buy' does not come before 'cart'",
                assertThrows(
                                IllegalStateException.class,
                                () -> visitCartBuy(Duration.ZERO)
                                        .exclude("r", EventType.REFUND, "buy", "cart")
                                        .build())
                        .getMessage());
        assertEquals(
                "exclusion names must be unique but 'r' is repeated",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> visitCartBuy(Duration.ZERO)
                                        .exclude("r", EventType.REFUND, "visit", "cart")
                                        .exclude("r", EventType.REVIEW, "visit", "cart"))
                        .getMessage());
        EventFunnel.Builder many = EventFunnel.builder(Duration.ZERO);
        for (int i = 0; i < EventFunnel.MAX_STEPS; i++) {
            many.stepOfType("s" + i, EventType.SITE_VISIT);
        }
        assertEquals(
                "an event funnel has at most 32 steps, but step 's32' would be step 33",
                assertThrows(IllegalArgumentException.class, () -> many.stepOfType("s32", EventType.SITE_VISIT))
                        .getMessage());
        FunnelAnalysis analysis = visitCartBuy(Duration.ZERO).build().analyse(List.of());
        assertEquals(
                "customers drop off before a required step after the first, but 'visit' is the first step",
                assertThrows(IllegalArgumentException.class, () -> analysis.droppedBefore("visit"))
                        .getMessage());
        assertEquals(
                "step must be one of [visit, cart, buy] but was 'pay'",
                assertThrows(IllegalArgumentException.class, () -> analysis.stepCount("pay"))
                        .getMessage());
        assertEquals(
                "limit must be 1 or more but was 0",
                assertThrows(IllegalArgumentException.class, () -> analysis.breakdownByCustomer(id -> id, 0))
                        .getMessage());
    }

    @Test
    void chains_moreStepsTimesCustomersThanAnArrayHolds_refusedNamingBoth() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> new FunnelChains(32, 70_000_000, c -> "c", h -> null));
        assertEquals(
                "a funnel of 32 steps over 70000000 customers keeps 2240000000 chain entries, more than the 2147483639"
                        + " an array holds; use fewer steps or split the customers",
                e.getMessage());
    }

    @Test
    void predicateFailures_nameTheStepOrExclusion() {
        EventFunnel funnel = EventFunnel.builder(Duration.ofHours(1))
                .stepOfType("visit", EventType.SITE_VISIT)
                .stepOfType("buy", EventType.PURCHASE)
                .exclude(
                        "bad",
                        e -> {
                            throw new ArithmeticException("boom");
                        },
                        "visit",
                        "buy")
                .build();
        CustomerEvent visit = at("a", EventType.SITE_VISIT, 0).withEventId("e1");

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> funnel.analyse(List.of(visit)));
        assertEquals("condition of funnel exclusion 'bad' failed on event e1", e.getMessage());
    }
}
