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
    void perVariant_result_isSmallestSizeReachingPower() {
        // Second formula: the power of the two-sided pooled test at n per arm, solved the other way round.
        double[][] cases = {{0.1, 0.02, 0.05, 0.8}, {0.3, -0.05, 0.01, 0.9}, {0.02, 0.005, 0.05, 0.8}};
        for (double[] c : cases) {
            long n = SampleSize.perVariant(c[0], c[1], c[2], c[3]);
            assertTrue(power(c[0], c[1], c[2], n) >= c[3] - 1e-12, "power at n");
            assertTrue(power(c[0], c[1], c[2], n - 1) < c[3], "power at n - 1");
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
}
