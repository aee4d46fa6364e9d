package dev.lifecycle.examples;

import dev.lifecycle.core.CustomerStages;
import dev.lifecycle.core.EventBatch;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.LifecycleClassifier;
import dev.lifecycle.core.StageDistribution;
import dev.lifecycle.core.Templates;
import dev.lifecycle.io.EventBatchFile;
import dev.lifecycle.io.EventFileReader;
import dev.lifecycle.io.Rejection;
import dev.lifecycle.metrics.cohort.CohortPeriod;
import dev.lifecycle.metrics.cohort.CohortRetention;
import dev.lifecycle.metrics.funnel.EventFunnel;
import dev.lifecycle.metrics.funnel.Funnel;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The README's fast path: from an event log on disk to every customer's stage, read by column into an {@link
 * EventBatch} and classified on all cores. Run it with {@code java -cp lifecycle-examples/target/lifecycle-demo.jar
 * dev.lifecycle.examples.FromEventLog [events.csv]}; without an argument it writes a small log of its own.
 */
public final class FromEventLog {
    /** A small log in the library's own CSV header, with one bad line to show how it is reported. */
    static final String SAMPLE = """
            customer_id,timestamp,type,amount
            ada,2026-03-02T10:15:00Z,PURCHASE,49.90
            ada,2026-05-20T18:40:00Z,PURCHASE,12.00
            ada,2026-05-21T09:00:00Z,REFERRAL,
            bob,2025-09-30T20:00:00Z,PRODUCT_VIEW,
            bob,2025-10-01T12:00:00Z,PURCHASE,19.99
            cy,2026-05-30T08:00:00Z,SITE_VISIT,
            cy,2026-05-31T08:00:00Z,CART_ADD,
            dee,2026-13-01T00:00:00Z,PURCHASE,5.00
            """;

    private FromEventLog() {}

    /**
     * Runs the example and prints to standard output.
     *
     * @param args the CSV file to read, or none for the sample log
     * @throws IOException if the file cannot be read
     */
    public static void main(String[] args) throws IOException {
        Path eventsCsv;
        if (args.length > 0) {
            eventsCsv = Path.of(args[0]);
        } else {
            eventsCsv = Files.createTempFile("events", ".csv");
            eventsCsv.toFile().deleteOnExit();
            Files.writeString(eventsCsv, SAMPLE, StandardCharsets.UTF_8);
        }
        run(System.out, eventsCsv);
    }

    static void run(PrintStream out, Path eventsCsv) {
        try {
            // from-event-log:begin
            // events.csv: customer_id,timestamp,type,amount (the library's own header; an EventMapping reads yours)
            EventBatchFile file = EventFileReader.create()
                    .withProgress(rows -> out.println(rows + " rows read"))
                    .readBatch(eventsCsv);
            out.println(file.rowsUsed() + " of " + file.rowsRead() + " rows used");
            for (Rejection rejected : file.rejections()) {
                out.println("line " + rejected.line() + ": " + rejected.reason());
            }

            EventBatch events = file.batch();
            LifecycleClassifier classifier = LifecycleClassifier.of(Templates.fiveStage());
            Instant asOf = Instant.parse("2026-06-01T00:00:00Z");
            StageDistribution distribution = classifier.classifyAllParallel(events, asOf);
            distribution.counts().forEach((stage, count) -> out.println(stage + ": " + count));

            CustomerStages stages = classifier.classifyEach(events, asOf);
            for (int customer = 0; customer < stages.size(); customer++) {
                out.println(stages.customerId(customer) + " is in "
                        + stages.stage(customer).name());
            }

            // The metrics read the same columns, on all cores too.
            Funnel funnel = EventFunnel.builder(Duration.ofDays(30))
                    .stepOfType("viewed", EventType.PRODUCT_VIEW)
                    .stepOfType("bought", EventType.PURCHASE)
                    .build()
                    .evaluate(events);
            funnel.steps().forEach(step -> out.println(step.name() + ": " + step.count()));
            CohortRetention cohorts = CohortRetention.of(events, CohortPeriod.MONTH, asOf);
            out.print(cohorts.toTable(CohortRetention.Measure.BOUNDED_RETENTION));
            // from-event-log:end
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + eventsCsv, e);
        }
    }
}
