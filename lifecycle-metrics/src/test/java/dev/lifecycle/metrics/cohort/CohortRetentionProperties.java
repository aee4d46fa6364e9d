package dev.lifecycle.metrics.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Cohort tables on random purchase logs: equal to a brute-force reference, and the retention invariants. */
final class CohortRetentionProperties {
    /** A Thursday in late December, so that random logs cross ISO week, month and year boundaries. */
    private static final Instant BASE = Instant.parse("2025-12-18T00:00:00Z");

    private static final int SPAN_SECONDS = 150 * 86_400;

    /** One generated order: customer 0..5, seconds after BASE, amount in cents or -1 for none. */
    private record Order(int customer, int second, int cents) {
        CustomerEvent toEvent() {
            CustomerEvent event = CustomerEvent.of("c" + customer, EventType.PURCHASE, BASE.plusSeconds(second));
            return cents < 0 ? event : event.withAmount(new Money(BigDecimal.valueOf(cents, 2), USD));
        }
    }

    private static final Currency USD = Currency.getInstance("USD");

    private static Gen<List<CustomerEvent>> logs() {
        Gen<Order> order = integers()
                .between(0, 5)
                .zip(integers().between(0, SPAN_SECONDS), integers().between(-1, 5_000), Order::new);
        return lists().of(order).ofSizeBetween(0, 40).map(orders -> {
            List<CustomerEvent> events = new ArrayList<>();
            orders.forEach(o -> events.add(o.toEvent()));
            return events;
        });
    }

    /** asOf anywhere in the span (and a little beyond), sometimes exactly at midnight to hit period starts. */
    private static Gen<Instant> asOfs() {
        return integers()
                .between(0, SPAN_SECONDS + 40 * 86_400)
                .zip(arbitrary().pick(true, false), (s, midnight) -> BASE.plusSeconds(midnight ? s - s % 86_400 : s));
    }

    // ---- an independent reference: periods as integer indexes, cells by counting customers directly

    /** Period index: epoch days, weeks since Monday 1970-01-05 (epoch day 4), or months since year 0. */
    static long index(CohortPeriod period, Instant instant) {
        LocalDate date = instant.atOffset(ZoneOffset.UTC).toLocalDate();
        return switch (period) {
            case DAY -> date.toEpochDay();
            case WEEK -> Math.floorDiv(date.toEpochDay() - 4, 7);
            case MONTH -> date.getYear() * 12L + date.getMonthValue() - 1;
        };
    }

    static LocalDate startOfIndex(CohortPeriod period, long index) {
        return switch (period) {
            case DAY -> LocalDate.ofEpochDay(index);
            case WEEK -> LocalDate.ofEpochDay(4 + 7 * index);
            case MONTH -> LocalDate.of((int) Math.floorDiv(index, 12), Math.floorMod(index, 12) + 1, 1);
        };
    }

    /** The index of the last period with observed time: the one containing asOf, unless asOf is its first instant. */
    static long lastIndex(CohortPeriod period, Instant asOf) {
        long containing = index(period, asOf);
        boolean startsAtAsOf = startOfIndex(period, containing)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant()
                .equals(asOf);
        return startsAtAsOf ? containing - 1 : containing;
    }

    /** Whether an event counts: at or before asOf, in a period with observed time. */
    private static boolean counts(CohortPeriod period, Instant asOf, CustomerEvent e) {
        return !e.timestamp().isAfter(asOf) && index(period, e.timestamp()) <= lastIndex(period, asOf);
    }

    @Test
    void cells_randomLogs_equalBruteForceReference() {
        qt().forAll(logs(), arbitrary().enumValues(CohortPeriod.class), asOfs()).checkAssert((log, period, asOf) -> {
            CohortRetention table = CohortRetention.of(log, period, asOf);

            TreeSet<LocalDate> expectedCohorts = new TreeSet<>();
            long ignored = 0;
            for (CustomerEvent e : log) {
                if (!counts(period, asOf, e)) {
                    ignored++;
                }
            }
            // the brute-force reference of the retention options, with the default options: orders both ways
            CohortRetentionOptionsProperties.Reference reference =
                    new CohortRetentionOptionsProperties.Reference(log, period, asOf, RetentionOptions.ofDefaults());
            long firstIndex = index(period, BASE);
            long lastIndex = lastIndex(period, asOf);
            for (long c = firstIndex; c <= lastIndex; c++) {
                for (long k = 0; c + k <= lastIndex + 2; k++) {
                    Optional<CohortCell> expected = reference.cell(c, k, k, k - 1, k - 1);
                    assertEquals(expected, table.cell(startOfIndex(period, c), k), "cohort " + c + " k=" + k);
                    if (k == 0 && expected.isPresent()) {
                        expectedCohorts.add(startOfIndex(period, c));
                    }
                }
            }
            assertEquals(List.copyOf(expectedCohorts), table.cohorts());
            assertEquals(ignored, table.ignoredEventCount());
        });
    }

    @Test
    void retention_randomLogs_invariantsHold() {
        qt().forAll(logs(), arbitrary().enumValues(CohortPeriod.class), asOfs()).checkAssert((log, period, asOf) -> {
            CohortRetention table = CohortRetention.of(log, period, asOf);
            for (LocalDate cohort : table.cohorts()) {
                long count = table.periodCount(cohort);
                assertTrue(count >= 1);
                CohortCell first = table.cell(cohort, 0).orElseThrow();
                assertTrue(first.cohortSize() >= 1);
                assertEquals(1.0, first.boundedRetention());
                assertEquals(1.0, first.unboundedRetention());
                OptionalDouble zero = first.revenueRetention();
                if (zero.isPresent()) {
                    assertEquals(1.0, zero.getAsDouble());
                }
                double previousUnbounded = 1.0;
                for (long k = 0; k < count; k++) {
                    CohortCell cell = table.cell(cohort, k).orElseThrow();
                    assertTrue(cell.unboundedRetention() >= cell.boundedRetention(), cell::toString);
                    assertTrue(cell.unboundedRetention() <= previousUnbounded, cell::toString);
                    assertTrue(cell.boundedRetention() >= 0 && cell.unboundedRetention() <= 1, cell::toString);
                    assertTrue(k == count - 1 || cell.isComplete(), cell::toString);
                    assertTrue(
                            cell.periodStart()
                                    .atStartOfDay(ZoneOffset.UTC)
                                    .toInstant()
                                    .isBefore(asOf),
                            cell::toString);
                    previousUnbounded = cell.unboundedRetention();
                }
                assertEquals(Optional.empty(), table.cell(cohort, count));
            }
        });
    }
}
