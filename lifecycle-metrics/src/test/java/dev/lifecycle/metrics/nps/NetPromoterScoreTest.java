package dev.lifecycle.metrics.nps;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.testing.EqualsTester;
import com.google.common.testing.NullPointerTester;
import dev.lifecycle.metrics.HashCodes;
import dev.lifecycle.metrics.Interval;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

final class NetPromoterScoreTest {
    /** The two-sided 95% critical value of the standard normal, to 16 digits, independent of the library. */
    private static final double Z95 = 1.959963984540054;

    @Test
    void ofCounts_50_30_20_scoreIs30() {
        NetPromoterScore nps = NetPromoterScore.ofCounts(50, 30, 20);
        assertAll(
                () -> assertEquals(30.0, nps.score(), 1e-12),
                () -> assertEquals(100, nps.count()),
                () -> assertEquals(0.5, nps.promoterShare(), 1e-12),
                () -> assertEquals(0.3, nps.passiveShare(), 1e-12),
                () -> assertEquals(0.2, nps.detractorShare(), 1e-12),
                () -> assertFalse(nps.isEmpty()));
    }

    @Test
    void adjustedWaldInterval_50_30_20_matchesPublishedExample() {
        Interval interval = NetPromoterScore.ofCounts(50, 30, 20).adjustedWaldInterval(0.95);
        assertEquals(14.05, interval.lower(), 0.005);
        assertEquals(44.20, interval.upper(), 0.005);
        assertEquals(0.95, interval.level());
    }

    @Test
    void waldInterval_250_675_75_matchesPublishedExample() {
        NetPromoterScore nps = NetPromoterScore.ofCounts(250, 675, 75);
        Interval interval = nps.waldInterval(0.95);
        assertAll(
                () -> assertEquals(17.5, nps.score(), 1e-12),
                () -> assertEquals(14.14, interval.lower(), 0.005),
                () -> assertEquals(20.86, interval.upper(), 0.005));
    }

    @Test
    void waldInterval_anyCounts_equalsIntervalOfTrinomialMean() {
        // Second formula: the score is 100 times the mean of +1/0/-1 per respondent, with the population variance.
        int[] answers = {3, 4, 5, 6, 8, 8, 8, 9, 10, 10, 10, 9, 7, 0, 10};
        double sum = 0;
        double sumSquares = 0;
        for (int answer : answers) {
            int value = answer >= 9 ? 1 : answer <= 6 ? -1 : 0;
            sum += value;
            sumSquares += value * value;
        }
        double n = answers.length;
        double mean = sum / n;
        double variance = sumSquares / n - mean * mean;
        double halfWidth = 100 * Z95 * Math.sqrt(variance / n);

        Interval interval = NetPromoterScore.ofScores(answers).waldInterval(0.95);

        assertEquals(100 * mean - halfWidth, interval.lower(), 1e-9);
        assertEquals(100 * mean + halfWidth, interval.upper(), 1e-9);
    }

    @Test
    void ofScores_publishedExample_scoreIsMinus10() {
        NetPromoterScore nps = NetPromoterScore.ofScores(3, 4, 5, 6, 8, 8, 8, 9, 10, 10);
        assertAll(
                () -> assertEquals(-10.0, nps.score(), 1e-12),
                () -> assertEquals(3, nps.promoterCount()),
                () -> assertEquals(3, nps.passiveCount()),
                () -> assertEquals(4, nps.detractorCount()));
    }

    @Test
    void ofScores_boundaries_classifiedByDefinition() {
        assertEquals(NetPromoterScore.ofCounts(2, 2, 2), NetPromoterScore.ofScores(0, 6, 7, 8, 9, 10));
    }

