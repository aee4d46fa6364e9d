package dev.lifecycle.metrics.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.EventBatch;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.Money;
import dev.lifecycle.metrics.RandomLogs;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The cohort table of a batch, on 1 to 4 threads and with random options, equals the table of the batch's events as
 * objects: cohorts, every period and bracket cell (and the absent ones), the event counts, currency and the printed
 * tables, on random logs of every event type with asOf anywhere, at midnight, at a period start and exactly at an
 * event.
 */
final class CohortRetentionBatchProperties {
    private static final Instant T0 = RandomLogs.BASE;
    private static final Currency USD = Currency.getInstance("USD");

    @Test
    void ofBatch_randomLogs_equalsObjectPathOnAnyThreads() {
        qt().withFixedSeed(5150L).withExamples(1500).forAll(longs().all()).checkAssert(seed -> {
            Random random = new Random(seed);
            boolean mixed = random.nextInt(4) == 0;
            EventBatch batch = RandomLogs.batch(random, mixed);
            CohortPeriod period = CohortPeriod.values()[random.nextInt(CohortPeriod.values().length)];
            Instant asOf = asOf(random, batch);
            RetentionOptions options = random.nextInt(3) == 0 ? RetentionOptions.ofDefaults() : options(random);
            CohortRetention expected;
            try {
                expected = CohortRetention.of(batch.events(), period, asOf, options);
            } catch (IllegalArgumentException e) {
                for (int threads = 1; threads <= 4; threads++) {
                    int t = threads;
                    IllegalArgumentException batchError = assertThrows(
                            IllegalArgumentException.class, () -> CohortRetention.of(batch, period, asOf, options, t));
                    assertTrue(
                            String.valueOf(batchError.getMessage()).contains("in one currency"),
                            batchError::getMessage);
                }
                return;
            }
            for (int threads = 1; threads <= 4; threads++) {
                assertSameTable(expected, CohortRetention.of(batch, period, asOf, options, threads));
            }
            assertSameTable(expected, CohortRetention.of(batch, period, asOf, options));
            if (options.equals(RetentionOptions.ofDefaults())) {
                assertSameTable(expected, CohortRetention.of(batch, period, asOf));
                assertSameTable(expected, CohortRetention.of(batch, period, asOf, 2));
            }
        });
    }

    /** Random cohort and return types among those random logs hold, and up to four contiguous brackets. */
    private static RetentionOptions options(Random random) {
        EventType[] pool = {
            EventType.PURCHASE, EventType.SITE_VISIT, EventType.CART_ADD, EventType.REFUND, EventType.SIGN_UP
        };
        Set<EventType> cohortTypes = EnumSet.of(pool[random.nextInt(pool.length)]);
        Set<EventType> returnTypes = EnumSet.of(pool[random.nextInt(pool.length)]);
        if (random.nextBoolean()) {
            returnTypes.add(pool[random.nextInt(pool.length)]);
        }
        List<RetentionOptions.Bracket> brackets = new ArrayList<>();
        long next = random.nextInt(2);
        for (int b = random.nextInt(5); b > 0; b--) {
            long last = next + random.nextInt(random.nextBoolean() ? 2 : 70);
            brackets.add(new RetentionOptions.Bracket(next, last));
            next = last + 1;
        }
        return RetentionOptions.builder()
                .cohortTypes(cohortTypes)
                .returnTypes(returnTypes)
                .brackets(brackets)
                .build();
    }

    @Test
    void ofBatch_emptyBatch_noCohorts() {
        CohortRetention table = CohortRetention.of(EventBatch.builder().build(), CohortPeriod.MONTH, T0, 2);

        assertEquals(List.of(), table.cohorts());
        assertEquals(0, table.ignoredEventCount());
        assertTrue(table.currency().isEmpty());
        assertEquals(List.of(), table.events());
    }

