package dev.lifecycle.metrics.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.core.Condition;
import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.LifecycleTemplate;
import dev.lifecycle.core.Money;
import dev.lifecycle.core.Stage;
import dev.lifecycle.core.Templates;
import dev.lifecycle.core.TransitionRule;
import java.time.Duration;
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
        assertEquals(0, rates.wonBackCustomers()); // a is still lapsed at the end
        assertEquals(1, rates.newCustomersAcquired());
        assertEquals(0, rates.newCustomersNotActiveAtEnd());
        assertEquals(3, rates.customersAtEnd());
        assertEquals(Rate.of("churn rate", 1, 3), rates.churnRate());
        assertEquals(Ratio.of("customer retention rate", 2, 3), rates.retentionRate());
        assertEquals(Rate.of("repeat purchase rate", 1, 3), rates.repeatPurchaseRate());
        assertEquals(Rate.of("referral rate", 2, 5), rates.referralRate());
        assertEquals(START, rates.start());
        assertEquals(END, rates.end());
    }

    @Test
    void compute_visitsAndEmails_conversionAndEmailRatesPerCustomer() {
        List<CustomerEvent> events = List.of(
                // v1: lead who buys for the first time in the period: converted
                event("v1", EventType.SITE_VISIT, "2024-02-01"),
                event("v1", EventType.PURCHASE, "2024-02-02"),
                // v2: lead who had bought before the period: a lead, not a new customer
                event("v2", EventType.PURCHASE, "2023-12-01"),
                event("v2", EventType.SITE_VISIT, "2024-03-01"),
                event("v2", EventType.PURCHASE, "2024-03-01"),
                // v3: lead who does not buy
                event("v3", EventType.SITE_VISIT, "2024-04-01"),
                // v5: another lead who buys for the first time in the period: converted
                event("v5", EventType.SITE_VISIT, "2024-05-01"),
                event("v5", EventType.PURCHASE, "2024-05-02"),
                // v4: visited before the period only: not a lead of this period
                event("v4", EventType.SITE_VISIT, "2023-12-20"),
                // m1: reached, opens twice and clicks: one opener, one clicker
                event("m1", EventType.EMAIL_DELIVERED, "2024-02-01"),
                event("m1", EventType.EMAIL_OPEN, "2024-02-02"),
                event("m1", EventType.EMAIL_OPEN, "2024-02-03"),
                event("m1", EventType.EMAIL_CLICK, "2024-02-03"),
                // m2: reached, opens, no click
                event("m2", EventType.EMAIL_DELIVERED, "2024-02-01"),
                event("m2", EventType.EMAIL_OPEN, "2024-02-05"),
                // m3: reached, ignores it
                event("m3", EventType.EMAIL_DELIVERED, "2024-02-01"),
                // m5: reached, opens and clicks
                event("m5", EventType.EMAIL_DELIVERED, "2024-03-01"),
                event("m5", EventType.EMAIL_OPEN, "2024-03-02"),
                event("m5", EventType.EMAIL_CLICK, "2024-03-02"),
                // m6: reached, ignores it
                event("m6", EventType.EMAIL_DELIVERED, "2024-03-01"),
                // m4: opens an email delivered before the period: not reached in this period, not counted
                event("m4", EventType.EMAIL_DELIVERED, "2023-12-30"),
                event("m4", EventType.EMAIL_OPEN, "2024-01-02"));

        PeriodRates rates = PeriodRates.compute(Templates.fiveStage(), events, START, END);

        // leads v1, v2, v3, v5; converted v1 and v5. Reached m1, m2, m3, m5, m6; opened m1, m2, m5; clicked m1, m5.
        assertEquals(Rate.of("conversion rate", 2, 4), rates.conversionRate());
        assertEquals(Rate.of("email open rate", 3, 5), rates.emailOpenRate());
        assertEquals(Rate.of("email click-through rate", 2, 5), rates.clickThroughRate());
        assertEquals(Rate.of("email click-to-open rate", 2, 3), rates.clickToOpenRate());
    }

    @Test
    void compute_pricedAndUnpricedOrders_frequencyAndAverageOrderValue() {
        List<CustomerEvent> events = List.of(
                priced("a", "2024-02-01", "30.00"),
                priced("a", "2024-03-01", "50.00"),
                event("a", EventType.PURCHASE, "2024-04-01"),
                priced("b", "2024-05-01", "10.00"),
                priced("b", "2023-05-01", "99.00"),
                priced("c", "2024-07-01", "99.00"));

        PeriodRates rates = PeriodRates.compute(Templates.fiveStage(), events, START, END);

        // a: 3 orders in the period, b: 1 (its 2023 order is before start, c's is at end): 4 orders, 2 buyers
        assertEquals(Ratio.of("purchase frequency", 4, 2), rates.purchaseFrequency());
        // 30 + 50 + 10 over the 3 orders that carry an amount
        assertEquals(
                MoneyPerUnit.of("average order value", Money.of("90.00", "USD"), 3),
                rates.averageOrderValue().orElseThrow());
    }

    @Test
    void compute_ordersInTwoCurrencies_rejected() {
        List<CustomerEvent> events = List.of(
                priced("a", "2024-02-01", "30.00"),
                CustomerEvent.builder("b", EventType.PURCHASE, Instant.parse("2024-02-02T00:00:00Z"))
                        .eventId("e-eur")
                        .amount(Money.of("20.00", "EUR"))
                        .build());

        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> PeriodRates.compute(Templates.fiveStage(), events, START, END));

        assertEquals("purchase 'e-eur' of customer 'b' is in EUR but earlier purchases are in USD", e.getMessage());
    }

    private static CustomerEvent priced(String customer, String day, String amount) {
        return CustomerEvent.builder(customer, EventType.PURCHASE, Instant.parse(day + "T00:00:00Z"))
                .amount(Money.of(amount, "USD"))
                .build();
    }

    @Test
    void compute_noEvents_everyRateUndefined() {
        PeriodRates rates = PeriodRates.compute(Templates.fiveStage(), List.of(), START, END);

        assertFalse(rates.churnRate().isDefined());
        assertFalse(rates.retentionRate().isDefined());
        assertFalse(rates.repeatPurchaseRate().isDefined());
        assertFalse(rates.referralRate().isDefined());
        assertFalse(rates.conversionRate().isDefined());
        assertFalse(rates.emailOpenRate().isDefined());
        assertFalse(rates.clickThroughRate().isDefined());
        assertFalse(rates.clickToOpenRate().isDefined());
        assertTrue(rates.averageOrderValue().isEmpty());
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

    @Test
    void compute_wonBackAndLapsingCustomers_lostCountedAndEndCounted() {
        List<CustomerEvent> events = List.of(
                // h: in S; lapses 180 days after 2023-09-01, on 2024-02-28, and is won back on 2024-04-01: lost, and
                // active at end
                event("h", EventType.PURCHASE, "2023-09-01"),
                event("h", EventType.PURCHASE, "2024-04-01"),
                // i: lapsed at start (last order 2023-05-01), won back on 2024-03-01: not in S, active at end
                event("i", EventType.PURCHASE, "2023-05-01"),
                event("i", EventType.PURCHASE, "2024-03-01"),
                // j: in S and orders again: retained
                event("j", EventType.PURCHASE, "2023-12-01"),
                event("j", EventType.PURCHASE, "2024-03-01"),
                // k: new on 2024-01-02, lapses 180 days later on 2024-06-30, before the end: in N, not in E
                event("k", EventType.PURCHASE, "2024-01-02"));

        PeriodRates rates = PeriodRates.compute(Templates.fiveStage(), events, START, END);

        assertEquals(2, rates.customersAtStart()); // h, j
        assertEquals(1, rates.lostCustomers()); // h, although won back
        assertEquals(2, rates.wonBackCustomers()); // h, lost and back; i, lapsed at start and back
        assertEquals(1, rates.newCustomersAcquired()); // k
        assertEquals(1, rates.newCustomersNotActiveAtEnd()); // k
        assertEquals(3, rates.customersAtEnd()); // h, i, j: 2 - 1 + 2 + 1 - 1
        assertEquals(Rate.of("churn rate", 1, 2), rates.churnRate());
        // (E - N) / S with k, no longer active, not subtracted: the 3 customers active at end who are not new, over 2
        assertEquals(Ratio.of("customer retention rate", 3, 2), rates.retentionRate());
    }

    @Test
    void compute_lapseAtNanosecondsAroundEnd_lostWhenAtOrBeforeEndAndNeverActiveAtEndWhenLost() {
        // The last order is 2024-01-02T12:00; the lapse rule holds from 180 days and a nanosecond later: L.
        Instant lapse = Instant.parse("2024-06-30T12:00:00.000000001Z");
        List<CustomerEvent> events =
                List.of(event("x", EventType.PURCHASE, "2023-12-01"), event("x", EventType.PURCHASE, "2024-01-02"));

        PeriodRates inside = PeriodRates.compute(Templates.fiveStage(), events, START, lapse.plusNanos(1));
        PeriodRates atEnd = PeriodRates.compute(Templates.fiveStage(), events, START, lapse);
        PeriodRates before = PeriodRates.compute(Templates.fiveStage(), events, START, lapse.minusNanos(1));

        assertEquals(1, inside.lostCustomers()); // lapsed at L, before the end
        assertEquals(0, inside.customersAtEnd());
        assertEquals(1, atEnd.lostCustomers()); // lapsed at L, the end: churned when classified at the end
        assertEquals(0, atEnd.customersAtEnd());
        assertEquals(0, before.lostCustomers());
        assertEquals(1, before.customersAtEnd());
    }

    @Test
    void compute_lapseExactlyAtStart_notInSNorLostButInThePreviousPeriod() {
        // The last order is 2023-07-04T23:59:59.999999999: the lapse rule holds from START, 180 days and 1 ns later.
        Instant lastOrder = START.minus(Duration.ofDays(180)).minusNanos(1);
        List<CustomerEvent> events = List.of(CustomerEvent.of("x", EventType.PURCHASE, lastOrder));

        PeriodRates from = PeriodRates.compute(Templates.fiveStage(), events, START, END);
        PeriodRates previous = PeriodRates.compute(Templates.fiveStage(), events, lastOrder.plusNanos(1), START);

        assertEquals(0, from.customersAtStart());
        assertEquals(0, from.lostCustomers());
        assertEquals(0, from.customersAtEnd());
        assertEquals(1, previous.customersAtStart());
        assertEquals(1, previous.lostCustomers()); // its lapse at its end, START
        assertEquals(0, previous.customersAtEnd());
        assertEquals(from.customersAtStart(), previous.customersAtEnd());
    }

    @Test
    void compute_lapseExactlyAtEnd_lostAndNotAtEndNorInTheNextS() {
        Instant lastOrder = END.minus(Duration.ofDays(180)).minusNanos(1);
        List<CustomerEvent> events = List.of(
                event("x", EventType.PURCHASE, "2023-12-01"), CustomerEvent.of("x", EventType.PURCHASE, lastOrder));

        PeriodRates period = PeriodRates.compute(Templates.fiveStage(), events, START, END);
        PeriodRates next = PeriodRates.compute(Templates.fiveStage(), events, END, END.plus(Duration.ofDays(90)));

        assertEquals(1, period.customersAtStart());
        assertEquals(1, period.lostCustomers());
        assertEquals(0, period.wonBackCustomers());
        assertEquals(0, period.customersAtEnd());
        assertEquals(0, next.customersAtStart());
        assertEquals(0, next.lostCustomers());
    }

    @Test
    void compute_customerEntersVipSideStage_notLostAndActiveAtEnd() {
        LifecycleTemplate withVip = Templates.fiveStage().toBuilder()
                .addStage(Stage.builder("vip").sideStage(true).build())
                .addRule(TransitionRule.builder("vip")
                        .from("retention", "advocacy")
                        .to("vip")
                        .when(Condition.spentAtLeast(Money.of("1000", "USD")))
                        .priority(50)
                        .build())
                .build();
        List<CustomerEvent> events = List.of(
                // v: in S, becomes VIP on 2024-03-01 and stays there
                priced("v", "2023-12-01", "400.00"),
                priced("v", "2024-03-01", "700.00"),
                // r: in S, orders again, stays in retention
                priced("r", "2023-11-01", "20.00"),
                priced("r", "2023-12-01", "20.00"),
                priced("r", "2024-03-01", "20.00"));

        PeriodRates rates = PeriodRates.compute(withVip, events, START, END);

        assertEquals(2, rates.customersAtStart());
        assertEquals(0, rates.lostCustomers());
        assertEquals(0, rates.wonBackCustomers());
        assertEquals(2, rates.customersAtEnd());
        assertEquals(Rate.of("churn rate", 0, 2), rates.churnRate());
    }

    @Test
    void computeAndQuarterly_templateWithoutChurnStage_rejectedSayingHowToDeclareOne() {
        LifecycleTemplate noChurn = LifecycleTemplate.builder("plain")
                .addStage(Stage.builder("lead").build())
                .addStage(Stage.builder("buyer").build())
                .addStage(Stage.builder("away").sideStage(true).build())
                .addRule(TransitionRule.builder("buy")
                        .from("lead")
                        .to("buyer")
                        .when(Condition.ordersAtLeast(1))
                        .build())
                .build();
        String message = "template 'plain' declares no churn stage, so churn and retention cannot be measured on it;"
                + " mark the side stage churned customers are in as churn (Stage.Builder.churn(true), or churn: true"
                + " in a template file)";

        IllegalArgumentException compute =
                assertThrows(IllegalArgumentException.class, () -> PeriodRates.compute(noChurn, List.of(), START, END));
        IllegalArgumentException quarterly = assertThrows(
                IllegalArgumentException.class, () -> PeriodRates.quarterly(noChurn, List.of(), START, END));

        assertEquals(message, compute.getMessage());
        assertEquals(message, quarterly.getMessage());
    }

    @Test
    void quarterly_span_equalsComputeOfEachCalendarQuarter() {
        List<CustomerEvent> events = List.of(
                event("h", EventType.PURCHASE, "2023-09-01"),
                event("h", EventType.PURCHASE, "2024-04-01"),
                event("i", EventType.PURCHASE, "2023-05-01"),
                event("i", EventType.PURCHASE, "2024-03-01"),
                event("k", EventType.PURCHASE, "2024-08-02"));
        Instant asOf = Instant.parse("2024-10-01T00:00:00Z");

        List<PeriodRates> quarters =
                PeriodRates.quarterly(Templates.fiveStage(), events, Instant.parse("2023-05-01T12:00:00Z"), asOf);

        List<String> starts = quarters.stream().map(q -> q.start().toString()).toList();
        assertEquals(
                List.of(
                        "2023-04-01T00:00:00Z",
                        "2023-07-01T00:00:00Z",
                        "2023-10-01T00:00:00Z",
                        "2024-01-01T00:00:00Z",
                        "2024-04-01T00:00:00Z",
                        "2024-07-01T00:00:00Z"),
                starts);
        for (PeriodRates q : quarters) {
            PeriodRates alone = PeriodRates.compute(Templates.fiveStage(), events, q.start(), q.end());
            assertEquals(alone.toString(), q.toString());
            assertEquals(alone.retentionRate(), q.retentionRate());
            assertEquals(alone.churnRate(), q.churnRate());
        }
        assertEquals(Instant.parse("2024-10-01T00:00:00Z"), quarters.get(5).end());
        assertEquals(
                List.of(), PeriodRates.quarterly(Templates.fiveStage(), events, asOf, asOf.plusSeconds(86_400 * 80)));
    }

    @Test
    void quarterly_moreQuartersThanBound_rejectedNamingBoundUnitAndSpan() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> PeriodRates.quarterly(
                        Templates.fiveStage(),
                        List.of(),
                        Instant.parse("1700-02-10T00:00:00Z"),
                        Instant.parse("2026-03-20T00:00:00Z")));
        assertEquals(
                "period table from 1700-01-01 to 2026-03-20 would have 1304 quarters; at most 1200 periods are"
                        + " supported",
                e.getMessage());
    }

    @Test
    void quarterly_extremeSpan_rejectedAtOnce() {
        long started = System.nanoTime();
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> PeriodRates.quarterly(
                        Templates.fiveStage(),
                        List.of(event("x", EventType.PURCHASE, "2024-01-02")),
                        Instant.parse("-999999999-01-01T00:00:00Z"),
                        Instant.parse("+999999999-12-31T00:00:00Z")));
        assertEquals(
                "period table from -999999999-01-01 to +999999999-12-31 would have 7999999995 quarters; at most 1200"
                        + " periods are supported",
                e.getMessage());
        assertTrue(System.nanoTime() - started < 1_000_000_000L, "rejected within a second");
    }

    @Test
    void quarterly_instantBeyondDates_rejected() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> PeriodRates.quarterly(Templates.fiveStage(), List.of(), Instant.MIN, END));
        assertEquals("from must be within the range of dates but was " + Instant.MIN, e.getMessage());
    }

    @Test
    void quarterly_exactlyBoundQuarters_accepted() {
        List<PeriodRates> quarters = PeriodRates.quarterly(
                Templates.fiveStage(),
                List.of(),
                Instant.parse("1726-01-01T00:00:00Z"),
                Instant.parse("2026-01-01T00:00:00Z"));

        assertEquals(1200, quarters.size());
    }
}
