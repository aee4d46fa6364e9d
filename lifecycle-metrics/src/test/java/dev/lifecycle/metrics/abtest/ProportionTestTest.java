package dev.lifecycle.metrics.abtest;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.testing.EqualsTester;
import com.google.common.testing.NullPointerTester;
import dev.lifecycle.metrics.HashCodes;
import dev.lifecycle.metrics.Interval;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

final class ProportionTestTest {
    private static final MathContext EXACT = new MathContext(60);

    @Test
    void compare_200of1000_vs_240of1000_matchesPublishedExample() {
        ProportionTest test = ProportionTest.compare(200, 1000, 240, 1000);
        assertAll(
                () -> assertEquals(2.1592, test.z(), 5e-5),
                () -> assertEquals(0.0308, test.pValue(), 5e-5),
                () -> assertEquals(OptionalDouble.of(0.2), test.rateA()),
                () -> assertEquals(OptionalDouble.of(0.24), test.rateB()),
                () -> assertTrue(test.isTestable()));
    }

    @Test
    void z_anyTable_squareEqualsPearsonChiSquareOfTwoByTwoTable() {
        // Second formula: the pooled z-test is the Pearson chi-square test of the 2x2 table, z^2 = X^2.
        long[][] tables = {{200, 1000, 240, 1000}, {5, 20, 9, 22}, {1000, 50000, 1100, 50000}, {3, 7, 0, 12}};
        for (long[] t : tables) {
            double[][] observed = {{t[0], t[1] - t[0]}, {t[2], t[3] - t[2]}};
            double total = t[1] + t[3];
            double chiSquare = 0;
            for (int row = 0; row < 2; row++) {
                for (int column = 0; column < 2; column++) {
                    double rowSum = observed[row][0] + observed[row][1];
                    double columnSum = observed[0][column] + observed[1][column];
                    double expected = rowSum * columnSum / total;
                    chiSquare += Math.pow(observed[row][column] - expected, 2) / expected;
                }
            }
            double z = ProportionTest.compare(t[0], t[1], t[2], t[3]).z();
            assertEquals(chiSquare, z * z, 1e-9 * Math.max(1, chiSquare));
        }
    }

    @Test
    void intervals_200of1000_vs_240of1000_matchIndependentComputation() {
        // Reference values computed independently with SciPy 1.17 (norm.ppf) from the formulas in metrics.md.
        ProportionTest test = ProportionTest.compare(200, 1000, 240, 1000);
        Interval difference = test.differenceInterval(0.95);
        Interval lift = test.liftInterval(0.95);
        assertAll(
                () -> assertEquals(0.003732721356494502, difference.lower(), 1e-12),
                () -> assertEquals(0.07626727864350547, difference.upper(), 1e-12),
                () -> assertEquals(0.2, test.lift(), 1e-12),
                () -> assertEquals(0.0008923531615036284, lift.lower(), 1e-12),
                () -> assertEquals(0.3991076468384963, lift.upper(), 1e-12));
    }

    @Test
    void intervals_smallSamples_matchIndependentComputation() {
        ProportionTest test = ProportionTest.compare(5, 20, 9, 22);
        assertAll(
                () -> assertEquals(
                        -0.12059381547183518, test.differenceInterval(0.95).lower(), 1e-12),
                () -> assertEquals(
                        0.4387756336536534, test.differenceInterval(0.95).upper(), 1e-12),
                () -> assertEquals(-0.8530291749340524, test.liftInterval(0.95).lower(), 1e-12),
                () -> assertEquals(2.1257564476613253, test.liftInterval(0.95).upper(), 1e-12),
                () -> assertEquals(0.2746886841719741, test.pValue(), 1e-12));
    }

    @Test
    void chanceBBeatsA_smallCounts_equalsExactClosedForm() {
        long[][] cases = {{5, 20, 9, 22}, {0, 0, 0, 0}, {0, 3, 3, 3}, {12, 40, 7, 35}, {1, 1, 0, 5}, {30, 90, 31, 88}};
        for (long[] c : cases) {
            double exact = closedForm(c[0], c[1], c[2], c[3]);
            assertEquals(
                    exact,
                    ProportionTest.compare(c[0], c[1], c[2], c[3]).chanceBBeatsA(),
                    1e-9,
                    () -> "case " + c[0] + "/" + c[1] + " vs " + c[2] + "/" + c[3]);
        }
    }

    @Test
    void chanceBBeatsA_largeCounts_matchesAdaptiveQuadrature() {
        // Reference values from SciPy 1.17 integrate.quad of beta.pdf * beta.cdf (absolute error below 1e-11).
        assertEquals(
                0.9845373460239734, ProportionTest.compare(200, 1000, 240, 1000).chanceBBeatsA(), 1e-9);
        assertEquals(
                0.9862823840344499,
                ProportionTest.compare(1000, 50000, 1100, 50000).chanceBBeatsA(),
                1e-9);
        assertEquals(0.8546008453332845, ProportionTest.compare(5, 20, 9, 22).chanceBBeatsA(), 1e-9);
    }

