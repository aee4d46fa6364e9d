package dev.lifecycle.metrics.funnel;

import dev.lifecycle.core.EventBatch;
import dev.lifecycle.core.EventType;
import dev.lifecycle.metrics.internal.BatchScan;
import java.util.function.IntUnaryOperator;

/**
 * The chains of an event funnel whose steps and exclusions are all types, read from the columns of an {@link
 * EventBatch}: the same {@link ChainSearch} as {@link EventFunnel#analyse(Iterable)} without an object per event.
 *
 * <p>Each range of customer codes reads the batch twice: once to count each customer's events that take part (those
 * of the steps' and exclusions' types, or every event for a {@linkplain FunnelOrder#STRICT strict} funnel, where any
 * event breaks a chain), once to copy their rows grouped by customer, in row order. Each customer's events are then
 * put in time order, ties in row order, which is the object path's order over {@link EventBatch#events()}, and
 * searched; the chain's handles are rows.
 */
final class BatchFunnel {
    private BatchFunnel() {}

    /** Finds every customer's chain on {@code threads} ranges of customer codes. */
    static FunnelChains chains(
            EventFunnel funnel, int[] stepTypes, int[] exclusionTypes, EventBatch batch, int threads) {
        int types = EventType.values().length;
        int[] stepMaskOfType = masks(stepTypes, types);
        int[] exclusionMaskOfType = masks(exclusionTypes, types);
        int customers = batch.customerCount();
        FunnelChains chains = new FunnelChains(stepTypes.length, customers, batch::customerId, batch::event);
        int parts = BatchScan.parts(customers, threads);
        BatchScan.run(
                parts,
                p -> scan(
                        funnel,
                        batch,
                        stepMaskOfType,
                        exclusionMaskOfType,
                        chains,
                        BatchScan.bound(customers, parts, p),
                        BatchScan.bound(customers, parts, p + 1)));
        return chains;
    }

    /** The mask of each type ordinal: bit {@code i} when entry {@code i} is of that type. */
    private static int[] masks(int[] typeOfEach, int types) {
        int[] masks = new int[types];
        for (int i = 0; i < typeOfEach.length; i++) {
            masks[typeOfEach[i]] |= 1 << i;
        }
        return masks;
    }

    /** Finds the chains of the customers {@code lo} to {@code hi - 1}. */
    private static void scan(
            EventFunnel funnel,
            EventBatch batch,
            int[] stepMaskOfType,
            int[] exclusionMaskOfType,
            FunnelChains chains,
            int lo,
            int hi) {
        int n = hi - lo;
        boolean every = funnel.needsEveryEvent();
        int size = batch.size();
        int[] first = new int[n + 1];
        for (int row = 0; row < size; row++) {
            int c = batch.customer(row) - lo;
            if (c >= 0 && c < n && (every || takesPart(batch, row, stepMaskOfType, exclusionMaskOfType))) {
                first[c + 1]++;
            }
        }
        for (int c = 0; c < n; c++) {
            first[c + 1] += first[c];
        }
        int[] rows = new int[first[n]];
        int[] next = first.clone();
        for (int row = 0; row < size; row++) {
            int c = batch.customer(row) - lo;
            if (c >= 0 && c < n && (every || takesPart(batch, row, stepMaskOfType, exclusionMaskOfType))) {
                rows[next[c]++] = row;
            }
        }
        ChainSearch search = funnel.newSearch();
        ChainInput input = new ChainInput(chains.steps);
        IntUnaryOperator stepMask = row -> stepMaskOfType[batch.typeOrdinal(row)];
        IntUnaryOperator exclusionMask = row -> exclusionMaskOfType[batch.typeOrdinal(row)];
        boolean exclusions = funnel.exclusionCount() > 0;
        for (int c = 0; c < n; c++) {
            input.reset(first[c + 1] - first[c]);
            for (int i = first[c]; i < first[c + 1]; i++) {
                input.add(BatchScan.epochNanos(batch, rows[i]), rows[i]);
            }
            input.search(search, chains, lo + c, stepMask, exclusionMask, exclusions);
        }
    }

    private static boolean takesPart(EventBatch batch, int row, int[] stepMaskOfType, int[] exclusionMaskOfType) {
        int type = batch.typeOrdinal(row);
        return (stepMaskOfType[type] | exclusionMaskOfType[type]) != 0;
    }
}
