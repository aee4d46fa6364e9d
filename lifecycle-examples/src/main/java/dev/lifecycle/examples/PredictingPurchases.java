package dev.lifecycle.examples;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.examples.data.BundledData;
import dev.lifecycle.predict.BgNbd;
import dev.lifecycle.predict.CustomerSummaries;
import dev.lifecycle.predict.GammaGamma;
import dev.lifecycle.predict.Holdout;
import dev.lifecycle.predict.ModelFit;
import dev.lifecycle.predict.Predictions;
import dev.lifecycle.predict.SummaryOptions;
import dev.lifecycle.predict.Validation;
import java.io.PrintStream;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * The README's "Predicting purchases": BG/NBD and Gamma-Gamma fitted to the bundled CDNOW purchases of the first 39
 * weeks, checked against the 39 weeks after, and every customer scored. Run it with {@code java -cp
 * lifecycle-examples/target/lifecycle-demo.jar dev.lifecycle.examples.PredictingPurchases}.
 */
public final class PredictingPurchases {
    private PredictingPurchases() {}

    /**
     * Runs the example and prints to standard output.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(System.out);
    }

    static void run(PrintStream out) {
        List<CustomerEvent> events = BundledData.bundledCdnow().events();
        // predicting-purchases:begin
        // Calibrate on the purchases up to 1997-09-30, in weeks; keep what the same customers did until 1998-06-30.
        SummaryOptions calibration =
                SummaryOptions.through(LocalDate.of(1997, 9, 30)).inUnits(ChronoUnit.WEEKS);
        Holdout holdout = Holdout.fromEvents(events, calibration, LocalDate.of(1998, 6, 30));
        CustomerSummaries customers = holdout.calibration();

        ModelFit<BgNbd> fit = BgNbd.fit(customers);
        out.println(fit.model().describe()
                + (fit.converged() ? ", converged" : ", not converged")
                + String.format(Locale.ROOT, ", log-likelihood %.1f", fit.logLikelihood()));
        fit.standardErrors().forEach((name, error) -> out.printf(Locale.ROOT, "  se(%s) %.4f%n", name, error));

        // Was it right? Predicted against actual purchases in the 39 weeks after calibration.
        Validation check = Validation.of(fit.model(), holdout);
        out.printf(
                Locale.ROOT,
                "holdout: %.0f purchases predicted, %d made; mean absolute error %.3f%n",
                check.predictedPurchases(),
                check.actualPurchases(),
                check.meanAbsoluteError());

        // Every customer scored: P(alive), and a year's discounted value with the spend model (10% a year).
        Predictions predictions = Predictions.of(fit.model(), customers);
        double[] alive = predictions.probabilityAlive();
        long atRisk = java.util.Arrays.stream(alive).filter(p -> p < 0.3).count();
        out.println(atRisk + " of " + alive.length + " customers have P(alive) below 0.3");
        GammaGamma spend = GammaGamma.fit(customers).model();
        double weeklyRate = Math.pow(1.10, 7 / 365.2425) - 1;
        double[] value = predictions.expectedValue(spend, 52, weeklyRate);
        int best = 0;
        for (int row = 1; row < value.length; row++) {
            best = value[row] > value[best] ? row : best;
        }
        out.printf(
                Locale.ROOT,
                "most valuable: customer %s, %d repeat purchases, P(alive) %.2f, $%.2f next year%n",
                customers.customerId(best),
                customers.frequency(best),
                alive[best],
                value[best]);
        // predicting-purchases:end
    }
}
