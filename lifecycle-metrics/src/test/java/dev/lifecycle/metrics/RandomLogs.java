package dev.lifecycle.metrics;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.EventBatch;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.Money;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Random;

/**
 * Random event logs for the property tests of the batch paths: a few customers, every event type (scores on NPS
 * answers, names on custom events, amounts on most purchases and refunds), instants on a minute grid so that many
 * events tie, some with a fraction of a second, some events with ids and some without.
 */
public final class RandomLogs {
    /** A Thursday in late December, so that logs that span months cross ISO week, month and year boundaries. */
    public static final Instant BASE = Instant.parse("2025-12-18T00:00:00Z");

    /** The types funnels and rates read, drawn more often than the others. */
    private static final EventType[] COMMON = {
        EventType.SITE_VISIT, EventType.PRODUCT_VIEW, EventType.CART_ADD, EventType.PURCHASE
    };

    private static final EventType[] ALL = EventType.values();
    private static final Currency USD = Currency.getInstance("USD");
    private static final Currency EUR = Currency.getInstance("EUR");

    private RandomLogs() {}

    /**
     * Returns a random log.
     *
     * @param random the source of randomness
     * @param mixedCurrencies whether a few amounts may be in EUR instead of USD
     * @return the events, in no particular order
     */
    public static List<CustomerEvent> events(Random random, boolean mixedCurrencies) {
        int customers = 1 + random.nextInt(7);
        int count = random.nextInt(61);
        // a short span makes ties and short funnels; a long one crosses weeks and months
        int spanMinutes = random.nextBoolean() ? 1 + random.nextInt(300) : 150 * 24 * 60;
        boolean fractions = random.nextInt(3) == 0;
        List<CustomerEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            EventType type =
                    random.nextBoolean() ? COMMON[random.nextInt(COMMON.length)] : ALL[random.nextInt(ALL.length)];
            Instant at = BASE.plusSeconds(60L * random.nextInt(spanMinutes));
            if (fractions && random.nextBoolean()) {
                at = at.plusNanos(random.nextInt(1_000_000_000));
            }
            CustomerEvent.Builder builder = CustomerEvent.builder("c" + random.nextInt(customers), type, at);
            if (random.nextBoolean()) {
                builder.eventId("e" + random.nextInt(1000));
            }
            if ((type == EventType.PURCHASE || type == EventType.REFUND) && random.nextInt(4) != 0) {
                Currency currency = mixedCurrencies && random.nextInt(8) == 0 ? EUR : USD;
                builder.amount(Money.ofMinorUnits(random.nextInt(5_000), currency));
            }
            if (type == EventType.NPS_ANSWER) {
                builder.npsScore(random.nextInt(11));
            }
            if (type == EventType.CUSTOM) {
                builder.customType(random.nextBoolean() ? "quiz" : "poll");
            }
            events.add(builder.build());
        }
        return events;
    }

    /**
     * Returns a random log as a batch, in the log's order.
     *
     * @param random the source of randomness
     * @param mixedCurrencies whether a few amounts may be in EUR instead of USD
     * @return the batch
     */
    public static EventBatch batch(Random random, boolean mixedCurrencies) {
        return EventBatch.of(events(random, mixedCurrencies));
    }
}
