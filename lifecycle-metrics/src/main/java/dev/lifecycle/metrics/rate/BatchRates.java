package dev.lifecycle.metrics.rate;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.CustomerHistory;
import dev.lifecycle.core.CustomerStages;
import dev.lifecycle.core.EventBatch;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.LifecycleClassifier;
import dev.lifecycle.core.LifecycleTemplate;
import dev.lifecycle.core.LifecycleTracker;
import dev.lifecycle.core.Money;
import dev.lifecycle.core.StageVisit;
import dev.lifecycle.core.SupportedInstants;
import dev.lifecycle.metrics.internal.BatchScan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The period rates of an {@link EventBatch}, read from its columns: the rules of {@link PeriodRates.Tally} fed from
 * primitive arrays instead of event objects. The periods are {@code [bounds[p], bounds[p + 1])}; the stage histories
 * reach the last bound, the horizon, as the object path records them.
 *
 * <ol>
 *   <li>Each range of customer codes reads the rows before the horizon: its customers' first purchase (epoch
 *       nanoseconds) and the currencies of the amounts.
 *   <li>A batch whose amounts are in more than one currency is handed to the object path ({@link
 *       PeriodRates#ofObjects}), which decides which of its customers and purchases to refuse, and in what order.
 *   <li>At each bound that a customer purchased before, every customer is classified on the rows before it ({@link
 *       EventBatch#upTo} the nanosecond before, {@link LifecycleClassifier#classifyEach(EventBatch, Instant, int)}),
 *       and who is in a churn stage is kept in a bitset by the batch's codes.
 *   <li>Each range replays, through a {@link LifecycleTracker} of its own, only the customers whose stage history a
 *       period asks about: those active at both of its bounds. The tracker's customers do not see each other, but for
 *       one thing: two events of a customer with one id are dropped as duplicates or not depending on other
 *       customers' events, so when a replayed customer has two rows with one event id, every row before the horizon
 *       is replayed through one tracker, as the object path does.
 *   <li>Per period, each range counts its customers' purchases and flags in the period and adds them to a tally;
 *       amounts are summed in minor units.
 * </ol>
 */
final class BatchRates {
    private static final int PURCHASE = EventType.PURCHASE.ordinal();

    private final LifecycleTemplate template;
    private final EventBatch batch;
    private final Instant[] bounds;
    private final long[] boundNanos;
    private final int threads;
    /** Per bound, the customers in a churn stage there by code, as a bitset; null where nobody had purchased. */
    private final long[] @Nullable [] churnedAt;

    private BatchRates(LifecycleTemplate template, EventBatch batch, Instant[] bounds, int threads) {
        this.template = template;
        this.batch = batch;
        this.bounds = bounds;
        this.threads = threads;
        this.boundNanos = new long[bounds.length];
        this.churnedAt = new long[bounds.length][];
    }

    /**
     * Computes the rates of the periods between consecutive bounds.
     *
     * @param template a template with a churn stage
     * @param batch the events
     * @param bounds two or more instants, ascending
     * @param threads the number of threads, 1 or more
     * @return the rates of each period
     * @throws IllegalArgumentException as {@link PeriodRates#ofObjects}
     */
    static List<PeriodRates> of(LifecycleTemplate template, EventBatch batch, Instant[] bounds, int threads) {
        // The object path's tracker advances to the horizon before anything else, refusing an unsupported one so.
        SupportedInstants.check(bounds[bounds.length - 1], "instant");
        BatchRates rates = new BatchRates(template, batch, bounds, threads);
        List<PeriodRates> result = rates.compute();
        return result != null ? result : PeriodRates.ofObjects(template, batch.events(), bounds);
    }

    /** {@return the rates, or null when the object path must give them} */
    private @Nullable List<PeriodRates> compute() {
        for (int b = 0; b < bounds.length; b++) {
            Instant bound = bounds[b];
            // a bound before the supported instants has no event before it: it sorts before every row
            boundNanos[b] = SupportedInstants.isSupported(bound)
                    ? BatchScan.epochNanos(bound.getEpochSecond(), bound.getNano())
                    : Long.MIN_VALUE;
        }
        long horizon = boundNanos[bounds.length - 1];
        int customers = batch.customerCount();
        int parts = BatchScan.parts(customers, threads);
        Part[] done = new Part[parts];
        BatchScan.run(parts, p -> {
            Part part = new Part(BatchScan.bound(customers, parts, p), BatchScan.bound(customers, parts, p + 1));
            part.firstPass(horizon);
            done[p] = part;
        });
        Currency currency = null;
        long firstPurchase = Long.MAX_VALUE;
        for (Part part : done) {
            if (part.otherCurrency || (currency != null && part.currency != null && !currency.equals(part.currency))) {
                return null;
            }
            currency = currency == null ? part.currency : currency;
            firstPurchase = Math.min(firstPurchase, part.firstPurchase);
        }
        LifecycleClassifier classifier = LifecycleClassifier.of(template);
        for (int b = 0; b < bounds.length; b++) {
            if (firstPurchase < boundNanos[b]) {
                churnedAt[b] = churnedAt(classifier, b);
            }
        }
        runChecked(parts, p -> done[p].replay());
        if (Arrays.stream(done).anyMatch(part -> part.repeatedId)) {
            replayAll(done);
        }
        List<PeriodRates> result = new ArrayList<>();
        for (int period = 0; period + 1 < bounds.length; period++) {
            int at = period;
            BatchScan.run(parts, p -> done[p].count(at));
            PeriodRates.Tally tally = new PeriodRates.Tally();
            long revenue = 0;
            long priced = 0;
            for (Part part : done) {
                if (part.revenueOverflow) {
                    return null;
                }
                tally.addAll(part.tally);
                priced += part.priced;
                try {
                    revenue = Math.addExact(revenue, part.revenue);
                } catch (ArithmeticException e) {
                    return null;
                }
            }
            Money money = null;
            if (priced > 0) {
                try {
                    money = Money.ofMinorUnits(revenue, requireCurrency(currency));
                } catch (IllegalArgumentException e) {
                    // beyond the bound of money: the object path's sum says which purchases it could not add
                    return null;
                }
            }
            result.add(tally.rates(bounds[period], bounds[period + 1], money, priced));
        }
        return List.copyOf(result);
    }

    private static Currency requireCurrency(@Nullable Currency currency) {
        if (currency == null) {
            throw new IllegalStateException("priced purchases without a currency");
        }
        return currency;
    }

    /**
     * Classifies every customer on the rows before bound {@code b}, at the bound, and returns who is in a churn stage,
     * by the batch's codes. {@link EventBatch#upTo} numbers the customers it keeps again, in order of their first row
     * kept, unless it keeps every row and returns the batch itself.
     */
    private long[] churnedAt(LifecycleClassifier classifier, int b) {
        Instant bound = bounds[b];
        EventBatch before = batch.upTo(bound.minusNanos(1));
        CustomerStages stages = classifier.classifyEach(before, bound, threads);
        int customers = batch.customerCount();
        long[] churned = new long[(customers + 63) >>> 6];
        if (before == batch) {
            for (int code = 0; code < customers; code++) {
                if (stages.stage(code).isChurn()) {
                    set(churned, code);
                }
            }
            return churned;
        }
        long[] seen = new long[churned.length];
        int next = 0;
        long limit = boundNanos[b];
        for (int row = 0, rows = batch.size(); row < rows; row++) {
            int code = batch.customer(row);
            if (!get(seen, code) && BatchScan.epochNanos(batch, row) < limit) {
                set(seen, code);
                if (stages.stage(next++).isChurn()) {
                    set(churned, code);
                }
            }
        }
        return churned;
    }

    /** Replays every row before the horizon through one tracker, as the object path does, for every part. */
    private void replayAll(Part[] parts) {
        List<CustomerEvent> events = new ArrayList<>();
        long horizon = boundNanos[bounds.length - 1];
        for (int row = 0, rows = batch.size(); row < rows; row++) {
            if (BatchScan.epochNanos(batch, row) < horizon) {
                events.add(batch.event(row));
            }
        }
        LifecycleTracker tracker = track(events);
        for (Part part : parts) {
            part.readEntries(tracker);
        }
    }

    private LifecycleTracker track(List<CustomerEvent> events) {
        LifecycleTracker tracker = LifecycleTracker.builder(template).build();
        tracker.acceptAll(events);
        tracker.advanceTo(bounds[bounds.length - 1]);
        return tracker;
    }

    /**
     * Runs a task per part as {@link BatchScan#run} does, and rethrows the failure of the first part that failed on the
     * calling thread, as it was thrown (a condition of a custom template may throw while a tracker replays).
     */
    private static void runChecked(int parts, java.util.function.IntConsumer task) {
        RuntimeException[] failures = new RuntimeException[parts];
        BatchScan.run(parts, p -> {
            try {
                task.accept(p);
            } catch (RuntimeException e) {
                failures[p] = e;
            }
        });
        for (RuntimeException failure : failures) {
            if (failure != null) {
                throw failure;
            }
        }
    }

    private static boolean get(long @Nullable [] bits, int code) {
        return bits != null && (bits[code >>> 6] & (1L << code)) != 0;
    }

    private static void set(long[] bits, int code) {
        bits[code >>> 6] |= 1L << code;
    }

    /** A range of customer codes and their state, in primitive arrays indexed by code minus {@link #lo}. */
    private final class Part implements PeriodRates.Tally.Stages {
        private final int lo;
        private final int hi;
        /** Each customer's first purchase before the horizon, as epoch nanoseconds; {@link Long#MAX_VALUE} for none. */
        private final long[] firstPurchases;
        /** The customers replayed, as a bitset by code minus {@link #lo}. */
        private final long[] replayed;
        /** The instants (epoch nanoseconds) at which each replayed customer entered a churn stage; null for none. */
        private final long[] @Nullable [] churnEntries;

        private @Nullable Currency currency;
        private boolean otherCurrency;
        private long firstPurchase = Long.MAX_VALUE;
        private boolean repeatedId;

        private int[] purchasesIn = new int[0];
        private byte[] flags = new byte[0];
        private PeriodRates.Tally tally = new PeriodRates.Tally();
        private long revenue;
        private long priced;
        private boolean revenueOverflow;
        private int period;

        Part(int lo, int hi) {
            this.lo = lo;
            this.hi = hi;
            this.firstPurchases = new long[hi - lo];
            Arrays.fill(firstPurchases, Long.MAX_VALUE);
            this.replayed = new long[(hi - lo + 63) >>> 6];
            this.churnEntries = new long[hi - lo][];
        }

        /** Reads the rows before the horizon: first purchases and currencies. */
        void firstPass(long horizon) {
            for (int row = 0, rows = batch.size(); row < rows; row++) {
                int code = batch.customer(row);
                if (code < lo || code >= hi) {
                    continue;
                }
                long at = BatchScan.epochNanos(batch, row);
                if (at >= horizon) {
                    continue;
                }
                if (batch.typeOrdinal(row) == PURCHASE && at < firstPurchases[code - lo]) {
                    firstPurchases[code - lo] = at;
                    firstPurchase = Math.min(firstPurchase, at);
                }
                if (batch.amountMinorUnits(row) != EventBatch.NO_AMOUNT) {
                    Currency rowCurrency = batch.currency(row);
                    if (currency == null) {
                        currency = rowCurrency;
                    } else if (!currency.equals(rowCurrency)) {
                        otherCurrency = true;
                    }
                }
            }
        }

        /**
         * Marks the customers active at both bounds of some period, turns their rows before the horizon into events
         * and replays them through a tracker of this range; notes a repeated event id instead of replaying.
         */
        void replay() {
            boolean any = false;
            for (int code = lo; code < hi; code++) {
                long first = firstPurchases[code - lo];
                for (int p = 0; p + 1 < bounds.length; p++) {
                    // purchased before the start, so classified at both bounds, and active at both
                    if (first < boundNanos[p] && !get(churnedAt[p], code) && !get(churnedAt[p + 1], code)) {
                        set(replayed, code - lo);
                        any = true;
                        break;
                    }
                }
            }
            if (!any) {
                return;
            }
            long horizon = boundNanos[bounds.length - 1];
            List<CustomerEvent> events = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            for (int row = 0, rows = batch.size(); row < rows; row++) {
                int code = batch.customer(row);
                if (code < lo
                        || code >= hi
                        || !get(replayed, code - lo)
                        || BatchScan.epochNanos(batch, row) >= horizon) {
                    continue;
                }
                String id = batch.eventId(row);
                // code and id, as the tracker keys a waiting event by customer and id
                if (id != null && !ids.add(code + " " + id)) {
                    repeatedId = true;
                    return;
                }
                events.add(batch.event(row));
            }
            readEntries(track(events));
        }

        /** Keeps the churn entries of this range's replayed customers from a tracker that replayed them. */
        void readEntries(LifecycleTracker tracker) {
            for (int code = lo; code < hi; code++) {
                if (!get(replayed, code - lo)) {
                    continue;
                }
                CustomerHistory history =
                        tracker.history(batch.customerId(code)).orElse(null);
                if (history == null) {
                    continue;
                }
                long[] entries = history.visits().stream()
                        .filter(visit -> visit.stage().isChurn())
                        .map(StageVisit::enteredAt)
                        .mapToLong(at -> BatchScan.epochNanos(at.getEpochSecond(), at.getNano()))
                        .toArray();
                churnEntries[code - lo] = entries.length == 0 ? null : entries;
            }
        }

        /** Counts the period {@code p}: its rows, then each customer into a fresh tally. */
        void count(int p) {
            period = p;
            long start = boundNanos[p];
            long end = boundNanos[p + 1];
            if (purchasesIn.length != hi - lo) {
                purchasesIn = new int[hi - lo];
                flags = new byte[hi - lo];
            } else {
                Arrays.fill(purchasesIn, 0);
                Arrays.fill(flags, (byte) 0);
            }
            revenue = 0;
            priced = 0;
            for (int row = 0, rows = batch.size(); row < rows; row++) {
                int code = batch.customer(row);
                if (code < lo || code >= hi) {
                    continue;
                }
                long at = BatchScan.epochNanos(batch, row);
                if (at < start || at >= end) {
                    continue;
                }
                int type = batch.typeOrdinal(row);
                flags[code - lo] |= (byte) PeriodRates.Tally.flag(type);
                if (type == PURCHASE) {
                    purchasesIn[code - lo]++;
                    long amount = batch.amountMinorUnits(row);
                    if (amount != EventBatch.NO_AMOUNT) {
                        priced++;
                        if (!revenueOverflow) {
                            try {
                                revenue = Math.addExact(revenue, amount);
                            } catch (ArithmeticException e) {
                                revenueOverflow = true;
                            }
                        }
                    }
                }
            }
            tally = new PeriodRates.Tally();
            for (int code = lo; code < hi; code++) {
                tally.add(code, firstPurchases[code - lo] < start, purchasesIn[code - lo], flags[code - lo], this);
            }
        }

        @Override
        public boolean churnedAtEnd(int customer) {
            return get(churnedAt[period + 1], customer);
        }

        @Override
        public boolean churnedAtStart(int customer) {
            return get(churnedAt[period], customer);
        }

        @Override
        public boolean enteredChurnWithin(int customer) {
            long[] entries = churnEntries[customer - lo];
            if (entries == null) {
                return false;
            }
            for (long entered : entries) {
                if (entered >= boundNanos[period] && entered < boundNanos[period + 1]) {
                    return true;
                }
            }
            return false;
        }
    }
}
