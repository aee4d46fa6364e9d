package dev.lifecycle.metrics.cohort;

import static java.util.Objects.requireNonNull;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.EventBatch;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.Money;
import dev.lifecycle.metrics.internal.BatchScan;
import dev.lifecycle.metrics.internal.PeriodBound;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A cohort retention table: customers grouped by the period of their first order, and for each cohort and period
 * offset {@code k} how many ordered, how many came back at any later point, and what they spent.
 *
 * <p>Build one with {@link #of(Iterable, CohortPeriod, Instant)}, or from the purchases of an event log stored by
 * column with {@link #of(EventBatch, CohortPeriod, Instant)} (no object per event, on several threads), and read it with {@link #cell(LocalDate, long)} or
 * print it with {@link #toTable(Measure)}. The figures follow {@code docs/metrics.md}, section "Cohort retention":
 *
 * <ul>
 *   <li>a customer's cohort is the period of their first order at or before {@code asOf};
 *   <li>bounded retention of period {@code k} is the share of the cohort that ordered in period {@code k} exactly;
 *   <li>unbounded retention of period {@code k} is the share that ordered in period {@code k} or any later period up
 *       to {@code asOf}; so it is 1 for {@code k = 0}, never below bounded retention and never increasing in {@code k};
 *   <li>revenue retention is the cohort's revenue in period {@code k} over its revenue in period 0, undefined (empty,
 *       never NaN) when period-0 revenue is zero.
 * </ul>
 *
 * <p><b>Observability.</b> A cell exists once its period has <em>started before</em> {@code asOf}, that is once some
 * of its time has been observed: a period that starts at or after {@code asOf} has no cell ({@link Optional#empty()},
 * never a zero). A cell whose period ends after {@code asOf} is marked {@linkplain CohortCell#isComplete() incomplete}
 * because it covers only the part up to {@code asOf}; with {@code asOf} exactly at a period start, the period before
 * it is complete and has the last cell. A caller who wants final figures only skips incomplete cells.
 *
 * <p><b>Input.</b> Every event must be a {@link EventType#PURCHASE}; amounts are optional, and all amounts must share
 * one currency. An event counts when it is at or before {@code asOf} and its period has a cell; the others (after
 * {@code asOf}, or exactly at an {@code asOf} that starts a period, which has no observed time) are ignored and counted
 * in {@link #ignoredEventCount()}, so every counted event lands in some cell. Every event counts once as given: remove
 * redelivered duplicates first. With no counted event the table has no cohorts and no cells.
 *
 * <p><b>Size.</b> The table has one column per period from the earliest cohort to the last observed period; at most
 * 1,200 periods are supported (100 years of months, 23 years of weeks, 3 years of days), checked before the table is
 * built.
 *
 * <p>The table keeps its inputs ({@link #events()}, {@link #period()}, {@link #asOf()}); two tables are equal when
 * their inputs are. Instances are immutable and thread-safe.
 */
public final class CohortRetention {
    private final List<CustomerEvent> events;
    private final CohortPeriod period;
    private final Instant asOf;
    private final LocalDate lastPeriod;
    private final long ignoredEventCount;
    private final @Nullable Currency currency;
    private final NavigableMap<LocalDate, Row> rows;

    /** What one cohort did: its size and, per offset, active customers, revenue and customers last seen there. */
    static final class Row {
        long size;
        final TreeMap<Long, Long> active = new TreeMap<>();
        final TreeMap<Long, BigDecimal> revenue = new TreeMap<>();
        final TreeMap<Long, Long> lastActive = new TreeMap<>();
    }

    private CohortRetention(
            List<CustomerEvent> events,
            CohortPeriod period,
            Instant asOf,
            LocalDate lastPeriod,
            long ignoredEventCount,
            @Nullable Currency currency,
            NavigableMap<LocalDate, Row> rows) {
        this.events = events;
        this.period = period;
        this.asOf = asOf;
        this.lastPeriod = lastPeriod;
        this.ignoredEventCount = ignoredEventCount;
        this.currency = currency;
        this.rows = Collections.unmodifiableNavigableMap(rows);
    }

    /** Folds purchase objects; {@code events} is the caller's list, copied. */
    private static CohortRetention ofObjects(
            List<CustomerEvent> events, CohortPeriod period, Instant asOf, LocalDate lastPeriod) {
        Currency seen = null;
        long ignored = 0;
        List<CustomerEvent> included = new ArrayList<>();
        Instant earliest = null;
        boolean observedAtAsOf = isObservedAt(period, asOf);
        for (int i = 0; i < events.size(); i++) {
            CustomerEvent event = events.get(i);
            if (event.type() != EventType.PURCHASE) {
                throw new IllegalArgumentException("events must all be PURCHASE events but events[" + i + "] (id '"
                        + event.eventId() + "', customer '" + event.customerId() + "') has type " + event.type());
            }
            Optional<Money> amount = event.amount();
            if (amount.isPresent()) {
                Currency c = amount.get().currency();
                if (seen == null) {
                    seen = c;
                } else if (!seen.equals(c)) {
                    throw new IllegalArgumentException("events must all carry amounts in one currency but events[" + i
                            + "] (id '" + event.eventId() + "') has " + amount.get() + " where earlier amounts are in "
                            + seen.getCurrencyCode());
                }
            }
            if (event.timestamp().isBefore(asOf)
                    || (observedAtAsOf && event.timestamp().equals(asOf))) {
                included.add(event);
                earliest = earliest == null || event.timestamp().isBefore(earliest) ? event.timestamp() : earliest;
            } else {
                ignored++;
            }
        }
        if (earliest != null) {
            checkSize(period, earliest, lastPeriod, asOf);
        }
        return new CohortRetention(events, period, asOf, lastPeriod, ignored, seen, fold(included, period));
    }

    /** Checks the bound on the number of periods, from the earliest counted order's to the last observed one. */
    static void checkSize(CohortPeriod period, Instant earliest, LocalDate lastPeriod, Instant asOf) {
        LocalDate first = period.startOf(earliest);
        PeriodBound.check(
                period.between(first, lastPeriod) + 1,
                period.name().toLowerCase(Locale.ROOT) + "s",
                first,
                LocalDate.ofInstant(asOf, ZoneOffset.UTC));
    }

    /** Tells whether an order at exactly {@code asOf} counts: only when its period started before {@code asOf}. */
    static boolean isObservedAt(CohortPeriod period, Instant asOf) {
        return CohortPeriod.instant(period.startOf(asOf)).isBefore(asOf);
    }

    private static NavigableMap<LocalDate, Row> fold(List<CustomerEvent> included, CohortPeriod period) {
        Map<String, LocalDate> cohortOf = new HashMap<>();
        for (CustomerEvent event : included) {
            cohortOf.merge(event.customerId(), period.startOf(event.timestamp()), (a, b) -> a.isBefore(b) ? a : b);
        }
        NavigableMap<LocalDate, Row> rows = new TreeMap<>();
        Map<String, TreeSet<Long>> offsetsOf = new HashMap<>();
        for (CustomerEvent event : included) {
            LocalDate cohort = requireNonNull(cohortOf.get(event.customerId()), "every included customer has a cohort");
            long offset = period.between(cohort, period.startOf(event.timestamp()));
            offsetsOf.computeIfAbsent(event.customerId(), id -> new TreeSet<>()).add(offset);
            Row row = rows.computeIfAbsent(cohort, c -> new Row());
            event.amount().ifPresent(m -> row.revenue.merge(offset, m.amount(), BigDecimal::add));
        }
        offsetsOf.forEach((customer, offsets) -> {
            Row row = requireNonNull(rows.get(cohortOf.get(customer)), "every customer's cohort has a row");
            row.size++;
            offsets.forEach(k -> row.active.merge(k, 1L, Long::sum));
            row.lastActive.merge(offsets.last(), 1L, Long::sum);
        });
        return rows;
    }

    /**
     * Returns the cohort retention table of the given purchases as of an instant.
     *
     * @param events purchase events in any order; amounts optional, in one currency
     * @param period the cohort period, days, weeks or months (UTC)
     * @param asOf the instant the table describes; later events are ignored and counted
     * @return the table
     * @throws NullPointerException if an argument or an event is null
     * @throws IllegalArgumentException if an event is not a purchase, amounts are in more than one currency, {@code
     *     asOf} is outside the range of dates, or the table would have more than 1,200 periods
     */
    public static CohortRetention of(Iterable<CustomerEvent> events, CohortPeriod period, Instant asOf) {
        requireNonNull(events, "events");
        requireNonNull(period, "period");
        requireNonNull(asOf, "asOf");
        List<CustomerEvent> copy = new ArrayList<>();
        for (CustomerEvent event : events) {
            copy.add(requireNonNull(event, "events[" + copy.size() + "]"));
        }
        return ofObjects(List.copyOf(copy), period, asOf, lastPeriod(period, asOf));
    }

    /** The last period observed at {@code asOf}: the one containing it, or the one before if it starts at asOf. */
    static LocalDate lastPeriod(CohortPeriod period, Instant asOf) {
        try {
            LocalDate containing = period.startOf(asOf);
            // The period that starts exactly at asOf has no observed time: the last observed one is the period before.
            return CohortPeriod.instant(containing).isBefore(asOf) ? containing : period.plus(containing, -1);
        } catch (DateTimeException | IllegalArgumentException e) {
            throw new IllegalArgumentException("asOf must be within the range of dates but was " + asOf, e);
        }
    }

    /**
     * Returns the cohort retention table of the {@link EventType#PURCHASE} rows of an event batch as of an instant, on
     * as many threads as the common fork-join pool runs: see {@link #of(EventBatch, CohortPeriod, Instant, int)}.
     *
     * @param batch the events; only its purchases are read
     * @param period the cohort period, days, weeks or months (UTC)
     * @param asOf the instant the table describes; later purchases are ignored and counted
     * @return the table
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the purchases' amounts are in more than one currency, {@code asOf} is
     *     outside the range of dates, or the table would have more than 1,200 periods
     */
    public static CohortRetention of(EventBatch batch, CohortPeriod period, Instant asOf) {
        return of(batch, period, asOf, BatchScan.defaultThreads());
    }

    /**
     * Returns the cohort retention table of the {@link EventType#PURCHASE} rows of an event batch as of an instant:
     * the same table as {@link #of(Iterable, CohortPeriod, Instant)} over the batch's purchases as objects, in row
     * order. The batch may hold events of every type: the table reads its purchases and passes over the other rows,
     * which are not the table's input (not counted in {@link #ignoredEventCount()}, which counts purchases).
     *
     * <p>The customers are split into {@code threads} ranges of codes (no more than there are customers), run on the
     * common fork-join pool with the calling thread taking part; each range reads the batch's columns twice (the first
     * and last counted order of each customer, then the periods and amounts of the orders) and keeps its customers'
     * state in primitive arrays. Amounts are summed exactly in minor units. With {@code threads = 1} everything runs on
     * the calling thread. The table's {@link #events()} are the batch's purchases as objects, made when they are read.
     *
     * @param batch the events; only its purchases are read
     * @param period the cohort period, days, weeks or months (UTC)
     * @param asOf the instant the table describes; later purchases are ignored and counted
     * @param threads the number of threads, 1 or more
     * @return the table
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code threads} is below 1, the purchases' amounts are in more than one
     *     currency (the message names the first row in another currency than the first amount's), {@code asOf} is
     *     outside the range of dates, or the table would have more than 1,200 periods
     */
    public static CohortRetention of(EventBatch batch, CohortPeriod period, Instant asOf, int threads) {
        requireNonNull(batch, "batch");
        requireNonNull(period, "period");
        requireNonNull(asOf, "asOf");
        BatchScan.checkThreads(threads);
        LocalDate lastPeriod = lastPeriod(period, asOf);
        BatchCohorts fold = BatchCohorts.fold(batch, period, asOf, lastPeriod, threads);
        return new CohortRetention(
                new BatchCohorts.Purchases(batch),
                period,
                asOf,
                lastPeriod,
                fold.ignored(),
                fold.currency(),
                fold.rows());
    }

    /** {@return the events the table was built from, in the order given, those after asOf included} */
    public List<CustomerEvent> events() {
        return events;
    }

    /** {@return the cohort period} */
    public CohortPeriod period() {
        return period;
    }

    /** {@return the instant the table describes} */
    public Instant asOf() {
        return asOf;
    }

    /** {@return the number of events the table ignores: after asOf, or exactly at an asOf that starts a period} */
    public long ignoredEventCount() {
        return ignoredEventCount;
    }

    /** {@return the currency of the amounts, empty when no event carries an amount (revenue is then unknown)} */
    public Optional<Currency> currency() {
        return Optional.ofNullable(currency);
    }

    /** {@return the first days of the cohorts' periods, ascending; only periods in which some customer first ordered} */
    public List<LocalDate> cohorts() {
        return List.copyOf(rows.keySet());
    }

    /**
     * Returns the number of cells the cohort has as of {@code asOf}: one per period from its own to the last one that
     * started before {@code asOf}.
     *
     * @param cohortStart the first day of the cohort's period
     * @return the number of cells, offsets {@code 0} to the result less one; 0 when there is no such cohort
     * @throws NullPointerException if {@code cohortStart} is null
     * @throws IllegalArgumentException if {@code cohortStart} is not the first day of a period
     */
    public long periodCount(LocalDate cohortStart) {
        checkStart(cohortStart);
        return rows.containsKey(cohortStart) ? period.between(cohortStart, lastPeriod) + 1 : 0;
    }

    /**
     * Returns the cell of one cohort at one period offset.
     *
     * @param cohortStart the first day of the cohort's period
     * @param offset the period offset {@code k}, 0 for the cohort's own period
     * @return the cell; empty when there is no such cohort or the period starts at or after {@code asOf}
     * @throws NullPointerException if {@code cohortStart} is null
     * @throws IllegalArgumentException if {@code cohortStart} is not the first day of a period or {@code offset} is
     *     negative
     */
    public Optional<CohortCell> cell(LocalDate cohortStart, long offset) {
        checkStart(cohortStart);
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be at least 0 but was " + offset);
        }
        Row row = rows.get(cohortStart);
        if (row == null) {
            return Optional.empty();
        }
        long last = period.between(cohortStart, lastPeriod);
        if (offset > last) {
            return Optional.empty();
        }
        long retained = row.lastActive.tailMap(offset, true).values().stream()
                .mapToLong(Long::longValue)
                .sum();
        Money revenue = null;
        Money periodZero = null;
        if (currency != null) {
            revenue = new Money(row.revenue.getOrDefault(offset, BigDecimal.ZERO), currency);
            periodZero = new Money(row.revenue.getOrDefault(0L, BigDecimal.ZERO), currency);
        }
        return Optional.of(new CohortCell(
                cohortStart,
                offset,
                period.plus(cohortStart, offset),
                !CohortPeriod.instant(period.plus(cohortStart, offset + 1)).isAfter(asOf),
                row.size,
                row.active.getOrDefault(offset, 0L),
                retained,
                revenue,
                periodZero));
    }

    private void checkStart(LocalDate cohortStart) {
        requireNonNull(cohortStart, "cohortStart");
        if (!period.isStart(cohortStart)) {
            throw new IllegalArgumentException("cohortStart must be the first day of a " + period + " period but was "
                    + cohortStart + " (" + cohortStart.getDayOfWeek() + ")");
        }
    }

    /** The figure {@link #toTable(Measure)} prints in each cell. */
    public enum Measure {
        /** Bounded retention as a percentage. */
        BOUNDED_RETENTION,
        /** Unbounded retention as a percentage. */
        UNBOUNDED_RETENTION,
        /** Revenue retention as a percentage; {@code n/a} where undefined. */
        REVENUE_RETENTION,
        /** The number of active customers. */
        ACTIVE_CUSTOMERS,
        /** The revenue, without currency; {@code n/a} when the input has no amounts. */
        REVENUE
    }

    /**
     * Renders the table as fixed-width text: one row per cohort with its size, one column per offset {@code k}.
     *
     * <p>Cells not yet observable are blank; incomplete cells (their period contains {@code asOf}) end in {@code *}.
     * Percentages have one decimal. A footer names the measure, {@code asOf} and the number of ignored events. The
     * format is for people, not for parsing, and may change.
     *
     * @param measure the figure to print in each cell
     * @return the text, lines separated by {@code \n}
     * @throws NullPointerException if {@code measure} is null
     */
    public String toTable(Measure measure) {
        requireNonNull(measure, "measure");
        long columns = 0;
        for (LocalDate cohort : rows.keySet()) {
            columns = Math.max(columns, periodCount(cohort));
        }
        List<List<String>> lines = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("cohort", "size"));
        for (long k = 0; k < columns; k++) {
            header.add("k=" + k + " ");
        }
        lines.add(header);
        for (LocalDate cohort : rows.keySet()) {
            List<String> line = new ArrayList<>(List.of(period.label(cohort), Long.toString(rows.get(cohort).size)));
            for (long k = 0; k < columns; k++) {
                line.add(cell(cohort, k)
                        .map(c -> format(c, measure) + (c.isComplete() ? " " : "*"))
                        .orElse(""));
            }
            lines.add(line);
        }
        int[] widths = new int[header.size()];
        for (List<String> line : lines) {
            for (int i = 0; i < line.size(); i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (List<String> line : lines) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < line.size(); i++) {
                String value = line.get(i);
                if (i > 0) {
                    out.append("  ")
                            .append(" ".repeat(widths[i] - value.length()))
                            .append(value);
                } else {
                    out.append(value).append(" ".repeat(widths[i] - value.length()));
                }
            }
            text.append(out.toString().stripTrailing()).append('\n');
        }
        text.append(measure.name().toLowerCase(Locale.ROOT).replace('_', ' '))
                .append(" by ")
                .append(period.name().toLowerCase(Locale.ROOT))
                .append(" as of ")
                .append(asOf)
                .append("; * period not ended at asOf; ")
                .append(ignoredEventCount)
                .append(" events after asOf ignored\n");
        return text.toString();
    }

    private static String format(CohortCell cell, Measure measure) {
        return switch (measure) {
            case BOUNDED_RETENTION -> percent(cell.boundedRetention());
            case UNBOUNDED_RETENTION -> percent(cell.unboundedRetention());
            case REVENUE_RETENTION -> {
                OptionalDouble ratio = cell.revenueRetention();
                yield ratio.isPresent() ? percent(ratio.getAsDouble()) : "n/a";
            }
            case ACTIVE_CUSTOMERS -> Long.toString(cell.activeCustomers());
            case REVENUE -> cell.revenue().map(m -> m.amount().toPlainString()).orElse("n/a");
        };
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof CohortRetention other
                && events.equals(other.events)
                && period == other.period
                && asOf.equals(other.asOf);
    }

    @Override
    public int hashCode() {
        return Objects.hash(events, period, asOf);
    }

    /** {@return a one-line summary: period, asOf, cohorts, customers, events and ignored events} */
    @Override
    public String toString() {
        long customers = rows.values().stream().mapToLong(r -> r.size).sum();
        return "CohortRetention{period=" + period + ", asOf=" + asOf + ", cohorts=" + rows.size() + ", customers="
                + customers + ", events=" + events.size() + ", ignoredAfterAsOf=" + ignoredEventCount
                + (currency == null ? "" : ", currency=" + currency.getCurrencyCode()) + "}";
    }
}
