package dev.lifecycle.examples;

import dev.lifecycle.core.EventBatch;
import dev.lifecycle.core.LifecycleTemplate;
import dev.lifecycle.core.LifecycleTracker;
import dev.lifecycle.core.MoveMatrix;
import dev.lifecycle.core.StageFlow;
import dev.lifecycle.core.SupportedInstants;
import dev.lifecycle.metrics.report.ReportFlow;
import dev.lifecycle.metrics.report.ReportHeatmap;
import dev.lifecycle.metrics.report.ReportSection;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The demo's stage flow over the year before asOf, from a tracker fed every event up to asOf: each customer's stage a
 * year before asOf against their stage at asOf, and every move in between, for the text output, the JSON and the
 * report.
 */
final class DemoStageFlow {
    private final @Nullable StageFlow flow;
    private final long notApplied;
    private final String notMeasured;

    private DemoStageFlow(@Nullable StageFlow flow, long notApplied, String notMeasured) {
        this.flow = flow;
        this.notApplied = notApplied;
        this.notMeasured = notMeasured;
    }

    /**
     * Feeds a tracker of the template every event up to {@code asOf}, advances it to {@code asOf} and takes its flow
     * from a year before (or the first supported instant, if later) to {@code asOf}.
     *
     * @param upToAsOf the events up to {@code asOf}
     * @param template the template the customers are classified with
     * @param asOf the end of the flow
     * @return the flow, or the reason there is none when no instant before {@code asOf} is supported
     */
    static DemoStageFlow of(EventBatch upToAsOf, LifecycleTemplate template, Instant asOf) {
        Instant yearBefore = asOf.atZone(ZoneOffset.UTC).minusYears(1).toInstant();
        Instant from = SupportedInstants.isSupported(yearBefore) ? yearBefore : SupportedInstants.FIRST;
        if (!from.isBefore(asOf)) {
            return new DemoStageFlow(
                    null, 0, "stage flow not measured: asOf " + asOf + " is the first supported instant");
        }
        // an event the tracker cannot apply (another currency than the customer's earlier amounts) is counted, not
        // logged: the classification's figures leave it out the same way
        AtomicLong notApplied = new AtomicLong();
        LifecycleTracker tracker = LifecycleTracker.builder(template)
                .onRejected((event, reason) -> notApplied.incrementAndGet())
                .build();
        tracker.acceptAll(upToAsOf.events());
        tracker.advanceTo(asOf);
        return new DemoStageFlow(tracker.flow(from, asOf), notApplied.get(), "");
    }

    /** Prints the customers' rows and the moves, each row with its customers, and the moves by count. */
    void print(PrintStream out) {
        StageFlow f = flow;
        if (f == null) {
            out.println(notMeasured);
            return;
        }
        out.println("stage flow from " + f.from() + " to " + f.to() + " from a tracker's histories"
                + (notApplied == 0 ? "" : " (" + notApplied + " events it could not apply left out)")
                + ": customers by stage at the start -> at the end");
        MoveMatrix customers = f.customers();
        for (int row = 0; row < customers.rows().size(); row++) {
            if (customers.rowTotal(row) == 0) {
                continue;
            }
            StringBuilder line = new StringBuilder(String.format(
                    Locale.ROOT, "  %-15s %7d ->", customers.rows().get(row), customers.rowTotal(row)));
            for (int column = 0; column < customers.columns().size(); column++) {
                if (customers.count(row, column) > 0) {
                    line.append(String.format(
                            Locale.ROOT,
                            " %s %d (%.1f%%)",
                            customers.columns().get(column),
                            customers.count(row, column),
                            100 * customers.rowShare(row, column).orElseThrow()));
                }
            }
            out.println(line);
        }
        MoveMatrix moves = f.moves();
        long total = 0;
        List<String> cells = new ArrayList<>();
        for (int row = 0; row < moves.rows().size(); row++) {
            total += moves.rowTotal(row);
            for (int column = 0; column < moves.columns().size(); column++) {
                if (moves.count(row, column) > 0) {
                    cells.add(moves.rows().get(row) + " -> " + moves.columns().get(column) + " "
                            + moves.count(row, column));
                }
            }
        }
        out.println("  " + total + " moves in between, every intermediate one counted: " + String.join(", ", cells));
    }

    /** {@return the flow for the demo's JSON: instants, labels and both matrices, or the reason there is none} */
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        StageFlow f = flow;
        if (f == null) {
            json.put("notMeasured", notMeasured);
            return json;
        }
        json.put("from", f.from().toString());
        json.put("to", f.to().toString());
        json.put("stages", f.customers().rows());
        json.put("customers", counts(f.customers()));
        json.put("moves", counts(f.moves()));
        json.put("eventsNotApplied", notApplied);
        return json;
    }

    /** {@return the report's section: the customers' flow as a chart with its matrix, and the moves as a heatmap} */
    ReportSection section() {
        ReportSection.Builder section = ReportSection.builder("stage-flow", "Stage flow");
        StageFlow f = flow;
        if (f == null) {
            return section.paragraph(notMeasured).build();
        }
        String from = f.from().toString();
        String to = f.to().toString();
        section.paragraph("Each customer's stage at " + f.from() + " (left) against their stage at " + f.to()
                + " (right), read from a tracker's histories; " + MoveMatrix.NONE + " on the left is the customers"
                + " first seen in between. The moves count every stage change in between, intermediate ones included,"
                + " a first sight as a move from " + MoveMatrix.NONE + ": so for each stage, the customers at the end"
                + " minus those at the start are the moves in minus the moves out. Each cell prints its share of its"
                + " row.");
        return section.flow(ReportFlow.of(
                        "Customers from their stage at " + from + " to their stage at " + to, from, to, f.customers()))
                .heatmap(ReportHeatmap.of(
                                "Moves between stages after " + from + " up to " + to,
                                "stage left \\ entered",
                                f.moves().rows(),
                                f.moves().columns(),
                                counts(f.moves()))
                        .withRowShares(true))
                .build();
    }

    /** {@return a move matrix's counts, row by row} */
    static List<List<Long>> counts(MoveMatrix m) {
        List<List<Long>> counts = new ArrayList<>();
        for (int row = 0; row < m.rows().size(); row++) {
            List<Long> line = new ArrayList<>();
            for (int column = 0; column < m.columns().size(); column++) {
                line.add(m.count(row, column));
            }
            counts.add(line);
        }
        return counts;
    }
}
