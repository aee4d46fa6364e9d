package dev.lifecycle.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Fits recover the parameters that generated the data: 30,000 customers drawn from each model (10,000 for Pareto/NBD, the slowest to fit), every fitted parameter
 * within four of its standard errors of the truth (and the standard errors small enough for that to mean something).
 * Pareto/NBD's customers are reported in whole days, as real summaries are, which keeps the distinct triples few.
 */
final class SimulationRecoveryTest {
    private static final SummaryOptions WEEKS =
            SummaryOptions.through(LocalDate.of(2026, 1, 1)).inUnits(ChronoUnit.WEEKS);
    private static final int CUSTOMERS = 30_000;

    @Test
    void bgNbd_drawnFromKnownParameters_recovered() {
        BgNbd truth = BgNbd.of(0.6, 5.0, 0.9, 2.8);
        CustomerSummaries data =
                Simulation.of(truth).customers(CUSTOMERS).ages(26, 52).seed(11).summaries(WEEKS);
        ModelFit<BgNbd> fit = BgNbd.fit(data);
        assertRecovered(truth.parameters(), fit.model().parameters(), fit);
    }

    @Test
    void mbgNbd_drawnFromKnownParameters_recovered() {
        MbgNbd truth = MbgNbd.of(0.8, 6.0, 1.2, 3.5);
        CustomerSummaries data =
                Simulation.of(truth).customers(CUSTOMERS).ages(26, 52).seed(12).summaries(WEEKS);
        ModelFit<MbgNbd> fit = MbgNbd.fit(data);
        assertRecovered(truth.parameters(), fit.model().parameters(), fit);
    }

    @Test
    void paretoNbd_drawnFromKnownParameters_recovered() {
        ParetoNbd truth = ParetoNbd.of(0.7, 8.0, 0.9, 20.0);
        CustomerSummaries data =
                Simulation.of(truth).customers(CUSTOMERS).ages(26, 52).seed(13).summaries(WEEKS);
        ModelFit<ParetoNbd> fit = ParetoNbd.fit(data);
        assertRecovered(truth.parameters(), fit.model().parameters(), fit);
    }

    @Test
    void gammaGamma_drawnFromKnownParameters_recovered() {
        GammaGamma truth = GammaGamma.of(5.0, 4.0, 20.0);
        CustomerSummaries data = Simulation.of(BgNbd.of(2.0, 5.0, 0.9, 4.0))
                .withSpend(truth)
                .customers(CUSTOMERS)
                .ages(26, 52)
                .seed(14)
                .summaries(WEEKS);
        ModelFit<GammaGamma> fit = GammaGamma.fit(data);
        assertRecovered(truth.parameters(), fit.model().parameters(), fit);
    }

    private static void assertRecovered(Map<String, Double> truth, Map<String, Double> fitted, ModelFit<?> fit) {
        assertTrue(fit.converged(), fit.toString());
        assertEquals(truth.keySet(), fit.standardErrors().keySet(), fit.toString());
        truth.forEach((name, value) -> {
            double error = Objects.requireNonNull(fit.standardErrors().get(name));
            assertTrue(error < 0.25 * value, name + " has a standard error of " + error + ": " + fit);
            double estimate = Objects.requireNonNull(fitted.get(name));
            double distance = Math.abs(estimate - value) / error;
            assertTrue(
                    distance < 4,
                    name + " " + estimate + " is " + distance + " standard errors from " + value + ": " + fit);
        });
    }
}
