package dev.lifecycle.examples;

import dev.lifecycle.core.Classification;
import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.CustomerProfile;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.FiredRule;
import dev.lifecycle.core.LifecycleClassifier;
import dev.lifecycle.core.Money;
import dev.lifecycle.core.StageDistribution;
import dev.lifecycle.core.Templates;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;

/**
 * The README's quick start: classify customers into the five-stage lifecycle, explain a result and count a customer
 * base per stage. Run it with {@code java -cp lifecycle-examples/target/lifecycle-demo.jar
 * dev.lifecycle.examples.QuickStart}.
 */
public final class QuickStart {
    private QuickStart() {}

    /**
     * Runs the quick start and prints to standard output.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(System.out);
    }

    static void run(PrintStream out) {
        // quick-start:begin
        LifecycleClassifier classifier = LifecycleClassifier.of(Templates.fiveStage());
        Instant asOf = Instant.parse("2026-06-01T00:00:00Z");

        // A profile from facts the shop already has...
        CustomerProfile ada = CustomerProfile.builder("ada")
                .orderCount(2)
                .firstOrderAt(Instant.parse("2026-03-02T10:15:00Z"))
                .lastOrderAt(Instant.parse("2026-05-20T18:40:00Z"))
                .referralCount(1)
                .build();
        Classification adaNow = classifier.classify(ada, asOf);
        out.println("ada is in " + adaNow.stage().name());
        for (FiredRule step : adaNow.path()) {
            out.println("  " + step.fromStageId() + " -> " + step.toStageId() + ": " + step.evidence());
        }

        // ...or folded from raw events.
        CustomerProfile bob = CustomerProfile.fromEvents(
                "bob",
                List.of(
                        CustomerEvent.of("bob", EventType.PRODUCT_VIEW, Instant.parse("2025-09-30T20:00:00Z")),
                        CustomerEvent.builder("bob", EventType.PURCHASE, Instant.parse("2025-10-01T12:00:00Z"))
                                .amount(Money.of("49.90", "EUR"))
                                .build()));
        Classification bobNow = classifier.classify(bob, asOf);
        out.println("bob is in " + bobNow.stage().name() + ", reached "
                + bobNow.highestMainStage().name());

        CustomerProfile cy = CustomerProfile.builder("cy").productViews(3).build();

        // The pipeline: how many customers are in each stage right now.
        StageDistribution pipeline = classifier.classifyAll(List.of(ada, bob, cy), asOf);
        pipeline.counts().forEach((stage, count) -> out.println(stage + ": " + count));
        // quick-start:end
    }
}
