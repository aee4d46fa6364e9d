package dev.lifecycle.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Events that cannot be applied to their customer (an amount in another currency than the customer's earlier amounts)
 * are rejected on their own account, counted and reported with the reason, and never disturb another customer.
 */
final class TrackerRejectionTest {
    private static final Instant T0 = Instant.parse("2025-01-06T09:00:00Z");

    private static Instant hour(long hours) {
        return T0.plus(Duration.ofHours(hours));
    }

    private static CustomerEvent purchase(
            String customerId, Instant at, String eventId, String amount, String currency) {
        return CustomerEvent.builder(customerId, EventType.PURCHASE, at)
                .eventId(eventId)
                .amount(Money.of(amount, currency))
                .build();
    }

    private static CustomerEvent visit(String customerId, Instant at, String eventId) {
        return CustomerEvent.builder(customerId, EventType.SITE_VISIT, at)
                .eventId(eventId)
                .build();
    }

    private static final class Rejections {
        final List<String> seen = new ArrayList<>();

        void add(CustomerEvent event, IllegalArgumentException reason) {
            seen.add(event.eventId() + ": " + reason.getMessage());
        }
    }

    @Test
    void accept_amountInAnotherCurrencyThanTheAppliedOnes_rejectedAtItsOwnAcceptWithTheReason() {
        Rejections rejections = new Rejections();
        LifecycleTracker tracker = LifecycleTracker.builder(Templates.fiveStage())
                .onRejected(rejections::add)
                .build();
        CustomerEvent usd = purchase("c1", hour(0), "usd", "10.00", "USD");
        tracker.accept(usd);
        tracker.accept(visit("c2", hour(1), "v2"));

        EventOutcome outcome = tracker.accept(purchase("c1", hour(2), "eur", "10.00", "EUR"));
        EventOutcome other = tracker.accept(visit("c3", hour(3), "v3"));
        tracker.advanceTo(hour(4));

        assertEquals(EventOutcome.REJECTED, outcome);
        assertEquals(EventOutcome.ACCEPTED, other);
        assertEquals(
                List.of("eur: amount 10.00 EUR of event 'eur' of customer 'c1' is in another currency than the earlier"
                        + " amounts (USD)"),
                rejections.seen);
        assertEquals(
                CustomerProfile.fromEvents("c1", List.of(usd)),
                tracker.profile("c1").orElseThrow());
        assertEquals(new TrackerStats(3, 4, 3, 0, 0, 0, 1, 1, 0), tracker.stats());
    }

    @Test
    void accept_waitingEventInAnotherCurrency_rejectedWhenReleasedAndAnotherCustomersAcceptUndisturbed()
            throws IOException {
        Rejections rejections = new Rejections();
        LifecycleTracker.Builder builder = LifecycleTracker.builder(Templates.fiveStage())
                .allowedLateness(Duration.ofDays(1))
                .onRejected(rejections::add);
        LifecycleTracker tracker = builder.build();
        CustomerEvent usd = purchase("c1", hour(0), "usd", "10.00", "USD");

        assertEquals(EventOutcome.ACCEPTED, tracker.accept(usd));
        assertEquals(EventOutcome.ACCEPTED, tracker.accept(purchase("c1", hour(1), "eur", "7.50", "EUR")));
        assertEquals(List.of(), rejections.seen);
        assertEquals(EventOutcome.ACCEPTED, tracker.accept(visit("c2", hour(72), "v2")));

        assertEquals(
                List.of("eur: amount 7.50 EUR of event 'eur' of customer 'c1' is in another currency than the earlier"
                        + " amounts (USD)"),
                rejections.seen);
        assertEquals(
                CustomerProfile.fromEvents("c1", List.of(usd)),
                tracker.profile("c1").orElseThrow());
        TrackerStats expected = new TrackerStats(1, 3, 1, 1, 0, 0, 1, 1, 0);
        assertEquals(expected, tracker.stats());
        StringBuilder state = new StringBuilder();
        tracker.exportState(state);
        assertEquals(
                expected, builder.restore(new StringReader(state.toString())).stats());
    }

    @Test
    void accept_refundInAnotherCurrencyThanTheSpend_rejectedLikeAPurchase() {
        Rejections rejections = new Rejections();
        LifecycleTracker tracker = LifecycleTracker.builder(Templates.fiveStage())
                .onRejected(rejections::add)
                .build();
        tracker.accept(purchase("c1", hour(0), "usd", "10.00", "USD"));
        tracker.accept(visit("c2", hour(1), "v2"));
        CustomerEvent refund = CustomerEvent.builder("c1", EventType.REFUND, hour(2))
                .eventId("refund-eur")
                .amount(Money.of("4.00", "EUR"))
                .build();

        EventOutcome outcome = tracker.accept(refund);

        assertEquals(EventOutcome.REJECTED, outcome);
        assertEquals(
                List.of("refund-eur: amount 4.00 EUR of event 'refund-eur' of customer 'c1' is in another currency than"
                        + " the earlier amounts (USD)"),
                rejections.seen);
    }

    @Test
    void acceptAll_batchWithAnEventInAnotherCurrency_countedAsRejected() {
        Rejections rejections = new Rejections();
        LifecycleTracker tracker = LifecycleTracker.builder(Templates.fiveStage())
                .onRejected(rejections::add)
                .build();
        tracker.accept(purchase("c1", hour(0), "usd", "10.00", "USD"));
        tracker.accept(visit("c2", hour(1), "v2"));

        LifecycleTracker.BatchResult result = tracker.acceptAll(List.of(
                purchase("c1", hour(2), "gbp", "1.00", "GBP"),
                purchase("c1", hour(3), "usd-2", "5.00", "USD"),
                visit("c2", hour(4), "v3")));

        assertEquals(new LifecycleTracker.BatchResult(2, 0, 0, 1), result);
        assertEquals(1, rejections.seen.size(), rejections.seen::toString);
        tracker.advanceTo(hour(5));
        assertEquals(2, tracker.profile("c1").orElseThrow().orderCount());
        assertEquals(1, tracker.stats().rejected());
    }

    @Test
    void onRejected_handlerThrows_trackerCarriesOnAndTheEventStaysRejected() {
        LifecycleTracker tracker = LifecycleTracker.builder(Templates.fiveStage())
                .onRejected((event, reason) -> {
                    throw new IllegalStateException("audit log down");
                })
                .build();
        tracker.accept(purchase("c1", hour(0), "usd", "10.00", "USD"));
        tracker.accept(visit("c2", hour(1), "v2"));

        EventOutcome outcome = tracker.accept(purchase("c1", hour(2), "eur", "10.00", "EUR"));

        assertEquals(EventOutcome.REJECTED, outcome);
        assertEquals(new TrackerStats(1, 3, 1, 1, 0, 0, 1, 1, 0), tracker.stats());
    }
}
