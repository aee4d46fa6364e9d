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
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * A cohort retention table: customers grouped by the period of their first cohort event (by default their first
 * order), and for each cohort and period offset {@code k} how many returned (by default: ordered), how many came back
 * at any later point, how many of the previous period's active customers stayed, and what they spent.
 *
 * <p>Build one with {@link #of(Iterable, CohortPeriod, Instant)}, or from an event log stored by column with {@link
 * #of(EventBatch, CohortPeriod, Instant)} (no object per event, on several threads); {@link RetentionOptions} choose
 * other cohort and return events and add brackets of offsets ({@link #of(Iterable, CohortPeriod, Instant,
 * RetentionOptions)}, {@link #of(EventBatch, CohortPeriod, Instant, RetentionOptions, int)}). Read it with {@link
 * #cell(LocalDate, long)} and {@link #bracketCell(LocalDate, int)}, or print it with {@link #toTable(Measure)} and
 * {@link #toBracketTable(Measure)}. The figures follow {@code docs/metrics.md}, section "Cohort retention":
 *
 * <ul>
 *   <li>a customer's cohort is the period of their first event of a {@linkplain RetentionOptions#cohortTypes() cohort
 *       type} at or before {@code asOf}; a customer is active in a period when they have an event of a {@linkplain
 *       RetentionOptions#returnTypes() return type} in it (a type may be both, as {@link EventType#PURCHASE} is by
 *       default); offsets count whole periods, so a return in the cohort's own period is at offset 0 even when it
 *       comes before the first cohort event within that period;
 *   <li>bounded retention of period {@code k} is the share of the cohort active in period {@code k} exactly;
 *   <li>unbounded retention of period {@code k} is the share active in period {@code k} or any later period up to
 *       {@code asOf}; so it is never below bounded retention and never increasing in {@code k}, and it is 1 for {@code
 *       k = 0} when the cohort types are return types too (the default);
 *   <li>retention relative to the previous period, for {@code k >= 1}: of the cohort's customers active in period
 *       {@code k - 1}, the share also active in period {@code k}; undefined (empty, never NaN) when none was active in
 *       {@code k - 1};
 *   <li>revenue retention is the cohort's revenue in period {@code k} (the amounts of its return events there) over
 *       its revenue in period 0, undefined (empty, never NaN) when period-0 revenue is zero;
 *   <li>a {@linkplain RetentionOptions#brackets() bracket} of offsets {@code [a..b]} has one cell per cohort: bounded
 *       retention is the share active in any period of the bracket, unbounded the share active in period {@code a} or
 *       later, relative to the previous period the share of those active in the bracket before who are active in this
 *       one, and revenue the sum over its periods (over the same period-0 revenue).
 * </ul>
 *
 * <p><b>Observability.</b> A cell exists once its period has <em>started before</em> {@code asOf}, that is once some
 * of its time has been observed: a period that starts at or after {@code asOf} has no cell ({@link Optional#empty()},
 * never a zero). A cell whose period ends after {@code asOf} is marked {@linkplain CohortCell#isComplete() incomplete}
 * because it covers only the part up to {@code asOf}; with {@code asOf} exactly at a period start, the period before
 * it is complete and has the last cell. A bracket's cell exists once its first period has started before {@code asOf}
 * and is incomplete until its last period has ended. A caller who wants final figures only skips incomplete cells.
 *
 * <p><b>Input.</b> Events of any type may be given; amounts are optional, and the amounts of the return events must
 * share one currency. Every event falls in exactly one of four counts, which add up to {@link #events()}'s size:
 *
 * <ul>
 *   <li>{@link #skippedEventCount()}: its type is neither a cohort type nor a return type;
 *   <li>{@link #ignoredEventCount()}: it is after {@code asOf}, or exactly at an {@code asOf} that starts a period,
 *       which has no observed time;
 *   <li>{@link #outsideCohortEventCount()}: a return event (of no cohort type) of a customer without a cohort event at
 *       or before {@code asOf}, or in a period before their cohort's;
 *   <li>{@link #countedEventCount()}: the others, the cohort events and the return events that land in a cell.
 * </ul>
 *
 * <p>Every event counts once as given: remove redelivered duplicates first. With no counted event the table has no
 * cohorts and no cells.
 *
 * <p><b>Size.</b> The table has one column per period from the earliest cohort to the last observed period; at most
 * 1,200 periods are supported (100 years of months, 23 years of weeks, 3 years of days), checked before the table is
 * built.
 *
 * <p>The table keeps its inputs ({@link #events()}, {@link #period()}, {@link #asOf()}, {@link #options()}); two
 * tables are equal when their inputs are. Instances are immutable and thread-safe.
 */
public final class CohortRetention {
    private final List<CustomerEvent> events;
    private final CohortPeriod period;
    private final Instant asOf;
    private final RetentionOptions options;
    private final LocalDate lastPeriod;
    private final long ignoredEventCount;
    private final long skippedEventCount;
    private final long outsideCohortEventCount;
    private final @Nullable Currency currency;
    private final NavigableMap<LocalDate, Row> rows;

    /**
     * What the fold counts of one customer, from their active offsets: per offset, whether they were active there and
     * in the offset before; per bracket, whether they were active in it and in the bracket before; their last offset.
     */
    interface Tally {
        /** Counts a customer active at {@code offset}, {@code previousToo} when also at {@code offset - 1}. */
        void active(int offset, boolean previousToo);

        /** Counts a customer active in bracket {@code bracket}, {@code previousToo} when also in the bracket before. */
        void bracket(int bracket, boolean previousToo);

        /** Counts a customer whose last active offset is {@code offset}. */
        void lastActive(int offset);
    }

    /**
     * The one definition of a customer's counts, for both sources: {@code offsets[0..count)} are the customer's active
     * offsets, ascending and distinct, so that their brackets come in order too.
     */
    static void tally(int[] offsets, int count, RetentionOptions options, Tally tally) {
        int lastBracket = -1;
        for (int i = 0; i < count; i++) {
            int offset = offsets[i];
            tally.active(offset, i > 0 && offsets[i - 1] == offset - 1);
            int bracket = options.bracketOf(offset);
            if (bracket >= 0 && bracket != lastBracket) {
                tally.bracket(bracket, bracket > 0 && lastBracket == bracket - 1);
                lastBracket = bracket;
            }
        }
        if (count > 0) {
            tally.lastActive(offsets[count - 1]);
        }
    }

    /**
     * What one cohort did: its size and, per offset, active customers, those active in the offset before too, revenue
     * and customers last seen there; per bracket, active customers and those active in the bracket before too.
     */
    static final class Row implements Tally {
        long size;
        final TreeMap<Long, Long> active = new TreeMap<>();
        final TreeMap<Long, Long> stillActive = new TreeMap<>();
        final TreeMap<Long, BigDecimal> revenue = new TreeMap<>();
        final TreeMap<Long, Long> lastActive = new TreeMap<>();
        final long[] bracketActive;
        final long[] bracketStillActive;

        Row(int brackets) {
            bracketActive = new long[brackets];
            bracketStillActive = new long[brackets];
        }

        @Override
        public void active(int offset, boolean previousToo) {
            active.merge((long) offset, 1L, Long::sum);
            if (previousToo) {
                stillActive.merge((long) offset, 1L, Long::sum);
            }
        }

        @Override
        public void bracket(int bracket, boolean previousToo) {
            bracketActive[bracket]++;
            if (previousToo) {
                bracketStillActive[bracket]++;
            }
        }

        @Override
        public void lastActive(int offset) {
            lastActive.merge((long) offset, 1L, Long::sum);
        }
    }

    private CohortRetention(
            List<CustomerEvent> events,
            CohortPeriod period,
            Instant asOf,
            RetentionOptions options,
            LocalDate lastPeriod,
            long[] counts,
            @Nullable Currency currency,
            NavigableMap<LocalDate, Row> rows) {
        this.events = events;
        this.period = period;
        this.asOf = asOf;
        this.options = options;
        this.lastPeriod = lastPeriod;
        this.skippedEventCount = counts[0];
        this.ignoredEventCount = counts[1];
        this.outsideCohortEventCount = counts[2];
        this.currency = currency;
        this.rows = Collections.unmodifiableNavigableMap(rows);
    }

    /** Folds event objects; {@code events} is the caller's list, copied. */
    private static CohortRetention ofObjects(
            List<CustomerEvent> events,
            CohortPeriod period,
            Instant asOf,
            LocalDate lastPeriod,
            RetentionOptions options) {
        Currency seen = null;
        long skipped = 0;
        long ignored = 0;
        List<CustomerEvent> included = new ArrayList<>();
        Instant earliest = null;
        boolean observedAtAsOf = isObservedAt(period, asOf);
        for (int i = 0; i < events.size(); i++) {
            CustomerEvent event = events.get(i);
            int type = event.type().ordinal();
            boolean starts = options.startsCohort(type);
            if (!starts && !options.isReturn(type)) {
                skipped++;
                continue;
            }
            Optional<Money> amount = event.amount();
            if (options.isReturn(type) && amount.isPresent()) {
                Currency c = amount.get().currency();
                if (seen == null) {
                    seen = c;
                } else if (!seen.equals(c)) {
                    throw new IllegalArgumentException("return events must all carry amounts in one currency but"
                            + " events[" + i + "] (id '" + event.eventId() + "') has " + amount.get()
                            + " where earlier amounts are in " + seen.getCurrencyCode());
                }
            }
            if (event.timestamp().isBefore(asOf)
                    || (observedAtAsOf && event.timestamp().equals(asOf))) {
                included.add(event);
                if (starts) {
                    earliest = earliest == null || event.timestamp().isBefore(earliest) ? event.timestamp() : earliest;
                }
            } else {
                ignored++;
            }
        }
        if (earliest != null) {
            checkSize(period, earliest, lastPeriod, asOf);
        }
        NavigableMap<LocalDate, Row> rows = new TreeMap<>();
        long outside = fold(included, period, options, rows);
        return new CohortRetention(
                events, period, asOf, options, lastPeriod, new long[] {skipped, ignored, outside}, seen, rows);
    }

    /** Checks the bound on the number of periods, from the earliest counted cohort event's to the last observed one. */
    static void checkSize(CohortPeriod period, Instant earliest, LocalDate lastPeriod, Instant asOf) {
        LocalDate first = period.startOf(earliest);
        PeriodBound.check(
                period.between(first, lastPeriod) + 1,
                period.name().toLowerCase(Locale.ROOT) + "s",
                first,
                LocalDate.ofInstant(asOf, ZoneOffset.UTC));
    }

    /** Tells whether an event at exactly {@code asOf} counts: only when its period started before {@code asOf}. */
    static boolean isObservedAt(CohortPeriod period, Instant asOf) {
        return CohortPeriod.instant(period.startOf(asOf)).isBefore(asOf);
    }

    /** Folds the observed events into {@code rows}; returns the number of return events outside every cohort. */
    private static long fold(
            List<CustomerEvent> included,
            CohortPeriod period,
            RetentionOptions options,
            NavigableMap<LocalDate, Row> rows) {
        Map<String, LocalDate> cohortOf = new HashMap<>();
        for (CustomerEvent event : included) {
            if (options.startsCohort(event.type().ordinal())) {
                cohortOf.merge(event.customerId(), period.startOf(event.timestamp()), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        int brackets = options.brackets().size();
        cohortOf.values().forEach(cohort -> rows.computeIfAbsent(cohort, c -> new Row(brackets)));
        Map<String, TreeSet<Integer>> offsetsOf = new HashMap<>();
        long outside = 0;
        for (CustomerEvent event : included) {
            if (!options.isReturn(event.type().ordinal())) {
                continue; // a cohort event, counted
            }
            LocalDate cohort = cohortOf.get(event.customerId());
            long offset = cohort == null ? -1 : period.between(cohort, period.startOf(event.timestamp()));
            if (cohort == null || offset < 0) {
                outside++;
                continue;
            }
            offsetsOf.computeIfAbsent(event.customerId(), id -> new TreeSet<>()).add((int) offset);
            Row row = requireNonNull(rows.get(cohort), "every cohort has a row");
            event.amount().ifPresent(m -> row.revenue.merge(offset, m.amount(), BigDecimal::add));
        }
        cohortOf.forEach((customer, cohort) -> {
            Row row = requireNonNull(rows.get(cohort), "every cohort has a row");
            row.size++;
            TreeSet<Integer> offsets = offsetsOf.getOrDefault(customer, new TreeSet<>());
            int[] ascending = offsets.stream().mapToInt(Integer::intValue).toArray();
            tally(ascending, ascending.length, options, row);
        });
        return outside;
    }

    /**
     * Returns the cohort retention table of the given events as of an instant, with the default options: cohorts by
     * first order, returns by order ({@link RetentionOptions#ofDefaults()}); events of other types are skipped and
     * counted.
     *
     * @param events events in any order; amounts optional, the orders' in one currency
     * @param period the cohort period, days, weeks or months (UTC)
     * @param asOf the instant the table describes; later events are ignored and counted
     * @return the table
     * @throws NullPointerException if an argument or an event is null
     * @throws IllegalArgumentException if the orders' amounts are in more than one currency, {@code asOf} is outside
     *     the range of dates, or the table would have more than 1,200 periods
     */
    public static CohortRetention of(Iterable<CustomerEvent> events, CohortPeriod period, Instant asOf) {
        return of(events, period, asOf, RetentionOptions.ofDefaults());
    }

    /**
     * Returns the cohort retention table of the given events as of an instant, with the given cohort and return types
     * and brackets.
     *
     * @param events events in any order; amounts optional, the return events' in one currency
     * @param period the cohort period, days, weeks or months (UTC)
     * @param asOf the instant the table describes; later events are ignored and counted
     * @param options the cohort and return types and the brackets
     * @return the table
     * @throws NullPointerException if an argument or an event is null
     * @throws IllegalArgumentException if the return events' amounts are in more than one currency (the message names
     *     the first event in another currency than the first amount's), {@code asOf} is outside the range of dates, or
     *     the table would have more than 1,200 periods
     */
    public static CohortRetention of(
            Iterable<CustomerEvent> events, CohortPeriod period, Instant asOf, RetentionOptions options) {
        requireNonNull(events, "events");
        requireNonNull(period, "period");
        requireNonNull(asOf, "asOf");
        requireNonNull(options, "options");
        List<CustomerEvent> copy = new ArrayList<>();
        for (CustomerEvent event : events) {
            copy.add(requireNonNull(event, "events[" + copy.size() + "]"));
        }
        return ofObjects(List.copyOf(copy), period, asOf, lastPeriod(period, asOf), options);
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
     * Returns the cohort retention table of an event batch as of an instant, with the default options, on as many
     * threads as the common fork-join pool runs: see {@link #of(EventBatch, CohortPeriod, Instant, RetentionOptions,
     * int)}.
     *
     * @param batch the events
     * @param period the cohort period, days, weeks or months (UTC)
     * @param asOf the instant the table describes; later events are ignored and counted
     * @return the table
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the orders' amounts are in more than one currency, {@code asOf} is outside
     *     the range of dates, or the table would have more than 1,200 periods
     */
    public static CohortRetention of(EventBatch batch, CohortPeriod period, Instant asOf) {
        return of(batch, period, asOf, RetentionOptions.ofDefaults(), BatchScan.defaultThreads());
    }

    /**
     * Returns the cohort retention table of an event batch as of an instant, with the default options: see {@link
     * #of(EventBatch, CohortPeriod, Instant, RetentionOptions, int)}.
     *
     * @param batch the events
     * @param period the cohort period, days, weeks or months (UTC)
     * @param asOf the instant the table describes; later events are ignored and counted
     * @param threads the number of threads, 1 or more
     * @return the table
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code threads} is below 1, the orders' amounts are in more than one
     *     currency, {@code asOf} is outside the range of dates, or the table would have more than 1,200 periods
     */
    public static CohortRetention of(EventBatch batch, CohortPeriod period, Instant asOf, int threads) {
        return of(batch, period, asOf, RetentionOptions.ofDefaults(), threads);
    }

    /**
     * Returns the cohort retention table of an event batch as of an instant, with the given options, on as many
     * threads as the common fork-join pool runs: see {@link #of(EventBatch, CohortPeriod, Instant, RetentionOptions,
     * int)}.
     *
     * @param batch the events
     * @param period the cohort period, days, weeks or months (UTC)
     * @param asOf the instant the table describes; later events are ignored and counted
     * @param options the cohort and return types and the brackets
     * @return the table
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the return events' amounts are in more than one currency, {@code asOf} is
     *     outside the range of dates, or the table would have more than 1,200 periods
     */
    public static CohortRetention of(EventBatch batch, CohortPeriod period, Instant asOf, RetentionOptions options) {
        return of(batch, period, asOf, options, BatchScan.defaultThreads());
    }

    /**
     * Returns the cohort retention table of an event batch as of an instant, with the given options: the same table
     * as {@link #of(Iterable, CohortPeriod, Instant, RetentionOptions)} over the batch's events as objects, in row
     * order, and equal to it. Rows of other types than the cohort and return types are skipped and counted.
     *
     * <p>The customers are split into {@code threads} ranges of codes (no more than there are customers), run on the
     * common fork-join pool with the calling thread taking part; each range reads the batch's columns twice (the first
     * cohort event and last return of each customer, then the periods and amounts of the returns) and keeps its
     * customers' state in primitive arrays. Amounts are summed exactly in minor units. With {@code threads = 1}
     * everything runs on the calling thread. The table's {@link #events()} are the batch's events as objects, made when
     * they are read.
     *
     * @param batch the events
     * @param period the cohort period, days, weeks or months (UTC)
     * @param asOf the instant the table describes; later events are ignored and counted
     * @param options the cohort and return types and the brackets
     * @param threads the number of threads, 1 or more
     * @return the table
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code threads} is below 1, the return events' amounts are in more than one
     *     currency (the message names the first row in another currency than the first amount's), {@code asOf} is
     *     outside the range of dates, or the table would have more than 1,200 periods
     */
    public static CohortRetention of(
            EventBatch batch, CohortPeriod period, Instant asOf, RetentionOptions options, int threads) {
        requireNonNull(batch, "batch");
        requireNonNull(period, "period");
        requireNonNull(asOf, "asOf");
        requireNonNull(options, "options");
        BatchScan.checkThreads(threads);
        LocalDate lastPeriod = lastPeriod(period, asOf);
        BatchCohorts fold = BatchCohorts.fold(batch, period, asOf, lastPeriod, options, threads);
        return new CohortRetention(
                batch.events(),
                period,
                asOf,
                options,
                lastPeriod,
                new long[] {fold.skipped(), fold.ignored(), fold.outside()},
                fold.currency(),
                fold.rows());
    }

    /** {@return the events the table was built from, in the order given, those after asOf and of other types included} */
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

    /** {@return the cohort and return types and the brackets the table counts} */
    public RetentionOptions options() {
        return options;
    }

    /**
     * {@return the number of cohort and return events the table ignores: after asOf, or exactly at an asOf that starts
     * a period}
     */
    public long ignoredEventCount() {
        return ignoredEventCount;
    }

    /** {@return the number of events of a type that is neither a cohort type nor a return type} */
    public long skippedEventCount() {
        return skippedEventCount;
    }

    /**
     * {@return the number of return events (of no cohort type), at or before asOf, of a customer without a cohort or
     * in a period before their cohort's}
     */
    public long outsideCohortEventCount() {
        return outsideCohortEventCount;
    }

    /**
     * {@return the number of events the table counts: the cohort events and the return events in a cell; with the
     * skipped, ignored and outside ones, the size of {@link #events()}}
     */
    public long countedEventCount() {
        return events.size() - skippedEventCount - ignoredEventCount - outsideCohortEventCount;
    }

    /** {@return the currency of the return events' amounts, empty when none carries an amount (revenue is then unknown)} */
    public Optional<Currency> currency() {
        return Optional.ofNullable(currency);
    }

    /** {@return the first days of the cohorts' periods, ascending; only periods in which some customer's cohort began} */
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
        if (row == null || offset > period.between(cohortStart, lastPeriod)) {
            return Optional.empty();
        }
        return Optional.of(cellOf(
                cohortStart,
                row,
                offset,
                offset,
                row.active.getOrDefault(offset, 0L),
                offset == 0 ? 0 : row.active.getOrDefault(offset - 1, 0L),
                row.stillActive.getOrDefault(offset, 0L)));
    }

    /**
     * Returns the number of bracket cells the cohort has as of {@code asOf}: one per bracket of the {@linkplain
     * #options() options} whose first period started before {@code asOf}.
     *
     * @param cohortStart the first day of the cohort's period
     * @return the number of bracket cells, brackets {@code 0} to the result less one; 0 when there is no such cohort
     *     or the options have no brackets
     * @throws NullPointerException if {@code cohortStart} is null
     * @throws IllegalArgumentException if {@code cohortStart} is not the first day of a period
     */
    public int bracketCount(LocalDate cohortStart) {
        checkStart(cohortStart);
        if (!rows.containsKey(cohortStart)) {
            return 0;
        }
        long last = period.between(cohortStart, lastPeriod);
        int count = 0;
        for (RetentionOptions.Bracket bracket : options.brackets()) {
            count += bracket.first() <= last ? 1 : 0;
        }
        return count;
    }

    /**
     * Returns the cell of one cohort in one bracket of period offsets.
     *
     * @param cohortStart the first day of the cohort's period
     * @param bracket the index of the bracket in {@link RetentionOptions#brackets()}
     * @return the cell, its {@link CohortCell#offset()} the bracket's first offset and its {@link
     *     CohortCell#lastOffset()} the bracket's last; empty when there is no such cohort or the bracket's first
     *     period starts at or after {@code asOf}
     * @throws NullPointerException if {@code cohortStart} is null
     * @throws IllegalArgumentException if {@code cohortStart} is not the first day of a period or {@code bracket} is
     *     not the index of a bracket of the options
     */
    public Optional<CohortCell> bracketCell(LocalDate cohortStart, int bracket) {
        checkStart(cohortStart);
        List<RetentionOptions.Bracket> brackets = options.brackets();
        if (bracket < 0 || bracket >= brackets.size()) {
            throw new IllegalArgumentException("bracket must be the index of one of the options' " + brackets.size()
                    + " brackets, from 0, but was " + bracket);
        }
        Row row = rows.get(cohortStart);
        RetentionOptions.Bracket offsets = brackets.get(bracket);
        if (row == null || offsets.first() > period.between(cohortStart, lastPeriod)) {
            return Optional.empty();
        }
        return Optional.of(cellOf(
                cohortStart,
                row,
                offsets.first(),
                offsets.last(),
                row.bracketActive[bracket],
                bracket == 0 ? 0 : row.bracketActive[bracket - 1],
                row.bracketStillActive[bracket]));
    }

    /** The cell of offsets {@code first} to {@code last}, the counts that depend on how offsets are grouped given. */
    private CohortCell cellOf(
            LocalDate cohortStart, Row row, long first, long last, long active, long previousActive, long stillActive) {
        long retained = row.lastActive.tailMap(first, true).values().stream()
                .mapToLong(Long::longValue)
                .sum();
        Money revenue = null;
        Money periodZero = null;
        if (currency != null) {
            BigDecimal sum = row.revenue.subMap(first, true, last, true).values().stream()
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            revenue = new Money(sum, currency);
            periodZero = new Money(row.revenue.getOrDefault(0L, BigDecimal.ZERO), currency);
        }
        return new CohortCell(
                cohortStart,
                first,
                last,
                period.plus(cohortStart, first),
                !CohortPeriod.instant(period.plus(cohortStart, last + 1)).isAfter(asOf),
                row.size,
                active,
                retained,
                previousActive,
                stillActive,
                revenue,
                periodZero);
    }

    private void checkStart(LocalDate cohortStart) {
        requireNonNull(cohortStart, "cohortStart");
        if (!period.isStart(cohortStart)) {
            throw new IllegalArgumentException("cohortStart must be the first day of a " + period + " period but was "
                    + cohortStart + " (" + cohortStart.getDayOfWeek() + ")");
        }
    }

    /** The figure {@link #toTable(Measure)} and {@link #toBracketTable(Measure)} print in each cell. */
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
        REVENUE,
        /** Retention relative to the previous period (or bracket) as a percentage; {@code n/a} where undefined. */
        PREVIOUS_PERIOD_RETENTION
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
        List<String> labels = new ArrayList<>();
        for (long k = 0; k < columns; k++) {
            labels.add("k=" + k);
        }
        return render(measure, labels, "", (cohort, k) -> cell(cohort, k));
    }

    /**
     * Renders the bracket cells as fixed-width text: one row per cohort with its size, one column per bracket, headed
     * by its offsets ({@code k=3-6}); otherwise as {@link #toTable(Measure)}.
     *
     * @param measure the figure to print in each cell
     * @return the text, lines separated by {@code \n}
     * @throws NullPointerException if {@code measure} is null
     * @throws IllegalStateException if the options have no brackets
     */
    public String toBracketTable(Measure measure) {
        requireNonNull(measure, "measure");
        if (options.brackets().isEmpty()) {
            throw new IllegalStateException("a bracket table needs brackets but the options have none");
        }
        int columns = 0;
        for (LocalDate cohort : rows.keySet()) {
            columns = Math.max(columns, bracketCount(cohort));
        }
        List<String> labels = new ArrayList<>();
        for (int b = 0; b < columns; b++) {
            labels.add("k=" + options.brackets().get(b).label());
        }
        return render(measure, labels, "bracket of ", (cohort, b) -> bracketCell(cohort, (int) (long) b));
    }

    private String render(
            Measure measure,
            List<String> labels,
            String unitPrefix,
            BiFunction<LocalDate, Long, Optional<CohortCell>> cells) {
        List<List<String>> lines = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("cohort", "size"));
        labels.forEach(label -> header.add(label + " "));
        lines.add(header);
        for (Map.Entry<LocalDate, Row> cohort : rows.entrySet()) {
            List<String> line =
                    new ArrayList<>(List.of(period.label(cohort.getKey()), Long.toString(cohort.getValue().size)));
            for (long column = 0; column < labels.size(); column++) {
                line.add(cells.apply(cohort.getKey(), column)
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
                .append(unitPrefix)
                .append(period.name().toLowerCase(Locale.ROOT))
                .append(unitPrefix.isEmpty() ? "" : "s")
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
            case REVENUE_RETENTION -> percent(cell.revenueRetention());
            case ACTIVE_CUSTOMERS -> Long.toString(cell.activeCustomers());
            case REVENUE -> cell.revenue().map(m -> m.amount().toPlainString()).orElse("n/a");
            case PREVIOUS_PERIOD_RETENTION -> percent(cell.previousPeriodRetention());
        };
    }

    private static String percent(OptionalDouble fraction) {
        return fraction.isPresent() ? percent(fraction.getAsDouble()) : "n/a";
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof CohortRetention other
                && events.equals(other.events)
                && period == other.period
                && asOf.equals(other.asOf)
                && options.equals(other.options);
    }

    @Override
    public int hashCode() {
        return Objects.hash(events, period, asOf, options);
    }

    /**
     * {@return a one-line summary: period, asOf, cohorts, customers, events, ignored events, and the skipped and
     * outside events and the options when there are any or they are not the defaults}
     */
    @Override
    public String toString() {
        long customers = rows.values().stream().mapToLong(r -> r.size).sum();
        return "CohortRetention{period=" + period + ", asOf=" + asOf + ", cohorts=" + rows.size() + ", customers="
                + customers + ", events=" + events.size() + ", ignoredAfterAsOf=" + ignoredEventCount
                + (skippedEventCount == 0 ? "" : ", skippedOtherTypes=" + skippedEventCount)
                + (outsideCohortEventCount == 0 ? "" : ", outsideCohorts=" + outsideCohortEventCount)
                + (currency == null ? "" : ", currency=" + currency.getCurrencyCode())
                + (options.equals(RetentionOptions.ofDefaults()) ? "" : ", " + options) + "}";
    }
}
