package dev.lifecycle.examples;

import dev.lifecycle.core.Condition;
import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.CustomerProfile;
import dev.lifecycle.core.LifecycleClassifier;
import dev.lifecycle.core.LifecycleTemplate;
import dev.lifecycle.core.ProfileTable;
import dev.lifecycle.core.Stage;
import dev.lifecycle.core.Templates;
import dev.lifecycle.core.TransitionRule;
import dev.lifecycle.examples.data.BundledData;
import dev.lifecycle.predict.BgNbd;
import dev.lifecycle.predict.CustomerSummaries;
import dev.lifecycle.predict.MbgNbd;
import dev.lifecycle.predict.PredictiveConditions;
import dev.lifecycle.predict.PurchaseModel;
import dev.lifecycle.predict.SummaryOptions;
import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The README's "at risk" template: five-stage with a side stage reached when BG/NBD's P(alive) falls below 0.3, next
 * to the built-in 180-day lapse, on the bundled CDNOW customers. Run it with {@code java -cp
 * lifecycle-examples/target/lifecycle-demo.jar dev.lifecycle.examples.AtRiskByModel}.
 */
public final class AtRiskByModel {
    private AtRiskByModel() {}

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
        // at-risk:begin
        Instant asOf = Instant.parse("1998-07-01T00:00:00Z");
        SummaryOptions weeks = SummaryOptions.through(LocalDate.of(1998, 6, 30)).inUnits(ChronoUnit.WEEKS);
        CustomerSummaries summaries = CustomerSummaries.fromEvents(events, weeks);
        ProfileTable customers = ProfileTable.fromEvents(events);
        LifecycleClassifier fixed = LifecycleClassifier.of(Templates.fiveStage());

        for (PurchaseModel model :
                List.of(BgNbd.fit(summaries).model(), MbgNbd.fit(summaries).model())) {
            Condition atRisk = PredictiveConditions.probabilityAliveBelow(model, 0.3, ChronoUnit.WEEKS);
            // five-stage, plus a side stage the model sends customers to before the 180-day rule would
            LifecycleTemplate byModel = Templates.fiveStage().toBuilder()
                    .name("five-stage-at-risk")
                    .addStage(Stage.builder("at-risk")
                            .name("At risk")
                            .sideStage(true)
                            .build())
                    .addRule(TransitionRule.builder("at-risk")
                            .from("conversion", "retention", "advocacy")
                            .to("at-risk")
                            .when(atRisk)
                            .priority(20) // below the forward rules (30), above the lapse (10)
                            .build())
                    .build();
            LifecycleClassifier predictive = LifecycleClassifier.of(byModel);
            Map<String, Integer> moves = new TreeMap<>();
            CustomerProfile example = null;
            for (CustomerProfile customer : customers.profiles()) {
                String before = fixed.classify(customer, asOf).stage().id();
                String after = predictive.classify(customer, asOf).stage().id();
                moves.merge(before + " -> " + after, 1, Integer::sum);
                if (example == null && before.equals("retention") && after.equals("at-risk")) {
                    example = customer;
                }
            }
            out.println(model.describe());
            moves.forEach((move, count) -> out.println("  " + move + ": " + count));
            if (example != null) {
                out.println("  " + example.customerId() + ": " + atRisk.evidence(example, asOf));
            }
        }
        // at-risk:end
    }
}
