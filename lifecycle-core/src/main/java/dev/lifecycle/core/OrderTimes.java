package dev.lifecycle.core;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;
import org.jspecify.annotations.Nullable;

/**
 * The instants of a customer's orders, oldest first, kept as epoch nanoseconds (see {@link TrackerTime}) and seen as
 * an immutable list of {@link Instant}s: the fact that {@link Condition#ordersWithin(int, Duration)} reads. A list
 * and the lists appended from it are an {@link AppendFamily}, so folding one more order into a tracked profile costs
 * the same however many orders it has; appending to a list that is not the family's longest, to a list without a family
 * (a view of an array that its owner may still append to) or an instant before the last one copies.
 *
 * <p>The counting in a window lives here once, for profiles ({@link #countWithin(long, long)}) and for the rows of a
 * {@link ProfileTable}, which keep all rows' instants in one array ({@link #firstAtOrAfter(long[], int, int, long)}),
 * with the window's ends from {@link #windowStart(Instant, Duration)} and {@link #windowEnd(Instant)}.
 *
 * <p>Immutable and thread-safe, as {@link AppendFamily} says.
 */
final class OrderTimes extends AbstractList<Instant> implements RandomAccess {
    /** No orders. */
    static final OrderTimes EMPTY = new OrderTimes(new long[0], 0, null);

    private static final int FIRST_CAPACITY = 4;

    /** The instants; this list sees the first {@link #size}. */
    private final long[] items;

    private final int size;
    /** The lists that share the array; null for a list that never extends its array. */
    private final @Nullable AppendFamily family;

    private OrderTimes(long[] items, int size, @Nullable AppendFamily family) {
        this.items = items;
        this.size = size;
        this.family = family;
    }

    /** Returns the instants {@code nanos[from..to)}, which must be in time order, in an array of their own. */
    static OrderTimes copyOf(long[] nanos, int from, int to) {
        return from == to ? EMPTY : new OrderTimes(Arrays.copyOfRange(nanos, from, to), to - from, null);
    }

    /**
     * Returns the first {@code size} instants of the array, which must be in time order, without copying them: the
     * caller may go on writing past them, never to them. The list never extends the array.
     */
    static OrderTimes view(long[] nanos, int size) {
        return size == 0 ? EMPTY : new OrderTimes(nanos, size, null);
    }

    /** Whether {@code nanos[from..to)} is in time order. */
    static boolean isSorted(long[] nanos, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            if (nanos[i - 1] > nanos[i]) {
                return false;
            }
        }
        return true;
    }

    /** Returns these instants with one more, in time order: in amortised constant time when it is the latest. */
    OrderTimes plus(long nanos) {
        if (family != null && items[size - 1] <= nanos && family.claimAfter(size)) {
            // the slot after this list's instants is now this call's alone, in this array and any larger copy
            long[] array = size < items.length ? items : Arrays.copyOf(items, 2 * size);
            array[size] = nanos;
            return new OrderTimes(array, size + 1, family);
        }
        long[] grown = Arrays.copyOf(items, Math.max(FIRST_CAPACITY, 2 * size));
        int at = size;
        if (size > 0 && grown[size - 1] > nanos) {
            // an earlier instant (a builder given them out of order): inserted after the instants not later than it
            at = firstAfter(grown, 0, size, nanos);
            System.arraycopy(grown, at, grown, at + 1, size - at);
        }
        grown[at] = nanos;
        return new OrderTimes(grown, size + 1, new AppendFamily(size + 1));
    }

    /** {@return the instant at {@code index} as epoch nanoseconds} */
    long nanosAt(int index) {
        return items[checkIndex(index)];
    }

    /** {@return the earliest instant as epoch nanoseconds; the list must not be empty} */
    long first() {
        return nanosAt(0);
    }

    /** {@return the latest instant as epoch nanoseconds; the list must not be empty} */
    long last() {
        return nanosAt(size - 1);
    }

    /** {@return how many instants lie in {@code [fromNanos, toNanos]}} */
    int countWithin(long fromNanos, long toNanos) {
        return Math.max(0, firstAfter(items, 0, size, toNanos) - firstAtOrAfter(items, 0, size, fromNanos));
    }

    /** {@return whether at least {@code n} instants lie in {@code [fromNanos, toNanos]}} */
    boolean atLeastWithin(int n, long fromNanos, long toNanos) {
        return atLeastWithin(items, 0, size, n, fromNanos, toNanos);
    }

    /** {@return the index of the first instant after {@code nanos}, or the size if there is none} */
    int firstAfter(long nanos) {
        return firstAfter(items, 0, size, nanos);
    }

    /**
     * Whether at least {@code n} of the instants {@code nanos[from..to)}, in time order, lie in {@code [start, end]}:
     * the first one at or after {@code start} and the {@code n}th from it not after {@code end}. One binary search.
     */
    static boolean atLeastWithin(long[] nanos, int from, int to, int n, long start, long end) {
        if (n <= 0) {
            return true;
        }
        if (to - from < n) {
            return false;
        }
        int nth = firstAtOrAfter(nanos, from, to, start) + n - 1;
        return nth < to && nanos[nth] <= end;
    }

    /** The index of the first of {@code nanos[from..to)} (in time order) at or after {@code key}, else {@code to}. */
    static int firstAtOrAfter(long[] nanos, int from, int to, long key) {
        int low = from;
        int high = to;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (nanos[middle] >= key) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return low;
    }

    /** The index of the first of {@code nanos[from..to)} (in time order) after {@code key}, else {@code to}. */
    static int firstAfter(long[] nanos, int from, int to, long key) {
        return key == Long.MAX_VALUE ? to : firstAtOrAfter(nanos, from, to, key + 1);
    }

    /**
     * The start of the window {@code [asOf - window, asOf]} in epoch nanoseconds, for comparing with supported instants:
     * {@link Long#MIN_VALUE} when it lies before every supported instant (the window reaches back past 1678), {@link
     * Long#MAX_VALUE} when it lies after them.
     */
    static long windowStart(Instant asOf, Duration window) {
        Instant start;
        try {
            start = asOf.minus(window);
        } catch (DateTimeException | ArithmeticException beforeEveryInstant) {
            return Long.MIN_VALUE;
        }
        return clamped(start);
    }

    /** The end of the window, {@code asOf}, in epoch nanoseconds, clamped as {@link #windowStart} is. */
    static long windowEnd(Instant asOf) {
        return clamped(asOf);
    }

    private static long clamped(Instant at) {
        if (at.isBefore(SupportedInstants.FIRST)) {
            return Long.MIN_VALUE;
        }
        return at.isBefore(SupportedInstants.END) ? TrackerTime.toNanos(at) : Long.MAX_VALUE;
    }

    private int checkIndex(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index must be between 0 and " + (size - 1) + " but was " + index);
        }
        return index;
    }

    @Override
    public Instant get(int index) {
        return TrackerTime.toInstant(nanosAt(index));
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        if (o instanceof OrderTimes other) {
            return Arrays.equals(items, 0, size, other.items, 0, other.size);
        }
        return super.equals(o);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }
}
