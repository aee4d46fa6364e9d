package dev.lifecycle.rfm;

import java.util.Arrays;

/**
 * Order statistics of a column by selection rather than a sort: the values a sort would put at chosen positions.
 *
 * <p>A radix selection: each value's bits, as a key that orders as the values do, are read sixteen bits at a time from
 * the top. One pass counts the values per digit and finds the digit of each wanted position; a second gathers the
 * values with those digits, which the next sixteen bits split again. A column costs two passes and the values that
 * share a wanted position's leading digits a few more, at most four levels in all, whatever the order or the ties of
 * the values (a quicksort-style selection has worst-case inputs; this has none). Values must not be NaN; {@code -0.0}
 * comes before {@code 0.0}, as {@link Arrays#sort(double[])} puts it.
 */
final class OrderStatistics {
    private static final int DIGIT_BITS = 16;
    private static final int DIGITS = 1 << DIGIT_BITS;
    /** At most this many values are sorted rather than split further. */
    private static final int SMALL = 256;

    private OrderStatistics() {}

    /**
     * Returns the values a sort of {@code values} would put at the given positions.
     *
     * @param values the column, left as it is
     * @param positions the positions, ascending and distinct, each from 0 to {@code values.length - 1}
     * @return the value at each position, in the order of {@code positions}
     */
    static double[] select(double[] values, int[] positions) {
        double[] found = new double[positions.length];
        int[] slots = new int[positions.length];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = i;
        }
        select(values, values.length, positions.clone(), slots, Long.SIZE - DIGIT_BITS, found);
        return found;
    }

    /**
     * Finds the values at {@code ranks} (ascending) among {@code values[0..n)}, whose keys agree above bit {@code
     * shift + DIGIT_BITS}, into {@code found} at {@code slots}.
     */
    private static void select(double[] values, int n, int[] ranks, int[] slots, int shift, double[] found) {
        if (n <= SMALL || shift < 0) {
            // below 0 every key agrees in all its bits: the values are equal
            double[] sorted = Arrays.copyOf(values, n);
            Arrays.sort(sorted);
            for (int i = 0; i < ranks.length; i++) {
                found[slots[i]] = sorted[ranks[i]];
            }
            return;
        }
        int[] start = new int[DIGITS + 1];
        for (int i = 0; i < n; i++) {
            start[digit(values[i], shift) + 1]++;
        }
        for (int d = 0; d < DIGITS; d++) {
            start[d + 1] += start[d];
        }
        // the digits that hold a wanted rank, each with the ranks it holds
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
        double[][] gathered = new double[groups][];
        if (groups == 1 && start[groupDigit[0] + 1] - start[groupDigit[0]] == n) {
            // every value has the wanted digit: the next digits split them as they are
            if (allEqual(values, n)) {
                for (int slot : slots) {
                    found[slot] = values[0];
                }
                return;
            }
            gathered[0] = values;
        } else {
            int[] filled = new int[groups];
            for (int g = 0; g < groups; g++) {
                gathered[g] = new double[start[groupDigit[g] + 1] - start[groupDigit[g]]];
            }
            for (int i = 0; i < n; i++) {
                double v = values[i];
                int g = group[digit(v, shift)];
                if (g >= 0) {
                    gathered[g][filled[g]++] = v;
                }
            }
        }
        for (int g = 0; g < groups; g++) {
            int from = groupFirst[g];
            int to = groupFirst[g + 1];
            int below = start[groupDigit[g]];
            int[] inner = new int[to - from];
            for (int i = from; i < to; i++) {
                inner[i - from] = ranks[i] - below;
            }
            select(
                    gathered[g],
                    start[groupDigit[g] + 1] - below,
                    inner,
                    Arrays.copyOfRange(slots, from, to),
                    shift - DIGIT_BITS,
                    found);
        }
    }

    /** Whether the first {@code n} values are all the same (a run of ties, as most customers' one order). */
    private static boolean allEqual(double[] values, int n) {
        long first = Double.doubleToRawLongBits(values[0]);
        for (int i = 1; i < n; i++) {
            if (Double.doubleToRawLongBits(values[i]) != first) {
                return false;
            }
        }
        return true;
    }

    /** The digit whose values hold a rank: the last digit starting at or before it. */
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

    /** Sixteen bits of a value's key, which orders as unsigned numbers as the values do. */
    private static int digit(double value, int shift) {
        long bits = Double.doubleToRawLongBits(value);
        long key = bits ^ ((bits >> 63) | Long.MIN_VALUE);
        return (int) (key >>> shift) & (DIGITS - 1);
    }

    /**
     * Returns, for each of some values, the smallest value of {@code values} greater than it, or positive infinity if
     * none is: one pass over the column for all of them.
     */
    static double[] successors(double[] values, double[] of) {
        double[] next = new double[of.length];
        Arrays.fill(next, Double.POSITIVE_INFINITY);
        for (double v : values) {
            for (int j = 0; j < of.length; j++) {
                if (v > of[j] && v < next[j]) {
                    next[j] = v;
                }
            }
        }
        return next;
    }
}
