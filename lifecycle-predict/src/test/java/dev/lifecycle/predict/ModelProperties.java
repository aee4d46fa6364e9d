package dev.lifecycle.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.LocalDate;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Invariants of the purchase models over random parameters and histories. */
final class ModelProperties {
    private static PurchaseModel model(Random random, int kind) {
        double r = 0.1 + 3 * random.nextDouble();
        double alpha = 1 + 20 * random.nextDouble();
        double shape = 0.3 + 3 * random.nextDouble();
        double other = 0.3 + 5 * random.nextDouble();
        return switch (kind) {
            case 0 -> BgNbd.of(r, alpha, shape, other);
            case 1 -> MbgNbd.of(r, alpha, shape, other);
            default -> ParetoNbd.of(r, alpha, shape, 1 + 50 * random.nextDouble());
        };
    }

    private static double[] history(Random random) {
        double age = 60 * random.nextDouble();
        int x = random.nextInt(4) == 0 ? 0 : random.nextInt(12);
        double tx = x == 0 ? 0 : age * random.nextDouble();
        return new double[] {x, tx, age};
    }

    /** A table of 1 to 60 random histories, a third of them the previous customer's triple again. */
    private static CustomerSummaries table(Random random) {
        CustomerSummaries.Builder builder = CustomerSummaries.builder(SummaryOptions.through(LocalDate.EPOCH));
        int customers = 1 + random.nextInt(60);
        double[] h = history(random);
        for (int c = 0; c < customers; c++) {
            if (random.nextInt(3) > 0) {
                h = history(random); // otherwise the same triple again
            }
            builder.add("c" + c, (int) h[0], h[1], h[2], 0);
        }
        return builder.build();
    }

    /**
     * The distribution of future purchases sums to 1 and its mean is the expected number, for a new customer and for a
     * customer with a history: the probability, expectation and P(alive) formulas check one another.
     */
    @Test
    void purchaseDistribution_sumsToOneWithTheExpectedMean() {
        qt().withFixedSeed(1801L).withExamples(60).forAll(longs().all()).checkAssert(seed -> {
            Random random = new Random(seed);
            PurchaseModel model = model(random, random.nextInt(3));
            double[] h = history(random);
            int x = (int) h[0];
            double t = 1 + 15 * random.nextDouble();
            double total = 0;
            double mean = 0;
            double freshTotal = 0;
            double freshMean = 0;
            for (int k = 0; k < 3000 && (total < 1 - 1e-13 || freshTotal < 1 - 1e-13); k++) {
                double p = model.conditionalProbabilityOfPurchases(k, t, x, h[1], h[2]);
                double q = model.probabilityOfPurchases(k, t);
                assertTrue(p >= 0 && q >= 0, model + " k " + k);
                total += p;
                mean += k * p;
                freshTotal += q;
                freshMean += k * q;
            }
            String where = model + " t " + t + " history " + x + ", " + h[1] + ", " + h[2];
            assertEquals(1, total, 1e-9, where);
            assertEquals(1, freshTotal, 1e-9, where);
            double expected = model.conditionalExpectedPurchases(t, x, h[1], h[2]);
            assertEquals(expected, mean, 1e-7 * Math.max(1, expected), where);
            assertEquals(model.expectedPurchases(t), freshMean, 1e-7 * Math.max(1, freshMean), where);
        });
    }

    /** P(alive) is a probability, 1 without repeat purchases under BG/NBD, and falls as the last purchase ages. */
    @Test
    void probabilityAlive_isAProbabilityThatFallsWithTimeSinceTheLastPurchase() {
        qt().withFixedSeed(1802L).withExamples(2000).forAll(longs().all()).checkAssert(seed -> {
            Random random = new Random(seed);
            PurchaseModel model = model(random, random.nextInt(3));
            double[] h = history(random);
            int x = (int) h[0];
            double alive = model.probabilityAlive(x, h[1], h[2]);
            assertTrue(alive >= 0 && alive <= 1, model + " " + alive);
            if (model instanceof BgNbd && x == 0) {
                assertEquals(1, alive);
            }
            double older = model.probabilityAlive(x, h[1], h[2] + 5);
            assertTrue(older <= alive + 1e-15, model + " " + alive + " then " + older);
        });
    }

