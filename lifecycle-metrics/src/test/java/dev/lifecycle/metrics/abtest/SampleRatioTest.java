package dev.lifecycle.metrics.abtest;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.metrics.Interval;
import org.junit.jupiter.api.Test;

final class SampleRatioTest {
    @Test
    void check_5000_vs_5200_onEvenSplit_matchesPublishedExample() {
        SampleRatio srm = SampleRatio.check(new long[] {5000, 5200}, new double[] {0.5, 0.5});
        assertAll(
                () -> assertEquals(3.9216, srm.chiSquare(), 5e-5),
                () -> assertEquals(0.0477, srm.pValue(), 5e-5),
                () -> assertFalse(srm.isMismatch()),
                () -> assertEquals(10_200, srm.total()));
    }

    @Test
    void check_twoVariants_pValueEqualsTwoSidedNormalOfOneSampleZ() {
        // Second formula: with two arms the test is the one-sample proportion z-test, p = erfc(|z| / sqrt 2).
        long a = 10_000;
        long b = 10_500;
        double n = a + b;
        double z = (a - n * 0.5) / Math.sqrt(n * 0.25);
        SampleRatio srm = SampleRatio.check(new long[] {a, b}, new double[] {0.5, 0.5});
        assertEquals(z * z, srm.chiSquare(), 1e-9);
        // erfc(1.7...): 2 * (1 - Phi(|z|)) computed by a 1000-step Simpson rule of the normal density.
        double upper = Math.abs(z);
        int steps = 1000;
        double h = upper / steps;
        double integral = 0;
        for (int i = 0; i <= steps; i++) {
            double x = i * h;
            double weight = i == 0 || i == steps ? 1 : (i % 2 == 1 ? 4 : 2);
            integral += weight * Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);
        }
        integral *= h / 3;
        assertEquals(1 - 2 * integral, srm.pValue(), 1e-9);
        assertTrue(srm.isMismatch());
    }

    @Test
    void check_threeVariants_matchesIndependentComputation() {
        // Reference from SciPy 1.17 stats.chisquare([1000, 2000, 1100], [1025, 2050, 1025]).
        SampleRatio srm = SampleRatio.check(new long[] {1000, 2000, 1100}, new double[] {0.25, 0.5, 0.25});
        assertEquals(7.317073170731708, srm.chiSquare(), 1e-9);
        assertEquals(0.025770197629651086, srm.pValue(), 1e-9);
        assertFalse(srm.isMismatch());
    }

    @Test
    void check_arrays_copiedDefensively() {
        long[] observed = {5, 6};
        double[] shares = {0.5, 0.5};
        SampleRatio srm = SampleRatio.check(observed, shares);
        observed[0] = 100;
        shares[0] = 0.9;
        srm.observed()[1] = 100;
        assertArrayEquals(new long[] {5, 6}, srm.observed());
        assertArrayEquals(new double[] {0.5, 0.5}, srm.plannedShares());
    }

    @Test
    void check_noUsers_undefined() {
        SampleRatio srm = SampleRatio.check(new long[] {0, 0}, new double[] {0.3, 0.7});
        String message = "the sample-ratio test is undefined when no user was assigned";
        assertAll(
                () -> assertFalse(srm.hasObservations()),
                () -> assertFalse(srm.isMismatch()),
                () -> assertEquals(
                        message,
                        assertThrows(IllegalStateException.class, srm::chiSquare)
                                .getMessage()),
                () -> assertEquals(
                        message,
                        assertThrows(IllegalStateException.class, srm::pValue).getMessage()));
    }

    @Test
    void check_negativeCount_rejected() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> SampleRatio.check(new long[] {4, -1}, new double[] {0.5, 0.5}));
        assertEquals("observed[1] must not be negative but was -1", e.getMessage());
    }

    @Test
    void check_shareOutsideUnitInterval_rejected() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> SampleRatio.check(new long[] {4, 1}, new double[] {1.5, -0.5}));
        assertEquals("plannedShares[0] must be strictly between 0 and 1 but was 1.5", e.getMessage());
    }

    @Test
    void check_sharesNotSummingToOne_rejected() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> SampleRatio.check(new long[] {4, 1}, new double[] {0.5, 0.25}));
        assertEquals("plannedShares must sum to 1 but summed to 0.75", e.getMessage());
    }

    @Test
    void check_lengthMismatch_rejected() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> SampleRatio.check(new long[] {4, 1}, new double[] {1}));
        assertEquals("plannedShares must have as many elements as observed (2) but had 1", e.getMessage());
    }

    @Test
    void check_singleVariant_rejected() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> SampleRatio.check(new long[] {4}, new double[] {1}));
        assertEquals("observed must have at least 2 variants but had 1", e.getMessage());
    }

    @Test
    void check_overflowingTotal_rejected() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> SampleRatio.check(new long[] {Long.MAX_VALUE, 1}, new double[] {0.5, 0.5}));
        assertEquals("observed must sum to at most " + Long.MAX_VALUE + " but overflowed", e.getMessage());
    }

    @Test
    void check_totalExactlyLongMax_accepted() {
        SampleRatio check = SampleRatio.check(new long[] {Long.MAX_VALUE - 5, 5}, new double[] {0.5, 0.5});

        assertEquals(Long.MAX_VALUE, check.total());
        assertTrue(check.isMismatch());
    }

    @Test
    void interval_lowerAboveUpper_rejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Interval(0.5, 0.25, 0.95));
        assertEquals("lower must not be greater than upper but was 0.5 > 0.25", e.getMessage());
    }
}
