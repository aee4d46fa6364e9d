package dev.lifecycle.metrics.cohort;

import static java.util.Objects.requireNonNull;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.EventBatch;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.Money;
import dev.lifecycle.metrics.internal.BatchScan;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The lifecycle series: per period, how many customers were new, returning (growing, steady or shrinking in spend),
 * resurrecting and dormant, as product-analytics tools chart it (PostHog's and Amplitude's lifecycle charts), over
 * orders.
 *
 * <p>A customer is <b>active</b> in a period when they placed an order ({@link EventType#PURCHASE}) in it. In period
 * {@code p}, with {@code p - 1} the period before:
 *
 * <ul>
 *   <li><b>new</b>: active in {@code p}, their first order in {@code p};
 *   <li><b>returning</b>: active in {@code p} and in {@code p - 1}; split by the spend of the two periods' orders (their
 *       amounts, summed exactly) into <b>growing</b> (more in {@code p}), <b>steady</b> (the same, orders without amounts
 *       included) and <b>shrinking</b> (less in {@code p});
 *   <li><b>resurrecting</b>: active in {@code p}, not in {@code p - 1}, but in some period before;
 *   <li><b>dormant</b>: active in {@code p - 1} and not in {@code p} (charts draw it below the axis; here it is a
 *       count, zero or more).
 * </ul>
 *
 * <p>So every active customer of {@code p} is exactly one of new, returning and resurrecting, and the counts reconcile
 * from period to period: {@code active(p) = new(p) + returning(p) + resurrecting(p)} and {@code active(p - 1) =
 * returning(p) + dormant(p)}.
 *
 * <p><b>Periods and observability</b> are those of {@link CohortRetention}: days, weeks or months in UTC, one point per
 * period from the first order's to the last period observed at {@code asOf}, the last marked incomplete when it ends
 * after {@code asOf}; orders after {@code asOf} (or exactly at an {@code asOf} that starts a period) are ignored and
 * counted. Events of other types are not activity: they are skipped and counted. Amounts must share one currency. At
 * most 1,200 periods.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class LifecycleSeries {
    private final CohortPeriod period;
    private final Instant asOf;
    private final List<Point> points;
    private final long ignoredEventCount;
    private final long skippedEventCount;

    /**
     * One period's counts.
     *
     * @param start the first day of the period
     * @param complete whether the period ended at or before {@code asOf}
     * @param active customers with an order in the period
     * @param newCustomers customers whose first order is in the period
     * @param growing returning customers who spent more than in the period before
     * @param steady returning customers who spent the same
     * @param shrinking returning customers who spent less
     * @param resurrecting customers back after at least one period without an order
     * @param dormant customers active in the period before and not in this one
     */
    public record Point(
            LocalDate start,
            boolean complete,
            long active,
            long newCustomers,
            long growing,
            long steady,
            long shrinking,
            long resurrecting,
            long dormant) {
        /**
         * Checks the point.
         *
         * @param start the first day of the period
         * @param complete whether the period ended at or before {@code asOf}
         * @param active customers with an order in the period
         * @param newCustomers customers whose first order is in the period
         * @param growing returning customers who spent more than in the period before
         * @param steady returning customers who spent the same
         * @param shrinking returning customers who spent less
         * @param resurrecting customers back after at least one period without an order
         * @param dormant customers active in the period before and not in this one
         */
        public Point {
            requireNonNull(start, "start");
        }

        /** {@return customers active in this period and the one before: growing, steady and shrinking} */
        public long returning() {
            return growing + steady + shrinking;
        }
    }

    private LifecycleSeries(
            CohortPeriod period, Instant asOf, List<Point> points, long ignoredEventCount, long skippedEventCount) {
        this.period = period;
        this.asOf = asOf;
        this.points = List.copyOf(points);
        this.ignoredEventCount = ignoredEventCount;
        this.skippedEventCount = skippedEventCount;
    }

    /**
     * Returns the series of the orders among events, as of an instant.
     *
     * @param events events in any order; only purchases are activity
     * @param period the period, days, weeks or months (UTC)
     * @param asOf the instant the series describes
     * @return the series
     * @throws NullPointerException if an argument or an event is null
     * @throws IllegalArgumentException if amounts are in more than one currency, {@code asOf} is outside the range of
     *     dates, or the series would have more than 1,200 periods
     */
    public static LifecycleSeries of(Iterable<CustomerEvent> events, CohortPeriod period, Instant asOf) {
        requireNonNull(events, "events");
        Fold fold = new Fold(requireNonNull(period, "period"), requireNonNull(asOf, "asOf"));
        int index = 0;
        for (CustomerEvent event : events) {
            requireNonNull(event, "events[" + index++ + "]");
            fold.add(
                    event.customerId(),
                    event.type(),
                    event.timestamp(),
                    event.amount().orElse(null));
        }
        return fold.series();
    }

    /**
     * Returns the series of the orders of an event batch, as of an instant, on as many threads as the common fork-join
     * pool runs (its parallelism plus the calling thread): see {@link #of(EventBatch, CohortPeriod, Instant, int)}.
     *
     * @param batch the events
     * @param period the period, days, weeks or months (UTC)
     * @param asOf the instant the series describes
     * @return the series
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException as {@link #of(Iterable, CohortPeriod, Instant)} says
     */
    public static LifecycleSeries of(EventBatch batch, CohortPeriod period, Instant asOf) {
        return of(batch, period, asOf, BatchScan.defaultThreads());
    }

    /**
     * Returns the series of the orders of an event batch, as of an instant: the same as {@link #of(Iterable,
     * CohortPeriod, Instant)} over the batch's events. The amounts' currency is checked first, in row order, so a
     * refusal names the same order whatever the threads; then the customers are split into at most {@code threads}
     * ranges of codes, each folded by one task that reads the whole batch and keeps its own customers' rows, on the
     * common fork-join pool with the calling thread taking part ({@code threads = 1}: the calling thread alone).
     *
     * @param batch the events
     * @param period the period, days, weeks or months (UTC)
     * @param asOf the instant the series describes
     * @param threads the most threads to use, 1 or more
     * @return the series
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code threads} is below 1, or as {@link #of(Iterable, CohortPeriod,
     *     Instant)} says
     */
    public static LifecycleSeries of(EventBatch batch, CohortPeriod period, Instant asOf, int threads) {
        requireNonNull(batch, "batch");
        requireNonNull(period, "period");
        requireNonNull(asOf, "asOf");
        int parts = BatchScan.parts(batch.customerCount(), threads);
        Fold check = new Fold(period, asOf);
        for (int row = 0; row < batch.size(); row++) {
            if (batch.type(row) == EventType.PURCHASE) {
                Money amount = batch.amountOrNull(row);
                if (amount != null) {
                    check.currency(batch.customerId(batch.customer(row)), amount);
                }
            }
        }
        Fold[] folds = new Fold[parts];
        BatchScan.run(parts, part -> {
            int lo = BatchScan.bound(batch.customerCount(), parts, part);
            int hi = BatchScan.bound(batch.customerCount(), parts, part + 1);
            Fold fold = new Fold(period, asOf);
            for (int row = 0; row < batch.size(); row++) {
                int customer = batch.customer(row);
                if (customer >= lo && customer < hi) {
                    EventType type = batch.type(row);
                    fold.add(
                            batch.customerId(customer),
                            type,
                            batch.timestamp(row),
                            type == EventType.PURCHASE ? batch.amountOrNull(row) : null);
                }
            }
            folds[part] = fold;
        });
        return Fold.series(folds);
    }

    /** {@return the period} */
    public CohortPeriod period() {
        return period;
    }

    /** {@return the instant the series describes} */
    public Instant asOf() {
        return asOf;
    }

    /** {@return one point per period, oldest first; empty without an order} */
    public List<Point> points() {
        return points;
    }

    /**
     * Returns the point of a period.
     *
     * @param start the first day of the period
     * @return the point, empty if the series has none for it
     * @throws NullPointerException if {@code start} is null
     */
    public Optional<Point> point(LocalDate start) {
        requireNonNull(start, "start");
        return points.stream().filter(p -> p.start().equals(start)).findFirst();
    }

    /** {@return orders left out: after {@code asOf}, or at an {@code asOf} that starts a period} */
    public long ignoredEventCount() {
        return ignoredEventCount;
    }

    /** {@return events that are not orders, which are not activity} */
    public long skippedEventCount() {
        return skippedEventCount;
    }

    @Override
    public String toString() {
        return "LifecycleSeries[" + points.size() + " " + period + " periods as of " + asOf + "]";
    }

    /** The one fold of both sources: each customer's spend per active period. */
    private static final class Fold {
        private final CohortPeriod period;
        private final Instant asOf;
        private final boolean observedAtAsOf;
        private final LocalDate lastPeriod;
        private final Map<String, TreeMap<LocalDate, BigDecimal>> spend = new HashMap<>();
        private @Nullable Currency currency;
        private @Nullable LocalDate firstPeriod;
        private long ignored;
        private long skipped;

        Fold(CohortPeriod period, Instant asOf) {
            this.period = period;
            this.asOf = asOf;
            this.lastPeriod = CohortRetention.lastPeriod(period, asOf);
            this.observedAtAsOf = CohortRetention.isObservedAt(period, asOf);
        }

        void add(String customerId, EventType type, Instant at, @Nullable Money amount) {
            if (type != EventType.PURCHASE) {
                skipped++;
                return;
            }
            if (amount != null) {
                currency(customerId, amount);
            }
            if (!(at.isBefore(asOf) || (observedAtAsOf && at.equals(asOf)))) {
                ignored++;
                return;
            }
            LocalDate start = period.startOf(at);
            firstPeriod = firstPeriod == null || start.isBefore(firstPeriod) ? start : firstPeriod;
            spend.computeIfAbsent(customerId, id -> new TreeMap<>())
                    .merge(start, amount == null ? BigDecimal.ZERO : amount.amount(), BigDecimal::add);
        }

        /** Checks an order's currency against the ones before it. */
        void currency(String customerId, Money amount) {
            if (currency == null) {
                currency = amount.currency();
            } else if (!currency.equals(amount.currency())) {
                throw new IllegalArgumentException("order amounts must be in one currency, " + currency
                        + ", but customer " + customerId + " has an order of " + amount);
            }
        }

        LifecycleSeries series() {
            return series(new Fold[] {this});
        }

        /** The series of folds of disjoint customers, all of one period and asOf. */
        static LifecycleSeries series(Fold[] folds) {
            Fold any = folds[0];
            long ignored = 0;
            long skipped = 0;
            LocalDate first = null;
            for (Fold fold : folds) {
                ignored += fold.ignored;
                skipped += fold.skipped;
                LocalDate start = fold.firstPeriod;
                first = first == null || (start != null && start.isBefore(first)) ? start : first;
            }
            if (first == null) {
                return new LifecycleSeries(any.period, any.asOf, List.of(), ignored, skipped);
            }
            CohortRetention.checkSize(any.period, CohortPeriod.instant(first), any.lastPeriod, any.asOf);
            int size = (int) any.period.between(first, any.lastPeriod) + 1;
            long[][] counts = new long[Kind.values().length][size];
            for (Fold fold : folds) {
                fold.count(first, counts);
            }
            List<Point> points = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                LocalDate start = any.period.plus(first, i);
                points.add(new Point(
                        start,
                        !CohortPeriod.instant(any.period.plus(start, 1)).isAfter(any.asOf),
                        counts[Kind.ACTIVE.ordinal()][i],
                        counts[Kind.NEW.ordinal()][i],
                        counts[Kind.GROWING.ordinal()][i],
                        counts[Kind.STEADY.ordinal()][i],
                        counts[Kind.SHRINKING.ordinal()][i],
                        counts[Kind.RESURRECTING.ordinal()][i],
                        counts[Kind.DORMANT.ordinal()][i]));
            }
            return new LifecycleSeries(any.period, any.asOf, points, ignored, skipped);
        }

        /** Adds this fold's customers to the counts of the periods from {@code first}. */
        private void count(LocalDate first, long[][] counts) {
            for (TreeMap<LocalDate, BigDecimal> periods : spend.values()) {
                Entry<LocalDate, BigDecimal> before = null;
                for (Entry<LocalDate, BigDecimal> now : periods.entrySet()) {
                    int at = (int) period.between(first, now.getKey());
                    counts[Kind.ACTIVE.ordinal()][at]++;
                    Kind kind;
                    if (before == null) {
                        kind = Kind.NEW;
                    } else if (period.between(before.getKey(), now.getKey()) == 1) {
                        int change = now.getValue().compareTo(before.getValue());
                        kind = change > 0 ? Kind.GROWING : change == 0 ? Kind.STEADY : Kind.SHRINKING;
                    } else {
                        kind = Kind.RESURRECTING;
                    }
                    counts[kind.ordinal()][at]++;
                    before = now;
                }
                for (Entry<LocalDate, BigDecimal> active : periods.entrySet()) {
                    // dormant in the period after an active one without an order, if that period is observed
                    LocalDate next = period.plus(active.getKey(), 1);
                    if (!next.isAfter(lastPeriod) && !periods.containsKey(next)) {
                        counts[Kind.DORMANT.ordinal()][(int) period.between(first, next)]++;
                    }
                }
            }
        }
    }

    /** The counts of a point, as rows of the fold's table. */
    private enum Kind {
        ACTIVE,
        NEW,
        GROWING,
        STEADY,
        SHRINKING,
        RESURRECTING,
        DORMANT
    }
}
