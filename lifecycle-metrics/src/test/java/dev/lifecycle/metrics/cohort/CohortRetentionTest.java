package dev.lifecycle.metrics.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.testing.EqualsTester;
import com.google.common.testing.NullPointerTester;
import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.EventBatch;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.Money;
import dev.lifecycle.metrics.HashCodes;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Currency;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Cohort retention tables: a worked example, period boundaries, observability at asOf and rejected input. */
final class CohortRetentionTest {
    private static final LocalDate JAN = LocalDate.parse("2026-01-01");
    private static final LocalDate FEB = LocalDate.parse("2026-02-01");
    private static final LocalDate MAR = LocalDate.parse("2026-03-01");

    private static CustomerEvent buy(String customer, String instant) {
        return CustomerEvent.of(customer, EventType.PURCHASE, Instant.parse(instant));
    }

    private static CustomerEvent buy(String customer, String instant, String usd) {
        return CustomerEvent.of(customer, EventType.PURCHASE, Instant.parse(instant))
                .withAmount(Money.of(usd, "USD"));
    }

    private static Money usd(String amount) {
        return Money.of(amount, "USD");
    }

    private static CohortCell cell(CohortRetention table, LocalDate cohort, long k) {
        return table.cell(cohort, k).orElseThrow(() -> new AssertionError("no cell " + cohort + " k=" + k));
    }

    private static String iae(Executable call) {
        return String.valueOf(assertThrows(IllegalArgumentException.class, call).getMessage());
    }

    // ---- worked example: five customers over three months, asOf inside March

    private static final Instant EXAMPLE_AS_OF = Instant.parse("2026-03-20T00:00:00Z");

    private static List<CustomerEvent> example() {
        return List.of(
                buy("a", "2026-01-05T10:00:00Z", "10.00"),
                buy("a", "2026-02-10T10:00:00Z", "20.00"),
                buy("a", "2026-03-03T10:00:00Z", "5.00"),
                buy("a", "2026-03-25T10:00:00Z", "100.00"), // after asOf: ignored
                buy("b", "2026-01-20T10:00:00Z", "30.00"),
                buy("b", "2026-03-15T10:00:00Z", "15.00"),
                buy("c", "2026-01-31T10:00:00Z"), // no amount
                buy("d", "2026-02-02T10:00:00Z", "40.00"),
                buy("d", "2026-02-20T10:00:00Z", "10.00"),
                buy("d", "2026-03-01T10:00:00Z", "25.00"),
                buy("e", "2026-02-28T10:00:00Z", "5.00"),
                buy("f", "2026-03-02T10:00:00Z")); // no amount: its cohort has zero period-0 revenue
    }

    @Test
    void of_workedExample_januaryCohortCellByCell() {
        CohortRetention table = CohortRetention.of(example(), CohortPeriod.MONTH, EXAMPLE_AS_OF);

        // January cohort = {a, b, c}: size 3; period-0 revenue = 10.00 (a) + 30.00 (b) + nothing (c) = 40.00.
        // Last active month: a = March (k=2), b = March (k=2), c = January (k=0).
        CohortCell k0 = cell(table, JAN, 0);
        assertEquals(3, k0.cohortSize());
        assertEquals(3, k0.activeCustomers()); // a, b, c ordered in January
        assertEquals(3, k0.retainedCustomers());
        assertEquals(1.0, k0.boundedRetention()); // 3 / 3
        assertEquals(1.0, k0.unboundedRetention()); // 3 / 3
        assertEquals(Optional.of(usd("40.00")), k0.revenue());
        assertEquals(OptionalDouble.of(1.0), k0.revenueRetention()); // 40 / 40
        assertTrue(k0.isComplete());
        assertEquals(JAN, k0.periodStart());

        CohortCell k1 = cell(table, JAN, 1);
        assertEquals(JAN, k1.cohortStart());
        assertEquals(1, k1.offset());
        assertEquals(1, k1.activeCustomers()); // only a ordered in February
        assertEquals(2, k1.retainedCustomers()); // a and b ordered in February or later
        assertEquals(1.0 / 3, k1.boundedRetention()); // 1 / 3
        assertEquals(2.0 / 3, k1.unboundedRetention()); // 2 / 3
        assertEquals(Optional.of(usd("20.00")), k1.revenue()); // a's 20.00
        assertEquals(Optional.of(usd("40.00")), k1.periodZeroRevenue());
        assertEquals(OptionalDouble.of(0.5), k1.revenueRetention()); // 20 / 40
        assertTrue(k1.isComplete());
        assertEquals(FEB, k1.periodStart());

        CohortCell k2 = cell(table, JAN, 2);
        assertEquals(2, k2.activeCustomers()); // a (Mar 3) and b (Mar 15); a's Mar 25 is after asOf
        assertEquals(2, k2.retainedCustomers());
        assertEquals(2.0 / 3, k2.boundedRetention());
        assertEquals(2.0 / 3, k2.unboundedRetention());
        assertEquals(Optional.of(usd("20.00")), k2.revenue()); // 5.00 + 15.00, not a's 100.00
        assertEquals(OptionalDouble.of(0.5), k2.revenueRetention()); // 20 / 40
        assertFalse(k2.isComplete()); // March contains asOf

        assertEquals(Optional.empty(), table.cell(JAN, 3)); // April starts after asOf: absent, not zero
        assertEquals(3, table.periodCount(JAN));
    }

    @Test
    void of_workedExample_februaryAndMarchCohorts() {
        CohortRetention table = CohortRetention.of(example(), CohortPeriod.MONTH, EXAMPLE_AS_OF);

        assertEquals(List.of(JAN, FEB, MAR), table.cohorts());
        assertEquals(1, table.ignoredEventCount()); // a on March 25
        assertEquals(Optional.of(Currency.getInstance("USD")), table.currency());

        // February cohort = {d, e}: size 2; period-0 revenue = 40.00 + 10.00 (d) + 5.00 (e) = 55.00.
        CohortCell f0 = cell(table, FEB, 0);
        assertEquals(2, f0.cohortSize());
        assertEquals(2, f0.activeCustomers());
        assertEquals(1.0, f0.boundedRetention()); // 2 / 2
        assertEquals(Optional.of(usd("55.00")), f0.revenue());
        assertTrue(f0.isComplete());

        CohortCell f1 = cell(table, FEB, 1);
        assertEquals(1, f1.activeCustomers()); // d on March 1
        assertEquals(1, f1.retainedCustomers());
        assertEquals(0.5, f1.boundedRetention()); // 1 / 2
        assertEquals(0.5, f1.unboundedRetention()); // 1 / 2
        assertEquals(Optional.of(usd("25.00")), f1.revenue());
        assertEquals(25.0 / 55.0, f1.revenueRetention().getAsDouble(), 1e-15); // 25 / 55
        assertFalse(f1.isComplete());
        assertEquals(Optional.empty(), table.cell(FEB, 2));

        // March cohort = {f}: one order without an amount, so period-0 revenue is 0.00 and revenue retention undefined.
        CohortCell m0 = cell(table, MAR, 0);
        assertEquals(1, m0.cohortSize());
        assertEquals(1.0, m0.boundedRetention());
        assertEquals(1.0, m0.unboundedRetention());
        assertEquals(Optional.of(usd("0.00")), m0.revenue());
        assertEquals(OptionalDouble.empty(), m0.revenueRetention());
        assertEquals(Optional.empty(), table.cell(MAR, 1));
    }

