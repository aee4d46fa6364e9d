package dev.lifecycle.metrics.funnel;

import dev.lifecycle.core.EventBatch;
import dev.lifecycle.core.SupportedInstants;
import dev.lifecycle.metrics.internal.BatchScan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The event funnel of steps by type, read from the columns of an {@link EventBatch}: the greedy chain of {@link
 * EventFunnel} without an object per event, a sort or a list per customer.
 *
 * <p>Events are ordered by (epoch nanoseconds, row), which is the object path's order: by timestamp, ties in the order
 * of the input. The greedy chain takes for step 1 a customer's first event of step 1's type, and for each later step
 * the first event of its type after the previous step's event and at most the window after the entry event. Step
 * {@code j} depends only on the event step {@code j - 1} took, so step {@code j} is one pass over the rows that keeps,
 * per customer still in the chain, the first qualifying event: {@code k} passes for {@code k} steps, each reading the
 * type column and, for rows of the step's type, the customer and instant columns. Per-customer state lives in
 * primitive arrays indexed by {@code code - lo}.
 */
final class BatchFunnel {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** A window at least this long admits any two supported instants: no event lies beyond it. */
    private static final long UNBOUNDED_WINDOW_SECONDS =
            SupportedInstants.END.getEpochSecond() - SupportedInstants.FIRST.getEpochSecond();

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
        List<Duration> times = new ArrayList<>();
        for (Part part : done) {
            for (int j = 0; j < counts.length; j++) {
                counts[j] += part.counts[j];
            }
            times.addAll(part.times);
        }
        return Funnel.of(names, counts, null, TimeToConvert.of(times));
    }

    /** The customers {@code lo} to {@code hi - 1}: their chains, then their counts and times to convert. */
    private static final class Part {
        final int lo;
        final int hi;
        final long[] counts;
        final List<Duration> times = new ArrayList<>();

        Part(int lo, int hi, int steps) {
            this.lo = lo;
            this.hi = hi;
            this.counts = new long[steps];
        }

        void scan(EventBatch batch, int[] stepTypes, Duration window) {
            int n = hi - lo;
            int size = batch.size();
            int k = stepTypes.length;
            // steps reached so far; the event the last one took (key, row); the entry's key; the last key in window
            int[] reached = new int[n];
            long[] lastKey = new long[n];
            int[] lastRow = new int[n];
            long[] entryKey = new long[n];
            long[] limit = new long[n];
            long[] candidateKey = new long[n];
            int[] candidateRow = new int[n];
            for (int j = 0; j < k; j++) {
                int type = stepTypes[j];
                Arrays.fill(candidateRow, -1);
                for (int row = 0; row < size; row++) {
                    if (batch.typeOrdinal(row) != type) {
                        continue;
                    }
                    int c = batch.customer(row) - lo;
                    if (c < 0 || c >= n || reached[c] != j) {
                        continue;
                    }
                    long key = BatchScan.epochNanos(batch, row);
                    // after the previous step's event in (time, row) order, and within the window of the entry
                    if (j > 0 && (key < lastKey[c] || (key == lastKey[c] && row <= lastRow[c]) || key > limit[c])) {
                        continue;
                    }
                    // rows come in increasing order: of two events at one instant the earlier row stays
                    if (candidateRow[c] < 0 || key < candidateKey[c]) {
                        candidateKey[c] = key;
                        candidateRow[c] = row;
                    }
                }
                long advanced = 0;
                for (int c = 0; c < n; c++) {
                    int row = candidateRow[c];
                    if (row < 0) {
                        continue;
                    }
                    advanced++;
                    reached[c] = j + 1;
                    lastKey[c] = candidateKey[c];
                    lastRow[c] = row;
                    if (j == 0) {
                        entryKey[c] = candidateKey[c];
                        limit[c] = limit(batch.epochSecond(row), batch.nano(row), window);
                    }
                }
                counts[j] = advanced;
                if (advanced == 0) {
                    break;
                }
            }
            for (int c = 0; c < n; c++) {
                if (reached[c] == k) {
                    times.add(between(entryKey[c], lastKey[c]));
                }
            }
        }
    }

    /** The latest key within {@code window} of an entry at the given instant; {@link Long#MAX_VALUE} past the range. */
    static long limit(long entrySecond, int entryNano, Duration window) {
        if (window.getSeconds() >= UNBOUNDED_WINDOW_SECONDS) {
            return Long.MAX_VALUE;
        }
        long second = entrySecond + window.getSeconds();
        long nano = (long) entryNano + window.getNano();
        if (nano >= NANOS_PER_SECOND) {
            second++;
            nano -= NANOS_PER_SECOND;
        }
        if (second >= SupportedInstants.END.getEpochSecond()) {
            return Long.MAX_VALUE;
        }
        return BatchScan.epochNanos(second, (int) nano);
    }

    /** The duration from one key to a later one; the difference, read unsigned, is exact across the whole range. */
    static Duration between(long fromKey, long toKey) {
        long nanos = toKey - fromKey;
        return Duration.ofSeconds(
                Long.divideUnsigned(nanos, NANOS_PER_SECOND), Long.remainderUnsigned(nanos, NANOS_PER_SECOND));
    }
}
