package dev.lifecycle.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The tracker's cost per event does not grow with the length of the customer's history: one customer with many
 * purchases costs about as much as as many customers with one purchase each.
 */
final class TrackerLongHistoryTest {
    private static final Instant T0 = Instant.parse("2025-01-06T09:00:00Z");
    private static final int EVENTS = 100_000;
    private static final int WARM_UP = 10_000;
    private static final long MAX_RATIO = 5;
    private static final Money AMOUNT = Money.of("12.50", "EUR");

    /**
     * Five-stage with a side stage entered on spend within a window: the condition that reads payments, so a condition
     * that re-read the whole history on each event would show here. The window holds the last 10 of the purchases
     * (one a minute): its cost may grow with the payments inside the window, not with the history before it. The rule
     * leaves conversion too, so the one-purchase customers it is compared with evaluate the condition as well.
     */
    private static final LifecycleTemplate WINDOWED_SPEND = Templates.fiveStage().toBuilder()
            .addStage(Stage.builder("vip")
                    .name("VIP")
                    .sideStage(true)
                    .description("Spent 1,000,000 EUR or more in the last ten minutes.")
                    .build())
            .addRule(TransitionRule.builder("vip")
                    .from("conversion", "retention", "advocacy")
                    .to("vip")
                    .when(Condition.spentAtLeast(Money.of("1000000", "EUR"), Duration.ofMinutes(10)))
                    .priority(50)
                    .build())
            .build();

    private static CustomerEvent purchase(String customerId, int i) {
        return CustomerEvent.builder(customerId, EventType.PURCHASE, T0.plusSeconds(60L * i))
                .eventId("e" + i)
                .amount(AMOUNT)
                .build();
    }

    /** Feeds one purchase each to {@code events} customers and returns the nanoseconds it took. */
    private static long manyCustomers(LifecycleTemplate template, int events) {
        LifecycleTracker tracker = LifecycleTracker.builder(template).build();
        long start = System.nanoTime();
        for (int i = 0; i < events; i++) {
            tracker.accept(purchase("c" + i, i));
        }
        long took = System.nanoTime() - start;
        assertEquals(events - 1, tracker.stats().applied());
        return took;
    }

    /**
     * Feeds {@code events} purchases to one customer and returns the nanoseconds it took, failing as soon as it takes
     * longer than {@code budget}.
     */
    private static long oneCustomer(LifecycleTemplate template, int events, long budget) {
        LifecycleTracker tracker = LifecycleTracker.builder(template).build();
        long start = System.nanoTime();
        for (int i = 0; i < events; i++) {
            tracker.accept(purchase("long", i));
            if (i % 1000 == 999 && System.nanoTime() - start > budget) {
                fail("one customer's " + (i + 1) + " purchases took " + (System.nanoTime() - start) / 1_000_000
                        + " ms, more than the budget of " + budget / 1_000_000 + " ms");
            }
        }
        long took = System.nanoTime() - start;
        assertEquals(events - 1, tracker.profile("long").orElseThrow().orderCount());
        return took;
    }

    @Test
    void accept_oneCustomerWithALongHistory_costsAtMostAFewTimesAsManyOneEventCustomers() {
        assertLongHistoryCostsAtMostAFewTimesMore(Templates.fiveStage());
    }

    @Test
    void accept_longHistoryUnderSpendWithinAWindow_costsAtMostAFewTimesAsManyOneEventCustomers() {
        assertLongHistoryCostsAtMostAFewTimesMore(WINDOWED_SPEND);
    }

    private static void assertLongHistoryCostsAtMostAFewTimesMore(LifecycleTemplate template) {
        // The warm-up's budget is generous, as the code is not compiled yet, but bounds the test's time all the same.
        long warm = manyCustomers(template, WARM_UP);
        oneCustomer(template, WARM_UP, 4 * MAX_RATIO * warm);
        long many = manyCustomers(template, EVENTS);

        long one = oneCustomer(template, EVENTS, MAX_RATIO * many);

        if (one > MAX_RATIO * many) {
            fail("one customer's " + EVENTS + " purchases took " + one / 1_000_000 + " ms, more than " + MAX_RATIO
                    + " times the " + many / 1_000_000 + " ms of " + EVENTS + " one-purchase customers");
        }
    }
}
