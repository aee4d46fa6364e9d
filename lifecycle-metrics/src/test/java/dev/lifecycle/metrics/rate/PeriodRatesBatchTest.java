package dev.lifecycle.metrics.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.core.Condition;
import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.EventBatch;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.LifecycleTemplate;
import dev.lifecycle.core.Money;
import dev.lifecycle.core.Stage;
import dev.lifecycle.core.Templates;
import dev.lifecycle.core.TransitionRule;
import dev.lifecycle.metrics.RandomLogs;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The rates of a batch equal the rates of the events it was built from, also at the edges: no events, customers only
 * after the end, amounts in two currencies, an end past the supported instants, and a repeated event id whose fate in
 * the tracker depends on another customer's event.
 */
final class PeriodRatesBatchTest {
    private static final Instant T0 = RandomLogs.BASE;

    @Test
    void computeBatch_randomLogs_equalsTheEventsTheBatchHolds() {
        Random random = new Random(11);
        for (int i = 0; i < 200; i++) {
            List<CustomerEvent> events = RandomLogs.events(random, false);
            LifecycleTemplate template = Templates.fiveStage(Duration.ofDays(1 + random.nextInt(60)));
            Instant start = T0.plus(Duration.ofDays(random.nextInt(60)));
            Instant end = start.plus(Duration.ofMinutes(1 + random.nextInt(90 * 24 * 60)));

            PeriodRates expected = PeriodRates.compute(template, events, start, end);
            PeriodRates actual = PeriodRates.compute(template, EventBatch.of(events), start, end);

            assertEquals(expected.toString(), actual.toString());
            assertEquals(expected.churnRate(), actual.churnRate());
            assertEquals(expected.retentionRate(), actual.retentionRate());
            assertEquals(expected.conversionRate(), actual.conversionRate());
            assertEquals(expected.emailOpenRate(), actual.emailOpenRate());
            assertEquals(expected.clickThroughRate(), actual.clickThroughRate());
            assertEquals(expected.clickToOpenRate(), actual.clickToOpenRate());
            assertEquals(expected.purchaseFrequency(), actual.purchaseFrequency());
            assertEquals(expected.averageOrderValue(), actual.averageOrderValue());
            assertEquals(expected.newCustomersNotActiveAtEnd(), actual.newCustomersNotActiveAtEnd());
        }
    }

    @Test
    void computeBatch_endNotAfterStart_refusedAsForEvents() {
        EventBatch batch = EventBatch.builder().build();
        LifecycleTemplate template = Templates.fiveStage(Duration.ofDays(30));

        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> PeriodRates.compute(template, batch, T0, T0));

