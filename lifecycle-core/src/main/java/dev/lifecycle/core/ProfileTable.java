package dev.lifecycle.core;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Many customers' profiles stored by column: one array per fact, indexed by row, for classifying a whole customer base
 * at once.
 *
 * <p>A nightly batch of a million {@link CustomerProfile} objects is a million small object graphs spread over the
 * heap, and classifying them spends most of its time waiting for memory. A table keeps the same facts in a few dozen
 * primitive arrays, which {@link LifecycleClassifier#classifyAll(ProfileTable, Instant)} reads front to back; the
 * built-in conditions read the arrays directly. A template with a custom condition (or more than twelve distinct
 * conditions) is classified row by row as {@code CustomerProfile}s, at the speed of profile objects. The
 * result is the same as classifying the profiles one by one.
 *
 * <p>Build a table from profiles with {@link #of(Iterable)}, or straight from an event log with {@link
 * #fromEvents(Iterable)}, which folds the events of each customer as {@link CustomerProfile.Accumulator} does without
 * creating a profile per customer. {@link #profile(int)} gives a row back as a profile, equal to the one the table was
 * built from. Tables are immutable and thread-safe.
 */
public final class ProfileTable {
    /** The number of event types: the width of the per-type columns. */
    static final int TYPES = EventType.values().length;

    private static final int PURCHASE = EventType.PURCHASE.ordinal();
    private static final int NPS = EventType.NPS_ANSWER.ordinal();
    private static final int LOYALTY = EventType.LOYALTY_ENROLMENT.ordinal();
    /** Marks a missing instant in a seconds column: below every second an {@link Instant} can have. */
    static final long NONE = Long.MIN_VALUE;

    final int size;
    final String[] ids;
    /** Counts by event type; a type no row has is a null column. */
    final long[] @Nullable [] counts;
    /** Latest instant by event type, as epoch seconds ({@link #NONE} if none) and nanoseconds. */
    final long[] @Nullable [] lastSecond;

    final int[] @Nullable [] lastNano;
    final long[] firstSeenSecond;
    final int[] firstSeenNano;
    final long[] lastActivitySecond;
    final int[] lastActivityNano;
    final long[] firstOrderSecond;
    final int[] firstOrderNano;
    final long[] loyaltySecond;
    final int[] loyaltyNano;
    final byte[] lastNps;
    final @Nullable Money @Nullable [] totalSpend;
    final @Nullable Money @Nullable [] refunded;
    final @Nullable Object @Nullable [] payments;
    /**
     * The order instants of all rows as epoch nanoseconds, row after row, each row's in time order (see {@link
     * #ordersFrom(int)} and {@link #ordersTo(int)}); both null when no row has an order.
     */
    final long @Nullable [] orderNanos;

    final int @Nullable [] orderEnd;
    final @Nullable Object @Nullable [] customCounts;
    final @Nullable Object @Nullable [] attributes;
    /** The latest dated fact of all rows, as epoch seconds ({@link #NONE} if no row has one) and nanoseconds. */
    private final long latestFactSecond;

    private final int latestFactNano;
    /** Whether no customer id is on two rows: known at construction for a fold of events, else found at first use. */
    private volatile @Nullable Boolean customersDistinct;

    private ProfileTable(ProfileColumns c) {
        this.size = c.size;
        this.ids = c.ids;
        this.counts = c.counts;
        this.lastSecond = c.lastSecond;
        this.lastNano = c.lastNano;
        this.firstSeenSecond = c.firstSeenSecond;
        this.firstSeenNano = c.firstSeenNano;
        this.lastActivitySecond = c.lastActivitySecond;
        this.lastActivityNano = c.lastActivityNano;
        this.firstOrderSecond = c.firstOrderSecond;
        this.firstOrderNano = c.firstOrderNano;
        this.loyaltySecond = c.loyaltySecond;
        this.loyaltyNano = c.loyaltyNano;
        this.lastNps = c.lastNps;
        this.totalSpend = c.totalSpend;
        this.refunded = c.refunded;
        this.payments = c.payments;
        this.orderNanos = c.orderNanos;
        this.orderEnd = c.orderEnd;
        this.customCounts = c.customCounts;
        this.attributes = c.attributes;
        this.latestFactSecond = c.latestFactSecond;
        this.customersDistinct = (c.customersDistinct || c.size <= 1) ? Boolean.TRUE : null;
        this.latestFactNano = c.latestFactNano;
    }

    /**
     * Returns a table over the columns as they are, sharing them: what the caller writes into the columns afterwards,
     * the table reads (the tracker's one-row table of the customer at hand).
     */
    static ProfileTable over(ProfileColumns columns) {
        return new ProfileTable(columns);
    }

    /**
     * Returns a table of the profiles, one row each, in iteration order.
     *
     * @param profiles the profiles; the same customer may appear more than once, as a row each
     * @return the table
     * @throws NullPointerException if {@code profiles} or a profile is null
     */
    public static ProfileTable of(Iterable<CustomerProfile> profiles) {
        requireNonNull(profiles, "profiles");
        ProfileColumns c = new ProfileColumns(profiles instanceof java.util.Collection<?> known ? known.size() : 1024);
        for (CustomerProfile profile : profiles) {
            c.add(requireNonNull(profile, "profile"));
        }
        return new ProfileTable(c);
    }

    /**
     * Folds an event log into a table with one row per customer, in order of each customer's first event in the log.
     * Each row equals {@link CustomerProfile#fromEvents(String, Iterable)} of that customer's events; the events may
     * come in any order.
     *
     * @param events the events of any number of customers
     * @return the table
     * @throws NullPointerException if {@code events} or an event is null
     * @throws IllegalArgumentException if a customer's amounts are in more than one currency; the message names the
     *     event and the customer
     */
    public static ProfileTable fromEvents(Iterable<CustomerEvent> events) {
        requireNonNull(events, "events");
        Folder folder = new Folder(events instanceof java.util.Collection<?> known ? known.size() / 4 : 1024);
        for (CustomerEvent event : events) {
            folder.add(requireNonNull(event, "event"));
        }
        return new ProfileTable(folder.finish());
    }

    /**
     * Folds a batch of events into a table with one row per customer, row {@code c} for customer code {@code c} (for a
     * batch from a builder: in order of each customer's first event). Each row equals {@link
     * CustomerProfile#fromEvents(String, Iterable)} of that customer's events as objects ({@link EventBatch#event}).
     *
     * @param batch the events
     * @return the table
     * @throws NullPointerException if {@code batch} is null
     * @throws IllegalArgumentException if a customer's amounts are in more than one currency; the message names the
     *     customer
     */
    public static ProfileTable fromEvents(EventBatch batch) {
        requireNonNull(batch, "batch");
        Folder folder = new Folder(batch, 0, batch.customerCount, null);
        folder.foldBatch(batch, 0, null);
        return new ProfileTable(folder.finish());
    }

    /**
     * Folds the events of customers {@code lo} to {@code hi - 1} of a batch into rows 0 to {@code hi - lo - 1}, only
     * the columns {@code needs} names: a table for classification by conditions that read nothing else, which never
     * reaches a caller (its other columns are empty). With null needs (a template with a custom condition), every
     * fact is folded.
     */
    static ProfileTable forClassification(EventBatch batch, int lo, int hi, @Nullable FactNeeds needs) {
        Folder folder = new Folder(batch, lo, hi, needs);
        folder.foldBatch(batch, lo, needs);
        return new ProfileTable(folder.finish());
    }

    /** {@return the number of rows} */
    public int size() {
        return size;
    }

    /**
     * Returns the customer id of a row.
     *
     * @param row a row index, from 0 to {@code size() - 1}
     * @return the id
     * @throws IndexOutOfBoundsException if {@code row} is not a row of the table
     */
    public String customerId(int row) {
        return ids[checkRow(row)];
    }

    /**
     * Returns a row as a profile.
     *
     * @param row a row index, from 0 to {@code size() - 1}
     * @return a new profile equal to the one the row was built from
     * @throws IndexOutOfBoundsException if {@code row} is not a row of the table
     */
    public CustomerProfile profile(int row) {
        checkRow(row);
        ProfileFacts f = new ProfileFacts(ids[row]);
        for (int t = 0; t < TYPES; t++) {
            long[] column = counts[t];
            if (column != null) {
                f.counts[t] = column[row];
            }
            f.lastAt[t] = instant(lastSecond[t], lastNano[t], row);
        }
        f.firstSeen = instant(firstSeenSecond, firstSeenNano, row);
        f.lastActivity = instant(lastActivitySecond, lastActivityNano, row);
        f.firstOrderAt = instant(firstOrderSecond, firstOrderNano, row);
        f.totalSpend = totalSpend == null ? null : totalSpend[row];
        f.refunded = refunded == null ? null : refunded[row];
        f.payments = payments(row);
        if (orderNanos != null) {
            f.orders = OrderTimes.copyOf(orderNanos, ordersFrom(row), ordersTo(row));
        }
        f.lastNpsScore = lastNps[row];
        f.loyaltyEnrolledAt = instant(loyaltySecond, loyaltyNano, row);
        f.customCounts = map(customCounts, row);
        f.attributes = map(attributes, row);
        return f.toProfile();
    }

    /**
     * Returns a row's order count without making its profile: {@code profile(row).orderCount()}, read from the column.
     *
     * @param row a row index, from 0 to {@code size() - 1}
     * @return the number of orders
     * @throws IndexOutOfBoundsException if {@code row} is not a row of the table
     */
    public long orderCount(int row) {
        long[] column = counts[PURCHASE];
        return column == null ? 0 : column[checkRow(row)];
    }

    /**
     * Returns a row's last order without making its profile: {@code profile(row).lastOrderAt()}, read from the column.
     *
     * @param row a row index, from 0 to {@code size() - 1}
     * @return when the last order was placed, if there was one
     * @throws IndexOutOfBoundsException if {@code row} is not a row of the table
     */
    public Optional<Instant> lastOrderAt(int row) {
        return Optional.ofNullable(instant(lastSecond[PURCHASE], lastNano[PURCHASE], checkRow(row)));
    }

    /**
     * Returns a row's total spend without making its profile: {@code profile(row).totalSpend()}, read from the column.
     *
     * @param row a row index, from 0 to {@code size() - 1}
     * @return the sum of the order amounts, if any order carried an amount
     * @throws IndexOutOfBoundsException if {@code row} is not a row of the table
     */
    public Optional<Money> totalSpend(int row) {
        checkRow(row);
        return Optional.ofNullable(totalSpend == null ? null : totalSpend[row]);
    }

    /**
     * Returns whether every row is a different customer. A table folded from events is, by construction; a table of
     * profiles may hold a customer on more than one row, which this finds by looking up every id once, the first time
     * it is asked, and remembers.
     *
     * @return true if no customer id is on two rows
     */
    public boolean customersDistinct() {
        Boolean known = customersDistinct;
        if (known == null) {
            CustomerIndex index = new CustomerIndex(size);
            boolean distinct = true;
            for (int row = 0; row < size && distinct; row++) {
                distinct = index.numberOrAdd(ids[row]) < 0;
            }
            known = distinct;
            customersDistinct = known;
        }
        return known;
    }

    /** {@return the rows as a list of profiles, each made when it is read} */
    public List<CustomerProfile> profiles() {
        return new Rows();
    }

    @Override
    public String toString() {
        return "ProfileTable{rows=" + size + "}";
    }

    // ---- reading, for the classifier and the built-in conditions

    long count(int type, int row) {
        long[] column = counts[type];
        return column == null ? 0 : column[row];
    }

    /** The latest instant of an event type as epoch seconds, {@link #NONE} if the row has none. */
    long lastSecond(int type, int row) {
        long[] column = lastSecond[type];
        return column == null ? NONE : column[row];
    }

    int lastNano(int type, int row) {
        int[] column = lastNano[type];
        return column == null ? 0 : column[row];
    }

    /** The index in {@link #orderNanos} of the row's first order instant. */
    int ordersFrom(int row) {
        int[] ends = orderEnd;
        return ends == null || row == 0 ? 0 : ends[row - 1];
    }

    /** The index in {@link #orderNanos} after the row's last order instant. */
    int ordersTo(int row) {
        int[] ends = orderEnd;
        return ends == null ? 0 : ends[row];
    }

    /**
     * Refuses a classification at {@code asOf} when a row has a fact dated after it, naming the first such row's
     * customer as {@link CustomerProfile} does; one comparison when none has.
     */
    void checkNoFactAfter(Instant asOf) {
        if (latestFactSecond == NONE
                || latestFactSecond < asOf.getEpochSecond()
                || (latestFactSecond == asOf.getEpochSecond() && latestFactNano <= asOf.getNano())) {
            return;
        }
        for (int row = 0; row < size; row++) {
            profile(row).checkNoFactAfter(asOf);
        }
        throw new IllegalStateException("table " + this + " has a fact after " + asOf + " but no row holds it");
    }

    private int checkRow(int row) {
        if (row < 0 || row >= size) {
            throw new IndexOutOfBoundsException("row " + row + " is not a row of a table of " + size + " rows");
        }
        return row;
    }

    private static @Nullable Instant instant(long @Nullable [] seconds, int @Nullable [] nanos, int row) {
        if (seconds == null || nanos == null || seconds[row] == NONE) {
            return null;
        }
        return Instant.ofEpochSecond(seconds[row], nanos[row]);
    }

    @SuppressWarnings("unchecked")
    private List<CustomerProfile.Payment> payments(int row) {
        Object value = payments == null ? null : payments[row];
        return value == null ? ImmutableList.of() : (List<CustomerProfile.Payment>) value;
    }

    @SuppressWarnings("unchecked")
    private static <V> ImmutableMap<String, V> map(@Nullable Object @Nullable [] column, int row) {
        Object value = column == null ? null : column[row];
        return value == null ? ImmutableMap.of() : (ImmutableMap<String, V>) value;
    }

    private final class Rows extends AbstractList<CustomerProfile> implements RandomAccess {
        @Override
        public CustomerProfile get(int index) {
            return profile(index);
        }

        @Override
        public int size() {
            return size;
        }
    }

    /**
     * Folds events into columns, a row per customer: the sink of {@link ProfileFold} that keeps the facts of the row
     * of the event being folded, with the accumulator's rules for every fact.
     */
    private static final class Folder extends ProfileColumns implements ProfileFold.Sink {
        /** The row of the event being folded. */
        private int row;

        /** Customer id to row, for folding event objects; null when folding a batch, whose codes are the rows. */
        private final @Nullable CustomerIndex index;

        /**
         * Spend as unscaled amounts in the currency of the row's first order, which needs no object per order; a row
         * whose sum leaves the range of a long (or of Money) keeps {@link Money} in {@link #totalSpend} instead.
         */
        private long @Nullable [] spendUnscaled;

        private @Nullable Money @Nullable [] spendUnit;
        /** Per row: instant and event id of the NPS answer kept, for the latest-wins tie-break; null until needed. */
        private ProfileFold.@Nullable Stamp @Nullable [] npsStamps;

        /**
         * Every order as it came: its row and its instant in epoch nanoseconds, the first {@link #orderLogSize}; two
         * primitive arrays rather than a list per row, which {@link #finish()} turns into the rows' order instants.
         */
        private int[] orderLogRow = new int[0];

        private long[] orderLogNanos = new long[0];
        private int orderLogSize;

        Folder(int capacity) {
            super(capacity);
            this.index = new CustomerIndex(capacity);
            this.customersDistinct = true;
        }

        /**
         * Rows for customers {@code lo} to {@code hi - 1} of a batch, row {@code r} for code {@code lo + r}; with
         * {@code partial} needs only the columns named (for classification), otherwise every column.
         */
        Folder(EventBatch batch, int lo, int hi, @Nullable FactNeeds partial) {
            super(hi - lo, partial);
            this.index = null;
            this.customersDistinct = true; // a batch's customer codes are its distinct ids
            System.arraycopy(batch.customerIds, lo, ids, 0, hi - lo);
            Arrays.fill(lastNps, (byte) -1);
            size = hi - lo;
        }

        /** Returns the customer's row, adding one for a customer not seen before. */
        private int rowOf(String customerId) {
            int number = requireNonNull(index).numberOrAdd(customerId);
            return number >= 0 ? number : newRow(customerId);
        }

        void add(CustomerEvent event) {
            row = rowOf(event.customerId());
            ProfileFold.fold(event, this);
        }

        /**
         * Folds the events of this folder's customers (codes {@code lo} to {@code lo + size - 1}) from a batch, in row
         * order, reading only the batch's columns: the columns named by {@code needs}, or with null needs every fact,
         * with the rules of {@link ProfileFold} for each. Events with an amount, a custom type or attributes (the
         * facts kept as objects) go through {@link ProfileFold#fold} as event objects, so those facts have one fold.
         */
        void foldBatch(EventBatch batch, int lo, @Nullable FactNeeds needs) {
            boolean full = needs == null;
            FactNeeds wanted = needs == null ? FactNeeds.all() : needs;
            int rows = size;
            long[][] counts = new long[TYPES][];
            long[][] lastSeconds = new long[TYPES][];
            int[][] lastNanos = new int[TYPES][];
            for (int t = 0; t < TYPES; t++) {
                if (wanted.counts(t)) {
                    counts[t] = countColumn(t);
                }
                if (wanted.lasts(t)) {
                    ensureLastColumn(t);
                    lastSeconds[t] = lastSecond[t];
                    lastNanos[t] = lastNano[t];
                }
            }
            boolean activity = wanted.lastActivity;
            boolean firstOrders = wanted.firstOrder;
            boolean orders = wanted.orders;
            boolean npsAnswers = wanted.nps;
            int[] customers = batch.customers;
            byte[] types = batch.types;
            long[] seconds = batch.seconds;
            int[] nanos = batch.nanos;
            long[] amounts = full ? batch.amounts : null;
            int[] customTypes = full ? batch.customTypes : null;
            int[] attributeRows = full ? batch.attributeRows : new int[0];
            int nextAttributed = 0;
            for (int i = 0, n = batch.size; i < n; i++) {
                int r = customers[i] - lo;
                if (r < 0 || r >= rows) {
                    continue;
                }
                int t = types[i];
                if (full
                        && ((amounts != null && amounts[i] != EventBatch.NO_AMOUNT)
                                || (customTypes != null && customTypes[i] >= 0)
                                || (nextAttributed < attributeRows.length && attributeRows[nextAttributed] == i))) {
                    // a fact kept as an object: the one fold, through the event object
                    if (nextAttributed < attributeRows.length && attributeRows[nextAttributed] == i) {
                        nextAttributed++;
                    }
                    row = r;
                    ProfileFold.fold(batch.event(i), this);
                    continue;
                }
                long second = seconds[i];
                int nano = nanos == null ? 0 : nanos[i];
                long[] count = counts[t];
                if (count != null) {
                    count[r]++;
                }
                long[] lastSecondColumn = lastSeconds[t];
                if (lastSecondColumn != null) {
                    int[] lastNanoColumn = lastNanos[t];
                    long s = lastSecondColumn[r];
                    if (s == NONE || second > s || (second == s && nano > lastNanoColumn[r])) {
                        lastSecondColumn[r] = second;
                        lastNanoColumn[r] = nano;
                    }
                }
                if (activity) {
                    if (isAfter(second, nano, lastActivitySecond, lastActivityNano, r)) {
                        lastActivitySecond[r] = second;
                        lastActivityNano[r] = nano;
                    }
                    if (full && isBefore(second, nano, firstSeenSecond, firstSeenNano, r)) {
                        firstSeenSecond[r] = second;
                        firstSeenNano[r] = nano;
                    }
                }
                if (t == PURCHASE) {
                    if (firstOrders && isBefore(second, nano, firstOrderSecond, firstOrderNano, r)) {
                        firstOrderSecond[r] = second;
                        firstOrderNano[r] = nano;
                    }
                    if (orders) {
                        logOrder(r, TrackerTime.toNanosOfSupported(second, nano));
                    }
                } else if (t == NPS && npsAnswers) {
                    nps(r, batch.npsAt(i), batch.stamp(i));
                } else if (t == LOYALTY && full) {
                    if (isBefore(second, nano, loyaltySecond, loyaltyNano, r)) {
                        loyaltySecond[r] = second;
                        loyaltyNano[r] = nano;
                    }
                }
            }
            if (full && batch.latestSecond != NONE) {
                fact(batch.latestSecond, batch.latestNano);
            }
        }

        @Override
        public void counted(EventType type, Instant at) {
            long second = at.getEpochSecond();
            int nano = at.getNano();
            int t = type.ordinal();
            long[] count = countColumn(t);
            count[row] = Checks.saturatedAdd(count[row], 1);
            ensureLastColumn(t);
            long[] lastSeconds = requireNonNull(lastSecond[t]);
            int[] lastNanos = requireNonNull(lastNano[t]);
            if (isAfter(second, nano, lastSeconds, lastNanos, row)) {
                lastSeconds[row] = second;
                lastNanos[row] = nano;
            }
        }

        @Override
        public void activity(Instant at) {
            long second = at.getEpochSecond();
            int nano = at.getNano();
            fact(second, nano);
            if (isBefore(second, nano, firstSeenSecond, firstSeenNano, row)) {
                firstSeenSecond[row] = second;
                firstSeenNano[row] = nano;
            }
            if (isAfter(second, nano, lastActivitySecond, lastActivityNano, row)) {
                lastActivitySecond[row] = second;
                lastActivityNano[row] = nano;
            }
        }

        @Override
        public void order(Instant at) {
            if (isBefore(at.getEpochSecond(), at.getNano(), firstOrderSecond, firstOrderNano, row)) {
                firstOrderSecond[row] = at.getEpochSecond();
                firstOrderNano[row] = at.getNano();
            }
            logOrder(row, TrackerTime.toNanosOfSupported(at));
        }

        /** Keeps an order of a row, as epoch nanoseconds, in the order log that {@link #finishOrders()} gathers. */
        private void logOrder(int row, long nanos) {
            int n = orderLogSize;
            if (n == orderLogRow.length) {
                int capacity = Math.max(1024, 2 * n);
                orderLogRow = Arrays.copyOf(orderLogRow, capacity);
                orderLogNanos = Arrays.copyOf(orderLogNanos, capacity);
            }
            orderLogRow[n] = row;
            orderLogNanos[n] = nanos;
            orderLogSize = n + 1;
        }

        @Override
        public void spend(CustomerEvent event, Money amount, CustomerProfile.Payment payment) {
            spend(row, amount, event);
            payment(row, payment);
        }

        @Override
        public void refund(CustomerEvent event, Money amount, CustomerProfile.Payment payment) {
            @Nullable Money[] back = refundedColumn();
            back[row] = sum(back[row], amount, event);
            payment(row, payment);
        }

        @Override
        public void nps(CustomerEvent event) {
            nps(row, event.npsScoreOrMinusOne(), ProfileFold.Stamp.of(event));
        }

        @Override
        public void loyalty(Instant at) {
            if (isBefore(at.getEpochSecond(), at.getNano(), loyaltySecond, loyaltyNano, row)) {
                loyaltySecond[row] = at.getEpochSecond();
                loyaltyNano[row] = at.getNano();
            }
        }

        @Override
        public void custom(String customType) {
            custom(row, customType);
        }

        @Override
        public void attributes(CustomerEvent event) {
            attributes(row, event);
        }

        private static boolean isBefore(long second, int nano, long[] seconds, int[] nanos, int row) {
            long s = seconds[row];
            return s == NONE || second < s || (second == s && nano < nanos[row]);
        }

        private static boolean isAfter(long second, int nano, long[] seconds, int[] nanos, int row) {
            long s = seconds[row];
            return s == NONE || second > s || (second == s && nano > nanos[row]);
        }

        private void spend(int row, Money amount, CustomerEvent event) {
            if (spendUnit == null || spendUnit.length < ids.length) {
                spendUnit = spendUnit == null ? new Money[ids.length] : Arrays.copyOf(spendUnit, ids.length);
                spendUnscaled = spendUnscaled == null ? new long[ids.length] : Arrays.copyOf(spendUnscaled, ids.length);
            }
            long[] unscaled = requireNonNull(spendUnscaled);
            if (totalSpend == null || totalSpend[row] == null) {
                Money unit = spendUnit[row];
                boolean fits = amount.amount().unscaledValue().bitLength() < 64;
                if (unit == null) {
                    if (fits) {
                        spendUnit[row] = amount;
                        unscaled[row] = amount.amount().unscaledValue().longValue();
                        return;
                    }
                } else {
                    if (!unit.currency().equals(amount.currency())) {
                        sum(unit, amount, event);
                    }
                    if (fits) {
                        long add = amount.amount().unscaledValue().longValue();
                        long total = unscaled[row] + add;
                        if (((unscaled[row] ^ total) & (add ^ total)) >= 0
                                && Money.isBelowLimit(total, unit.amount().scale())) {
                            unscaled[row] = total;
                            return;
                        }
                    }
                }
                // The sum leaves the range of a long or of Money: from now on this row sums Money, which says which.
                totalSpendColumn()[row] = unit == null ? null : money(unit, unscaled[row]);
                spendUnit[row] = null;
            }
            @Nullable Money[] exact = totalSpendColumn();
            exact[row] = sum(exact[row], amount, event);
        }

        /** An amount in the currency and scale of {@code unit}. */
        private static Money money(Money unit, long unscaled) {
            return new Money(
                    java.math.BigDecimal.valueOf(unscaled, unit.amount().scale()), unit.currency());
        }

        private Money sum(@Nullable Money total, Money amount, CustomerEvent event) {
            return CustomerProfile.sumSameCurrency(total, amount, event, event.customerId());
        }

        @SuppressWarnings("unchecked")
        private void payment(int row, CustomerProfile.Payment payment) {
            @Nullable Object[] column = paymentColumn();
            List<CustomerProfile.Payment> list = (List<CustomerProfile.Payment>) column[row];
            if (list == null) {
                list = new ArrayList<>(2);
                column[row] = list;
            }
            list.add(payment);
        }

        private void nps(int row, int score, ProfileFold.Stamp stamp) {
            if (npsStamps == null) {
                npsStamps = new ProfileFold.Stamp[ids.length];
            } else if (npsStamps.length < ids.length) {
                npsStamps = Arrays.copyOf(npsStamps, ids.length);
            }
            ProfileFold.Stamp kept = npsStamps[row];
            if (kept == null || stamp.isLaterThan(kept)) {
                npsStamps[row] = stamp;
                lastNps[row] = (byte) score;
            }
        }

        @SuppressWarnings("unchecked")
        private void custom(int row, String customType) {
            @Nullable Object[] column = customColumn();
            Map<String, Long> map = (Map<String, Long>) column[row];
            if (map == null) {
                map = new HashMap<>();
                column[row] = map;
            }
            map.merge(customType, 1L, Checks::saturatedAdd);
        }

        @SuppressWarnings("unchecked")
        private void attributes(int row, CustomerEvent event) {
            @Nullable Object[] column = attributeColumn();
            Map<String, ProfileFold.Stamped<Double>> map = (Map<String, ProfileFold.Stamped<Double>>) column[row];
            if (map == null) {
                map = new HashMap<>();
                column[row] = map;
            }
            ProfileFold.Stamp stamp = ProfileFold.Stamp.of(event);
            for (Map.Entry<String, Double> attribute : event.attributes().entrySet()) {
                map.merge(
                        attribute.getKey(),
                        new ProfileFold.Stamped<>(attribute.getValue(), stamp),
                        ProfileFold.Stamped::later);
            }
        }

        /**
         * Gathers the order log by row (a counting sort: each row's count, their running sum as the rows' starts, then
         * each instant to its row's next place, which keeps the order the instants came in) and puts each row's
         * instants in time order, which they already are when the log came in time order.
         */
        private void finishOrders() {
            int n = orderLogSize;
            if (n == 0) {
                return;
            }
            int[] next = new int[ids.length];
            int[] rows = orderLogRow;
            for (int i = 0; i < n; i++) {
                next[rows[i]]++;
            }
            int start = 0;
            for (int r = 0; r < size; r++) {
                int count = next[r];
                next[r] = start;
                start += count;
            }
            long[] nanos = new long[n];
            long[] logged = orderLogNanos;
            for (int i = 0; i < n; i++) {
                nanos[next[rows[i]]++] = logged[i];
            }
            // next[r] is now the end of row r's instants
            int from = 0;
            for (int r = 0; r < size; r++) {
                int to = next[r];
                if (!OrderTimes.isSorted(nanos, from, to)) {
                    Arrays.sort(nanos, from, to);
                }
                from = to;
            }
            orderNanos = nanos;
            orderEnd = next;
            orderSize = n;
            orderLogRow = new int[0];
            orderLogNanos = new long[0];
            orderLogSize = 0;
        }

        /** Turns the per-row working lists and maps into the immutable values a profile holds, and checks currencies. */
        @SuppressWarnings("unchecked")
        ProfileColumns finish() {
            finishOrders();
            for (int row = 0; row < size; row++) {
                if (spendUnit != null && row < spendUnit.length && spendUnit[row] != null) {
                    totalSpendColumn()[row] = money(spendUnit[row], requireNonNull(spendUnscaled)[row]);
                }
                if (payments != null && payments[row] != null) {
                    payments[row] = CustomerProfile.sortedPayments((List<CustomerProfile.Payment>) payments[row]);
                }
                if (customCounts != null && customCounts[row] != null) {
                    customCounts[row] = ImmutableMap.copyOf(new TreeMap<>((Map<String, Long>) customCounts[row]));
                }
                if (attributes != null && attributes[row] != null) {
                    TreeMap<String, Double> values = new TreeMap<>();
                    ((Map<String, ProfileFold.Stamped<Double>>) attributes[row])
                            .forEach((name, value) -> values.put(name, value.value()));
                    attributes[row] = ImmutableMap.copyOf(values);
                }
                Money spend = totalSpend == null ? null : totalSpend[row];
                Money back = refunded == null ? null : refunded[row];
                if (spend != null && back != null && !spend.currency().equals(back.currency())) {
                    throw new IllegalArgumentException("totalSpend " + spend + " and refundedAmount " + back
                            + " of customer '" + ids[row] + "' are in different currencies");
                }
            }
            return this;
        }
    }
}
