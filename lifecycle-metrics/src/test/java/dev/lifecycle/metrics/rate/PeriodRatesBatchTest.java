package dev.lifecycle.metrics.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.EventBatch;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.LifecycleTemplate;
import dev.lifecycle.core.Money;
import dev.lifecycle.core.Templates;
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
