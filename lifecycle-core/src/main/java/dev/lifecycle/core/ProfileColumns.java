package dev.lifecycle.core;

import java.time.Instant;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The growable columns a {@link ProfileTable} is built in, one array per fact indexed by row: rows are appended
 * ({@link #newRow}, or a whole profile with {@link #add(CustomerProfile)}), and a column that no row needs stays null.
 * The table takes the arrays over as they are, so a builder is used for one table only. Not thread-safe.
 */
class ProfileColumns {
    int size;
    String[] ids;
    long[] @Nullable [] counts = new long[ProfileTable.TYPES][];
    long[] @Nullable [] lastSecond = new long[ProfileTable.TYPES][];
    int[] @Nullable [] lastNano = new int[ProfileTable.TYPES][];
    long[] firstSeenSecond;
    int[] firstSeenNano;
    long[] lastActivitySecond;
    int[] lastActivityNano;
    long[] firstOrderSecond;
    int[] firstOrderNano;
    long[] loyaltySecond;
    int[] loyaltyNano;
    byte[] lastNps;

    @Nullable
    Money @Nullable [] totalSpend;

    @Nullable
    Money @Nullable [] refunded;

    @Nullable
    Object @Nullable [] payments;

    /**
     * The order instants of all rows as epoch nanoseconds, row after row, each row's in time order: row {@code r}'s are
     * {@code orderNanos[r == 0 ? 0 : orderEnd[r - 1] .. orderEnd[r])}. Both null while no row has an order; the first
     * {@link #orderSize} are used.
     */
    long @Nullable [] orderNanos;

    int @Nullable [] orderEnd;
    int orderSize;

    @Nullable
    Object @Nullable [] customCounts;

    @Nullable
    Object @Nullable [] attributes;

    long latestFactSecond = ProfileTable.NONE;
    int latestFactNano;

    /** True when the rows are one per customer by construction (a fold of events); false when not known. */
    boolean customersDistinct;

    ProfileColumns(int capacity) {
        this(Math.max(capacity, 16), null);
    }

    /**
     * Columns for {@code n} rows. With {@code partial} needs, the dated columns that no need names are left empty
     * (length 0): such columns serve a fold for classification only, which reads nothing else, and never become a
     * table a caller sees.
     */
    ProfileColumns(int n, @Nullable FactNeeds partial) {
        ids = new String[n];
        boolean all = partial == null;
        firstSeenSecond = none(all ? n : 0);
        firstSeenNano = new int[all ? n : 0];
        int activity = partial == null || partial.lastActivity ? n : 0;
        lastActivitySecond = none(activity);
        lastActivityNano = new int[activity];
        int firstOrder = partial == null || partial.firstOrder ? n : 0;
        firstOrderSecond = none(firstOrder);
        firstOrderNano = new int[firstOrder];
        loyaltySecond = none(all ? n : 0);
        loyaltyNano = new int[all ? n : 0];
        lastNps = new byte[n];
    }

    private static long[] none(int n) {
        long[] column = new long[n];
        Arrays.fill(column, ProfileTable.NONE);
        return column;
    }

    /** Appends an empty row for the customer and returns its index. */
    int newRow(String customerId) {
        if (size == ids.length) {
            grow();
        }
        ids[size] = customerId;
        lastNps[size] = -1;
        if (orderEnd != null) {
            orderEnd[size] = orderSize;
        }
        return size++;
    }

    private void grow() {
        int old = ids.length;
        int n = old * 2;
        ids = Arrays.copyOf(ids, n);
        for (int t = 0; t < ProfileTable.TYPES; t++) {
            if (counts[t] != null) {
                counts[t] = Arrays.copyOf(counts[t], n);
            }
            if (lastSecond[t] != null) {
                lastSecond[t] = noneFrom(Arrays.copyOf(lastSecond[t], n), old);
                lastNano[t] = Arrays.copyOf(lastNano[t], n);
            }
        }
        firstSeenSecond = noneFrom(Arrays.copyOf(firstSeenSecond, n), old);
        firstSeenNano = Arrays.copyOf(firstSeenNano, n);
        lastActivitySecond = noneFrom(Arrays.copyOf(lastActivitySecond, n), old);
        lastActivityNano = Arrays.copyOf(lastActivityNano, n);
        firstOrderSecond = noneFrom(Arrays.copyOf(firstOrderSecond, n), old);
        firstOrderNano = Arrays.copyOf(firstOrderNano, n);
        loyaltySecond = noneFrom(Arrays.copyOf(loyaltySecond, n), old);
        loyaltyNano = Arrays.copyOf(loyaltyNano, n);
        lastNps = Arrays.copyOf(lastNps, n);
        if (totalSpend != null) {
            totalSpend = Arrays.copyOf(totalSpend, n);
        }
        if (refunded != null) {
            refunded = Arrays.copyOf(refunded, n);
        }
        if (payments != null) {
            payments = Arrays.copyOf(payments, n);
        }
        if (orderEnd != null) {
            orderEnd = Arrays.copyOf(orderEnd, n);
        }
        if (customCounts != null) {
            customCounts = Arrays.copyOf(customCounts, n);
        }
        if (attributes != null) {
            attributes = Arrays.copyOf(attributes, n);
        }
    }

    private static long[] noneFrom(long[] column, int from) {
        Arrays.fill(column, from, column.length, ProfileTable.NONE);
        return column;
    }

    long[] countColumn(int type) {
        long[] column = counts[type];
        if (column == null) {
            column = new long[ids.length];
            counts[type] = column;
        }
        return column;
    }

    void ensureLastColumn(int type) {
        if (lastSecond[type] == null) {
            lastSecond[type] = none(ids.length);
            lastNano[type] = new int[ids.length];
        }
    }

    @Nullable
    Money[] totalSpendColumn() {
        if (totalSpend == null) {
            totalSpend = new Money[ids.length];
        }
        return totalSpend;
    }

    @Nullable
    Money[] refundedColumn() {
        if (refunded == null) {
            refunded = new Money[ids.length];
        }
        return refunded;
    }

    @Nullable
    Object[] paymentColumn() {
        if (payments == null) {
            payments = new Object[ids.length];
        }
        return payments;
    }

    @Nullable
    Object[] customColumn() {
        if (customCounts == null) {
            customCounts = new Object[ids.length];
        }
        return customCounts;
    }

    @Nullable
    Object[] attributeColumn() {
        if (attributes == null) {
            attributes = new Object[ids.length];
        }
        return attributes;
    }

    /** Keeps the latest dated fact of the table up to date with a fact of any row. */
    void fact(long second, int nano) {
        if (second > latestFactSecond || (second == latestFactSecond && nano > latestFactNano)) {
            latestFactSecond = second;
            latestFactNano = nano;
        }
    }

    void add(CustomerProfile p) {
        int row = newRow(p.customerId);
        Instant latest = p.latestFactAt();
        if (latest != null) {
            fact(latest.getEpochSecond(), latest.getNano());
        }
        for (int t = 0; t < ProfileTable.TYPES; t++) {
            if (p.counts[t] != 0) {
                countColumn(t)[row] = p.counts[t];
            }
            Instant last = p.lastAt[t];
            if (last != null) {
                ensureLastColumn(t);
                set(lastSecond[t], lastNano[t], row, last);
            }
        }
        set(firstSeenSecond, firstSeenNano, row, p.firstSeen);
        set(lastActivitySecond, lastActivityNano, row, p.lastActivity);
        set(firstOrderSecond, firstOrderNano, row, p.firstOrderAt);
        set(loyaltySecond, loyaltyNano, row, p.loyaltyEnrolledAt);
        lastNps[row] = (byte) p.lastNpsScore;
        if (p.totalSpend != null) {
            totalSpendColumn()[row] = p.totalSpend;
        }
        if (p.refunded != null) {
            refundedColumn()[row] = p.refunded;
        }
        if (!p.payments.isEmpty()) {
            paymentColumn()[row] = p.payments;
        }
        addOrders(row, p.orders);
        if (!p.customCounts.isEmpty()) {
            customColumn()[row] = p.customCounts;
        }
        if (!p.attributes.isEmpty()) {
            attributeColumn()[row] = p.attributes;
        }
    }

    /** Appends the order instants of the last row added. */
    private void addOrders(int row, OrderTimes orders) {
        if (orders.isEmpty()) {
            return;
        }
        if (orderEnd == null) {
            // every row before had no order: all their ends are 0
            orderEnd = new int[ids.length];
        }
        long[] nanos = orderNanos;
        int n = orders.size();
        if (nanos == null || nanos.length - orderSize < n) {
            int capacity = Math.max(Math.max(16, orderSize + n), nanos == null ? 0 : 2 * nanos.length);
            nanos = nanos == null ? new long[capacity] : Arrays.copyOf(nanos, capacity);
            orderNanos = nanos;
        }
        for (int i = 0; i < n; i++) {
            nanos[orderSize++] = orders.nanosAt(i);
        }
        orderEnd[row] = orderSize;
    }

    private static void set(long[] seconds, int[] nanos, int row, @Nullable Instant at) {
        if (at != null) {
            seconds[row] = at.getEpochSecond();
            nanos[row] = at.getNano();
        }
    }
}