    @Test
    void of_noAmounts_revenueUnknown() {
        CohortRetention table = CohortRetention.of(
                List.of(buy("a", "2026-01-05T10:00:00Z"), buy("a", "2026-02-05T10:00:00Z")),
                CohortPeriod.MONTH,
                EXAMPLE_AS_OF);

        CohortCell k1 = cell(table, JAN, 1);
        assertEquals(Optional.empty(), table.currency());
        assertEquals(Optional.empty(), k1.revenue());
        assertEquals(Optional.empty(), k1.periodZeroRevenue());
        assertEquals(OptionalDouble.empty(), k1.revenueRetention());
        assertEquals(1.0, k1.boundedRetention());
    }

    @Test
    void of_noEvents_noCohorts() {
        CohortRetention table = CohortRetention.of(List.of(), CohortPeriod.WEEK, EXAMPLE_AS_OF);

        assertEquals(List.of(), table.cohorts());
        assertEquals(0, table.ignoredEventCount());
        assertEquals(Optional.empty(), table.cell(LocalDate.parse("2026-01-05"), 0));
        assertEquals(0, table.periodCount(LocalDate.parse("2026-01-05")));
    }

    @Test
    void of_onlyEventsAfterAsOf_allIgnoredAndCounted() {
        CohortRetention table = CohortRetention.of(
                List.of(buy("a", "2026-04-01T00:00:00Z"), buy("b", "2026-03-20T00:00:00.000000001Z")),
                CohortPeriod.MONTH,
                EXAMPLE_AS_OF);

        assertEquals(List.of(), table.cohorts());
        assertEquals(2, table.ignoredEventCount());
        assertEquals(2, table.events().size());
    }

    // ---- period boundaries

    @Test
    void week_sundayLastSecondVersusMonday_differentIsoWeeks() {
        LocalDate week1 = LocalDate.parse("2026-01-05"); // a Monday
        LocalDate week2 = LocalDate.parse("2026-01-12");
        CohortRetention table = CohortRetention.of(
                List.of(
                        buy("x", "2026-01-11T23:59:59Z"), // Sunday: ISO week starting 2026-01-05
                        buy("x", "2026-01-12T00:00:00Z"), // Monday: the next week
                        buy("y", "2026-01-12T00:00:00Z")),
                CohortPeriod.WEEK,
                Instant.parse("2026-01-20T00:00:00Z"));

        assertEquals(List.of(week1, week2), table.cohorts());
        assertEquals(1, cell(table, week1, 0).cohortSize()); // x only
        assertEquals(1, cell(table, week1, 1).activeCustomers()); // x again on Monday
        assertEquals(1, cell(table, week2, 0).cohortSize()); // y
        assertEquals(0, cell(table, week2, 1).activeCustomers());
    }

    @Test
    void month_januaryLastSecondVersusFebruaryFirst_differentMonths() {
        CohortRetention table = CohortRetention.of(
                List.of(
                        buy("x", "2026-01-31T23:59:59Z"),
                        buy("x", "2026-02-01T00:00:00Z"),
                        buy("y", "2026-02-01T00:00:00Z")),
                CohortPeriod.MONTH,
                Instant.parse("2026-02-10T00:00:00Z"));

        assertEquals(List.of(JAN, FEB), table.cohorts());
        assertEquals(1, cell(table, JAN, 0).cohortSize());
        assertEquals(1, cell(table, JAN, 1).activeCustomers());
        assertEquals(1, cell(table, FEB, 0).cohortSize());
    }

    @Test
    void startOf_periodBoundaries_utc() {
        assertEquals(
                LocalDate.parse("2026-01-05"), CohortPeriod.WEEK.startOf(Instant.parse("2026-01-11T23:59:59.999Z")));
        assertEquals(LocalDate.parse("2026-01-12"), CohortPeriod.WEEK.startOf(Instant.parse("2026-01-12T00:00:00Z")));
        assertEquals(JAN, CohortPeriod.MONTH.startOf(Instant.parse("2026-01-31T23:59:59.999Z")));
        assertEquals(FEB, CohortPeriod.MONTH.startOf(Instant.parse("2026-02-01T00:00:00Z")));
        // ISO week 1 of 2026 starts on Monday 2025-12-29: weeks cross year ends.
        assertEquals(LocalDate.parse("2025-12-29"), CohortPeriod.WEEK.startOf(Instant.parse("2026-01-01T12:00:00Z")));
        assertTrue(CohortPeriod.WEEK.isStart(LocalDate.parse("2026-01-12")));
        assertFalse(CohortPeriod.WEEK.isStart(LocalDate.parse("2026-01-13")));
        assertTrue(CohortPeriod.MONTH.isStart(FEB));
        assertFalse(CohortPeriod.MONTH.isStart(LocalDate.parse("2026-01-31")));
    }

    // ---- observability at asOf: a cell exists once its period has started before asOf

    @Test
    void cell_asOfExactlyAtNextWeekStart_nextWeekAbsentAndWeekBeforeComplete() {
        LocalDate week = LocalDate.parse("2026-01-05");
        List<CustomerEvent> log = List.of(buy("x", "2026-01-06T10:00:00Z"), buy("x", "2026-01-12T00:00:00Z"));
        CohortRetention table = CohortRetention.of(log, CohortPeriod.WEEK, Instant.parse("2026-01-12T00:00:00Z"));

        assertTrue(cell(table, week, 0).isComplete()); // the week ended exactly at asOf
        assertEquals(Optional.empty(), table.cell(week, 1)); // starts at asOf: no observed time, no cell
        assertEquals(1, table.periodCount(week));
        assertEquals(1, table.ignoredEventCount()); // the order at exactly asOf lies in the unobserved week
    }