    @Test
    void chanceBBeatsA_narrowPosteriorsAwayFromZero_matchesAdaptiveQuadrature() {
        // Posteriors 1e-3 wide around 0.1 and 0.02: the panels must span the narrower one, not the interval from 0.
        // Reference values from SciPy 1.17 integrate.quad of beta.pdf(A) * beta.sf(B) on 400 pieces between the 1e-15
        // quantiles of A (absolute error below 1e-13).
        assertEquals(
                0.826896035351725,
                ProportionTest.compare(100_000, 1_000_000, 100_400, 1_000_000).chanceBBeatsA(),
                1e-9);
        assertEquals(
                0.6930281289225125,
                ProportionTest.compare(20_000, 1_000_000, 20_100, 1_000_000).chanceBBeatsA(),
                1e-9);
    }

    @Test
    void chanceBBeatsA_unequalWidths_complementsSwappedComparison() {
        ProportionTest narrowA = ProportionTest.compare(20_000, 1_000_000, 3, 10);
        ProportionTest narrowB = ProportionTest.compare(3, 10, 20_000, 1_000_000);
        assertEquals(1.0, narrowA.chanceBBeatsA() + narrowB.chanceBBeatsA(), 1e-9);
    }

    @Test
    void chanceBBeatsA_extremeCounts_equalsClosedForm() {
        // A ~ Beta(1, 1), B ~ Beta(6, 1): P(B > A) = E[B] = 6/7.
        assertEquals(6.0 / 7, ProportionTest.compare(0, 0, 5, 5).chanceBBeatsA(), 1e-12);
        // A ~ Beta(n + 1, 1), B ~ Beta(n, 2): P(B > A) = E[B^(n+1)] = n (n + 1) / ((2n + 1)(2n + 2)).
        double n = 1_000_000;
        assertEquals(
                n * (n + 1) / ((2 * n + 1) * (2 * n + 2)),
                ProportionTest.compare(1_000_000, 1_000_000, 999_999, 1_000_000).chanceBBeatsA(),
                1e-9);
        // Identical posteriors: one half by symmetry.
        assertEquals(0.5, ProportionTest.compare(0, 1_000_000, 0, 1_000_000).chanceBBeatsA(), 1e-9);
    }

    @Test
    void compare_hugeCounts_noOverflow() {
        ProportionTest test =
                ProportionTest.compare(Long.MAX_VALUE / 2, Long.MAX_VALUE, Long.MAX_VALUE / 2, Long.MAX_VALUE);
        assertTrue(test.isTestable());
        assertEquals(0.0, test.z(), 1e-6);
    }

