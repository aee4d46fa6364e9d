package dev.lifecycle.metrics.abtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigDecimal;
import java.math.MathContext;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Precision at counts up to 10^9, where differences of rates near each other (and near 1) cancel in doubles: the z
 * statistic and p-value against a 60-digit BigDecimal computation, the chance to beat against exact rational closed
 * forms and its symmetries.
 */
final class ProportionTestPrecisionProperties {
    private static final MathContext PRECISE = new MathContext(60);
    private static final long MAX = 1_000_000_000L;
    private static final NormalDistribution NORMAL = NormalDistribution.of(0, 1);

    /** One arm {conversions, users} with up to 10^9 users and a rate anywhere, often within a few users of 0 or 1. */
    private static Gen<long[]> arm() {
        return longs().between(1, MAX)
                .zip(integers().between(0, 3), longs().between(0, MAX), (users, kind, draw) -> switch (kind) {
                    case 0 -> new long[] {Math.max(0, users - draw % 5), users}; // near 1
                    case 1 -> new long[] {Math.min(users, draw % 5), users}; // near 0
                    default -> new long[] {draw % (users + 1), users};
                });
    }

    /** z from its definition in exact arithmetic (60 digits): (rB - rA) / sqrt(p (1 - p) (1 / nA + 1 / nB)). */
    private static BigDecimal referenceZ(long cA, long nA, long cB, long nB) {
        BigDecimal rateA = BigDecimal.valueOf(cA).divide(BigDecimal.valueOf(nA), PRECISE);
        BigDecimal rateB = BigDecimal.valueOf(cB).divide(BigDecimal.valueOf(nB), PRECISE);
        BigDecimal pooled = BigDecimal.valueOf(cA + cB).divide(BigDecimal.valueOf(nA + nB), PRECISE);
        BigDecimal inverseSum = BigDecimal.ONE
                .divide(BigDecimal.valueOf(nA), PRECISE)
                .add(BigDecimal.ONE.divide(BigDecimal.valueOf(nB), PRECISE));
        BigDecimal variance = pooled.multiply(BigDecimal.ONE.subtract(pooled)).multiply(inverseSum, PRECISE);
        return rateB.subtract(rateA).divide(variance.sqrt(PRECISE), PRECISE);
    }

    @Test
    void z_countsUpToBillion_matchesSixtyDigitReference() {
        qt().withExamples(2000).forAll(arm(), arm()).checkAssert((a, b) -> {
            ProportionTest test = ProportionTest.compare(a[0], a[1], b[0], b[1]);
            if (!test.isTestable()) {
                return;
            }
            double expected = referenceZ(a[0], a[1], b[0], b[1]).doubleValue();
            double z = test.z();
            assertEquals(expected, z, Math.abs(expected) * 1e-13, test::toString);
            // The p-value is the normal tail of the exact z: its error is the tail's own, not a cancelled difference.
            double p = Math.min(1, 2 * NORMAL.survivalProbability(Math.abs(expected)));
            assertEquals(p, test.pValue(), Math.max(p * 1e-11, 1e-300), test::toString);
        });
    }

    @Test
    void z_ratesOneUserApartAtBillion_exact() {
        // rB - rA = 1e-9 exactly; in doubles 0.999999999 - 1.0 keeps only about 7 digits.
        ProportionTest test = ProportionTest.compare(MAX, MAX, MAX - 1, MAX);
        double expected = referenceZ(MAX, MAX, MAX - 1, MAX).doubleValue();
        assertEquals(expected, test.z(), Math.abs(expected) * 1e-13);
    }

    @Test
    void chanceBBeatsA_equalArms_exactlyOneHalf() {
        qt().withExamples(200)
                .forAll(arm())
                .checkAssert(a -> assertEquals(
                        0.5,
                        ProportionTest.compare(a[0], a[1], a[0], a[1]).chanceBBeatsA(),
                        0.0,
                        () -> a[0] + "/" + a[1]));
        assertEquals(0.5, ProportionTest.compare(MAX, MAX, MAX, MAX).chanceBBeatsA(), 0.0);
    }