    @Test
    void cell_asOfOneNanosecondIntoWeek_weekPresentButIncomplete() {
        LocalDate week = LocalDate.parse("2026-01-05");
        List<CustomerEvent> log = List.of(buy("x", "2026-01-06T10:00:00Z"), buy("x", "2026-01-12T00:00:00Z"));
        CohortRetention table =
                CohortRetention.of(log, CohortPeriod.WEEK, Instant.parse("2026-01-12T00:00:00.000000001Z"));

        CohortCell k1 = cell(table, week, 1);
        assertFalse(k1.isComplete());
        assertEquals(1, k1.activeCustomers());
        assertEquals(0, table.ignoredEventCount());
        assertEquals(2, table.periodCount(week));
    }

    @Test
    void cell_asOfLastNanosecondOfWeek_nextWeekAbsent() {
        LocalDate week = LocalDate.parse("2026-01-05");
        List<CustomerEvent> log = List.of(buy("x", "2026-01-06T10:00:00Z"), buy("x", "2026-01-12T00:00:00Z"));
        CohortRetention table =
                CohortRetention.of(log, CohortPeriod.WEEK, Instant.parse("2026-01-11T23:59:59.999999999Z"));

        CohortCell k0 = cell(table, week, 0);
        assertFalse(k0.isComplete());
        assertEquals(1.0, k0.unboundedRetention()); // the Monday order is after asOf and does not count
        assertEquals(Optional.empty(), table.cell(week, 1));
        assertEquals(1, table.periodCount(week));
        assertEquals(1, table.ignoredEventCount());
    }

    @Test
    void cell_asOfAtFirstOfMonth_monthAbsentAndTableWithoutZeroColumn() {
        List<CustomerEvent> log = List.of(buy("x", "2026-01-31T10:00:00Z"));
        CohortRetention atStart = CohortRetention.of(log, CohortPeriod.MONTH, Instant.parse("2026-02-01T00:00:00Z"));

        assertEquals(Optional.empty(), atStart.cell(JAN, 1)); // February has no observed time: absent, not 0.0%*
        assertTrue(cell(atStart, JAN, 0).isComplete());
        assertEquals(1, atStart.periodCount(JAN));
        assertEquals(
                String.join(
                        "\n",
                        "cohort   size     k=0",
                        "2026-01     1  100.0%",
                        "bounded retention by month as of 2026-02-01T00:00:00Z; * period not ended at asOf;"
                                + " 0 events after asOf ignored",
                        ""),
                atStart.toTable(CohortRetention.Measure.BOUNDED_RETENTION));
    }

    @Test
    void of_firstOrderExactlyAtAsOfStartingPeriod_noCohort() {
        List<CustomerEvent> log = List.of(buy("x", "2026-02-01T00:00:00Z"));
        CohortRetention table = CohortRetention.of(log, CohortPeriod.MONTH, Instant.parse("2026-02-01T00:00:00Z"));

        assertEquals(List.of(), table.cohorts());
        assertEquals(1, table.ignoredEventCount());
    }

    // ---- the period bound

    @Test
    void of_spanOfMorePeriodsThanBound_rejectedNamingBoundUnitAndSpan() {
        List<CustomerEvent> log = List.of(buy("x", "1900-01-15T10:00:00Z"));
        String message = iae(() -> CohortRetention.of(log, CohortPeriod.MONTH, Instant.parse("2026-03-20T00:00:00Z")));

        // January 1900 to March 2026: 126 years and 3 months.
        assertEquals(
                "period table from 1900-01-01 to 2026-03-20 would have 1515 months; at most 1200 periods are supported",
                message);
    }

    @Test
    void of_earliestOrderNotFirstInTheLog_boundCountedFromIt() {
        // the bound counts from the earliest order, January 1900, though the log lists a later one first
        List<CustomerEvent> log = List.of(buy("y", "2000-01-15T10:00:00Z"), buy("x", "1900-01-15T10:00:00Z"));
        String message = iae(() -> CohortRetention.of(log, CohortPeriod.MONTH, Instant.parse("2026-03-20T00:00:00Z")));

        assertEquals(
                "period table from 1900-01-01 to 2026-03-20 would have 1515 months; at most 1200 periods are supported",
                message);
    }

    @Test
    void of_extremeSpan_rejectedAtOnce() {
        // the widest span events can have: the first and last days of the supported instants (SupportedInstants)
        List<CustomerEvent> log = List.of(buy("x", "1678-01-05T00:00:00Z"));
        long started = System.nanoTime();
        String message = iae(() -> CohortRetention.of(log, CohortPeriod.WEEK, Instant.parse("2261-12-27T00:00:00Z")));

        assertTrue(
                message.matches("period table from 1678-01-0[0-9] to 2261-12-27 would have [0-9]+ weeks;"
                        + " at most 1200 periods are supported"),
                message);
        assertTrue(System.nanoTime() - started < 1_000_000_000L, "rejected within a second");
    }

