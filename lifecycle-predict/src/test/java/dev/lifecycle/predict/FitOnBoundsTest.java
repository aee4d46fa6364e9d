package dev.lifecycle.predict;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Data that do not identify a model drive a parameter to its bound; the fit then says so and returns the model on the
 * bound, for every model. (The demo found that exp of the log of a bound fell a rounding step outside it, and the
 * model's own check threw instead.)
 */
final class FitOnBoundsTest {
    private static CustomerSummaries table(double[][] rows) {
        CustomerSummaries.Builder builder = CustomerSummaries.builder(SummaryOptions.through(LocalDate.EPOCH));
        for (int i = 0; i < rows.length; i++) {
            double[] r = rows[i];
            builder.add("c" + i, (int) r[0], r[1], r[2], r[3]);
        }
        return builder.build();
    }

    private static final List<CustomerSummaries> TABLES = List.of(
            // one customer who never bought again
            table(new double[][] {{0, 0, 10, 0}}),
            // nobody bought again
            table(new double[][] {{0, 0, 10, 0}, {0, 0, 3, 0}, {0, 0, 52, 0}}),
            // everyone bought again on the last day
            table(new double[][] {{1, 5, 5, 10}, {2, 8, 8, 12}}),
            // a handful of customers
            table(new double[][] {{1, 2, 9, 5}, {0, 0, 4, 0}, {3, 7, 7, 20}}));

    private static <M> void assertFits(Function<CustomerSummaries, ModelFit<M>> fit) {
        for (CustomerSummaries summaries : TABLES) {
            ModelFit<M> result = fit.apply(summaries);
            // a model came back; when it did not converge the reason is given
            assertTrue(result.converged() || result.problem().isPresent(), result::toString);
            assertFalse(Double.isNaN(result.logLikelihood()), result::toString);
        }
    }

    @Test
    void fit_dataThatDoNotIdentifyTheModel_returnsTheFitWithItsProblem() {
        assertFits(BgNbd::fit);
        assertFits(MbgNbd::fit);
        assertFits(ParetoNbd::fit);
    }
}