    @Test
    void chanceBBeatsA_swappedArms_addUpToOne() {
        qt().withExamples(150).forAll(arm(), arm()).checkAssert((a, b) -> {
            double chance = ProportionTest.compare(a[0], a[1], b[0], b[1]).chanceBBeatsA();
            double swapped = ProportionTest.compare(b[0], b[1], a[0], a[1]).chanceBBeatsA();
            assertEquals(1.0, chance + swapped, 2e-9, () -> a[0] + "/" + a[1] + " vs " + b[0] + "/" + b[1]);
        });
    }

    /**
     * A converted every user: A ~ Beta(nA + 1, 1) with P(A < y) = y^(nA + 1), so P(B > A) = E[B^(nA + 1)], which for
     * B ~ Beta(b, k + 1) is the product over j = 0..k of (b + j) / (nA + 1 + b + j): exact rational arithmetic.
     */
    @Test
    void chanceBBeatsA_allConvertedInA_equalsExactProduct() {
        qt().withExamples(150)
                .forAll(
                        longs().between(1, MAX),
                        longs().between(1, MAX),
                        integers().between(0, 30))
                .checkAssert((nA, nB, failures) -> {
                    long k = Math.min(failures, nB);
                    long cB = nB - k;
                    BigDecimal product = BigDecimal.ONE;
                    for (long j = 0; j <= k; j++) {
                        BigDecimal b = BigDecimal.valueOf(cB + 1 + j);
                        product = product.multiply(b.divide(b.add(BigDecimal.valueOf(nA + 1)), PRECISE), PRECISE);
                    }
                    double expected = product.doubleValue();
                    double chance = ProportionTest.compare(nA, nA, cB, nB).chanceBBeatsA();
                    assertEquals(expected, chance, 1e-9, () -> nA + "/" + nA + " vs " + cB + "/" + nB);
                });
    }

    /**
     * A converted nobody: A ~ Beta(1, nA + 1) with P(A > y) = (1 - y)^(nA + 1), so P(B > A) = 1 - E[(1 - B)^(nA +
     * 1)], and 1 - B ~ Beta(nB - cB + 1, cB + 1) gives the same product form.
     */
    @Test
    void chanceBBeatsA_noneConvertedInA_equalsExactProduct() {
        qt().withExamples(150)
                .forAll(
                        longs().between(1, MAX),
                        longs().between(1, MAX),
                        integers().between(0, 30))
                .checkAssert((nA, nB, conversions) -> {
                    long cB = Math.min(conversions, nB);
                    BigDecimal product = BigDecimal.ONE;
                    for (long j = 0; j <= cB; j++) {
                        BigDecimal b = BigDecimal.valueOf(nB - cB + 1 + j);
                        product = product.multiply(b.divide(b.add(BigDecimal.valueOf(nA + 1)), PRECISE), PRECISE);
                    }
                    double expected = BigDecimal.ONE.subtract(product).doubleValue();
                    double chance = ProportionTest.compare(0, nA, cB, nB).chanceBBeatsA();
                    assertEquals(expected, chance, 1e-9, () -> "0/" + nA + " vs " + cB + "/" + nB);
                });
    }

    @Test
    void chanceBBeatsA_billionAllConverted_matchesClosedForm() {
        // A ~ Beta(n + 1, 1), B ~ Beta(n, 2): P(B > A) = n (n + 1) / ((2n + 1)(2n + 2)), just below 1/4.
        BigDecimal n = BigDecimal.valueOf(MAX);
        double expected = n.multiply(n.add(BigDecimal.ONE))
                .divide(
                        n.multiply(BigDecimal.valueOf(2))
                                .add(BigDecimal.ONE)
                                .multiply(n.multiply(BigDecimal.valueOf(2)).add(BigDecimal.valueOf(2))),
                        PRECISE)
                .doubleValue();
        double chance = ProportionTest.compare(MAX, MAX, MAX - 1, MAX).chanceBBeatsA();
        assertEquals(expected, chance, 1e-9);
        assertTrue(chance < 0.25);
    }
}
