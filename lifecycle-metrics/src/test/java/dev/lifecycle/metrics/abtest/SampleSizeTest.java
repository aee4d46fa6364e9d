package dev.lifecycle.metrics.abtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

final class SampleSizeTest {
    private static final NormalDistribution NORMAL = NormalDistribution.of(0, 1);

    @Test
    void perVariant_tenPercentBaseline_matchesIndependentComputation() {
        // Reference from SciPy 1.17 (norm.isf / norm.ppf): 3840.85 -> 3841 and 1463.71 -> 1464.
        assertEquals(3841, SampleSize.perVariant(0.10, 0.02, 0.05, 0.8));
        assertEquals(1464, SampleSize.perVariant(0.20, 0.05, 0.05, 0.9));
    }

    @Test
    void perVariant_variantRateAtZeroOrOne_accepted() {
        // baselineRate + minimumDetectableEffect may be 0 or 1 itself. By hand (SciPy 1.17 for the quantiles):
        // pBar = 0.75, (1.959964 * sqrt(2 * 0.75 * 0.25) + 0.841621 * sqrt(0.25))^2 / 0.25 = 10.511 -> 11, the same
        // from 0.5 down to 0; from 0.3 up to 1, pBar = 0.65 gives 5.952 -> 6.
        assertEquals(11, SampleSize.perVariant(0.5, 0.5, 0.05, 0.8));
        assertEquals(11, SampleSize.perVariant(0.5, -0.5, 0.05, 0.8));
        assertEquals(6, SampleSize.perVariant(0.3, 0.7, 0.05, 0.8));
    }

    @Test
    void perVariant_result_isSmallestSizeReachingPower() {
        // Second formula: the power of the two-sided pooled test at n per arm, solved the other way round.
        double[][] cases = {{0.1, 0.02, 0.05, 0.8}, {0.3, -0.05, 0.01, 0.9}, {0.02, 0.005, 0.05, 0.8}};
        for (double[] c : cases) {
            long n = SampleSize.perVariant(c[0], c[1], c[2], c[3]);
            assertTrue(power(c[0], c[1], c[2], (double) n) >= c[3] - 1e-12, "power at n");
            assertTrue(power(c[0], c[1], c[2], (double) (n - 1)) < c[3], "power at n - 1");
        }
    }

    private static double power(double p1, double effect, double alpha, double n) {
        double p2 = p1 + effect;
        double pBar = (p1 + p2) / 2;
        double null0 = Math.sqrt(2 * pBar * (1 - pBar) / n);
        double alternative = Math.sqrt((p1 * (1 - p1) + p2 * (1 - p2)) / n);
        double critical = NORMAL.inverseCumulativeProbability(1 - alpha / 2);
        return NORMAL.cumulativeProbability((Math.abs(effect) - critical * null0) / alternative);
    }

    @Test
    void perVariant_baselineOutsideUnitInterval_rejected() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> SampleSize.perVariant(1.2, 0.01, 0.05, 0.8));
        assertEquals("baselineRate must be strictly between 0 and 1 but was 1.2", e.getMessage());
    }

    @Test
    void perVariant_zeroEffect_rejected() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> SampleSize.perVariant(0.2, 0, 0.05, 0.8));
        assertEquals("minimumDetectableEffect must not be zero but was 0.0", e.getMessage());
    }

    @Test
    void perVariant_targetAboveOne_rejected() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> SampleSize.perVariant(0.9, 0.2, 0.05, 0.8));
        assertEquals(
                "baselineRate + minimumDetectableEffect must be between 0 and 1 but was 0.9 + 0.2", e.getMessage());
    }

    @Test
    void perVariant_alphaOutsideUnitInterval_rejected() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> SampleSize.perVariant(0.2, 0.05, 0, 0.8));
        assertEquals("alpha must be strictly between 0 and 1 but was 0.0", e.getMessage());
    }

    @Test
    void perVariant_powerOutsideUnitInterval_rejected() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> SampleSize.perVariant(0.2, 0.05, 0.05, 1));
        assertEquals("power must be strictly between 0 and 1 but was 1.0", e.getMessage());
    }

    @Test
    void perVariant_sizeExactly2To63_rejected() {
        // 2^63 is one above Long.MAX_VALUE. These effects make root^2 / effect^2 exactly 2^63 in doubles: found by
        // stepping the effect one ulp at a time through the documented formula, with commons-statistics' normal
        // quantiles, until the quotient was 0x1p63.
        for (double[] c : new double[][] {{0.5, 0x1.669a582c60491p-31}, {0.3, 0x1.48aa3d0d70161p-31}}) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> SampleSize.perVariant(c[0], c[1], 0.05, 0.8));
            assertTrue(
                    String.valueOf(e.getMessage())
                            .endsWith("would be 9.223372036854776E18, above the limit of " + Long.MAX_VALUE),
                    e.getMessage());
        }
    }

    @Test
    void perVariant_effectTooSmallToCount_rejectedWithValuesAndLimit() {
        // n = (1.959964 * 0.7071 + 0.841621 * 0.7071)^2 / 1e-20 = 3.92e20, beyond any long.
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> SampleSize.perVariant(0.5, 1e-10, 0.05, 0.8));
        assertTrue(
                String.valueOf(e.getMessage())
                        .matches("sample size per variant for baselineRate 0\\.5 and minimumDetectableEffect 1\\.0E-10"
                                + " \\(alpha 0\\.05, power 0\\.8\\) would be 3\\.92[0-9]*E20, above the limit of"
                                + " 9223372036854775807"),
                e.getMessage());
    }

    @Test
    void perVariant_largestCountableSize_returnedExactly() {
        // An effect of 1e-8 at 0.5 needs about 3.92e16 users: large, but a long holds it.
        long n = SampleSize.perVariant(0.5, 1e-8, 0.05, 0.8);
        assertTrue(n > 3.9e16 && n < 4.0e16, () -> "n = " + n);
    }

    @Test
    void perVariant_powerBelowHalfAlpha_smallestSizeReachingPower() {
        // The root zA s0 + zB s1 is negative here: the power of the one-tail formula exceeds 0.01 at any n >= 1, so
        // the smallest size is 1 (squaring the negative root used to give thousands).
        double[][] cases = {{0.1, 0.02, 0.05, 0.01}, {0.5, 0.01, 0.2, 0.001}, {0.3, -0.05, 0.1, 0.02}};
        for (double[] c : cases) {
            assertEquals(1, SampleSize.perVariant(c[0], c[1], c[2], c[3]), () -> java.util.Arrays.toString(c));
            assertTrue(power(c[0], c[1], c[2], 1) >= c[3], "power at n = 1");
        }
    }

    @Test
    void perVariant_lowPowerWithPositiveRoot_isSmallestSizeReachingPower() {
        double[][] cases = {{0.1, 0.02, 0.05, 0.3}, {0.2, 0.01, 0.05, 0.1}};
        for (double[] c : cases) {
            long n = SampleSize.perVariant(c[0], c[1], c[2], c[3]);
            assertTrue(n > 1, "n > 1");
            assertTrue(power(c[0], c[1], c[2], (double) n) >= c[3] - 1e-12, "power at n");
            assertTrue(power(c[0], c[1], c[2], (double) (n - 1)) < c[3], "power at n - 1");
        }
    }
}
