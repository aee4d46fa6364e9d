package dev.lifecycle.metrics.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lifecycle series of a log small enough to count by hand. */
final class LifecycleSeriesTest {
    private static CustomerEvent buy(String customer, String day, String usd) {
        return CustomerEvent.builder(customer, EventType.PURCHASE, Instant.parse(day + "T12:00:00Z"))
                .amount(Money.of(usd, "USD"))
                .build();
    }

    /**
     * Weeks starting Monday 2026-01-05. a buys in weeks 1 ($10), 2 ($20) and 4 ($5); b in weeks 1 and 2 ($10 each); c
     * in weeks 2 ($5) and 3 ($1). Week 1: a and b new. Week 2: a growing, b steady, c new. Week 3: c shrinking, a and
     * b dormant. Week 4 (incomplete at asOf): a resurrecting, c dormant.
     */
    @Test
    void fourWeeks_countedByHand() {
        List<CustomerEvent> events = List.of(
                buy("a", "2026-01-05", "10"),
                buy("b", "2026-01-06", "10"),
                buy("a", "2026-01-12", "20"),
                buy("b", "2026-01-13", "4"),
                buy("b", "2026-01-14", "6"),
                buy("c", "2026-01-15", "5"),
                buy("c", "2026-01-20", "1"),
                buy("a", "2026-01-27", "5"),
                buy("b", "2026-01-29", "7"), // after asOf: ignored
                CustomerEvent.builder("b", EventType.CART_ADD, Instant.parse("2026-01-21T09:00:00Z"))
                        .build()); // not an order: skipped
        LifecycleSeries series = LifecycleSeries.of(events, CohortPeriod.WEEK, Instant.parse("2026-01-28T00:00:00Z"));
        assertEquals(
                List.of(
                        new LifecycleSeries.Point(LocalDate.parse("2026-01-05"), true, 2, 2, 0, 0, 0, 0, 0),
                        new LifecycleSeries.Point(LocalDate.parse("2026-01-12"), true, 3, 1, 1, 1, 0, 0, 0),
                        new LifecycleSeries.Point(LocalDate.parse("2026-01-19"), true, 1, 0, 0, 0, 1, 0, 2),
                        new LifecycleSeries.Point(LocalDate.parse("2026-01-26"), false, 1, 0, 0, 0, 0, 1, 1)),
                series.points());
        assertEquals(1, series.ignoredEventCount());
        assertEquals(1, series.skippedEventCount());
        assertEquals(
                2, series.point(LocalDate.parse("2026-01-19")).orElseThrow().dormant());
        assertEquals(
                1, series.point(LocalDate.parse("2026-01-12")).orElseThrow().growing());
    }

    @Test
    void amountsInTwoCurrencies_areRefusedNamingTheCustomer() {
        List<CustomerEvent> events = List.of(
                buy("a", "2026-01-05", "10"),
                CustomerEvent.builder("b", EventType.PURCHASE, Instant.parse("2026-01-06T00:00:00Z"))
                        .amount(Money.of("3", "EUR"))
                        .build());
        assertEquals(
                "order amounts must be in one currency, USD, but customer b has an order of 3.00 EUR",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> LifecycleSeries.of(
                                        events, CohortPeriod.MONTH, Instant.parse("2026-02-01T00:00:00Z")))
                        .getMessage());
    }

    /** Orders centuries apart, or a day's periods over years, are refused before any per-period work. */
    @Test
    void spansBeyondTheTableBound_areRefusedNamingTheSpan() {
        List<CustomerEvent> events = List.of(buy("a", "1900-01-01", "1"), buy("a", "2026-03-19", "1"));
        Instant asOf = Instant.parse("2026-03-20T12:00:00Z");
        assertEquals(
                "period table from 1900-01-01 to 2026-03-20 would have 1515 months; at most 1200 periods are supported",
                assertThrows(IllegalArgumentException.class, () -> LifecycleSeries.of(events, CohortPeriod.MONTH, asOf))
                        .getMessage());
        List<CustomerEvent> days = List.of(buy("a", "2020-01-01", "1"));
        assertEquals(
                "period table from 2020-01-01 to 2026-03-20 would have 2271 days; at most 1200 periods are supported",
                assertThrows(IllegalArgumentException.class, () -> LifecycleSeries.of(days, CohortPeriod.DAY, asOf))
                        .getMessage());
    }
}
