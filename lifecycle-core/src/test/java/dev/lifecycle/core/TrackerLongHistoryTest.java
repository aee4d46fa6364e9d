package dev.lifecycle.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

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

    private static CustomerEvent purchase(String customerId, int i) {
        return CustomerEvent.builder(customerId, EventType.PURCHASE, T0.plusSeconds(60L * i))
                .eventId("e" + i)
                .amount(AMOUNT)
                .build();
    }

    /** Feeds one purchase each to {@code events} customers and returns the nanoseconds it took. */
    private static long manyCustomers(int events) {
        LifecycleTracker tracker =
                LifecycleTracker.builder(Templates.fiveStage()).build();
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
    private static long oneCustomer(int events, long budget) {
        LifecycleTracker tracker =
                LifecycleTracker.builder(Templates.fiveStage()).build();
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
        // The warm-up's budget is generous, as the code is not compiled yet, but bounds the test's time all the same.
        long warm = manyCustomers(WARM_UP);
        oneCustomer(WARM_UP, 4 * MAX_RATIO * warm);
        long many = manyCustomers(EVENTS);

        long one = oneCustomer(EVENTS, MAX_RATIO * many);

        if (one > MAX_RATIO * many) {
            fail("one customer's " + EVENTS + " purchases took " + one / 1_000_000 + " ms, more than " + MAX_RATIO
                    + " times the " + many / 1_000_000 + " ms of " + EVENTS + " one-purchase customers");
        }
    }
}
