package dev.lifecycle.predict;

import java.util.Arrays;

/**
 * The distinct (x, t_x, T) triples of a summary table with the number of customers of each, ordered by x: a purchase
 * model's likelihood is a sum over these, so a fit costs what the distinct triples cost, not the customers. The
 * distinct values among all recencies and ages are kept once, so a likelihood takes each {@code log(alpha + t)} once.
 */
final class Triples {
    final int size;
    final int[] x;
    final double[] weight;
    /** Indexes into {@link #values}. */
    final int[] recency;

    final int[] age;
    final double[] values;
    /** The distinct frequencies, ascending, and the customers of each. */
    final int[] xs;

    final double[] xWeight;
    /** Where each frequency's triples start; {@code xStart[xs.length]} is {@link #size}. */
    final int[] xStart;

    final double customers;
    /** Each row's triple, for spreading per-triple predictions back over the rows. */
    final int[] rowTriple;

    private Triples(int size, int[] x, double[] weight, int[] recency, int[] age, double[] values, int[] rowTriple) {
        this.rowTriple = rowTriple;
        this.size = size;
        this.x = x;
        this.weight = weight;
        this.recency = recency;
        this.age = age;
        this.values = values;
        int groups = 0;
        for (int i = 0; i < size; i++) {
            if (i == 0 || x[i] != x[i - 1]) {
                groups++;
            }
        }
        xs = new int[groups];
        xWeight = new double[groups];
        xStart = new int[groups + 1];
        xStart[groups] = size;
        double total = 0;
        for (int i = 0, g = -1; i < size; i++) {
            if (i == 0 || x[i] != x[i - 1]) {
                xs[++g] = x[i];
                xStart[g] = i;
            }
            xWeight[g] += weight[i];
            total += weight[i];
        }
        customers = total;
    }

    /** Groups rows, whose values the summary table has checked. */
    static Triples of(int[] frequency, double[] recency, double[] age) {
        int n = frequency.length;
        // open addressing on the row's bits; each slot keeps the first row with its triple
        int capacity = Integer.highestOneBit(Math.max(4, n * 2 - 1)) << 1;
        int[] slots = new int[capacity];
        Arrays.fill(slots, -1);
        int[] count = new int[n];
        int[] firstRows = new int[n];
        int distinct = 0;
        int[] slotGroup = new int[capacity];
        int[] rowGroup = new int[n];
        for (int row = 0; row < n; row++) {
            long bitsTx = Double.doubleToLongBits(recency[row] + 0.0);
            long bitsT = Double.doubleToLongBits(age[row] + 0.0);
            long h = frequency[row] * 0x9E3779B97F4A7C15L ^ bitsTx * 0xC2B2AE3D27D4EB4FL ^ bitsT * 0x165667B19E3779F9L;
            int slot = (int) (h ^ (h >>> 29) ^ (h >>> 47)) & (capacity - 1);
            while (true) {
                int first = slots[slot];
                if (first < 0) {
                    slots[slot] = row;
                    slotGroup[slot] = distinct;
                    rowGroup[row] = distinct;
                    firstRows[distinct] = row;
                    count[distinct++] = 1;
                    break;
                }
                if (frequency[first] == frequency[row]
                        && recency[first] + 0.0 == recency[row] + 0.0
                        && age[first] + 0.0 == age[row] + 0.0) {
                    count[slotGroup[slot]]++;
                    rowGroup[row] = slotGroup[slot];
                    break;
                }
                slot = (slot + 1) & (capacity - 1);
            }
        }
        // order the groups by x (a counting sort keeps each x's groups in first-seen order)
        int maxX = 0;
        for (int g = 0; g < distinct; g++) {
            maxX = Math.max(maxX, frequency[firstRows[g]]);
        }
        int[] start = new int[maxX + 2];
        for (int g = 0; g < distinct; g++) {
            start[frequency[firstRows[g]] + 1]++;
        }
        for (int v = 0; v <= maxX; v++) {
            start[v + 1] += start[v];
        }
        int[] x = new int[distinct];
        double[] weight = new double[distinct];
        double[] tx = new double[distinct];
        double[] t = new double[distinct];
        int[] position = new int[distinct];
        for (int g = 0; g < distinct; g++) {
            int row = firstRows[g];
            int at = start[frequency[row]]++;
            position[g] = at;
            x[at] = frequency[row];
            weight[at] = count[g];
            tx[at] = recency[row] + 0.0;
            t[at] = age[row] + 0.0;
        }
        // the distinct values among recencies and ages, each row pointing at its two
        double[] all = new double[distinct * 2];
        System.arraycopy(tx, 0, all, 0, distinct);
        System.arraycopy(t, 0, all, distinct, distinct);
        Arrays.sort(all);
        int unique = 0;
        for (int i = 0; i < all.length; i++) {
            if (i == 0 || all[i] != all[i - 1]) {
                all[unique++] = all[i];
            }
        }
        double[] values = Arrays.copyOf(all, unique);
        int[] txIndex = new int[distinct];
        int[] tIndex = new int[distinct];
        for (int i = 0; i < distinct; i++) {
            txIndex[i] = Arrays.binarySearch(values, tx[i]);
            tIndex[i] = Arrays.binarySearch(values, t[i]);
        }
        int[] rowTriple = new int[n];
        for (int row = 0; row < n; row++) {
            rowTriple[row] = position[rowGroup[row]];
        }
        return new Triples(distinct, x, weight, txIndex, tIndex, values, rowTriple);
    }

    double recency(int i) {
        return values[recency[i]];
    }

    double age(int i) {
        return values[age[i]];
    }
}