        assertEquals("end must be after start " + T0 + " but was " + T0, e.getMessage());
    }

    @Test
    void computeBatch_emptyBatch_everyRateUndefinedAsForNoEvents() {
        LifecycleTemplate template = Templates.fiveStage(Duration.ofDays(30));
        EventBatch empty = EventBatch.builder().build();

        PeriodRates rates = PeriodRates.compute(template, empty, T0, T0.plus(Duration.ofDays(90)), 1);

        PeriodRatesBatchProperties.assertSameRates(
                PeriodRates.compute(template, List.of(), T0, T0.plus(Duration.ofDays(90))), rates);
        assertEquals(0, rates.customersAtStart());
        assertEquals(0, rates.customersAtEnd());
        assertFalse(rates.churnRate().isDefined());
        assertTrue(rates.averageOrderValue().isEmpty());
        List<PeriodRates> quarters = PeriodRates.quarterly(template, empty, T0, T0.plus(Duration.ofDays(40)), 2);
        PeriodRatesBatchProperties.assertSameRates(
                PeriodRates.quarterly(template, List.of(), T0, T0.plus(Duration.ofDays(40))), quarters);
        assertEquals(1, quarters.size());
        assertEquals(0, quarters.get(0).customersAtEnd());
        List<PeriodRates> onDefaultThreads = PeriodRates.quarterly(template, empty, T0, T0.plus(Duration.ofDays(40)));
        PeriodRatesBatchProperties.assertSameRates(quarters, onDefaultThreads);
        assertEquals(1, onDefaultThreads.size());
    }

    @Test
    void computeBatch_templateWithoutChurnStage_refusedAsForEvents() {
        LifecycleTemplate noChurn = LifecycleTemplate.builder("plain")
                .addStage(Stage.builder("lead").build())
                .addStage(Stage.builder("buyer").build())
                .addRule(TransitionRule.builder("buy")
                        .from("lead")
                        .to("buyer")
                        .when(Condition.ordersAtLeast(1))
                        .build())
                .build();
        EventBatch batch = EventBatch.builder().build();

        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> PeriodRates.compute(noChurn, batch, T0, T0.plusSeconds(1), 1));
        IllegalArgumentException quarterly = assertThrows(
                IllegalArgumentException.class,
                () -> PeriodRates.quarterly(noChurn, batch, T0, T0.plus(Duration.ofDays(200)), 1));

        assertTrue(
                String.valueOf(e.getMessage()).startsWith("template 'plain' declares no churn stage"), e.getMessage());
        assertEquals(e.getMessage(), quarterly.getMessage());
    }

    @Test
    void computeBatch_revenueBeyondALong_averageOrderValueExact() {
        // two orders of Long.MAX_VALUE - 5 cents: their sum overflows a long within one range of customers (1 thread)
        // and across ranges (2 threads), but is a valid amount of money
        EventBatch.Builder builder = EventBatch.builder();
        int a = builder.customer("a");
        int b = builder.customer("b");
        long big = Long.MAX_VALUE - 5;
        java.util.Currency usd = java.util.Currency.getInstance("USD");
        builder.purchase(a, T0.getEpochSecond() + 60, 0, big, usd).purchase(b, T0.getEpochSecond() + 120, 0, big, usd);
        EventBatch batch = builder.build();
        Instant end = T0.plus(Duration.ofDays(1));
        Money total = Money.ofMinorUnits(big, usd).plus(Money.ofMinorUnits(big, usd));

        for (int threads = 1; threads <= 2; threads++) {
            PeriodRates rates = PeriodRates.compute(Templates.fiveStage(), batch, T0, end, threads);

            assertEquals(
                    MoneyPerUnit.of("average order value", total, 2),
                    rates.averageOrderValue().orElseThrow());
        }
    }

    @Test
    void computeBatch_revenueBeyondTheBoundOfMoney_refusedAsForEvents() {
        // 6e17 yen twice: within a long, beyond Money's bound of 10^18 major units
        Instant end = T0.plus(Duration.ofDays(1));
        List<CustomerEvent> events = List.of(
                CustomerEvent.builder("a", EventType.PURCHASE, T0.plusSeconds(60))
                        .eventId("p1")
                        .amount(Money.of("600000000000000000", "JPY"))
                        .build(),
                CustomerEvent.builder("b", EventType.PURCHASE, T0.plusSeconds(120))
                        .eventId("p2")
                        .amount(Money.of("600000000000000000", "JPY"))
                        .build());
        LifecycleTemplate template = Templates.fiveStage();

        String expected = assertThrows(
                        IllegalArgumentException.class, () -> PeriodRates.compute(template, events, T0, end))
                .getMessage();
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> PeriodRates.compute(template, EventBatch.of(events), T0, end, 1));

        assertEquals(expected, e.getMessage());
    }

    /**
     * A churn stage entered by an event (a refund) exactly at a quarter's bound: the customer is active at that bound
     * (classified on the events before it), so the entry counts in the quarter that starts there, lost and won back
     * (a review brings the customer back), and not in the quarter that ends there.
     */
    @Test
    void quarterlyBatch_churnEnteredExactlyAtABound_lostInTheQuarterStartingThere() {
        LifecycleTemplate template = LifecycleTemplate.builder("refunds")
                .addStage(Stage.builder("lead").build())
                .addStage(Stage.builder("buyer").build())
                .addStage(Stage.builder("gone").sideStage(true).churn(true).build())
                .addRule(TransitionRule.builder("buy")
                        .from("lead")
                        .to("buyer")
                        .when(Condition.ordersAtLeast(1))
                        .build())
                .addRule(TransitionRule.builder("leave")
                        .from("buyer")
                        .to("gone")
                        .when(Condition.allOf(
                                Condition.eventCountAtLeast(EventType.REFUND, 1),
                                Condition.not(Condition.eventCountAtLeast(EventType.REVIEW, 1))))
                        .build())
                .addRule(TransitionRule.builder("return")
                        .from("gone")
                        .to("buyer")
                        .when(Condition.eventCountAtLeast(EventType.REVIEW, 1))
                        .build())
                .build();
        Instant q2 = Instant.parse("2023-04-01T00:00:00Z");
        List<CustomerEvent> events = List.of(
                purchase("a", Instant.parse("2022-12-01T00:00:00Z"), "p1", 100),
                CustomerEvent.of("a", EventType.REFUND, q2),
                CustomerEvent.of("a", EventType.REVIEW, Instant.parse("2023-05-01T00:00:00Z")));
        Instant from = Instant.parse("2023-01-15T00:00:00Z");
        Instant to = Instant.parse("2023-07-01T00:00:00Z");

        List<PeriodRates> expected = PeriodRates.quarterly(template, events, from, to);
        for (int threads = 1; threads <= 2; threads++) {
            List<PeriodRates> quarters = PeriodRates.quarterly(template, EventBatch.of(events), from, to, threads);

            PeriodRatesBatchProperties.assertSameRates(expected, quarters);
            assertEquals(2, quarters.size());
            // Q1: a is active at both bounds and enters no churn stage before April 1.
            assertEquals(List.of(1L, 0L, 0L, 1L), figures(quarters.get(0)));
            // Q2: a enters "gone" at April 1, inside [April 1, July 1), and is back by July 1.
            assertEquals(List.of(1L, 1L, 1L, 1L), figures(quarters.get(1)));
        }
    }

    /** S, lost, won back and E. */
    private static List<Long> figures(PeriodRates rates) {
        return List.of(
                rates.customersAtStart(), rates.lostCustomers(), rates.wonBackCustomers(), rates.customersAtEnd());
    }

    @Test
    void computeBatch_customersOnlyAfterTheEnd_countNowhere() {
        LifecycleTemplate template = Templates.buyerLifecycle(Duration.ofDays(30));
        Instant end = T0.plus(Duration.ofDays(10));
        List<CustomerEvent> events = List.of(
                purchase("a", end, "p1", 1_000),
                CustomerEvent.of("a", EventType.SITE_VISIT, end.plusSeconds(5)),
                purchase("b", end.plus(Duration.ofDays(3)), "p2", 2_000));

        PeriodRates rates = PeriodRates.compute(template, EventBatch.of(events), T0, end, 2);

        PeriodRatesBatchProperties.assertSameRates(PeriodRates.compute(template, events, T0, end), rates);
        assertEquals(0, rates.newCustomersAcquired());
        assertEquals(0, rates.customersAtEnd());
        assertFalse(rates.conversionRate().isDefined());
    }

    @Test
    void computeBatch_purchasesInTwoCurrencies_refusedWithTheObjectPathsMessage() {
        LifecycleTemplate template = Templates.fiveStage(Duration.ofDays(30));
        Instant end = T0.plus(Duration.ofDays(10));
        List<CustomerEvent> events = List.of(
                purchase("a", T0.plusSeconds(60), "p1", 1_000),
                CustomerEvent.builder("b", EventType.PURCHASE, T0.plusSeconds(120))
                        .eventId("p2")
                        .amount(Money.of("5.00", "EUR"))
                        .build());
        EventBatch batch = EventBatch.of(events);

        String expected = assertThrows(
                        IllegalArgumentException.class, () -> PeriodRates.compute(template, events, T0, end))
                .getMessage();
        for (int threads = 1; threads <= 3; threads++) {
            int t = threads;
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class, () -> PeriodRates.compute(template, batch, T0, end, t));
            assertEquals(expected, e.getMessage());
        }
        assertEquals("purchase 'p2' of customer 'b' is in EUR but earlier purchases are in USD", expected);
    }

    @Test
    void computeBatch_secondCurrencyOnlyBeforeThePeriod_answersAsTheObjectPath() {
        LifecycleTemplate template = Templates.fiveStage(Duration.ofDays(30));
        Instant start = T0.plus(Duration.ofDays(5));
        Instant end = T0.plus(Duration.ofDays(10));
        List<CustomerEvent> events = List.of(
                CustomerEvent.builder("b", EventType.PURCHASE, T0.plusSeconds(120))
                        .eventId("p0")
                        .amount(Money.of("5.00", "EUR"))
                        .build(),
                purchase("a", start.plusSeconds(60), "p1", 1_000),
                purchase("b", start.plusSeconds(90), "p2", 3_000));

        String expected = assertThrows(
                        IllegalArgumentException.class, () -> PeriodRates.compute(template, events, start, end))
                .getMessage();
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> PeriodRates.compute(template, EventBatch.of(events), start, end, 2));

        assertEquals(expected, e.getMessage());
    }

    @Test
    void computeBatch_endPastTheSupportedInstants_refusedAsForEvents() {
        LifecycleTemplate template = Templates.fiveStage(Duration.ofDays(30));
        List<CustomerEvent> events = List.of(purchase("a", T0, "p1", 100));
        Instant end = Instant.parse("2262-01-01T00:00:00Z");

        String expected = assertThrows(
                        IllegalArgumentException.class, () -> PeriodRates.compute(template, events, T0, end))
                .getMessage();
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> PeriodRates.compute(template, EventBatch.of(events), T0, end));

        assertEquals(expected, e.getMessage());
    }

    @Test
    void computeBatch_noThreads_refused() {
        LifecycleTemplate template = Templates.fiveStage(Duration.ofDays(30));
        EventBatch batch = EventBatch.builder().build();

        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> PeriodRates.compute(template, batch, T0, T0.plusSeconds(1), 0));
        IllegalArgumentException quarterly =
                assertThrows(IllegalArgumentException.class, () -> PeriodRates.quarterly(template, batch, T0, T0, 0));

        assertEquals("threads must be 1 or more but was 0", e.getMessage());
        assertEquals("threads must be 1 or more but was 0", quarterly.getMessage());
    }

    /**
     * Customer a orders twice under one event id. Replayed alone, the tracker would drop the second order as a
     * duplicate (the first still waits) and a would lapse within the period; b's visit between the orders releases the
     * first, so the object path applies both and a stays active. The batch replays every row as the object path does.
     */
    /**
     * As below, but b's visit lies exactly at the end: events at or after the end are not replayed, so it releases
     * nothing, the second order is dropped as a duplicate, and a lapses within the period (one day after the first
     * order): lost.
     */
    @Test
    void computeBatch_repeatedEventIdAndAnEventExactlyAtTheEnd_endNotReplayed() {
        LifecycleTemplate template = Templates.fiveStage(Duration.ofDays(1));
        Instant start = T0.plus(Duration.ofHours(13));
        Instant end = T0.plus(Duration.ofHours(30));
        List<CustomerEvent> events = List.of(
                purchase("a", T0, "x", 100),
                CustomerEvent.of("b", EventType.SITE_VISIT, end),
                purchase("a", T0.plus(Duration.ofHours(12)), "x", 100));

        PeriodRates expected = PeriodRates.compute(template, events, start, end);

        assertEquals(1, expected.customersAtStart());
        assertEquals(1, expected.lostCustomers());
        for (int threads = 1; threads <= 2; threads++) {
            PeriodRatesBatchProperties.assertSameRates(
                    expected, PeriodRates.compute(template, EventBatch.of(events), start, end, threads));
        }
    }

    @Test
    void computeBatch_repeatedEventIdReleasedByAnotherCustomer_replayedAsTheObjectPathDoes() {
        LifecycleTemplate template = Templates.fiveStage(Duration.ofDays(1));
        List<CustomerEvent> events = List.of(
                purchase("a", T0, "x", 100),
                CustomerEvent.of("b", EventType.SITE_VISIT, T0.plus(Duration.ofHours(6))),
                purchase("a", T0.plus(Duration.ofHours(12)), "x", 100));
        Instant start = T0.plus(Duration.ofHours(13));
        Instant end = T0.plus(Duration.ofHours(30));

        PeriodRates expected = PeriodRates.compute(template, events, start, end);

        assertEquals(1, expected.customersAtStart());
        assertEquals(0, expected.lostCustomers());
        for (int threads = 1; threads <= 2; threads++) {
            PeriodRatesBatchProperties.assertSameRates(
                    expected, PeriodRates.compute(template, EventBatch.of(events), start, end, threads));
        }
    }

    private static CustomerEvent purchase(String customer, Instant at, String id, long cents) {
        return CustomerEvent.builder(customer, EventType.PURCHASE, at)
                .eventId(id)
                .amount(Money.ofMinorUnits(cents, java.util.Currency.getInstance("USD")))
                .build();
    }
}