    @Test
    void ofBatch_ordersAtAndAfterAsOf_atAPeriodStartIgnoredAndCounted() {
        Instant monthStart = Instant.parse("2026-02-01T00:00:00Z");
        List<CustomerEvent> events = List.of(
                CustomerEvent.of("a", EventType.PURCHASE, Instant.parse("2026-01-10T00:00:00Z")),
                CustomerEvent.of("a", EventType.SITE_VISIT, Instant.parse("2026-01-11T00:00:00Z")),
                CustomerEvent.of("b", EventType.PURCHASE, monthStart),
                CustomerEvent.of("b", EventType.PURCHASE, monthStart.plusSeconds(1)));
        EventBatch batch = EventBatch.of(events);

        CohortRetention table = CohortRetention.of(batch, CohortPeriod.MONTH, monthStart, 2);

        assertSameTable(CohortRetention.of(batch.events(), CohortPeriod.MONTH, monthStart), table);
        assertEquals(2, table.ignoredEventCount());
        assertEquals(1, table.skippedEventCount()); // the visit
        assertEquals(List.of(LocalDate.parse("2026-01-01")), table.cohorts());
        assertEquals(4, table.events().size());
    }

    @Test
    void ofBatch_orderExactlyAtAsOfInsideAPeriod_counts() {
        Instant asOf = Instant.parse("2026-01-15T12:00:00Z");
        EventBatch batch = EventBatch.of(List.of(
                CustomerEvent.of("a", EventType.PURCHASE, asOf),
                CustomerEvent.of("a", EventType.PURCHASE, asOf.plusNanos(1))));

        CohortRetention table = CohortRetention.of(batch, CohortPeriod.WEEK, asOf, 1);

        assertSameTable(CohortRetention.of(batch.events(), CohortPeriod.WEEK, asOf), table);
        assertEquals(1, table.ignoredEventCount());
        assertEquals(
                1, table.cell(LocalDate.parse("2026-01-12"), 0).orElseThrow().activeCustomers());
    }

    @Test
    void ofBatch_asOfBeforeTheSupportedInstants_everyPurchaseIgnored() {
        EventBatch batch = EventBatch.of(
                List.of(CustomerEvent.of("a", EventType.PURCHASE, T0), CustomerEvent.of("b", EventType.REFERRAL, T0)));
        Instant asOf = Instant.parse("1600-03-15T00:00:00Z");

        CohortRetention table = CohortRetention.of(batch, CohortPeriod.WEEK, asOf, 2);

        assertSameTable(CohortRetention.of(batch.events(), CohortPeriod.WEEK, asOf), table);
        assertEquals(1, table.ignoredEventCount());
        assertEquals(1, table.skippedEventCount()); // the referral
        assertEquals(List.of(), table.cohorts());
    }

    @Test
    void ofBatch_asOfBeforeTheSupportedInstants_purchasesBefore1970Ignored() {
        EventBatch batch = EventBatch.of(List.of(
                CustomerEvent.of("a", EventType.PURCHASE, Instant.parse("1700-06-01T00:00:00Z")),
                CustomerEvent.of("b", EventType.PURCHASE, Instant.parse("1969-12-31T23:59:59Z"))));

        CohortRetention table = CohortRetention.of(batch, CohortPeriod.MONTH, Instant.parse("1600-01-01T00:00:00Z"), 1);

        assertEquals(2, table.ignoredEventCount());
        assertEquals(List.of(), table.cohorts());
    }

    @Test
    void ofBatch_asOfAtTheEndOfTheSupportedInstants_everyPurchaseCounts() {
        // asOf at 2262-01-01, the first instant past the supported ones: December 2261 is the last period observed
        List<CustomerEvent> events = List.of(
                CustomerEvent.of("a", EventType.PURCHASE, Instant.parse("2200-03-10T00:00:00Z")),
                CustomerEvent.of("a", EventType.PURCHASE, Instant.parse("2200-05-20T00:00:00Z")));
        EventBatch batch = EventBatch.of(events);
        Instant asOf = Instant.parse("2262-01-01T00:00:00Z");

        CohortRetention table = CohortRetention.of(batch, CohortPeriod.MONTH, asOf, 1);

        assertSameTable(CohortRetention.of(events, CohortPeriod.MONTH, asOf), table);
        assertEquals(0, table.ignoredEventCount());
        assertEquals(List.of(LocalDate.parse("2200-03-01")), table.cohorts());
        CohortCell may = table.cell(LocalDate.parse("2200-03-01"), 2).orElseThrow();
        assertEquals(1, may.activeCustomers());
        assertEquals(1, may.cohortSize());
    }

