package dev.lifecycle.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class PredictionsTest {
    private static final CustomerSummaries CDNOW = Cdnow.publishedSummaries();
    private static final BgNbd MODEL = BgNbd.of(0.243, 4.414, 0.793, 2.426);
    private static final GammaGamma SPEND = GammaGamma.of(6.25, 3.74, 15.44);

    @Test
    void columns_equalTheModelForEachCustomerInRowOrder() {
        Predictions predictions = Predictions.of(MODEL, CDNOW);
        double[] alive = predictions.probabilityAlive();
        double[] expected = predictions.expectedPurchases(39);
        double[] none = predictions.probabilityOfPurchases(0, 39);
        double[] spend = predictions.expectedSpend(SPEND);
        assertEquals(CDNOW.size(), alive.length);
        for (int row = 0; row < CDNOW.size(); row++) {
            int x = CDNOW.frequency(row);
            double tx = CDNOW.recency(row);
            double age = CDNOW.age(row);
            assertEquals(MODEL.probabilityAlive(x, tx, age), alive[row]);
            assertEquals(MODEL.conditionalExpectedPurchases(39, x, tx, age), expected[row]);
            assertEquals(MODEL.conditionalProbabilityOfPurchases(0, 39, x, tx, age), none[row]);
            assertEquals(SPEND.conditionalExpectedSpend(x, CDNOW.meanRepeatValue(row)), spend[row]);
        }
        // customer 1 of the paper: x 2, t_x 30.43, T 38.86
        assertEquals("1", CDNOW.customerId(0));
        assertEquals(1.226, expected[0], 0.0005);
    }

    @Test
    void expectedValue_withoutDiscount_isSpendTimesPurchases() {
        Predictions predictions = Predictions.of(MODEL, CDNOW);
        double[] value = predictions.expectedValue(SPEND, 52.5, 0);
        double[] purchases = predictions.expectedPurchases(52.5);
        double[] spend = predictions.expectedSpend(SPEND);
        double[] discounted = predictions.expectedValue(SPEND, 52.5, 0.002);
        for (int row = 0; row < value.length; row++) {
            assertEquals(spend[row] * purchases[row], value[row], 1e-12 * value[row]);
            assertTrue(discounted[row] < value[row] && discounted[row] > value[row] / Math.pow(1.002, 53));
        }
    }

    @Test
    void expectedValue_outOfRange_refused() {
        Predictions predictions = Predictions.of(MODEL, CDNOW);
        IllegalArgumentException horizon =
                assertThrows(IllegalArgumentException.class, () -> predictions.expectedValue(SPEND, 10_001, 0));
        assertEquals("value horizon must be between 0 and 10000.0 units but was 10001.0", horizon.getMessage());
        IllegalArgumentException rate =
                assertThrows(IllegalArgumentException.class, () -> predictions.expectedValue(SPEND, 10, -0.1));
        assertEquals("discount rate must be between 0 and 10.0 but was -0.1", rate.getMessage());
        IllegalArgumentException k =
                assertThrows(IllegalArgumentException.class, () -> predictions.probabilityOfPurchases(-1, 10));
        assertEquals("number of purchases must be between 0 and 100000 but was -1", k.getMessage());
    }
}