    @Test
    void ofScores_scoreAboveTen_rejected() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> NetPromoterScore.ofScores(9, 11));
        assertEquals("score must be between 0 and 10 but was 11", e.getMessage());
    }

    @Test
    void add_negativeScore_rejected() {
        NetPromoterScore.Accumulator accumulator = NetPromoterScore.accumulator();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> accumulator.add(-1));
        assertEquals("score must be between 0 and 10 but was -1", e.getMessage());
    }

    @Test
    void toNps_scoreOutOfRange_rejected() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> Stream.of(10, 12).collect(NetPromoterScore.toNps()));
        assertEquals("score must be between 0 and 10 but was 12", e.getMessage());
    }

    @Test
    void ofCounts_negativeCount_rejected() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> NetPromoterScore.ofCounts(1, -2, 3));
        assertEquals("passives must not be negative but was -2", e.getMessage());
    }

    @Test
    void ofCounts_overflowingTotal_rejected() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> NetPromoterScore.ofCounts(Long.MAX_VALUE, 1, 0));
        assertEquals(
                "the total of promoters, passives and detractors must fit in a long but was " + Long.MAX_VALUE
                        + " + 1 + 0",
                e.getMessage());
    }

    @Test
    void waldInterval_levelOutsideOpenUnitInterval_rejected() {
        NetPromoterScore nps = NetPromoterScore.ofCounts(5, 3, 2);
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class, () -> nps.waldInterval(1.0));
        IllegalArgumentException zero =
                assertThrows(IllegalArgumentException.class, () -> nps.adjustedWaldInterval(0.0));
        assertEquals("level must be strictly between 0 and 1 but was 1.0", one.getMessage());
        assertEquals("level must be strictly between 0 and 1 but was 0.0", zero.getMessage());
    }

    @Test
    void score_emptySample_undefined() {
        NetPromoterScore empty = NetPromoterScore.ofScores();
        String message = "the Net Promoter Score of an empty sample is undefined (no responses)";
        assertAll(
                () -> assertTrue(empty.isEmpty()),
                () -> assertEquals(OptionalDouble.empty(), empty.scoreIfAny()),
                () -> assertEquals(0, empty.count()),
                () -> assertEquals(
                        message,
                        assertThrows(IllegalStateException.class, empty::score).getMessage()),
                () -> assertEquals(
                        message,
                        assertThrows(IllegalStateException.class, empty::promoterShare)
                                .getMessage()),
                () -> assertEquals(
                        message,
                        assertThrows(IllegalStateException.class, () -> empty.waldInterval(0.95))
                                .getMessage()),
                () -> assertEquals(
                        message,
                        assertThrows(IllegalStateException.class, () -> empty.adjustedWaldInterval(0.95))
                                .getMessage()),
                () -> assertEquals(
                        message,
                        assertThrows(
                                        IllegalStateException.class,
                                        () -> NetPromoterScore.ofCounts(1, 0, 0).compare(empty))
                                .getMessage()));
    }

    @Test
    void scoreIfAny_nonEmpty_present() {
        assertEquals(OptionalDouble.of(-100.0), NetPromoterScore.ofScores(0, 1).scoreIfAny());
    }

    @Test
    void waldInterval_allPromoters_clippedToHundred() {
        Interval interval = NetPromoterScore.ofCounts(7, 0, 0).waldInterval(0.95);
        assertEquals(new Interval(100, 100, 0.95), interval);
    }

    @Test
    void compare_twoSamples_matchesIndependentComputation() {
        // Reference values from an independent computation (SciPy 1.17, norm.sf) of the definition in metrics.md on
        // adjusted proportions: 50/30/20 against 40/30/30.
        NpsComparison comparison = NetPromoterScore.ofCounts(50, 30, 20).compare(NetPromoterScore.ofCounts(40, 30, 30));
        assertAll(
                () -> assertEquals(19.41747572815534, comparison.difference(), 1e-9),
                () -> assertEquals(1.7323241326960441, comparison.z(), 1e-9),
                () -> assertEquals(0.08321586753157116, comparison.pValue(), 1e-9));
    }

    @Test
    void equals_sameCounts_equal() {
        new EqualsTester()
                .addEqualityGroup(
                        NetPromoterScore.ofCounts(1, 2, 3),
                        NetPromoterScore.ofScores(9, 7, 8, 0, 1, 2),
                        NetPromoterScore.accumulator()
                                .add(10)
                                .add(7)
                                .add(7)
                                .add(3)
                                .add(3)
                                .add(3)
                                .result())
                .addEqualityGroup(NetPromoterScore.ofCounts(3, 2, 1))
                .addEqualityGroup(NetPromoterScore.ofCounts(0, 0, 0))
                .testEquals();
        HashCodes.assertDistinct(
                NetPromoterScore.ofCounts(1, 2, 3),
                NetPromoterScore.ofCounts(2, 2, 3),
                NetPromoterScore.ofCounts(1, 3, 3),
                NetPromoterScore.ofCounts(1, 2, 4));
    }

    @Test
    void publicApi_nullArguments_rejected() {
        NullPointerTester tester = new NullPointerTester()
                .setDefault(NetPromoterScore.class, NetPromoterScore.ofCounts(1, 1, 1))
                .setDefault(NetPromoterScore.Accumulator.class, NetPromoterScore.accumulator());
        tester.testAllPublicStaticMethods(NetPromoterScore.class);
        tester.testAllPublicInstanceMethods(NetPromoterScore.ofCounts(3, 2, 1));
        tester.testAllPublicInstanceMethods(NetPromoterScore.accumulator());
        tester.testAllPublicInstanceMethods(new Interval(-1, 1, 0.9));
        tester.testAllPublicInstanceMethods(new NpsComparison(1, 1, 0.5));
    }

    @Test
    void interval_lowerAboveUpper_rejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Interval(2.0, 1.0, 0.95));
        assertEquals("lower must not be greater than upper but was 2.0 > 1.0", e.getMessage());
    }
}