    @Test
    void ofBatch_ordersBefore1970_lastActivePeriodFromThem() {
        // a orders in January and March 1960 (negative epoch nanoseconds): retained up to March (k=2), not in April
        List<CustomerEvent> events = List.of(
                CustomerEvent.of("a", EventType.PURCHASE, Instant.parse("1960-01-10T00:00:00Z")),
                CustomerEvent.of("a", EventType.PURCHASE, Instant.parse("1960-03-10T00:00:00Z")));
        Instant asOf = Instant.parse("1960-06-01T00:00:00Z");
        LocalDate cohort = LocalDate.parse("1960-01-01");

        CohortRetention table = CohortRetention.of(EventBatch.of(events), CohortPeriod.MONTH, asOf, 1);

        assertSameTable(CohortRetention.of(events, CohortPeriod.MONTH, asOf), table);
        assertEquals(List.of(cohort), table.cohorts());
        assertEquals(1, table.cell(cohort, 2).orElseThrow().retainedCustomers());
        assertEquals(0, table.cell(cohort, 3).orElseThrow().retainedCustomers());
        assertEquals(1, table.cell(cohort, 2).orElseThrow().activeCustomers());
    }

    @Test
    void ofBatch_activeMoreThan64PeriodsAfterTheCohort_countedInItsCell() {
        // weekly cohorts of Monday 2026-01-05: a orders again 70 weeks later (Monday 2027-05-10), b one week later; the
        // batch keeps each customer's active offsets as a bitset of 64-bit words, so k=70 lies in a's second word
        Instant monday = Instant.parse("2026-01-05T09:00:00Z");
        List<CustomerEvent> events = List.of(
                CustomerEvent.of("a", EventType.PURCHASE, monday),
                CustomerEvent.of("b", EventType.PURCHASE, monday),
                CustomerEvent.of("b", EventType.PURCHASE, Instant.parse("2026-01-12T09:00:00Z")),
                CustomerEvent.of("a", EventType.PURCHASE, Instant.parse("2027-05-10T09:00:00Z")));
        EventBatch batch = EventBatch.of(events);
        Instant asOf = Instant.parse("2027-06-01T00:00:00Z");
        LocalDate cohort = LocalDate.parse("2026-01-05");

        for (int threads = 1; threads <= 2; threads++) {
            CohortRetention table = CohortRetention.of(batch, CohortPeriod.WEEK, asOf, threads);

            assertSameTable(CohortRetention.of(events, CohortPeriod.WEEK, asOf), table);
            assertEquals(events, table.events());
            assertEquals(2, table.cell(cohort, 0).orElseThrow().cohortSize());
            assertEquals(1, table.cell(cohort, 1).orElseThrow().activeCustomers());
            assertEquals(0, table.cell(cohort, 69).orElseThrow().activeCustomers());
            assertEquals(1, table.cell(cohort, 70).orElseThrow().activeCustomers());
            assertEquals(1, table.cell(cohort, 70).orElseThrow().retainedCustomers());
        }
    }

    @Test
    void ofBatch_sumsBeyondALong_areExact() {
        // three amounts near Long.MAX_VALUE cents: their sum overflows a long but is a valid amount of money
        EventBatch.Builder builder = EventBatch.builder();
        int a = builder.customer("a");
        int b = builder.customer("b");
        long big = Long.MAX_VALUE - 5;
        long second = T0.getEpochSecond();
        builder.purchase(a, second, 0, big, USD).purchase(a, second + 60, 0, big, USD);
        builder.purchase(b, second + 120, 0, big, USD).purchase(b, second + 180, 0, 7, USD);
        EventBatch batch = builder.build();
        Instant asOf = T0.plusSeconds(86_400);

        for (int threads = 1; threads <= 2; threads++) {
            CohortRetention table = CohortRetention.of(batch, CohortPeriod.MONTH, asOf, threads);
            assertSameTable(CohortRetention.of(batch.events(), CohortPeriod.MONTH, asOf), table);
            Money revenue = table.cell(LocalDate.parse("2025-12-01"), 0)
                    .orElseThrow()
                    .revenue()
                    .orElseThrow();
            assertEquals(
                    Money.ofMinorUnits(big, USD)
                            .plus(Money.ofMinorUnits(big, USD))
                            .plus(Money.ofMinorUnits(big, USD))
                            .plus(Money.ofMinorUnits(7, USD)),
                    revenue);
        }
    }