    /**
     * The exact probability that Beta(1 + cB, 1 + nB - cB) exceeds Beta(1 + cA, 1 + nA - cA), by the closed form for
     * integer parameters (Evan Miller, "Formulas for Bayesian A/B testing"), in exact rational arithmetic.
     */
    private static double closedForm(long conversionsA, long usersA, long conversionsB, long usersB) {
        int alphaA = (int) (1 + conversionsA);
        int betaA = (int) (1 + usersA - conversionsA);
        int alphaB = (int) (1 + conversionsB);
        int betaB = (int) (1 + usersB - conversionsB);
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < alphaB; i++) {
            BigDecimal numerator = beta(alphaA + i, betaA + betaB);
            BigDecimal denominator =
                    BigDecimal.valueOf(betaB + i).multiply(beta(1 + i, betaB)).multiply(beta(alphaA, betaA));
            sum = sum.add(numerator.divide(denominator, EXACT));
        }
        return sum.doubleValue();
    }

    /** The beta function of positive integers, (a - 1)! (b - 1)! / (a + b - 1)!. */
    private static BigDecimal beta(int a, int b) {
        return new BigDecimal(factorial(a - 1).multiply(factorial(b - 1)))
                .divide(new BigDecimal(factorial(a + b - 1)), EXACT);
    }

    private static BigInteger factorial(int n) {
        BigInteger result = BigInteger.ONE;
        for (int i = 2; i <= n; i++) {
            result = result.multiply(BigInteger.valueOf(i));
        }
        return result;
    }

    @Test
    void compare_negativeUsers_rejected() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ProportionTest.compare(0, -1, 1, 2));
        assertEquals("usersA must not be negative but was -1", e.getMessage());
    }

    @Test
    void compare_negativeConversions_rejected() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ProportionTest.compare(1, 2, -3, 2));
        assertEquals("conversionsB must not be negative but was -3", e.getMessage());
    }

    @Test
    void compare_conversionsAboveUsers_rejected() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ProportionTest.compare(11, 10, 1, 2));
        assertEquals("conversionsA must not exceed usersA but was 11 > 10", e.getMessage());
    }

    @Test
    void intervals_levelOutsideOpenUnitInterval_rejected() {
        ProportionTest test = ProportionTest.compare(1, 10, 2, 10);
        IllegalArgumentException difference =
                assertThrows(IllegalArgumentException.class, () -> test.differenceInterval(1.5));
        IllegalArgumentException lift = assertThrows(IllegalArgumentException.class, () -> test.liftInterval(-0.5));
        assertEquals("level must be strictly between 0 and 1 but was 1.5", difference.getMessage());
        assertEquals("level must be strictly between 0 and 1 but was -0.5", lift.getMessage());
    }

    @Test
    void compare_noUsersInA_ratesAndTestUndefined() {
        ProportionTest test = ProportionTest.compare(0, 0, 3, 10);
        assertAll(
                () -> assertEquals(OptionalDouble.empty(), test.rateA()),
                () -> assertEquals(OptionalDouble.of(0.3), test.rateB()),
                () -> assertFalse(test.isTestable()),
                () -> assertEquals(
                        "z is undefined: it needs users in both variants and a pooled rate strictly between 0 and 1,"
                                + " but had 0/0 and 3/10",
                        assertThrows(IllegalStateException.class, test::pValue).getMessage()),
                () -> assertEquals(
                        "the difference interval is undefined: it needs users in both variants, but had usersA=0"
                                + " and usersB=10",
                        assertThrows(IllegalStateException.class, () -> test.differenceInterval(0.95))
                                .getMessage()),
                () -> assertEquals(
                        "the lift is undefined: it needs users in both variants, but had usersA=0 and usersB=10",
                        assertThrows(IllegalStateException.class, test::lift).getMessage()));
    }

    @Test
    void compare_noUsersInB_testUndefined() {
        ProportionTest test = ProportionTest.compare(3, 10, 0, 0);
        assertAll(
                () -> assertFalse(test.isTestable()),
                () -> assertEquals(OptionalDouble.empty(), test.rateB()),
                () -> assertThrows(IllegalStateException.class, test::z));
    }

    @Test
    void compare_noConversionsAnywhere_zUndefined() {
        ProportionTest test = ProportionTest.compare(0, 10, 0, 10);
        assertFalse(test.isTestable());
        IllegalStateException e = assertThrows(IllegalStateException.class, test::z);
        assertEquals(
                "z is undefined: it needs users in both variants and a pooled rate strictly between 0 and 1,"
                        + " but had 0/10 and 0/10",
                e.getMessage());
        assertEquals(new Interval(0, 0, 0.95), test.differenceInterval(0.95));
    }

    @Test
    void liftInterval_noConversionsInA_undefined() {
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> ProportionTest.compare(0, 10, 2, 10).liftInterval(0.9));
        assertEquals("the lift is undefined: it needs conversions in A, but had 0/10", e.getMessage());
    }

    @Test
    void equals_sameCounts_equal() {
        new EqualsTester()
                .addEqualityGroup(ProportionTest.compare(1, 2, 3, 4), ProportionTest.compare(1, 2, 3, 4))
                .addEqualityGroup(ProportionTest.compare(3, 4, 1, 2))
                .testEquals();
        HashCodes.assertDistinct(
                ProportionTest.compare(1, 2, 3, 4),
                ProportionTest.compare(2, 2, 3, 4),
                ProportionTest.compare(1, 3, 3, 4),
                ProportionTest.compare(1, 2, 4, 4),
                ProportionTest.compare(1, 2, 3, 5));
    }

    @Test
    void counts_asGiven() {
        ProportionTest test = ProportionTest.compare(1, 2, 3, 4);
        assertAll(
                () -> assertEquals(1, test.conversionsA()),
                () -> assertEquals(2, test.usersA()),
                () -> assertEquals(3, test.conversionsB()),
                () -> assertEquals(4, test.usersB()));
    }

    @Test
    void publicApi_nullArguments_rejected() {
        NullPointerTester tester = new NullPointerTester();
        tester.testAllPublicStaticMethods(ProportionTest.class);
        tester.testAllPublicStaticMethods(SampleRatio.class);
        tester.testAllPublicStaticMethods(Corrections.class);
        tester.testAllPublicStaticMethods(SampleSize.class);
        tester.testAllPublicInstanceMethods(ProportionTest.compare(1, 2, 3, 4));
        tester.testAllPublicInstanceMethods(SampleRatio.check(new long[] {1, 2}, new double[] {0.5, 0.5}));
        tester.testAllPublicInstanceMethods(new Interval(0, 1, 0.95));
    }
}
