package dev.lifecycle.examples;

import dev.lifecycle.core.CustomerStages;
import dev.lifecycle.core.EventBatch;
import dev.lifecycle.core.LifecycleClassifier;
import dev.lifecycle.core.MoveMatrix;
import dev.lifecycle.core.Templates;
import dev.lifecycle.examples.data.BundledData;
import dev.lifecycle.metrics.cohort.CohortPeriod;
import dev.lifecycle.metrics.cohort.LifecycleSeries;
import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

/**
 * The README's "Lifecycle series and stage flow": on the bundled CDNOW customers, the new, returning, resurrecting
 * and dormant customers of 1998's second quarter, month by month, and how the five-stage template's customers moved
 * between the ends of its first and second quarters. Run it with {@code java -cp
 * lifecycle-examples/target/lifecycle-demo.jar dev.lifecycle.examples.LifecycleFlows}.
 */
public final class LifecycleFlows {
    private LifecycleFlows() {}

    /**
     * Runs the example and prints to standard output.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(System.out);
    }

    static void run(PrintStream out) {
        EventBatch events = BundledData.bundledCdnowBatch().batch();
        // lifecycle-flows:begin
        Instant q1 = Instant.parse("1998-04-01T00:00:00Z");
        Instant q2 = Instant.parse("1998-07-01T00:00:00Z");

        // Per month, who ordered and how they relate to the month before.
        LifecycleSeries series = LifecycleSeries.of(events, CohortPeriod.MONTH, q2);
        for (LifecycleSeries.Point month : series.points()) {
            if (!month.start().isBefore(LocalDate.of(1998, 4, 1))) {
                out.printf(
                        Locale.ROOT,
                        "%s: %d active = %d new + %d returning (%d growing, %d shrinking) + %d resurrecting;"
                                + " %d dormant%n",
                        month.start(),
                        month.active(),
                        month.newCustomers(),
                        month.returning(),
                        month.growing(),
                        month.shrinking(),
                        month.resurrecting(),
                        month.dormant());
            }
        }

        // The stage flow: each customer's stage at the end of Q1 against the end of Q2, each from the events up to
        // then.
        LifecycleClassifier classifier = LifecycleClassifier.of(Templates.fiveStage());
        CustomerStages before = classifier.classifyEach(events.upTo(q1), q1);
        CustomerStages after = classifier.classifyEach(events.upTo(q2), q2);
        MoveMatrix flow = MoveMatrix.between(before, after);
        for (int row = 0; row < flow.rows().size(); row++) {
            if (flow.rowTotal(row) == 0) {
                continue;
            }
            StringBuilder line = new StringBuilder(String.format(
                    Locale.ROOT, "%s (%d at the end of Q1) ->", flow.rows().get(row), flow.rowTotal(row)));
            for (int column = 0; column < flow.columns().size(); column++) {
                if (flow.count(row, column) > 0) {
                    line.append(String.format(
                            Locale.ROOT,
                            " %s %d (%.1f%%)",
                            flow.columns().get(column),
                            flow.count(row, column),
                            100 * flow.rowShare(row, column).orElseThrow()));
                }
            }
            out.println(line);
        }
        out.println(flow.stayed() + " customers kept their stage");
        // lifecycle-flows:end
    }
}