    @Test
    void of_exactlyBoundPeriods_accepted() {
        // 1200 months: January 1926 to December 2025, asOf inside December.
        List<CustomerEvent> log = List.of(buy("x", "1926-01-15T10:00:00Z"));
        CohortRetention table = CohortRetention.of(log, CohortPeriod.MONTH, Instant.parse("2025-12-20T00:00:00Z"));

        assertEquals(1200, table.periodCount(LocalDate.parse("1926-01-01")));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> CohortRetention.of(log, CohortPeriod.MONTH, Instant.parse("2026-01-01T00:00:00.000000001Z")));
        assertEquals(
                "period table from 1926-01-01 to 2026-01-01 would have 1201 months; at most 1200 periods are supported",
                e.getMessage());
    }

    // ---- rejected input

    @Test
    void of_nonPurchaseEvent_skippedAndCounted() {
        CustomerEvent visit = CustomerEvent.of("a", EventType.SITE_VISIT, Instant.parse("2026-02-05T10:00:00Z"));
        CohortRetention table =
                CohortRetention.of(List.of(buy("a", "2026-01-05T09:00:00Z"), visit), CohortPeriod.MONTH, EXAMPLE_AS_OF);

        assertEquals(1, table.skippedEventCount());
        assertEquals(1, table.countedEventCount());
        assertEquals(0, cell(table, JAN, 1).activeCustomers()); // a visit is not an order
    }

    @Test
    void of_mixedCurrencies_rejected() {
        CustomerEvent eur = buy("b", "2026-01-06T10:00:00Z").withEventId("o2").withAmount(Money.of("3.00", "EUR"));
        String message = iae(() -> CohortRetention.of(
                List.of(buy("a", "2026-01-05T10:00:00Z", "1.00"), eur), CohortPeriod.MONTH, EXAMPLE_AS_OF));

        assertEquals(
                "return events must all carry amounts in one currency but events[1] (id 'o2') has 3.00 EUR"
                        + " where earlier amounts are in USD",
                message);
    }

    @Test
    void of_nullEvent_rejectedNamingIndex() {
        List<CustomerEvent> log = Arrays.asList(buy("a", "2026-01-05T10:00:00Z"), null);
        NullPointerException e = assertThrows(
                NullPointerException.class, () -> CohortRetention.of(log, CohortPeriod.MONTH, EXAMPLE_AS_OF));

        assertEquals("events[1]", e.getMessage());
    }

    @Test
    void of_asOfBeyondDates_rejected() {
        String message = iae(() -> CohortRetention.of(List.of(), CohortPeriod.MONTH, Instant.MAX));

        assertEquals("asOf must be within the range of dates but was " + Instant.MAX, message);
    }

    @Test
    void cell_cohortStartNotPeriodStart_rejected() {
        CohortRetention table = CohortRetention.of(example(), CohortPeriod.WEEK, EXAMPLE_AS_OF);

        assertEquals(
                "cohortStart must be the first day of a WEEK period but was 2026-01-06 (TUESDAY)",
                iae(() -> table.cell(LocalDate.parse("2026-01-06"), 0)));
        assertEquals(
                "cohortStart must be the first day of a WEEK period but was 2026-01-06 (TUESDAY)",
                iae(() -> table.periodCount(LocalDate.parse("2026-01-06"))));
    }

    @Test
    void cell_negativeOffset_rejected() {
        CohortRetention table = CohortRetention.of(example(), CohortPeriod.MONTH, EXAMPLE_AS_OF);

        assertEquals("offset must be at least 0 but was -1", iae(() -> table.cell(JAN, -1)));
    }

    @Test
    void startOf_instantBeyondDates_rejected() {
        assertEquals(
                "instant must be within the range of dates but was " + Instant.MIN,
                iae(() -> CohortPeriod.MONTH.startOf(Instant.MIN)));
    }

    // ---- rendering, values, nulls

    @Test
    void toTable_workedExample_boundedRetention() {
        CohortRetention table = CohortRetention.of(example(), CohortPeriod.MONTH, EXAMPLE_AS_OF);

        assertEquals(
                String.join(
                        "\n",
                        "cohort   size     k=0     k=1     k=2",
                        "2026-01     3  100.0%   33.3%   66.7%*",
                        "2026-02     2  100.0%   50.0%*",
                        "2026-03     1  100.0%*",
                        "bounded retention by month as of 2026-03-20T00:00:00Z; * period not ended at asOf;"
                                + " 1 events after asOf ignored",
                        ""),
                table.toTable(CohortRetention.Measure.BOUNDED_RETENTION));
    }

    @Test
    void toTable_revenueRetention_undefinedShownAsNa() {
        CohortRetention table = CohortRetention.of(example(), CohortPeriod.MONTH, EXAMPLE_AS_OF);

        String text = table.toTable(CohortRetention.Measure.REVENUE_RETENTION);

        assertTrue(text.contains("\n2026-03     1     n/a*\n"), text);
        assertTrue(text.contains("45.5%*"), text); // 25 / 55
    }

    @Test
    void toTable_revenue_sumsOfAmountsPerCell() {
        CohortRetention table = CohortRetention.of(example(), CohortPeriod.MONTH, EXAMPLE_AS_OF);

        String text = table.toTable(CohortRetention.Measure.REVENUE);

        // January: 10 + 30, then a's 20, then 5 + 15; February (d, e): 40 + 10 + 5, then d's 25.
        assertTrue(text.contains("\n2026-01     3  40.00   20.00   20.00*\n"), text);
        assertTrue(text.contains("\n2026-02     2  55.00   25.00*\n"), text);
    }

    @Test
    void of_workedExample_keepsInputsAndSummarises() {
        List<CustomerEvent> log = example();
        CohortRetention table = CohortRetention.of(log, CohortPeriod.MONTH, EXAMPLE_AS_OF);

        assertEquals(log, table.events());
        assertEquals(CohortPeriod.MONTH, table.period());
        assertEquals(EXAMPLE_AS_OF, table.asOf());
        assertEquals(
                "CohortRetention{period=MONTH, asOf=2026-03-20T00:00:00Z, cohorts=3, customers=6, events=12,"
                        + " ignoredAfterAsOf=1, currency=USD}",
                table.toString());
    }

    @Test
    void toTable_weeks_labelledByMonday() {
        CohortRetention table = CohortRetention.of(
                List.of(buy("x", "2026-01-11T23:59:59Z"), buy("x", "2026-01-12T00:00:00Z")),
                CohortPeriod.WEEK,
                Instant.parse("2026-01-12T12:00:00Z"));

        assertEquals(
                String.join(
                        "\n",
                        "cohort      size  k=0   k=1",
                        "2026-01-05     1    1     1*",
                        "active customers by week as of 2026-01-12T12:00:00Z; * period not ended at asOf;"
                                + " 0 events after asOf ignored",
                        ""),
                table.toTable(CohortRetention.Measure.ACTIVE_CUSTOMERS));
    }

    @Test
    void equals_sameInputs_equal() {
        List<CustomerEvent> log = example();
        new EqualsTester()
                .addEqualityGroup(
                        CohortRetention.of(log, CohortPeriod.MONTH, EXAMPLE_AS_OF),
                        CohortRetention.of(log, CohortPeriod.MONTH, EXAMPLE_AS_OF))
                .addEqualityGroup(CohortRetention.of(log, CohortPeriod.WEEK, EXAMPLE_AS_OF))
                .addEqualityGroup(CohortRetention.of(log, CohortPeriod.MONTH, EXAMPLE_AS_OF.plusSeconds(1)))
                .addEqualityGroup(CohortRetention.of(log.subList(1, log.size()), CohortPeriod.MONTH, EXAMPLE_AS_OF))
                .testEquals();
        CohortRetention table = CohortRetention.of(log, CohortPeriod.MONTH, EXAMPLE_AS_OF);
        new EqualsTester()
                .addEqualityGroup(cell(table, JAN, 1), table.cell(JAN, 1).orElseThrow())
                .addEqualityGroup(cell(table, JAN, 2))
                .addEqualityGroup(cell(table, FEB, 1))
                .testEquals();
        HashCodes.assertDistinct(cell(table, JAN, 1), cell(table, JAN, 2), cell(table, FEB, 1));
        HashCodes.assertDistinct(
                table,
                CohortRetention.of(log, CohortPeriod.WEEK, EXAMPLE_AS_OF),
                CohortRetention.of(log, CohortPeriod.MONTH, EXAMPLE_AS_OF.plusSeconds(1)),
                CohortRetention.of(log.subList(1, log.size()), CohortPeriod.MONTH, EXAMPLE_AS_OF));
    }

    @Test
    void publicMethods_nullArguments_rejected() {
        NullPointerTester tester = new NullPointerTester()
                .setDefault(Instant.class, EXAMPLE_AS_OF)
                .setDefault(LocalDate.class, JAN)
                .setDefault(CohortPeriod.class, CohortPeriod.MONTH)
                .setDefault(EventBatch.class, EventBatch.builder().build())
                .setDefault(Iterable.class, List.of())
                .setDefault(RetentionOptions.class, RetentionOptions.ofDefaults());
        CohortRetention table = CohortRetention.of(example(), CohortPeriod.MONTH, EXAMPLE_AS_OF);

        tester.testAllPublicStaticMethods(CohortRetention.class);
        tester.testAllPublicInstanceMethods(table);
        tester.testAllPublicInstanceMethods(cell(table, JAN, 1));
        tester.testAllPublicStaticMethods(CohortPeriod.class);
        tester.testAllPublicInstanceMethods(CohortPeriod.WEEK);
        tester.testAllPublicInstanceMethods(CohortPeriod.MONTH);
    }

    /**
     * PostHog's retention issue #13748: three users active on day 0, A back on day 1, B on day 5, C never. Bounded
     * retention [100%, 33%, 0, 0, 0, 33%, 0]; unbounded [100%, 66%, 33%, 33%, 33%, 33%, 0], day by day.
     */
    @Test
    void daily_postHogIssue13748_boundedAndUnbounded() {
        List<CustomerEvent> events = List.of(
                buy("A", "2026-01-01T10:00:00Z"),
                buy("B", "2026-01-01T11:00:00Z"),
                buy("C", "2026-01-01T12:00:00Z"),
                buy("A", "2026-01-02T10:00:00Z"),
                buy("B", "2026-01-06T10:00:00Z"));
        CohortRetention table = CohortRetention.of(events, CohortPeriod.DAY, Instant.parse("2026-01-08T00:00:00Z"));
        LocalDate day0 = LocalDate.parse("2026-01-01");
        assertEquals(List.of(day0), List.copyOf(table.cohorts()));
        long[] bounded = {3, 1, 0, 0, 0, 1, 0};
        long[] unbounded = {3, 2, 1, 1, 1, 1, 0};
        for (int k = 0; k < bounded.length; k++) {
            CohortCell cell = cell(table, day0, k);
            assertEquals(bounded[k], cell.activeCustomers(), "bounded day " + k);
            assertEquals(unbounded[k], cell.retainedCustomers(), "unbounded day " + k);
            assertEquals(bounded[k] / 3.0, cell.boundedRetention(), 1e-15);
            assertEquals(unbounded[k] / 3.0, cell.unboundedRetention(), 1e-15);
            assertTrue(cell.isComplete());
        }
        assertTrue(table.cell(day0, 7).isEmpty(), "day 7 starts at asOf: not observed");
    }

    // ---- options: cohort and return types, previous-period retention, brackets

    private static CustomerEvent signUp(String customer, String instant) {
        return CustomerEvent.of(customer, EventType.SIGN_UP, Instant.parse(instant));
    }

    private static final RetentionOptions BY_SIGN_UP = RetentionOptions.builder()
            .cohortTypes(Set.of(EventType.SIGN_UP))
            .returnTypes(Set.of(EventType.PURCHASE))
            .build();

    /** Cohorts by sign-up, returns by order, asOf 2026-03-20: every event's fate is written next to it. */
    private static List<CustomerEvent> signUps() {
        return List.of(
                signUp("a", "2026-01-03T10:00:00Z"), // a's cohort: January
                buy("a", "2026-01-10T10:00:00Z", "10.00"), // k=0
                buy("a", "2026-02-15T10:00:00Z", "20.00"), // k=1
                CustomerEvent.of("a", EventType.SITE_VISIT, Instant.parse("2026-02-01T10:00:00Z")), // skipped
                buy("a", "2026-03-25T10:00:00Z", "100.00"), // after asOf: ignored
                buy("b", "2026-01-02T10:00:00Z", "5.00"), // before b's sign-up, in its month: k=0
                signUp("b", "2026-01-20T10:00:00Z"), // b's cohort: January
                buy("b", "2026-03-05T10:00:00Z", "7.00"), // k=2
                signUp("c", "2026-02-01T10:00:00Z"), // c's cohort: February; c never orders
                signUp("c", "2026-02-10T10:00:00Z"), // a second sign-up: counted, not a return
                buy("d", "2025-12-20T10:00:00Z", "3.00"), // a month before d's cohort: outside
                signUp("d", "2026-01-05T10:00:00Z"), // d's cohort: January; d never orders after
                buy("e", "2026-01-15T10:00:00Z", "9.00")); // e never signs up: outside
    }

    @Test
    void of_cohortsBySignUpReturnsByOrder_handCounted() {
        CohortRetention table = CohortRetention.of(signUps(), CohortPeriod.MONTH, EXAMPLE_AS_OF, BY_SIGN_UP);

        assertEquals(List.of(JAN, FEB), table.cohorts());
        assertEquals(1, table.skippedEventCount()); // the visit
        assertEquals(1, table.ignoredEventCount()); // a on March 25
        assertEquals(2, table.outsideCohortEventCount()); // d's December order, e's order
        assertEquals(9, table.countedEventCount()); // 13 events less those 4
        assertEquals(BY_SIGN_UP, table.options());

        // January cohort {a, b, d}; active offsets a {0, 1}, b {0, 2}, d none.
        CohortCell k0 = cell(table, JAN, 0);
        assertEquals(3, k0.cohortSize());
        assertEquals(2, k0.activeCustomers()); // a, b: d signed up without ordering
        assertEquals(2, k0.retainedCustomers());
        assertEquals(2.0 / 3, k0.boundedRetention());
        assertEquals(2.0 / 3, k0.unboundedRetention()); // below 1: the cohort event is not a return
        assertEquals(Optional.of(usd("15.00")), k0.revenue()); // a's 10.00 + b's 5.00
        assertEquals(OptionalDouble.empty(), k0.previousPeriodRetention());

        CohortCell k1 = cell(table, JAN, 1);
        assertEquals(1, k1.activeCustomers()); // a
        assertEquals(2, k1.retainedCustomers()); // a (k=1), b (k=2)
        assertEquals(2, k1.previousActiveCustomers()); // a, b in January
        assertEquals(1, k1.stillActiveCustomers()); // a
        assertEquals(OptionalDouble.of(0.5), k1.previousPeriodRetention());
        assertEquals(Optional.of(usd("20.00")), k1.revenue());
        assertEquals(20.0 / 15.0, k1.revenueRetention().getAsDouble(), 1e-15);

        CohortCell k2 = cell(table, JAN, 2);
        assertEquals(1, k2.activeCustomers()); // b
        assertEquals(1, k2.previousActiveCustomers()); // a in February
        assertEquals(0, k2.stillActiveCustomers());
        assertEquals(OptionalDouble.of(0.0), k2.previousPeriodRetention());
        assertEquals(Optional.of(usd("7.00")), k2.revenue()); // not a's 100.00 after asOf
        assertFalse(k2.isComplete());

        // February cohort {c}: no order at all.
        CohortCell f0 = cell(table, FEB, 0);
        assertEquals(1, f0.cohortSize());
        assertEquals(0, f0.activeCustomers());
        assertEquals(0, f0.retainedCustomers());
        assertEquals(Optional.of(usd("0.00")), f0.revenue());
        assertEquals(OptionalDouble.empty(), f0.revenueRetention());
        CohortCell f1 = cell(table, FEB, 1);
        assertEquals(0, f1.previousActiveCustomers());
        assertEquals(OptionalDouble.empty(), f1.previousPeriodRetention()); // nobody active before: undefined, not NaN
        assertEquals(Optional.empty(), table.cell(FEB, 2));

        for (int threads = 1; threads <= 2; threads++) {
            CohortRetention batch = CohortRetention.of(
                    EventBatch.of(signUps()), CohortPeriod.MONTH, EXAMPLE_AS_OF, BY_SIGN_UP, threads);
            for (long k = 0; k < 3; k++) {
                assertEquals(table.cell(JAN, k), batch.cell(JAN, k));
            }
            assertEquals(table.cell(FEB, 1), batch.cell(FEB, 1));
            assertEquals(2, batch.outsideCohortEventCount());
            assertEquals(1, batch.skippedEventCount());
        }
    }

    @Test
    void of_cohortTypeAlsoReturnType_cohortEventIsActivity() {
        // cohorts by first sign-up or order, returns by site visit or order: b's sign-up starts b's cohort but is no
        // return; a's order is both
        RetentionOptions options = RetentionOptions.builder()
                .cohortTypes(Set.of(EventType.SIGN_UP, EventType.PURCHASE))
                .returnTypes(Set.of(EventType.SITE_VISIT, EventType.PURCHASE))
                .build();
        List<CustomerEvent> events = List.of(
                buy("a", "2026-01-10T10:00:00Z"),
                signUp("b", "2026-01-11T10:00:00Z"),
                CustomerEvent.of("b", EventType.SITE_VISIT, Instant.parse("2026-02-11T10:00:00Z")),
                CustomerEvent.of("a", EventType.CART_ADD, Instant.parse("2026-02-12T10:00:00Z")));

        CohortRetention table = CohortRetention.of(events, CohortPeriod.MONTH, EXAMPLE_AS_OF, options);

        assertEquals(2, cell(table, JAN, 0).cohortSize());
        assertEquals(1, cell(table, JAN, 0).activeCustomers()); // a's order
        assertEquals(1, cell(table, JAN, 1).activeCustomers()); // b's visit; a's cart is no return
        assertEquals(0, cell(table, JAN, 1).stillActiveCustomers()); // a in January, b in February
        assertEquals(1, table.skippedEventCount()); // the cart
        assertEquals(3, table.countedEventCount());
    }

    @Test
    void previousPeriodRetention_postHogIssue13748_dayByDay() {
        // A on days 0 and 1, B on days 0 and 5, C on day 0
        CohortRetention table = CohortRetention.of(
                List.of(
                        buy("A", "2026-01-01T10:00:00Z"),
                        buy("B", "2026-01-01T11:00:00Z"),
                        buy("C", "2026-01-01T12:00:00Z"),
                        buy("A", "2026-01-02T10:00:00Z"),
                        buy("B", "2026-01-06T10:00:00Z")),
                CohortPeriod.DAY,
                Instant.parse("2026-01-08T00:00:00Z"));
        LocalDate day0 = LocalDate.parse("2026-01-01");

        // day k: active on day k-1, of whom also active on day k
        long[] previous = {0, 3, 1, 0, 0, 0, 1};
        long[] still = {0, 1, 0, 0, 0, 0, 0};
        for (int k = 0; k < previous.length; k++) {
            CohortCell cell = cell(table, day0, k);
            assertEquals(previous[k], cell.previousActiveCustomers(), "day " + k);
            assertEquals(still[k], cell.stillActiveCustomers(), "day " + k);
            assertEquals(
                    previous[k] == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) still[k] / previous[k]),
                    cell.previousPeriodRetention(),
                    "day " + k);
        }
    }

    @Test
    void toTable_previousPeriodRetention_workedExample() {
        CohortRetention table = CohortRetention.of(example(), CohortPeriod.MONTH, EXAMPLE_AS_OF);

        // January {a, b, c}: k=1 a of the 3 active in January; k=2 a, the one active in February, again in March.
        // February {d, e}: k=1 d of the 2. March {f}: k=0 has no period before.
        assertEquals(
                String.join(
                        "\n",
                        "cohort   size  k=0     k=1      k=2",
                        "2026-01     3  n/a   33.3%   100.0%*",
                        "2026-02     2  n/a   50.0%*",
                        "2026-03     1  n/a*",
                        "previous period retention by month as of 2026-03-20T00:00:00Z; * period not ended at asOf;"
                                + " 1 events after asOf ignored",
                        ""),
                table.toTable(CohortRetention.Measure.PREVIOUS_PERIOD_RETENTION));
    }

    private static final RetentionOptions POSTHOG_BRACKETS = RetentionOptions.builder()
            .brackets(List.of(
                    new RetentionOptions.Bracket(0, 0),
                    new RetentionOptions.Bracket(1, 2),
                    new RetentionOptions.Bracket(3, 6),
                    new RetentionOptions.Bracket(7, 29)))
            .build();

    private static List<CustomerEvent> postHog() {
        return List.of(
                buy("A", "2026-01-01T10:00:00Z", "1.00"),
                buy("B", "2026-01-01T11:00:00Z", "2.00"),
                buy("C", "2026-01-01T12:00:00Z", "3.00"),
                buy("A", "2026-01-02T10:00:00Z", "4.00"),
                buy("B", "2026-01-06T10:00:00Z", "5.00"));
    }

    @Test
    void bracketCell_postHogIssue13748_handCounted() {
        LocalDate day0 = LocalDate.parse("2026-01-01");
        CohortRetention table = CohortRetention.of(
                postHog(), CohortPeriod.DAY, Instant.parse("2026-01-08T00:00:00Z"), POSTHOG_BRACKETS);

        CohortCell b0 = table.bracketCell(day0, 0).orElseThrow();
        assertEquals(3, b0.activeCustomers());
        assertEquals(3, b0.retainedCustomers());
        assertEquals(OptionalDouble.empty(), b0.previousPeriodRetention()); // the first bracket
        assertEquals(Optional.of(usd("6.00")), b0.revenue());

        CohortCell b1 = table.bracketCell(day0, 1).orElseThrow(); // days 1-2
        assertEquals(1, b1.offset());
        assertEquals(2, b1.lastOffset());
        assertEquals(LocalDate.parse("2026-01-02"), b1.periodStart());
        assertEquals(1, b1.activeCustomers()); // A on day 1
        assertEquals(1.0 / 3, b1.boundedRetention());
        assertEquals(2, b1.retainedCustomers()); // A (day 1) and B (day 5) on day 1 or later
        assertEquals(3, b1.previousActiveCustomers()); // bracket [0]
        assertEquals(1, b1.stillActiveCustomers()); // A
        assertEquals(Optional.of(usd("4.00")), b1.revenue());
        assertEquals(4.0 / 6.0, b1.revenueRetention().getAsDouble(), 1e-15); // over day 0's 6.00
        assertTrue(b1.isComplete());

        CohortCell b2 = table.bracketCell(day0, 2).orElseThrow(); // days 3-6
        assertEquals(1, b2.activeCustomers()); // B on day 5
        assertEquals(1, b2.retainedCustomers());
        assertEquals(1, b2.previousActiveCustomers()); // A in days 1-2
        assertEquals(0, b2.stillActiveCustomers());
        assertEquals(OptionalDouble.of(0.0), b2.previousPeriodRetention());
        assertTrue(b2.isComplete()); // day 6 ends exactly at asOf

        assertEquals(Optional.empty(), table.bracketCell(day0, 3)); // day 7 starts at asOf: not observed
        assertEquals(3, table.bracketCount(day0));
        assertEquals(0, table.bracketCount(LocalDate.parse("2026-01-02")));
    }

    @Test
    void bracketCell_asOfInsideBracket_presentButIncomplete() {
        LocalDate day0 = LocalDate.parse("2026-01-01");
        CohortRetention table = CohortRetention.of(
                postHog(), CohortPeriod.DAY, Instant.parse("2026-01-04T12:00:00Z"), POSTHOG_BRACKETS);

        CohortCell b2 = table.bracketCell(day0, 2).orElseThrow(); // days 3-6, only day 3 observed in part
        assertFalse(b2.isComplete());
        assertEquals(0, b2.activeCustomers()); // B's day 5 is after asOf
        assertEquals(1, table.ignoredEventCount());
        assertTrue(table.bracketCell(day0, 1).orElseThrow().isComplete()); // days 1-2 ended on January 4
        assertEquals(3, table.bracketCount(day0));
    }

    @Test
    void toBracketTable_postHogIssue13748() {
        CohortRetention table = CohortRetention.of(
                postHog(), CohortPeriod.DAY, Instant.parse("2026-01-08T00:00:00Z"), POSTHOG_BRACKETS);

        assertEquals(
                String.join(
                        "\n",
                        "cohort      size     k=0   k=1-2   k=3-6",
                        "2026-01-01     3  100.0%   33.3%   33.3%",
                        "bounded retention by bracket of days as of 2026-01-08T00:00:00Z; * period not ended at asOf;"
                                + " 0 events after asOf ignored",
                        ""),
                table.toBracketTable(CohortRetention.Measure.BOUNDED_RETENTION));
    }

    @Test
    void bracketCell_revenueOverTheBracketsPeriods_signUps() {
        RetentionOptions options = BY_SIGN_UP.toBuilder()
                .brackets(List.of(new RetentionOptions.Bracket(0, 0), new RetentionOptions.Bracket(1, 2)))
                .build();
        CohortRetention table = CohortRetention.of(signUps(), CohortPeriod.MONTH, EXAMPLE_AS_OF, options);

        CohortCell jan = table.bracketCell(JAN, 1).orElseThrow(); // February and March
        assertEquals(2, jan.activeCustomers()); // a in February, b in March
        assertEquals(2, jan.previousActiveCustomers()); // a, b in January
        assertEquals(2, jan.stillActiveCustomers());
        assertEquals(OptionalDouble.of(1.0), jan.previousPeriodRetention());
        assertEquals(Optional.of(usd("27.00")), jan.revenue()); // 20.00 + 7.00
        assertFalse(jan.isComplete()); // March contains asOf
        CohortCell feb = table.bracketCell(FEB, 1).orElseThrow(); // March (April not started)
        assertEquals(0, feb.activeCustomers());
        assertEquals(OptionalDouble.empty(), feb.previousPeriodRetention());
        assertFalse(feb.isComplete());
    }

    @Test
    void brackets_notContiguous_rejectedNamingBoth() {
        RetentionOptions.Builder builder = RetentionOptions.builder();
        RetentionOptions.Bracket first = new RetentionOptions.Bracket(0, 2);

        assertEquals(
                "brackets must be contiguous, each starting right after the one before, but brackets[1] starts at 2"
                        + " where brackets[0] ends at 2",
                iae(() -> builder.brackets(List.of(first, new RetentionOptions.Bracket(2, 5)))));
        assertEquals(
                "brackets must be contiguous, each starting right after the one before, but brackets[1] starts at 4"
                        + " where brackets[0] ends at 2",
                iae(() -> builder.brackets(List.of(first, new RetentionOptions.Bracket(4, 5)))));
        assertEquals(
                "brackets must be contiguous, each starting right after the one before, but brackets[1] starts at 0"
                        + " where brackets[0] ends at 4",
                iae(() -> builder.brackets(
                        List.of(new RetentionOptions.Bracket(3, 4), new RetentionOptions.Bracket(0, 2)))));
    }

    @Test
    void bracket_outOfBounds_rejected() {
        assertEquals(
                "bracket first offset must be at least 0 but was -1", iae(() -> new RetentionOptions.Bracket(-1, 0)));
        assertEquals(
                "bracket last offset must be at least its first offset 3 but was 2",
                iae(() -> new RetentionOptions.Bracket(3, 2)));
        assertEquals(
                "bracket last offset must be below 1200 (at most 1200 periods are supported) but was 1200",
                iae(() -> new RetentionOptions.Bracket(0, 1200)));
        assertEquals(1200, new RetentionOptions.Bracket(0, 1199).length());
    }

    @Test
    void options_emptyOrNullTypes_rejected() {
        assertEquals(
                "cohortTypes must hold at least one event type but was empty",
                iae(() -> RetentionOptions.builder().cohortTypes(Set.of())));
        assertEquals(
                "returnTypes must hold at least one event type but was empty",
                iae(() -> RetentionOptions.builder().returnTypes(EnumSet.noneOf(EventType.class))));
        Set<EventType> withNull = new HashSet<>(Arrays.asList(EventType.PURCHASE, null));
        NullPointerException e = assertThrows(
                NullPointerException.class, () -> RetentionOptions.builder().returnTypes(withNull));
        assertEquals("returnTypes must not hold null", e.getMessage());
        NullPointerException inList = assertThrows(
                NullPointerException.class,
                () -> RetentionOptions.builder().brackets(Arrays.asList(new RetentionOptions.Bracket(0, 0), null)));
        assertEquals("brackets[1]", inList.getMessage());
    }

    @Test
    void bracketCell_indexNotABracket_rejected() {
        CohortRetention table = CohortRetention.of(
                postHog(), CohortPeriod.DAY, Instant.parse("2026-01-08T00:00:00Z"), POSTHOG_BRACKETS);
        CohortRetention without =
                CohortRetention.of(postHog(), CohortPeriod.DAY, Instant.parse("2026-01-08T00:00:00Z"));
        LocalDate day0 = LocalDate.parse("2026-01-01");

        assertEquals(
                "bracket must be the index of one of the options' 4 brackets, from 0, but was 4",
                iae(() -> table.bracketCell(day0, 4)));
        assertEquals(
                "bracket must be the index of one of the options' 4 brackets, from 0, but was -1",
                iae(() -> table.bracketCell(day0, -1)));
        assertEquals(
                "bracket must be the index of one of the options' 0 brackets, from 0, but was 0",
                iae(() -> without.bracketCell(day0, 0)));
        IllegalStateException e = assertThrows(
                IllegalStateException.class, () -> without.toBracketTable(CohortRetention.Measure.BOUNDED_RETENTION));
        assertEquals("a bracket table needs brackets but the options have none", e.getMessage());
        assertEquals(0, without.bracketCount(day0));
    }

    @Test
    void options_valuesAndBuilders() {
        RetentionOptions defaults = RetentionOptions.ofDefaults();
        assertEquals(Set.of(EventType.PURCHASE), defaults.cohortTypes());
        assertEquals(Set.of(EventType.PURCHASE), defaults.returnTypes());
        assertEquals(List.of(), defaults.brackets());
        assertEquals(POSTHOG_BRACKETS, POSTHOG_BRACKETS.toBuilder().build());
        assertEquals(
                "RetentionOptions{cohortTypes=[SIGN_UP], returnTypes=[PURCHASE], brackets=[]}", BY_SIGN_UP.toString());
        assertEquals(
                "RetentionOptions{cohortTypes=[PURCHASE], returnTypes=[PURCHASE], brackets=[0, 1-2, 3-6, 7-29]}",
                POSTHOG_BRACKETS.toString());
        new EqualsTester()
                .addEqualityGroup(defaults, RetentionOptions.builder().build())
                .addEqualityGroup(
                        BY_SIGN_UP,
                        RetentionOptions.builder()
                                .returnTypes(EnumSet.of(EventType.PURCHASE))
                                .cohortTypes(new HashSet<>(List.of(EventType.SIGN_UP)))
                                .build())
                .addEqualityGroup(POSTHOG_BRACKETS)
                .addEqualityGroup(RetentionOptions.builder()
                        .returnTypes(Set.of(EventType.SIGN_UP))
                        .build())
                .addEqualityGroup(new RetentionOptions.Bracket(1, 2), new RetentionOptions.Bracket(1, 2))
                .testEquals();
        HashCodes.assertDistinct(defaults, BY_SIGN_UP, POSTHOG_BRACKETS);
        NullPointerTester tester = new NullPointerTester();
        tester.testAllPublicStaticMethods(RetentionOptions.class);
        tester.testAllPublicInstanceMethods(POSTHOG_BRACKETS);
        tester.testAllPublicInstanceMethods(RetentionOptions.builder());
    }

    @Test
    void equals_differentOptions_notEqual() {
        List<CustomerEvent> log = signUps();
        new EqualsTester()
                .addEqualityGroup(
                        CohortRetention.of(log, CohortPeriod.MONTH, EXAMPLE_AS_OF),
                        CohortRetention.of(log, CohortPeriod.MONTH, EXAMPLE_AS_OF, RetentionOptions.ofDefaults()))
                .addEqualityGroup(CohortRetention.of(log, CohortPeriod.MONTH, EXAMPLE_AS_OF, BY_SIGN_UP))
                .testEquals();
        assertEquals(
                "CohortRetention{period=MONTH, asOf=2026-03-20T00:00:00Z, cohorts=2, customers=4, events=13,"
                        + " ignoredAfterAsOf=1, skippedOtherTypes=1, outsideCohorts=2, currency=USD, " + BY_SIGN_UP
                        + "}",
                CohortRetention.of(log, CohortPeriod.MONTH, EXAMPLE_AS_OF, BY_SIGN_UP)
                        .toString());
    }
}