    @Test
    void ofBatch_mixedCurrencies_refusedNamingTheRow() {
        EventBatch batch = EventBatch.of(List.of(
                CustomerEvent.of("a", EventType.SITE_VISIT, T0),
                CustomerEvent.builder("a", EventType.PURCHASE, T0)
                        .amount(Money.of("1.00", "USD"))
                        .build(),
                CustomerEvent.builder("b", EventType.PURCHASE, T0)
                        .eventId("x")
                        .amount(Money.of("2.00", "EUR"))
                        .build()));

        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> CohortRetention.of(batch, CohortPeriod.MONTH, T0.plusSeconds(1), 2));

        assertEquals(
                "the return events must all carry amounts in one currency but row 2 (id 'x', customer 'b') has 2.00 EUR"
                        + " where earlier amounts are in USD",
                e.getMessage());
    }

    @Test
    void ofBatch_tooManyPeriods_refusedAsTheObjectPathIs() {
        EventBatch batch = EventBatch.of(
                List.of(CustomerEvent.of("a", EventType.PURCHASE, Instant.parse("1900-01-01T00:00:00Z"))));

        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> CohortRetention.of(batch, CohortPeriod.MONTH, T0, 2));
        IllegalArgumentException objects = assertThrows(
                IllegalArgumentException.class, () -> CohortRetention.of(batch.events(), CohortPeriod.MONTH, T0));

        assertEquals(objects.getMessage(), e.getMessage());
    }

    /** asOf anywhere around the log: at a random second, at a midnight (period starts among them), or at an event. */
    private static Instant asOf(Random random, EventBatch batch) {
        switch (random.nextInt(4)) {
            case 0 -> {
                if (batch.size() > 0) {
                    return batch.timestamp(random.nextInt(batch.size()));
                }
                return T0;
            }
            case 1 -> {
                long day = T0.getEpochSecond() / 86_400 + random.nextInt(200) - 20;
                return Instant.ofEpochSecond(day * 86_400);
            }
            default -> {
                return T0.plusSeconds(random.nextInt(200 * 86_400));
            }
        }
    }

    private static void assertSameTable(CohortRetention expected, CohortRetention actual) {
        assertEquals(expected.options(), actual.options());
        assertEquals(expected.cohorts(), actual.cohorts());
        assertEquals(expected.ignoredEventCount(), actual.ignoredEventCount());
        assertEquals(expected.skippedEventCount(), actual.skippedEventCount());
        assertEquals(expected.outsideCohortEventCount(), actual.outsideCohortEventCount());
        assertEquals(expected.countedEventCount(), actual.countedEventCount());
        assertEquals(expected.currency(), actual.currency());
        for (LocalDate cohort : expected.cohorts()) {
            long count = expected.periodCount(cohort);
            assertEquals(count, actual.periodCount(cohort));
            for (long k = 0; k <= count; k++) {
                assertEquals(expected.cell(cohort, k), actual.cell(cohort, k), cohort + " k=" + k);
            }
            assertEquals(expected.bracketCount(cohort), actual.bracketCount(cohort));
            for (int b = 0; b < expected.options().brackets().size(); b++) {
                assertEquals(expected.bracketCell(cohort, b), actual.bracketCell(cohort, b), cohort + " bracket " + b);
            }
        }
        for (CohortRetention.Measure measure : CohortRetention.Measure.values()) {
            assertEquals(expected.toTable(measure), actual.toTable(measure));
            if (!expected.options().brackets().isEmpty()) {
                assertEquals(expected.toBracketTable(measure), actual.toBracketTable(measure));
            }
        }
        assertEquals(expected.events().size(), actual.events().size());
        assertEquals(expected.toString(), actual.toString());
    }
}
