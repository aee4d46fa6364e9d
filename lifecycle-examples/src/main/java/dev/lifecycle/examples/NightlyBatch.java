package dev.lifecycle.examples;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.LifecycleClassifier;
import dev.lifecycle.core.ProfileTable;
import dev.lifecycle.core.StageDistribution;
import dev.lifecycle.core.Templates;
import dev.lifecycle.examples.data.BundledData;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;

/**
 * The nightly batch of docs/classification.md: the whole bundled CDNOW purchase history folded into a {@link ProfileTable} and
 * classified at once, on all cores. Run it with {@code java -cp lifecycle-examples/target/lifecycle-demo.jar
 * dev.lifecycle.examples.NightlyBatch}.
 */
public final class NightlyBatch {
    private NightlyBatch() {}

    /**
     * Runs the batch and prints to standard output.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(System.out);
    }

    static void run(PrintStream out) {
        List<CustomerEvent> events = BundledData.bundledCdnow().events();
        // nightly-batch:begin
        LifecycleClassifier classifier = LifecycleClassifier.of(Templates.fiveStage());
        Instant asOf = Instant.parse("1998-07-01T00:00:00Z");

        // One row per customer, folded straight from the event log; no profile object per customer.
        ProfileTable table = ProfileTable.fromEvents(events);
        StageDistribution tonight = classifier.classifyAllParallel(table, asOf);

        out.println(table.size() + " customers from " + events.size() + " events");
        tonight.counts().forEach((stage, count) -> out.println(stage + ": " + count));
        // Any row is still a profile when one customer needs a closer look.
        out.println(table.customerId(0) + " is in "
                + classifier.classify(table.profile(0), asOf).stage().name());
        // nightly-batch:end
    }
}
