package dev.lifecycle.metrics.funnel;

import dev.lifecycle.core.EventBatch;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.SupportedInstants;
import dev.lifecycle.metrics.internal.BatchScan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The event funnel of steps by type, read from the columns of an {@link EventBatch}: the greedy chain of {@link
 * EventFunnel#evaluate(Iterable)} without an object per event.
 *
 * <p>Each range of customer codes reads the batch twice: once to count each customer's events of the steps' types,
 * once to copy their instants (epoch nanoseconds) and types into two arrays grouped by customer, in row order. Each
 * customer's events are then put in time order, ties in row order, which is the object path's order (a stable sort,
 * skipped when they are in order already, as in a log written as it happens), and walked as the object path walks
 * them: step 1 takes the first event of its type, each later step the next event of its type, and the walk stops at
 * the first event more than the window after the entry. Counts come from the number of steps each customer reached.
 */
final class BatchFunnel {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** A window at least this long admits any two supported instants: no event lies beyond it. */
    private static final long UNBOUNDED_WINDOW_SECONDS =
            SupportedInstants.END.getEpochSecond() - SupportedInstants.FIRST.getEpochSecond();

    private static final long CENTURY_SECONDS = 100L * 366 * 86_400;

    private BatchFunnel() {}

    /** Evaluates the funnel of steps by type ordinals on {@code threads} ranges of customer codes. */
    static Funnel evaluate(List<String> names, int[] stepTypes, Duration window, EventBatch batch, int threads) {
        int customers = batch.customerCount();
        int parts = BatchScan.parts(customers, threads);
        Part[] done = new Part[parts];
        BatchScan.run(parts, p -> {
            Part part = new Part(
                    BatchScan.bound(customers, parts, p), BatchScan.bound(customers, parts, p + 1), stepTypes.length);
            part.scan(batch, stepTypes, window);
            done[p] = part;
        });
        long[] counts = new long[stepTypes.length];
        int converted = 0;
        for (Part part : done) {
            for (int j = 0; j < counts.length; j++) {
                counts[j] += part.counts[j];
            }
            converted += part.converted;
        }
        // each range sorted its times; merged here, they are in order unless one is 292 years or more (negative)
        long[] nanos = new long[0];
        for (Part part : done) {
            nanos = merge(nanos, part.times, part.converted);
        }
        List<Duration> times = new ArrayList<>(converted);
        boolean ordered = true;
        for (long time : nanos) {
            ordered &= time >= 0;
            times.add(duration(time));
        }
        if (ordered) {
            return Funnel.of(names, counts, null, TimeToConvert.ofSorted(times));
        }
        return Funnel.of(names, counts, null, TimeToConvert.of(times));
    }

    /** The customers {@code lo} to {@code hi - 1}: their chains, then their counts and times to convert. */
    private static final class Part {
        final int lo;
        final int hi;
        final long[] counts;
        /** The times to convert of the customers who reached the last step, in nanoseconds. */
        long[] times = new long[0];

        int converted;

        Part(int lo, int hi, int steps) {
            this.lo = lo;
            this.hi = hi;
            this.counts = new long[steps];
        }

        void scan(EventBatch batch, int[] stepTypes, Duration window) {
            int n = hi - lo;
            int size = batch.size();
            int k = stepTypes.length;
            boolean[] read = new boolean[EventType.values().length];
            for (int type : stepTypes) {
                read[type] = true;
            }
            // pass 1: how many events of the steps' types each customer has; their places in the grouped arrays
            int[] first = new int[n + 1];
            for (int row = 0; row < size; row++) {
                if (!read[batch.typeOrdinal(row)]) {
                    continue;
                }
                int c = batch.customer(row) - lo;
                if (c >= 0 && c < n) {
                    first[c + 1]++;
                }
            }
            for (int c = 0; c < n; c++) {
                first[c + 1] += first[c];
            }
            // pass 2: each customer's events, in row order: instant and type
            long[] keys = new long[first[n]];
            byte[] types = new byte[first[n]];
            int[] next = Arrays.copyOf(first, n);
            for (int row = 0; row < size; row++) {
                int type = batch.typeOrdinal(row);
                if (!read[type]) {
                    continue;
                }
                int c = batch.customer(row) - lo;
                if (c >= 0 && c < n) {
                    int at = next[c]++;
                    keys[at] = BatchScan.epochNanos(batch, row);
                    types[at] = (byte) type;
                }
            }
            // each customer's chain, as EventFunnel.evaluate walks it: in time order, ties in row order
            long windowNanos = windowNanos(window);
            long[] reachedExactly = new long[k + 1];
            long[] times = new long[n];
            long[] sortKeys = new long[0];
            byte[] sortTypes = new byte[0];
            for (int c = 0; c < n; c++) {
                int from = first[c];
                int to = first[c + 1];
                if (!sorted(keys, from, to)) {
                    if (sortKeys.length < to - from) {
                        sortKeys = new long[to - from];
                        sortTypes = new byte[to - from];
                    }
                    sort(keys, types, from, to, sortKeys, sortTypes);
                }
                int step = 0;
                long entry = 0;
                long last = 0;
                long limit = Long.MAX_VALUE;
                for (int i = from; i < to && step < k; i++) {
                    long key = keys[i];
                    if (step > 0 && key > limit) {
                        break;
                    }
                    if (types[i] == stepTypes[step]) {
                        if (step == 0) {
                            entry = key;
                            limit = limit(key, windowNanos, window);
                        }
                        last = key;
                        step++;
                    }
                }
                reachedExactly[step]++;
                if (step == k) {
                    times[converted++] = last - entry;
                }
            }
            Arrays.sort(times, 0, converted);
            long reached = 0;
            for (int j = k - 1; j >= 0; j--) {
                reached += reachedExactly[j + 1];
                counts[j] = reached;
            }
            this.times = times;
        }
    }

    /** Merges two ascending arrays, the second's first {@code length} entries. */
    private static long[] merge(long[] a, long[] b, int length) {
        long[] merged = new long[a.length + length];
        int i = 0;
        int j = 0;
        for (int at = 0; at < merged.length; at++) {
            merged[at] = j == length || (i < a.length && a[i] <= b[j]) ? a[i++] : b[j++];
        }
        return merged;
    }

    /** Tells whether the keys {@code from} to {@code to - 1} are in order (equal keys allowed). */
    private static boolean sorted(long[] keys, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            if (keys[i] < keys[i - 1]) {
                return false;
            }
        }
        return true;
    }

    /** Sorts the keys {@code from} to {@code to - 1}, and their types with them, keeping equal keys in their order. */
    private static void sort(long[] keys, byte[] types, int from, int to, long[] spareKeys, byte[] spareTypes) {
        int length = to - from;
        if (length <= 32) {
            for (int i = from + 1; i < to; i++) {
                long key = keys[i];
                byte type = types[i];
                int j = i;
                while (j > from && keys[j - 1] > key) {
                    keys[j] = keys[j - 1];
                    types[j] = types[j - 1];
                    j--;
                }
                keys[j] = key;
                types[j] = type;
            }
            return;
        }
        int middle = from + length / 2;
        sort(keys, types, from, middle, spareKeys, spareTypes);
        sort(keys, types, middle, to, spareKeys, spareTypes);
        System.arraycopy(keys, from, spareKeys, 0, length);
        System.arraycopy(types, from, spareTypes, 0, length);
        int left = 0;
        int leftEnd = middle - from;
        int right = leftEnd;
        for (int at = from; at < to; at++) {
            // of equal keys the left half's, earlier in the log, comes first
            if (right == length || (left < leftEnd && spareKeys[left] <= spareKeys[right])) {
                keys[at] = spareKeys[left];
                types[at] = spareTypes[left++];
            } else {
                keys[at] = spareKeys[right];
                types[at] = spareTypes[right++];
            }
        }
    }

    /** The window in nanoseconds when it is under a century (the common case), else -1. */
    private static long windowNanos(Duration window) {
        return window.toSeconds() < CENTURY_SECONDS ? window.toNanos() : -1;
    }

    /**
     * The latest key within the window of an entry; {@link Long#MAX_VALUE} past the supported range. A window under a
     * century comes in nanoseconds: no key plus it overflows but one near the range's end, which saturates.
     */
    static long limit(long entryKey, long windowNanos, Duration window) {
        if (windowNanos >= 0) {
            long limit = entryKey + windowNanos;
            return limit < entryKey ? Long.MAX_VALUE : limit;
        }
        if (window.getSeconds() >= UNBOUNDED_WINDOW_SECONDS) {
            return Long.MAX_VALUE;
        }
        long entrySecond = Math.floorDiv(entryKey, NANOS_PER_SECOND);
        long entryNano = Math.floorMod(entryKey, NANOS_PER_SECOND);
        long second = entrySecond + window.getSeconds();
        long nano = entryNano + window.getNano();
        if (nano >= NANOS_PER_SECOND) {
            second++;
            nano -= NANOS_PER_SECOND;
        }
        if (second >= SupportedInstants.END.getEpochSecond()) {
            return Long.MAX_VALUE;
        }
        return BatchScan.epochNanos(second, (int) nano);
    }

    /**
     * The duration of a difference of keys (a later key less an earlier one) in nanoseconds: read unsigned, the
     * difference is exact across the whole supported range, and such differences sort as signed values as long as
     * they are below 292 years, which every difference is unless the window is longer (TimeToConvert
     * sorts the durations in any case).
     */
    static Duration duration(long nanos) {
        return Duration.ofSeconds(
                Long.divideUnsigned(nanos, NANOS_PER_SECOND), Long.remainderUnsigned(nanos, NANOS_PER_SECOND));
    }
}
