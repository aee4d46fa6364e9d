package dev.lifecycle.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lifecycle.predict.BgNbd;
import dev.lifecycle.predict.CustomerSummaries;
import dev.lifecycle.predict.GammaGamma;
import org.junit.jupiter.api.Test;

/** Workload 8 at a small scale: the fork's checks pass on its data and fail on a wrong model, and scoring adds up. */
final class ClvBenchmarkTest {
    private static final CustomerSummaries CUSTOMERS = ClvBenchmark.draw(30_000, 7);

    @Test
    void check_fitsOfTheDrawnCustomers_recoverTheirParameters() {
        ClvBenchmark.check(BgNbd.fit(CUSTOMERS), ClvBenchmark.TRUTH.parameters());
        ClvBenchmark.check(GammaGamma.fit(CUSTOMERS), ClvBenchmark.SPEND.parameters());
    }

    @Test
    void check_otherParameters_fails() {
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> ClvBenchmark.check(
                        BgNbd.fit(CUSTOMERS), BgNbd.of(0.5, 4.414, 0.793, 2.426).parameters()));
        assertEquals(true, String.valueOf(e.getMessage()).startsWith("r "), e.getMessage());
    }

    @Test
    void score_isTheSumOfEveryCustomersTwoFigures() {
        ClvBenchmark.Customers data = new ClvBenchmark.Customers();
        data.summaries = CUSTOMERS;
        data.fitted = ClvBenchmark.TRUTH;
        double expected = 0;
        for (int row = 0; row < CUSTOMERS.size(); row++) {
            int x = CUSTOMERS.frequency(row);
            expected += ClvBenchmark.TRUTH.probabilityAlive(x, CUSTOMERS.recency(row), CUSTOMERS.age(row));
            expected += ClvBenchmark.TRUTH.conditionalExpectedPurchases(
                    ClvBenchmark.HORIZON, x, CUSTOMERS.recency(row), CUSTOMERS.age(row));
        }
        assertEquals(expected, new ClvBenchmark().score(data), 1e-9 * expected);
    }

    @Test
    void firstFit_onTheUngroupedCopy_equalsTheFitOnTheDrawnTable() {
        ClvBenchmark.Customers data = new ClvBenchmark.Customers();
        data.summaries = CUSTOMERS;
        ClvBenchmark.Ungrouped copy = new ClvBenchmark.Ungrouped();
        copy.copy(data);
        assertEquals(CUSTOMERS.summaries(), copy.summaries.summaries());
        assertEquals(CUSTOMERS.currency(), copy.summaries.currency());
        assertEquals(
                new ClvBenchmark().fitBgNbd(data).model().parameters(),
                new ClvBenchmark().firstFitBgNbd(copy).model().parameters());
    }
}
