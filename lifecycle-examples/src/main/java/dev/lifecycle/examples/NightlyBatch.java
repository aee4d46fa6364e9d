package dev.lifecycle.examples;

import dev.lifecycle.core.CustomerStages;
import dev.lifecycle.core.EventBatch;
import dev.lifecycle.core.LifecycleClassifier;
import dev.lifecycle.core.ProfileTable;
import dev.lifecycle.core.StageDistribution;
import dev.lifecycle.core.Templates;
import dev.lifecycle.examples.data.BundledData;
import dev.lifecycle.io.EventBatchFile;
import java.io.PrintStream;
import java.time.Instant;

/**
 * The nightly batch of docs/classification.md: the whole bundled CDNOW purchase history read into an {@link EventBatch}
 * and classified at once, on all cores. Run it with {@code java -cp lifecycle-examples/target/lifecycle-demo.jar
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
        EventBatchFile file = BundledData.bundledCdnowBatch();
        // nightly-batch:begin
        LifecycleClassifier classifier = LifecycleClassifier.of(Templates.fiveStage());
        Instant asOf = Instant.parse("1998-07-01T00:00:00Z");

        // The log by column, as the reader filled it: customer ids numbered once, no object per event.
        EventBatch events = file.batch();
        StageDistribution tonight = classifier.classifyAllParallel(events, asOf);

        out.println(events.customerCount() + " customers from " + events.size() + " events");
        tonight.counts().forEach((stage, count) -> out.println(stage + ": " + count));
        // Every customer's stage by customer code, for an export; a table of full rows when one needs a closer look.
        CustomerStages stages = classifier.classifyEach(events, asOf);
        ProfileTable rows = ProfileTable.fromEvents(events);
        out.println(stages.customerId(0) + " is in " + stages.stage(0).name() + ", "
                + classifier.classify(rows.profile(0), asOf).path().size() + " rules fired");
        // nightly-batch:end
    }
}
