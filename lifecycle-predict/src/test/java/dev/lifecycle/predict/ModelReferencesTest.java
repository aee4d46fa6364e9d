package dev.lifecycle.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every likelihood and prediction against model-references.csv, which src/test/python/model_references.py computes with
 * mpmath by integrating the individual-level models over their mixing distributions, never through the closed forms.
 */
final class ModelReferencesTest {
    @Test
    void everyFigure_agreesWithNumericalIntegration() {
        List<String[]> rows = Cdnow.csv("model-references.csv");
        double worst = 0;
        String worstRow = "";
        for (String[] cells : rows) {
            double expected = Double.parseDouble(cells[11]);
            double actual = figure(cells);
            // a log-likelihood's absolute error is the likelihood's relative error
            double error = cells[1].equals("logLikelihood")
                    ? Math.abs(actual - expected)
                    : Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);
            if (error > worst) {
                worst = error;
                worstRow = String.join(",", cells) + " -> " + actual;
            }
        }
        assertEquals(216, rows.size());
        assertTrue(worst < 1e-12, "worst relative error " + worst + " at " + worstRow);
    }

    private static double figure(String[] cells) {
        double p1 = Double.parseDouble(cells[2]);
        double p2 = Double.parseDouble(cells[3]);
        double p3 = Double.parseDouble(cells[4]);
        double p4 = Double.parseDouble(cells[5]);
        int x = Integer.parseInt(cells[6]);
        double tx = Double.parseDouble(cells[7]);
        double age = Double.parseDouble(cells[8]);
        double t = Double.parseDouble(cells[9]);
        int k = Integer.parseInt(cells[10]);
        if (cells[0].equals("Gamma-Gamma")) {
            assertEquals("logLikelihood", cells[1]);
            return GammaGamma.of(p1, p2, p3).logLikelihood(x, tx);
        }
        PurchaseModel model = switch (cells[0]) {
            case "BG/NBD" -> BgNbd.of(p1, p2, p3, p4);
            case "MBG/NBD" -> MbgNbd.of(p1, p2, p3, p4);
            case "Pareto/NBD" -> ParetoNbd.of(p1, p2, p3, p4);
            default -> throw new AssertionError(cells[0]);
        };
        return switch (cells[1]) {
            case "logLikelihood" -> model.logLikelihood(x, tx, age);
            case "probabilityAlive" -> model.probabilityAlive(x, tx, age);
            case "conditionalExpectedPurchases" -> model.conditionalExpectedPurchases(t, x, tx, age);
            case "conditionalProbabilityOfPurchases" -> model.conditionalProbabilityOfPurchases(k, t, x, tx, age);
            case "probabilityOfPurchases" -> model.probabilityOfPurchases(k, t);
            default -> throw new AssertionError(cells[1]);
        };
    }
}
