package dev.lifecycle.metrics.internal;

import dev.lifecycle.core.EventBatch;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * How the metrics read an {@link EventBatch} on several threads: the items (customer codes, or rows for a figure per
 * event) are split into ranges, one per thread, and the ranges run on the common fork-join pool, the calling thread
 * taking part, as {@link dev.lifecycle.core.LifecycleClassifier#classifyAllParallel(EventBatch, java.time.Instant)}
 * does. A task that splits customers scans the whole batch and handles only the rows of its own customers, whose state
 * stays in its cache. Tasks report bad input as values, which the calling thread turns into exceptions after the join,
 * so that messages are not wrapped by the pool. Lives in an unexported package. Stateless, so thread-safe.
 */
public final class BatchScan {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private BatchScan() {}

    /** {@return the default number of threads: the common pool's parallelism plus the calling thread} */
    public static int defaultThreads() {
        return ForkJoinPool.getCommonPoolParallelism() + 1;
    }

    /**
     * Checks a number of threads.
     *
     * @param threads the number of threads asked for
     * @return {@code threads}
     * @throws IllegalArgumentException if {@code threads} is below 1
     */
    public static int checkThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be 1 or more but was " + threads);
        }
        return threads;
    }

    /**
     * Returns the number of ranges to split {@code items} into: {@code threads}, but no more than there are items, and
     * at least one.
     *
     * @param items the number of items, 0 or more
     * @param threads the number of threads, 1 or more
     * @return the number of ranges
     */
    public static int parts(int items, int threads) {
        return Math.max(1, Math.min(checkThreads(threads), items));
    }

    /**
     * Returns the first item of a range.
     *
     * @param items the number of items
     * @param parts the number of ranges
     * @param part the range, 0 to {@code parts}; {@code part = parts} gives the end of the last range
     * @return the first item of the range, the ranges covering {@code 0..items-1} in order without overlap
     */
    public static int bound(int items, int parts, int part) {
        return (int) ((long) items * part / parts);
    }

    /**
     * Runs one task per range: on the calling thread alone when there is one, else on the common pool, the calling
     * thread taking part; returns when every task has.
     *
     * @param parts the number of ranges
     * @param task the task, given the range's index
     */
    public static void run(int parts, IntConsumer task) {
        if (parts == 1) {
            task.accept(0);
        } else {
            IntStream.range(0, parts).parallel().forEach(task);
        }
    }

    /**
     * Returns an event's instant as nanoseconds since the epoch, which a {@code long} holds for every {@linkplain
     * dev.lifecycle.core.SupportedInstants supported instant}: one number that orders events by time.
     *
     * @param batch the batch
     * @param row the event's row
     * @return the epoch nanoseconds
     */
    public static long epochNanos(EventBatch batch, int row) {
        return batch.epochSecond(row) * NANOS_PER_SECOND + batch.nano(row);
    }

    /**
     * Returns an instant, assumed supported, as nanoseconds since the epoch; see {@link #epochNanos(EventBatch, int)}.
     *
     * @param epochSecond the instant's seconds
     * @param nano the nanoseconds of the second
     * @return the epoch nanoseconds
     */
    public static long epochNanos(long epochSecond, int nano) {
        return epochSecond * NANOS_PER_SECOND + nano;
    }
}