    /** Expected purchases never fall as the horizon grows. */
    @Test
    void expectedPurchases_growWithTheHorizon() {
        qt().withFixedSeed(1803L).withExamples(2000).forAll(longs().all()).checkAssert(seed -> {
            Random random = new Random(seed);
            PurchaseModel model = model(random, random.nextInt(3));
            double[] h = history(random);
            double t = 100 * random.nextDouble();
            double shorter = model.conditionalExpectedPurchases(t, (int) h[0], h[1], h[2]);
            double longer = model.conditionalExpectedPurchases(t * 1.5 + 1, (int) h[0], h[1], h[2]);
            assertTrue(shorter >= 0 && longer >= shorter * (1 - 1e-14), model + " " + shorter + " then " + longer);
        });
    }

    /** BG/NBD's closed form through 2F1 and its series of positive terms agree wherever both apply. */
    @Test
    void bgNbdExpected_closedFormAndSeriesAgree() {
        qt().withFixedSeed(1804L).withExamples(3000).forAll(longs().all()).checkAssert(seed -> {
            Random random = new Random(seed);
            double r = 0.05 + 20 * random.nextDouble();
            double alpha = 0.5 + 50 * random.nextDouble();
            double a = 0.05 + 5 * random.nextDouble();
            double b = 0.05 + 10 * random.nextDouble();
            double t = 200 * random.nextDouble() + 1e-3;
            if (a + b - 1 <= 0 || Math.abs(a - 1) < 0.01) {
                return;
            }
            double closed = BgNbd.expected(r, alpha, a, b, t);
            double series = BgNbd.expectedBySeries(r, a, b, t / (alpha + t));
            assertEquals(closed, series, 1e-11 * closed, r + " " + alpha + " " + a + " " + b + " " + t);
        });
    }

    /** A table's log-likelihood, summed over its distinct triples, is the sum over its customers. */
    @Test
    void tableLikelihood_isTheSumOverCustomers() {
        qt().withFixedSeed(1805L).withExamples(200).forAll(longs().all()).checkAssert(seed -> {
            Random random = new Random(seed);
            PurchaseModel model = model(random, random.nextInt(3));
            CustomerSummaries table = table(random);
            double expected = 0;
            for (int row = 0; row < table.size(); row++) {
                expected += model.logLikelihood(table.frequency(row), table.recency(row), table.age(row));
            }
            double actual = model.logLikelihood(table);
            assertEquals(expected, actual, 1e-10 * Math.abs(expected), model.toString());
        });
    }

    /**
     * Every column of a table's predictions is, to the last bit, the model's figure for each customer in row order,
     * under every model: the table evaluates each distinct triple, each (x, T) and each {@code log(alpha + t)} once and
     * spreads them over the rows, and that must not change a digit.
     */
    @Test
    void predictionColumns_equalEachCustomersFigureExactly() {
        qt().withFixedSeed(1806L).withExamples(150).forAll(longs().all()).checkAssert(seed -> {
            Random random = new Random(seed);
            PurchaseModel model = model(random, random.nextInt(3));
            CustomerSummaries table = table(random);
            int customers = table.size();
            double t = 1 + 50 * random.nextDouble();
            int k = random.nextInt(4);
            Predictions predictions = Predictions.of(model, table);
            double[] alive = predictions.probabilityAlive();
            double[] expected = predictions.expectedPurchases(t);
            double[] exactly = predictions.probabilityOfPurchases(k, t);
            for (int row = 0; row < customers; row++) {
                int x = table.frequency(row);
                double tx = table.recency(row);
                double age = table.age(row);
                String where = model + " row " + row + " history " + x + ", " + tx + ", " + age;
                assertEquals(model.probabilityAlive(x, tx, age), alive[row], where);
                assertEquals(model.conditionalExpectedPurchases(t, x, tx, age), expected[row], where);
                assertEquals(model.conditionalProbabilityOfPurchases(k, t, x, tx, age), exactly[row], where);
            }
        });
    }
}
