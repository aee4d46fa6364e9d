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
import dev.lifecycle.rfm.Dimension;
import dev.lifecycle.rfm.RfmConditions;
import dev.lifecycle.rfm.RfmScale;
import dev.lifecycle.rfm.RfmValues;
import dev.lifecycle.rfm.SegmentMap;
import dev.lifecycle.rfm.SegmentMigration;
import dev.lifecycle.rfm.SegmentSummary;
import dev.lifecycle.rfm.Segmentation;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/**
 * The README's "RFM segments": the bundled CDNOW customers scored in quintiles at the end of 1998's first quarter and
 * placed in the ten-segment map, the segment table, how many moved by the end of the second quarter, and a template
 * whose win-back stage takes the "Can't Lose Them" customers. Run it with {@code java -cp
 * lifecycle-examples/target/lifecycle-demo.jar dev.lifecycle.examples.RfmSegments}.
 */
public final class RfmSegments {
    private RfmSegments() {}

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
        // rfm-segments:begin
        Instant q1 = Instant.parse("1998-04-01T00:00:00Z");
        Instant q2 = Instant.parse("1998-07-01T00:00:00Z");
        // Recency (days since the last order), frequency (orders) and revenue of every customer at the end of Q1
        RfmValues atQ1 = RfmValues.fromEvents(events, q1, ZoneOffset.UTC);
        // Scores 1 to 5 by rank: 1 + floor(5 x customers below / customers), ties sharing a score
        RfmScale quintiles = RfmScale.quintiles(atQ1);
        out.println(quintiles.describe(Dimension.RECENCY));
        Segmentation q1Segments = Segmentation.of(atQ1, quintiles, SegmentMap.tenSegments());
        for (SegmentSummary row : q1Segments.summaries()) {
            out.printf(
                    Locale.ROOT,
                    "%-20s %6d customers %6d orders %11s USD%n",
                    row.segment(),
                    row.customers(),
                    row.orders(),
                    row.revenue().toPlainString());
        }

        // The same customers at the end of Q2, on Q1's breakpoints: who moved where
        RfmValues atQ2 = RfmValues.fromEvents(events, q2, ZoneOffset.UTC);
        Segmentation q2Segments = Segmentation.of(atQ2, quintiles, SegmentMap.tenSegments());
        SegmentMigration moves = SegmentMigration.between(q1Segments, q2Segments);
        out.println("Champions who were still Champions: " + moves.count("Champions", "Champions")
                + ", now About To Sleep: " + moves.count("Champions", "About To Sleep"));

        // In a template: "Can't Lose Them" customers (on Q1's breakpoints) go to a win-back stage
        Condition cantLoseThem = RfmConditions.inSegment("Can't Lose Them", quintiles);
        LifecycleTemplate withWinBack = Templates.fiveStage().toBuilder()
                .name("five-stage-win-back")
                .addStage(Stage.builder("winning-back")
                        .name("Winning back")
                        .sideStage(true)
                        .build())
                .addRule(TransitionRule.builder("cant-lose-them")
                        .from("conversion", "retention", "advocacy")
                        .to("winning-back")
                        .when(cantLoseThem)
                        .priority(20) // below the forward rules (30), above the 180-day lapse (10)
                        .build())
                .build();
        LifecycleClassifier classifier = LifecycleClassifier.of(withWinBack);
        ProfileTable customers = ProfileTable.fromEvents(events);
        long winningBack = 0;
        CustomerProfile example = null;
        for (CustomerProfile customer : customers.profiles()) {
            if (classifier.classify(customer, q2).stage().id().equals("winning-back")) {
                winningBack++;
                example = example == null ? customer : example;
            }
        }
        out.println(winningBack + " customers to win back at the end of Q2");
        if (example != null) {
            out.println(example.customerId() + ": " + cantLoseThem.evidence(example, q2));
        }
        // rfm-segments:end
    }
}
