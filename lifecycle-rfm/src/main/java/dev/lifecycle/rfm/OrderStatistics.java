package dev.lifecycle.rfm;

import java.util.Arrays;

/**
 * Order statistics of a column of sort keys by selection rather than a sort: the keys a sort would put at chosen
 * positions, and where each one's run of equal keys ends. The keys are non-negative longs that order as the values
 * they stand for (days, orders, minor units, or the bits of non-negative doubles).
 *
 * <p>A radix selection: the keys are read sixteen bits at a time from the highest digit any key uses. One pass counts
 * the keys per digit and finds the digit of each wanted position; a second gathers the keys with those digits, which
 * the next sixteen bits split again, and the last digit settles a key without gathering. A column of small numbers
 * (days, orders) costs two passes; any column at most a pass per digit, whatever the order or the ties of its keys (a
 * quicksort-style selection has worst-case inputs; this has none). The column is read, never written.
 */
final class OrderStatistics {
    private static final int DIGIT_BITS = 16;
    private static final int DIGITS = 1 << DIGIT_BITS;
    /** At most this many keys are sorted rather than split further. */
    private static final int SMALL = 256;

    /** The keys found: filled in by the selection, read by the caller. */
    static final class Selection {
        private final long[] keys;
        private final int[] runEnds;
        private final long[] nextKeys;

        Selection(int positions) {
            keys = new long[positions];
            runEnds = new int[positions];
            nextKeys = new long[positions];
        }

        /**
         * {@return for each wanted position, the smallest key greater than its key when the selection met it on the way
         * (the keys of a small column, or of one split by a single digit), -1 when it did not or there is none}
         */
        long[] nextKeys() {
            return nextKeys;
        }

        /** {@return the key at each wanted position, in the order of the positions} */
        long[] keys() {
            return keys;
        }

        /** {@return for each wanted position, the first position whose key is greater (the size if none is)} */
        int[] runEnds() {
            return runEnds;
        }
    }

    private OrderStatistics() {}

    /**
     * Returns the keys a sort of {@code keys} would put at the given positions.
     *
     * @param keys the column, non-negative, left as it is
     * @param positions the positions, ascending and distinct, each from 0 to {@code keys.length - 1}
     * @return the keys at the positions and the ends of their runs
     */
    static Selection select(long[] keys, int[] positions) {
        long used = 0;
        for (long key : keys) {
            used |= key;
        }
        if (used < 0) {
            throw new IllegalArgumentException("sort keys must not be negative");
        }
        int top = 63 - Long.numberOfLeadingZeros(used | 1);
        Selection found = new Selection(positions.length);
        int[] slots = new int[positions.length];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = i;
        }
        select(keys, keys.length, positions.clone(), slots, top / DIGIT_BITS * DIGIT_BITS, 0, 0, found);
        return found;
    }

    /**
     * Finds the keys at {@code ranks} (ascending) among {@code keys[0..n)}, which all have the bits of {@code prefix}
     * above bit {@code shift + DIGIT_BITS} and are preceded by {@code below} smaller keys in the whole column.
     */
    private static void select(
            long[] keys, int n, int[] ranks, int[] slots, int shift, int below, long prefix, Selection found) {
        if (n <= SMALL) {
            long[] sorted = Arrays.copyOf(keys, n);
            Arrays.sort(sorted);
            for (int i = 0; i < ranks.length; i++) {
                int end = ranks[i] + 1;
                while (end < n && sorted[end] == sorted[ranks[i]]) {
                    end++;
                }
                found.keys[slots[i]] = sorted[ranks[i]];
                found.runEnds[slots[i]] = below + end;
                found.nextKeys[slots[i]] = end < n ? sorted[end] : -1;
            }
            return;
        }
        int[] start = new int[DIGITS + 1];
        for (int i = 0; i < n; i++) {
            start[digit(keys[i], shift) + 1]++;
        }
        for (int d = 0; d < DIGITS; d++) {
            start[d + 1] += start[d];
        }
        // the digits that hold a wanted rank, each with the ranks it holds (contiguous: the ranks ascend)
        int[] group = new int[DIGITS];
        Arrays.fill(group, -1);
        int[] groupDigit = new int[ranks.length];
        int[] groupFirst = new int[ranks.length + 1];
        int groups = 0;
        for (int i = 0; i < ranks.length; i++) {
            int d = digitOfRank(start, ranks[i]);
            if (group[d] < 0) {
                group[d] = groups;
                groupDigit[groups] = d;
                groupFirst[groups++] = i;
            }
        }
        groupFirst[groups] = ranks.length;
        if (shift == 0) {
            // the last digit: a group's keys are all the prefix with its digit
            for (int g = 0; g < groups; g++) {
                int d = groupDigit[g];
                int next = d + 1;
                while (next < DIGITS && start[next + 1] == start[next]) {
                    next++;
                }
                for (int i = groupFirst[g]; i < groupFirst[g + 1]; i++) {
                    found.keys[slots[i]] = prefix | d;
                    found.runEnds[slots[i]] = below + start[d + 1];
                    found.nextKeys[slots[i]] = next < DIGITS ? prefix | next : -1;
                }
            }
            return;
        }
        long[][] gathered = new long[groups][];
        if (groups == 1 && start[groupDigit[0] + 1] - start[groupDigit[0]] == n) {
            gathered[0] = keys; // every key has the wanted digit: the next digit splits them as they are
        } else {
            int[] filled = new int[groups];
            for (int g = 0; g < groups; g++) {
                gathered[g] = new long[start[groupDigit[g] + 1] - start[groupDigit[g]]];
            }
            for (int i = 0; i < n; i++) {
                long key = keys[i];
                int g = group[digit(key, shift)];
                if (g >= 0) {
                    gathered[g][filled[g]++] = key;
                }
            }
        }
        for (int g = 0; g < groups; g++) {
            int d = groupDigit[g];
            int from = groupFirst[g];
            int to = groupFirst[g + 1];
            int[] inner = new int[to - from];
            for (int i = from; i < to; i++) {
                inner[i - from] = ranks[i] - start[d];
            }
            select(
                    gathered[g],
                    start[d + 1] - start[d],
                    inner,
                    Arrays.copyOfRange(slots, from, to),
                    shift - DIGIT_BITS,
                    below + start[d],
                    prefix | ((long) d << shift),
                    found);
        }
    }

    /** The digit whose keys hold a rank: the last digit starting at or before it. */
    private static int digitOfRank(int[] start, int rank) {
        int low = 0;
        int high = DIGITS - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (start[mid] <= rank) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    private static int digit(long key, int shift) {
        return (int) (key >>> shift) & (DIGITS - 1);
    }
}
