package dev.lifecycle.examples;

import dev.lifecycle.core.EventBatch;
import dev.lifecycle.core.EventType;
import dev.lifecycle.examples.data.BundledData;
import dev.lifecycle.metrics.cohort.CohortPeriod;
import dev.lifecycle.metrics.cohort.CohortRetention;
import dev.lifecycle.metrics.cohort.RetentionOptions;
import dev.lifecycle.metrics.cohort.RetentionOptions.Bracket;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The README's "Retention options": the bundled CDNOW customers' monthly cohorts by first order, with retention in
 * brackets of months, relative to the bracket before, and revenue retention. Run it with {@code java -cp
 * lifecycle-examples/target/lifecycle-demo.jar dev.lifecycle.examples.RetentionViews}.
 */
public final class RetentionViews {
    private RetentionViews() {}

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
        // retention-views:begin
        RetentionOptions options = RetentionOptions.builder()
                .cohortTypes(Set.of(EventType.PURCHASE)) // a cohort is the month of the first order
                .returnTypes(Set.of(EventType.PURCHASE)) // a return is an order; revenue is its amount
                .brackets(List.of(
                        new Bracket(0, 0),
                        new Bracket(1, 2),
                        new Bracket(3, 5),
                        new Bracket(6, 11),
                        new Bracket(12, 17)))
                .build();
        CohortRetention table =
                CohortRetention.of(events, CohortPeriod.MONTH, Instant.parse("1998-07-01T00:00:00Z"), options);
        out.print(table.toBracketTable(CohortRetention.Measure.BOUNDED_RETENTION));
        out.print(table.toBracketTable(CohortRetention.Measure.PREVIOUS_PERIOD_RETENTION));
        out.print(table.toBracketTable(CohortRetention.Measure.REVENUE_RETENTION));
        // retention-views:end
    }
}
