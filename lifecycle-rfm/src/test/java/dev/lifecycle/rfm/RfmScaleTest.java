package dev.lifecycle.rfm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scales on small tables worked by hand, and every refusal of fixed thresholds. */
final class RfmScaleTest {
    private static final Instant AS_OF = Instant.parse("2025-01-01T00:00:00Z");

    /** Five customers with orders 1, 2, 3, 4, 10, recencies 0, 10, 20, 30, 40 days, revenue 10 a order. */
    private static RfmValues five() {
        RfmValues.Builder builder = RfmValues.builder(AS_OF, ZoneOffset.UTC);
        long[] orders = {1, 2, 3, 4, 10};
        for (int i = 0; i < orders.length; i++) {
            builder.add("c" + i, 10L * i, orders[i], 1_000 * orders[i]);
        }
        return builder.currency(java.util.Currency.getInstance("USD")).build();
    }

    @Test
    void rfmPackage_smallTable_rsType7QuantilesPlusOne() {
        // R: quantile(c(1, 2, 3, 4, 10), c(.2, .4, .6, .8)) is 1.8, 2.6, 3.4, 5.2 (positions 1.8, 2.6, 3.4, 4.2)
        RfmScale scale = RfmScale.fit(five(), Binning.RFM_PACKAGE, 5, Monetary.TOTAL);
        List<Double> frequency = scale.breakpoints(Dimension.FREQUENCY);
        assertEquals(2.8, frequency.get(0), 1e-12);
        assertEquals(3.6, frequency.get(1), 1e-12);
        assertEquals(4.4, frequency.get(2), 1e-12);
        assertEquals(6.2, frequency.get(3), 1e-12);
        // 1 < 2.8: bin 1; 2 < 2.8: bin 1 (the + 1 moves it down); 3 in [2.8, 3.6): 2; 4 in [3.6, 4.4): 3; 10: 5
        int[] expected = {1, 1, 2, 3, 5};
        for (int row = 0; row < 5; row++) {
            assertEquals(expected[row], scale.score(five(), row).frequency(), "row " + row);
        }
        // recency 0, 10, 20, 30, 40: quantiles 8, 16, 24, 32, plus 1: 9, 17, 25, 33; fewer days score higher
        // (0.6 is 0.6000000000000001 in R's seq(0, 1, length.out = 6), so the third is 25.000000000000004)
        assertEquals(List.of(9.0, 17.0, 25.000000000000004, 33.0), scale.breakpoints(Dimension.RECENCY));
        assertEquals(5, scale.score(Dimension.RECENCY, 0));
        assertEquals(4, scale.score(Dimension.RECENCY, 10));
        assertEquals(1, scale.score(Dimension.RECENCY, 40));
    }

    @Test
    void ranks_smallTableWithTies_equalValuesEqualScores() {
        RfmValues.Builder builder = RfmValues.builder(AS_OF, ZoneOffset.UTC);
        // orders 1, 1, 1, 1, 1, 1, 2, 2, 3, 7: the six customers with one order have nobody below them
        long[] orders = {1, 1, 1, 1, 1, 1, 2, 2, 3, 7};
        for (int i = 0; i < orders.length; i++) {
            builder.add("c" + i, i, orders[i], 0);
        }
        RfmValues values = builder.build();
        RfmScale scale = RfmScale.fit(values, Binning.RANKS, 5, Monetary.TOTAL);
        // 1 + floor(5 * below / 10): one order 1 (below 0); two orders 4 (below 6); three 5 (below 8); seven 5
        int[] expected = {1, 1, 1, 1, 1, 1, 4, 4, 5, 5};
        for (int row = 0; row < orders.length; row++) {
            assertEquals(expected[row], scale.score(values, row).frequency(), "row " + row);
        }
        assertEquals(List.of(2.0, 2.0, 2.0, 3.0), scale.breakpoints(Dimension.FREQUENCY));
        // recency 0 to 9 days, all distinct: two customers a score, the most recent 5
        for (int row = 0; row < orders.length; row++) {
            assertEquals(5 - row / 2, scale.score(values, row).recency(), "row " + row);
        }
        // everyone spent 0: nobody is below anyone, all score 1 and the breakpoints are never reached
        assertEquals(
                List.of(
                        Double.POSITIVE_INFINITY,
                        Double.POSITIVE_INFINITY,
                        Double.POSITIVE_INFINITY,
                        Double.POSITIVE_INFINITY),
                scale.breakpoints(Dimension.MONETARY));
        assertEquals("M breakpoints Infinity, Infinity, Infinity, Infinity total", scale.describe(Dimension.MONETARY));
    }

    @Test
    void fit_refusesAnEmptyTableAndScoresOutOfRange() {
        RfmValues empty = RfmValues.builder(AS_OF, ZoneOffset.UTC).build();
        assertEquals(
                "a scale is fitted to at least one customer but the table has none",
                assertThrows(IllegalArgumentException.class, () -> RfmScale.quintiles(empty))
                        .getMessage());
        assertEquals(
                "scores must be from 2 to 9 but was 10",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> RfmScale.fit(five(), Binning.RANKS, 10, Monetary.TOTAL))
                        .getMessage());
    }

    @Test
    void of_refusesBadBreakpointsByName() {
        List<Double> two = List.of(1.0, 2.0);
        assertEquals(
                "monetary breakpoint 2 must be from 0 to 10000000000000000 written in at most 40 characters, or"
                        + " Infinity, but was NaN",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> RfmScale.of(3, Monetary.TOTAL, two, two, List.of(1.0, Double.NaN)))
                        .getMessage());
        assertEquals(
                "recency breakpoint 1 must be from 0 to 10000000000000000 written in at most 40 characters, or"
                        + " Infinity, but was -1.0",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> RfmScale.of(3, Monetary.TOTAL, List.of(-1.0, 2.0), two, two))
                        .getMessage());
        assertEquals(
                "frequency breakpoint 1 must be from 0 to 10000000000000000 written in at most 40 characters, or"
                        + " Infinity, but was 1.2345678901234566E-25",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> RfmScale.of(3, Monetary.TOTAL, two, List.of(1.2345678901234566E-25, 2.0), two))
                        .getMessage());
        assertEquals(
                "frequency needs 2 breakpoints for 3 scores but has 1",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> RfmScale.of(3, Monetary.TOTAL, two, List.of(1.0), two))
                        .getMessage());
        RfmScale scale = RfmScale.of(3, Monetary.MEAN, two, two, List.of(5.0, Double.POSITIVE_INFINITY));
        assertEquals(2, scale.score(Dimension.MONETARY, 1e15));
        assertEquals(
                "monetary value must be a number but was NaN",
                assertThrows(IllegalArgumentException.class, () -> scale.score(Dimension.MONETARY, Double.NaN))
                        .getMessage());
        assertEquals(scale, RfmScale.of(3, Monetary.MEAN, two, two, List.of(5.0, Double.POSITIVE_INFINITY)));
    }
}
