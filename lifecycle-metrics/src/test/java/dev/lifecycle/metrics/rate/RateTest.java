package dev.lifecycle.metrics.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.testing.EqualsTester;
import com.google.common.testing.NullPointerTester;
import dev.lifecycle.core.EventBatch;
import dev.lifecycle.core.LifecycleTemplate;
import dev.lifecycle.core.Money;
import dev.lifecycle.core.Templates;
import dev.lifecycle.metrics.HashCodes;
import dev.lifecycle.metrics.Interval;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Rates, their Wilson intervals and their failure messages. */
final class RateTest {
    /** The 97.5% quantile of the standard normal, as tabulated. */
    private static final double Z95 = 1.959963984540054;

    @Test
    void wilson_200of1000_matchesPublishedExample() {
        Interval interval = Rate.of("conversion", 200, 1000).wilson(0.95).orElseThrow();

        assertEquals(0.1764, round4(interval.lower()));
        assertEquals(0.2259, round4(interval.upper()));
        assertEquals(0.95, interval.level());
    }

    @Test
    void wilson_variousCounts_equalRootsOfScoreEquation() {
        // Wilson bounds are the roots of n (p - x)^2 = z^2 x (1 - x): solved here as a quadratic in x.
        long[][] cases = {{200, 1000}, {0, 10}, {10, 10}, {1, 3}, {57, 85}, {4999, 10000}};
        for (long[] c : cases) {
            double n = c[1];
            double p = c[0] / n;
            double a = n + Z95 * Z95;
            double b = -(2 * n * p + Z95 * Z95);
            double cc = n * p * p;
            double disc = Math.sqrt(b * b - 4 * a * cc);
            Interval interval = Rate.of("r", c[0], c[1]).wilson(0.95).orElseThrow();

            assertEquals((-b - disc) / (2 * a), interval.lower(), 1e-9, () -> "lower for " + c[0] + "/" + c[1]);
            assertEquals((-b + disc) / (2 * a), interval.upper(), 1e-9, () -> "upper for " + c[0] + "/" + c[1]);
        }
    }

    @Test
    void wilson_simulatedBinomialSamples_coverAbout95Percent() {
        Random random = new Random(20240501L);
        double truth = 0.3;
        int n = 200;
        int runs = 4000;
        int covered = 0;
        for (int run = 0; run < runs; run++) {
            int successes = 0;
            for (int i = 0; i < n; i++) {
                if (random.nextDouble() < truth) {
                    successes++;
                }
            }
            if (Rate.of("r", successes, n).wilson(0.95).orElseThrow().contains(truth)) {
                covered++;
            }
        }
        double coverage = (double) covered / runs;
        assertTrue(coverage > 0.93 && coverage < 0.97, () -> "coverage " + coverage);
    }

    @Test
    void value_zeroDenominator_undefined() {
        Rate rate = Rate.of("churn rate", 0, 0);

        assertFalse(rate.isDefined());
        assertTrue(rate.value().isEmpty());
        assertTrue(rate.wilson(0.95).isEmpty());
        IllegalStateException e = assertThrows(IllegalStateException.class, rate::requireValue);
        assertEquals("rate 'churn rate' is undefined: its denominator is 0", e.getMessage());
    }

    @Test
    void value_definedRate_isQuotient() {
        Rate rate = Rate.of("open rate", 3, 12);

        assertTrue(rate.isDefined());
        assertEquals(0.25, rate.value().getAsDouble());
        assertEquals(0.25, rate.requireValue());
        assertEquals("open rate", rate.name());
        assertEquals(3, rate.numerator());
        assertEquals(12, rate.denominator());
    }

    @Test
    void of_negativeNumerator_rejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Rate.of("r", -1, 5));
        assertEquals("numerator of 'r' must be zero or more but was -1", e.getMessage());
    }

    @Test
    void of_negativeDenominator_rejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Rate.of("r", 0, -2));
        assertEquals("denominator of 'r' must be zero or more but was -2", e.getMessage());
    }

    @Test
    void of_numeratorAboveDenominator_rejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Rate.of("r", 6, 5));
        assertEquals("numerator of 'r' must not exceed the denominator 5 but was 6", e.getMessage());
    }

    @Test
    void of_blankName_rejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Rate.of(" ", 1, 5));
        assertEquals("name must not be blank but was ' '", e.getMessage());
    }

    @Test
    void wilson_levelOutsideOpenUnitInterval_rejected() {
        Rate rate = Rate.of("r", 1, 5);
        for (double level : new double[] {0, 1, -0.5, 1.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rate.wilson(level));
            assertEquals("level must be strictly between 0 and 1 but was " + level, e.getMessage());
        }
    }

    @Test
    void ratio_negativeCount_rejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ratio.of("f", -3, 1));
        assertEquals("numerator of 'f' must be zero or more but was -3", e.getMessage());
    }

    @Test
    void values_sameComponents_equal() {
        new EqualsTester()
                .addEqualityGroup(Rate.of("a", 1, 2), Rate.of("a", 1, 2))
                .addEqualityGroup(Rate.of("a", 2, 4))
                .addEqualityGroup(Rate.of("b", 1, 2))
                .addEqualityGroup(Ratio.of("a", 1, 2))
                .addEqualityGroup(Interval.of(0.1, 0.2, 0.95), Interval.of(0.1, 0.2, 0.95))
                .addEqualityGroup(
                        MoneyPerUnit.of("cac", Money.of("10", "USD"), 3),
                        MoneyPerUnit.of("cac", Money.of("10.00", "USD"), 3))
                .testEquals();
        HashCodes.assertDistinct(Rate.of("a", 1, 2), Rate.of("b", 1, 2), Rate.of("a", 2, 2), Rate.of("a", 1, 3));
        HashCodes.assertDistinct(Ratio.of("a", 1, 2), Ratio.of("b", 1, 2), Ratio.of("a", 2, 2), Ratio.of("a", 1, 3));
        HashCodes.assertDistinct(
                MoneyPerUnit.of("cac", Money.of("10", "USD"), 3),
                MoneyPerUnit.of("aov", Money.of("10", "USD"), 3),
                MoneyPerUnit.of("cac", Money.of("11", "USD"), 3),
                MoneyPerUnit.of("cac", Money.of("10", "USD"), 4));
    }

    @Test
    void publicClasses_nullArguments_rejected() {
        NullPointerTester tester = new NullPointerTester()
                .setDefault(Money.class, Money.of("1", "USD"))
                .setDefault(LifecycleTemplate.class, Templates.fiveStage())
                .setDefault(EventBatch.class, EventBatch.builder().build())
                .setDefault(Instant.class, Instant.EPOCH);
        tester.testAllPublicStaticMethods(Rate.class);
        tester.testAllPublicInstanceMethods(Rate.of("r", 1, 2));
        tester.testAllPublicStaticMethods(Ratio.class);
        tester.testAllPublicInstanceMethods(Ratio.of("r", 1, 2));
        tester.testAllPublicStaticMethods(Interval.class);
        tester.testAllPublicInstanceMethods(Interval.of(0.1, 0.2, 0.9));
        tester.testAllPublicStaticMethods(MoneyPerUnit.class);
        tester.testAllPublicInstanceMethods(MoneyPerUnit.of("m", Money.of("1", "USD"), 1));
        tester.testAllPublicStaticMethods(LifecycleRates.class);
        tester.testAllPublicStaticMethods(PeriodRates.class);
        tester.testAllPublicInstanceMethods(
                PeriodRates.compute(Templates.fiveStage(), List.of(), Instant.EPOCH, Instant.EPOCH.plusSeconds(1)));
    }

    static double round4(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
