package dev.lifecycle.metrics.funnel;

import java.util.function.IntUnaryOperator;

/**
 * One customer's events as {@link ChainSearch} reads them, gathered by either path: each event's key and handle, put
 * in time order with ties in the order they were added (the input's order), then the steps and exclusions each event
 * matches. Scratch space reused from customer to customer; not thread-safe.
 */
final class ChainInput {
    private int length;
    private long[] keys = new long[16];
    private int[] handles = new int[16];
    private int[] masks = new int[16];
    private int[] exclusionMasks = new int[16];
    private long[] spareKeys = new long[16];
    private int[] spareHandles = new int[16];
    private final int[] chain;

    ChainInput(int steps) {
        this.chain = new int[steps];
    }

    /** Starts a customer with room for {@code capacity} events. */
    void reset(int capacity) {
        length = 0;
        if (keys.length < capacity) {
            int size = Math.max(capacity, keys.length * 2);
            keys = new long[size];
            handles = new int[size];
            masks = new int[size];
            exclusionMasks = new int[size];
            spareKeys = new long[size];
            spareHandles = new int[size];
        }
    }

    /** Adds the customer's next event in input order. */
    void add(long key, int handle) {
        keys[length] = key;
        handles[length++] = handle;
    }

    /**
     * Puts the events in time order (stable), tells each event's steps and exclusions by its handle, finds the chain
     * and records it.
     */
    void search(
            ChainSearch search,
            FunnelChains chains,
            int customer,
            IntUnaryOperator stepMask,
            IntUnaryOperator exclusionMask,
            boolean exclusions) {
        if (!sorted()) {
            sort(0, length);
        }
        for (int i = 0; i < length; i++) {
            masks[i] = stepMask.applyAsInt(handles[i]);
        }
        if (!search.search(length, keys, masks, chain)) {
            return;
        }
        int broken = 0;
        if (exclusions) {
            for (int i = 0; i < length; i++) {
                exclusionMasks[i] = exclusionMask.applyAsInt(handles[i]);
            }
            broken = search.excluded(length, keys, exclusionMasks, chain);
        }
        chains.record(customer, chain, handles, keys, broken);
    }

    private boolean sorted() {
        for (int i = 1; i < length; i++) {
            if (keys[i] < keys[i - 1]) {
                return false;
            }
        }
        return true;
    }

    /** Sorts the events {@code from} to {@code to - 1} by key, keeping equal keys in their order. */
    private void sort(int from, int to) {
        int size = to - from;
        if (size <= 32) {
            for (int i = from + 1; i < to; i++) {
                long key = keys[i];
                int handle = handles[i];
                int j = i;
                while (j > from && keys[j - 1] > key) {
                    keys[j] = keys[j - 1];
                    handles[j] = handles[j - 1];
                    j--;
                }
                keys[j] = key;
                handles[j] = handle;
            }
            return;
        }
        int middle = from + size / 2;
        sort(from, middle);
        sort(middle, to);
        System.arraycopy(keys, from, spareKeys, 0, size);
        System.arraycopy(handles, from, spareHandles, 0, size);
        int left = 0;
        int leftEnd = middle - from;
        int right = leftEnd;
        for (int at = from; at < to; at++) {
            // of equal keys the left half's, earlier in the input, comes first
            if (right == size || (left < leftEnd && spareKeys[left] <= spareKeys[right])) {
                keys[at] = spareKeys[left];
                handles[at] = spareHandles[left++];
            } else {
                keys[at] = spareKeys[right];
                handles[at] = spareHandles[right++];
            }
        }
    }
}
