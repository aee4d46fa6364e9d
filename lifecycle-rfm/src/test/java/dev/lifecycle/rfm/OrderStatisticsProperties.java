package dev.lifecycle.rfm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Selection against a sort, over columns shaped as customers' values are and as a quicksort's worst inputs are. */
final class OrderStatisticsProperties {
    /** A column: few distinct values (frequencies), many (revenues), ascending, descending or organ-pipe. */
    private static double[] column(Random random) {
        int size = 1 + random.nextInt(random.nextBoolean() ? 40 : 5000);
        double[] column = new double[size];
        int distinct = 1 + random.nextInt(random.nextBoolean() ? 4 : 100_000);
        for (int i = 0; i < size; i++) {
            column[i] = random.nextInt(distinct) * (random.nextBoolean() ? 1 : 0.25);
        }
        if (random.nextInt(4) == 0) {
            // values one bit apart, which only the last digits tell apart, and both signs with zeros of both
            double base = random.nextBoolean() ? 1.0 : 1e300;
            for (int i = 0; i < size; i++) {
                column[i] = random.nextInt(3) == 0
                        ? (random.nextBoolean() ? -0.0 : 0.0)
                        : Math.scalb(base, random.nextInt(2)) + Math.ulp(base) * random.nextInt(40);
                column[i] = random.nextBoolean() ? column[i] : -column[i];
            }
        }
        switch (random.nextInt(5)) {
            case 0 -> Arrays.sort(column);
            case 1 -> {
                Arrays.sort(column);
                for (int i = 0; i < size / 2; i++) {
                    double v = column[i];
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
     * The value found for every chosen position is the one a sort puts there, among values of one sign or both,
     * ties, and values that agree in all but their last bits.
     */
    @Test
    void select_putsTheSortedValueAtEachPosition() {
        qt().withFixedSeed(1901L).withExamples(400).forAll(longs().all()).checkAssert(seed -> {
            Random random = new Random(seed);
            double[] column = column(random);
            double[] sorted = column.clone();
            Arrays.sort(sorted);
            TreeSet<Integer> chosen = new TreeSet<>();
            int count = 1 + random.nextInt(16);
            for (int i = 0; i < count; i++) {
                chosen.add(random.nextInt(column.length));
            }
            int[] positions = chosen.stream().mapToInt(Integer::intValue).toArray();
            double[] before = column.clone();
            double[] found = OrderStatistics.select(column, positions);
            for (int i = 0; i < positions.length; i++) {
                assertEquals(sorted[positions[i]], found[i], "position " + positions[i] + " of " + column.length);
            }
            assertArrayEquals(before, column, "the column is left as it is");
        });
    }

    /** Each successor is the smallest value above the given one, or positive infinity. */
    @Test
    void successors_areTheNextLargerValues() {
        qt().withFixedSeed(1902L).withExamples(400).forAll(longs().all()).checkAssert(seed -> {
            Random random = new Random(seed);
            double[] column = column(random);
            double[] of = new double[1 + random.nextInt(5)];
            for (int j = 0; j < of.length; j++) {
                of[j] = column[random.nextInt(column.length)];
            }
            double[] found = OrderStatistics.successors(column, of);
            for (int j = 0; j < of.length; j++) {
                double value = of[j];
                double expected =
                        Arrays.stream(column).filter(v -> v > value).min().orElse(Double.POSITIVE_INFINITY);
                // -0.0 and 0.0 are the same successor
                assertEquals(expected + 0.0, found[j] + 0.0);
            }
        });
    }
}
