package dev.lifecycle.metrics.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.Templates;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rates over a period from events, checked against counts worked out by hand. */
final class PeriodRatesTest {
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant END = Instant.parse("2024-07-01T00:00:00Z");

    @Test
    void compute_handWorkedLog_matchesDefinitions() {
        List<CustomerEvent> events = List.of(
                // a: last order 245 days before start, lapsed at start: not in S, but a customer at end
                event("a", EventType.PURCHASE, "2023-05-01"),
                // b: in S, last order 213 days before end: lost
                event("b", EventType.PURCHASE, "2023-12-01"),
                // c: in S, orders twice in the period and refers: retained, repeater, referrer
                event("c", EventType.PURCHASE, "2023-11-01"),
                event("c", EventType.PURCHASE, "2024-03-01"),
                event("c", EventType.PURCHASE, "2024-04-01"),
                event("c", EventType.REFERRAL, "2024-05-01"),
                // d: first order in the period: new
                event("d", EventType.PURCHASE, "2024-02-01"),
                // e: visits only: not a customer
                event("e", EventType.SITE_VISIT, "2024-02-01"),
                // f: first order at end, outside the half-open period
                event("f", EventType.PURCHASE, "2024-07-01"),
                // g: in S, refers and orders once in the period
                event("g", EventType.PURCHASE, "2023-12-15"),
                event("g", EventType.REFERRAL, "2024-01-10"),
                event("g", EventType.PURCHASE, "2024-06-01"));

        PeriodRates rates = PeriodRates.compute(Templates.fiveStage(), events, START, END);

        assertEquals(3, rates.customersAtStart());
        assertEquals(1, rates.lostCustomers());
        assertEquals(1, rates.newCustomersAcquired());
        assertEquals(3, rates.customersAtEnd());
        assertEquals(Rate.of("churn rate", 1, 3), rates.churnRate());
        assertEquals(Rate.of("customer retention rate", 2, 3), rates.retentionRate());
        assertEquals(Rate.of("repeat purchase rate", 1, 3), rates.repeatPurchaseRate());
        assertEquals(Rate.of("referral rate", 2, 5), rates.referralRate());
        assertEquals(START, rates.start());
        assertEquals(END, rates.end());
    }

    @Test
    void compute_noEvents_everyRateUndefined() {
        PeriodRates rates = PeriodRates.compute(Templates.fiveStage(), List.of(), START, END);

        assertFalse(rates.churnRate().isDefined());
        assertFalse(rates.retentionRate().isDefined());
        assertFalse(rates.repeatPurchaseRate().isDefined());
        assertFalse(rates.referralRate().isDefined());
        assertEquals(0, rates.newCustomersAcquired());
    }

    @Test
    void compute_endNotAfterStart_rejected() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> PeriodRates.compute(Templates.fiveStage(), List.of(), START, START));
        assertEquals("end must be after start " + START + " but was " + START, e.getMessage());
    }

    private static CustomerEvent event(String customer, EventType type, String day) {
        return CustomerEvent.of(customer, type, Instant.parse(day + "T12:00:00Z"));
    }
}
