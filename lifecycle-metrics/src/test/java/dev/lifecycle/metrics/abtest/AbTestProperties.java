package dev.lifecycle.metrics.abtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

final class AbTestProperties {
    /** Conversions and users of one arm, users 0..5000. */
    private static Gen<long[]> arm() {
        return integers().between(0, 5000).zip(doubles().between(0, 1), (users, share) ->
                new long[] {Math.round(users * share), users});
    }

    private static Gen<double[]> pValues() {
        return lists().of(doubles().between(0, 1))
                .ofSizeBetween(0, 30)
                .map(list -> list.stream().mapToDouble(Double::doubleValue).toArray());
    }

    @Test
    void proportionTest_anyCounts_pValueInUnitIntervalAndIntervalsContainEstimates() {
        qt().forAll(arm(), arm(), doubles().between(0.5, 0.999)).checkAssert((a, b, level) -> {
            ProportionTest test = ProportionTest.compare(a[0], a[1], b[0], b[1]);
            if (test.isTestable()) {
                assertTrue(test.pValue() >= 0 && test.pValue() <= 1, test::toString);
                assertEquals(
                        -test.z(),
                        ProportionTest.compare(b[0], b[1], a[0], a[1]).z(),
                        1e-9);
            }
            if (a[1] > 0 && b[1] > 0) {
                double difference = test.rateB().orElseThrow() - test.rateA().orElseThrow();
                assertTrue(test.differenceInterval(level).contains(difference), test::toString);
                if (a[0] > 0) {
                    assertTrue(test.liftInterval(level).contains(test.lift()), test::toString);
                }
            }
        });
    }

    @Test
    void chanceBBeatsA_anyCounts_probabilityAndComplementOfSwap() {
        qt().withExamples(60).forAll(arm(), arm()).checkAssert((a, b) -> {
            double chance = ProportionTest.compare(a[0], a[1], b[0], b[1]).chanceBBeatsA();
            double swapped = ProportionTest.compare(b[0], b[1], a[0], a[1]).chanceBBeatsA();
            assertTrue(chance >= 0 && chance <= 1, () -> "chance " + chance);
            assertEquals(1, chance + swapped, 1e-8);
        });
    }

    @Test
    void sampleRatio_anyCounts_pValueInUnitInterval() {
        qt().forAll(
                        integers().between(0, 100_000),
                        integers().between(0, 100_000),
                        doubles().between(0.05, 0.95))
                .assuming((a, b, share) -> a + b > 0)
                .checkAssert((a, b, share) -> {
                    SampleRatio srm = SampleRatio.check(new long[] {a, b}, new double[] {share, 1 - share});
                    assertTrue(srm.pValue() >= 0 && srm.pValue() <= 1, srm::toString);
                    assertEquals(srm.pValue() < 0.001, srm.isMismatch());
                });
    }

    @Test
    void corrections_anyPValues_matchDefinitionAtLeastRawAndMonotone() {
        qt().forAll(pValues()).checkAssert(p -> {
            double[] holm = Corrections.holm(p);
            double[] bh = Corrections.benjaminiHochberg(p);
            for (int i = 0; i < p.length; i++) {
                assertTrue(holm[i] >= p[i] && holm[i] <= 1, "holm " + i);
                assertTrue(bh[i] >= p[i] && bh[i] <= 1, "bh " + i);
                assertTrue(holm[i] >= bh[i] - 1e-15, "holm is the more conservative");
                assertEquals(holmByDefinition(p, i), holm[i], 1e-12);
                assertEquals(bhByDefinition(p, i), bh[i], 1e-12);
                for (int j = 0; j < p.length; j++) {
                    if (p[i] <= p[j]) {
                        assertTrue(holm[i] <= holm[j] && bh[i] <= bh[j], "monotone at " + i + ", " + j);
                    }
                }
            }
        });
    }

    /** Holm from its definition: max over hypotheses ranked at or below i of min(1, (m - rank + 1) p). */
    private static double holmByDefinition(double[] p, int i) {
        int m = p.length;
        double result = 0;
        for (int j = 0; j < m; j++) {
            if (p[j] <= p[i]) {
                result = Math.max(result, Math.min(1, (m - rank(p, j) + 1) * p[j]));
            }
        }
        return result;
    }

    /** Benjamini-Hochberg from its definition: min over hypotheses ranked at or above i of min(1, m p / rank). */
    private static double bhByDefinition(double[] p, int i) {
        int m = p.length;
        double result = 1;
        for (int j = 0; j < m; j++) {
            if (p[j] >= p[i]) {
                result = Math.min(result, m * p[j] / rankFromTop(p, j));
            }
        }
        return result;
    }

    /** The 1-based rank among ties counted first: the most favourable rank for Holm's step-down bound. */
    private static int rank(double[] p, int j) {
        int smaller = 0;
        for (double value : p) {
            if (value < p[j]) {
                smaller++;
            }
        }
        return smaller + 1;
    }

    /** The 1-based rank with ties counted last, where BH's step-up bound is smallest. */
    private static int rankFromTop(double[] p, int j) {
        int atMost = 0;
        for (double value : p) {
            if (value <= p[j]) {
                atMost++;
            }
        }
        return atMost;
    }

    @Test
    void sampleSize_smallerEffect_needsMoreUsers() {
        qt().forAll(doubles().between(0.01, 0.8), doubles().between(0.005, 0.1)).checkAssert((base, effect) -> {
            long n = SampleSize.perVariant(base, effect, 0.05, 0.8);
            long half = SampleSize.perVariant(base, effect / 2, 0.05, 0.8);
            assertTrue(n >= 1 && half >= n, () -> n + " vs " + half);
        });
    }
}
