package dev.lifecycle.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Events whose instants differ only below the second: the profile table, over events and over a batch, keeps the
 * same first and last instants and the same latest answer as a profile folded from the events.
 */
final class SubSecondOrderTest {
    private static final Instant T = Instant.parse("2025-03-01T10:00:00Z");

    private static Instant at(long nanos) {
        return T.plusNanos(nanos);
    }

    private static CustomerEvent purchase(long nanos, String amount) {
        return CustomerEvent.builder("a", EventType.PURCHASE, at(nanos))
                .amount(Money.of(amount, "USD"))
                .build();
    }

    private static CustomerEvent nps(long nanos, int score) {
        return CustomerEvent.builder("a", EventType.NPS_ANSWER, at(nanos))
                .npsScore(score)
                .build();
    }

    private static List<CustomerEvent> events() {
        return List.of(
                CustomerEvent.of("a", EventType.SITE_VISIT, at(500_000_000)),
                purchase(700_000_000, "5.00"),
                purchase(200_000_000, "7.00"),
                CustomerEvent.of("a", EventType.SITE_VISIT, at(100_000_000)),
                CustomerEvent.of("a", EventType.PRODUCT_VIEW, at(900_000_000)),
                nps(300_000_000, 9),
                nps(600_000_000, 3),
                nps(400_000_000, 10));
    }

    @Test
    void profileTable_eventsWithinOneSecond_equalsTheFoldedProfile() {
        CustomerProfile folded = CustomerProfile.fromEvents("a", events());

        assertEquals(folded, ProfileTable.fromEvents(events()).profile(0));
        assertEquals(folded, ProfileTable.fromEvents(EventBatch.of(events())).profile(0));
        assertEquals(at(200_000_000), folded.firstOrderAt().orElseThrow());
        assertEquals(at(700_000_000), folded.lastOrderAt().orElseThrow());
        assertEquals(3, folded.lastNpsScore().orElseThrow());
    }

    @Test
    void upTo_anInstantBetweenEventsOfOneSecond_keepsThoseAtOrBeforeIt() {
        EventBatch batch = EventBatch.of(events());

        EventBatch upTo = batch.upTo(at(500_000_000));

        assertEquals(5, upTo.size());
        assertEquals(
                CustomerProfile.fromEvents(
                        "a",
                        events().stream()
                                .filter(e -> !e.timestamp().isAfter(at(500_000_000)))
                                .toList()),
                ProfileTable.fromEvents(upTo).profile(0));
        assertEquals(batch.size(), batch.upTo(at(900_000_000)).size());
        assertEquals(batch.size() - 1, batch.upTo(at(899_999_999)).size());
    }
}
