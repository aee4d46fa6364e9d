package dev.lifecycle.rfm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Selection against a sort, over key columns shaped as customers' values are and as a quicksort's worst inputs are. */
final class OrderStatisticsProperties {
    /**
     * A column: few distinct keys (frequencies), many (revenues), keys that differ only in their last bits or only in
     * their first, ascending, descending or organ-pipe.
     */
    private static long[] column(Random random) {
        int size = 1 + random.nextInt(random.nextBoolean() ? 40 : 5000);
        long[] column = new long[size];
        int distinct = 1 + random.nextInt(random.nextBoolean() ? 4 : 100_000);
        long spread = switch (random.nextInt(4)) {
            case 0 -> 1;
            case 1 -> 1L << 20;
            case 2 -> 1L << 45;
            default -> Long.MAX_VALUE / distinct;
        };
        long base = random.nextBoolean() ? 0 : Double.doubleToLongBits(1e300);
        for (int i = 0; i < size; i++) {
            long step = random.nextInt(distinct) * spread;
            column[i] = step > Long.MAX_VALUE - base ? Long.MAX_VALUE : base + step;
        }
        switch (random.nextInt(5)) {
            case 0 -> Arrays.sort(column);
            case 1 -> {
                Arrays.sort(column);
                for (int i = 0; i < size / 2; i++) {
                    long v = column[i];
                    column[i] = column[size - 1 - i];
                    column[size - 1 - i] = v;
                }
            }
            case 2 -> {
                for (int i = 0; i < size; i++) {
                    column[i] = Math.min(i, size - i); // organ pipe
                }
            }
            default -> {
                // as drawn
            }
        }
        return column;
    }

    /**
     * The key found for every chosen position is the one a sort puts there, its run ends where the sort's run of that
     * key ends, the next key, where the selection met it, is the sort's next, and the column is left as it was.
     */
    @Test
    void select_findsTheSortedKeyAtEachPositionAndTheEndOfItsRun() {
        qt().withFixedSeed(1901L).withExamples(400).forAll(longs().all()).checkAssert(seed -> {
            Random random = new Random(seed);
            long[] column = column(random);
            long[] sorted = column.clone();
            Arrays.sort(sorted);
            TreeSet<Integer> chosen = new TreeSet<>();
            int count = 1 + random.nextInt(16);
            for (int i = 0; i < count; i++) {
                chosen.add(random.nextInt(column.length));
            }
            int[] positions = chosen.stream().mapToInt(Integer::intValue).toArray();
            long[] before = column.clone();
            OrderStatistics.Selection found = OrderStatistics.select(column, positions);
            for (int i = 0; i < positions.length; i++) {
                int p = positions[i];
                assertEquals(sorted[p], found.keys()[i], "position " + p + " of " + column.length);
                int end = p;
                while (end < sorted.length && sorted[end] == sorted[p]) {
                    end++;
                }
                assertEquals(end, found.runEnds()[i], "run end of position " + p);
                long next = found.nextKeys()[i];
                if (next >= 0) {
                    assertEquals(sorted[end], next, "the key after position " + p);
                }
            }
            assertArrayEquals(before, column, "the column is left as it is");
        });
    }
}
