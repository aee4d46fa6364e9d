package dev.lifecycle.examples;

import dev.lifecycle.core.EventBatch;
import dev.lifecycle.metrics.report.ReportChart;
import dev.lifecycle.metrics.report.ReportHeatmap;
import dev.lifecycle.metrics.report.ReportSection;
import dev.lifecycle.rfm.RfmScale;
import dev.lifecycle.rfm.RfmValues;
import dev.lifecycle.rfm.SegmentMap;
import dev.lifecycle.rfm.SegmentMigration;
import dev.lifecycle.rfm.SegmentSummary;
import dev.lifecycle.rfm.Segmentation;
import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The demo's RFM segments: every customer with a purchase up to {@code asOf} scored in quintiles by rank and placed in
 * the ten-segment map, the segment table, and the migration between the ends of the last two whole quarters, each
 * end scored on its own quintiles (where the customers stand among the customers of that day). An input the values
 * refuse (amounts in two currencies) or without purchases has no segments, and the reason is printed instead.
 */
final class DemoSegments {
    /** The most moves between segments listed in the text output. */
    static final int MOVES_SHOWN = 8;

    private final @Nullable String notMeasured;
    private final @Nullable Segmentation segmentation;
    private final @Nullable SegmentMigration migration;
    private final @Nullable String migrationNotMeasured;
    private final LocalDate fromEnd;
    private final LocalDate toEnd;

    private DemoSegments(
            @Nullable String notMeasured,
            @Nullable Segmentation segmentation,
            @Nullable SegmentMigration migration,
            @Nullable String migrationNotMeasured,
            LocalDate fromEnd,
            LocalDate toEnd) {
        this.notMeasured = notMeasured;
        this.segmentation = segmentation;
        this.migration = migration;
        this.migrationNotMeasured = migrationNotMeasured;
        this.fromEnd = fromEnd;
        this.toEnd = toEnd;
    }

    /**
     * Segments the customers at {@code asOf} and at the ends of the last two whole quarters.
     *
     * @param upToAsOf the events before {@code asOf}
     * @param asOf the instant of the figures
     * @return the segments, or the reason there are none
     */
    static DemoSegments of(EventBatch upToAsOf, Instant asOf) {
        LocalDate day = LocalDate.ofInstant(asOf, ZoneOffset.UTC);
        LocalDate toEnd = LocalDate.of(day.getYear(), (day.getMonthValue() - 1) / 3 * 3 + 1, 1);
        LocalDate fromEnd = toEnd.minusMonths(3);
        Segmentation now;
        try {
            now = segment(upToAsOf, asOf);
        } catch (IllegalArgumentException e) {
            return new DemoSegments("RFM segments not measured: " + e.getMessage(), null, null, null, fromEnd, toEnd);
        }
        if (now == null) {
            return new DemoSegments(
                    "RFM segments not measured: no customer has a purchase before asOf",
                    null,
                    null,
                    null,
                    fromEnd,
                    toEnd);
        }
        Segmentation from = segment(upToAsOf, start(fromEnd));
        Segmentation to = segment(upToAsOf, start(toEnd));
        if (from == null || to == null) {
            return new DemoSegments(
                    null,
                    now,
                    null,
                    "migration not measured: no customer had a purchase by the end of " + quarter(fromEnd),
                    fromEnd,
                    toEnd);
        }
        return new DemoSegments(null, now, SegmentMigration.between(from, to), null, fromEnd, toEnd);
    }

    private static @Nullable Segmentation segment(EventBatch events, Instant at) {
        RfmValues values = RfmValues.fromBatch(events, at, ZoneOffset.UTC);
        return values.size() == 0
                ? null
                : Segmentation.of(values, RfmScale.quintiles(values), SegmentMap.tenSegments());
    }

    private static Instant start(LocalDate quarter) {
        return quarter.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The quarter that ends where {@code end} starts, as in {@code 1998 Q2}. */
    private static String quarter(LocalDate end) {
        LocalDate start = end.minusMonths(3);
        return start.getYear() + " Q" + ((start.getMonthValue() - 1) / 3 + 1);
    }

    private String tableLine() {
        Segmentation s = Objects.requireNonNull(segmentation);
        return String.format(
                Locale.ROOT,
                "RFM segments of %d customers at asOf: quintiles by rank (1 + floor(5 x customers below / customers)),"
                        + " %s",
                s.size(),
                s.map().name());
    }

    private String migrationLine(SegmentMigration m) {
        long total = 0;
        long newCustomers = 0;
        int lastRow = m.rows().size() - 1;
        for (int row = 0; row <= lastRow; row++) {
            for (int column = 0; column < m.columns().size(); column++) {
                total += m.count(row, column);
                newCustomers += row == lastRow ? m.count(row, column) : 0;
            }
        }
        return String.format(
                Locale.ROOT,
                "migration from the end of %s to the end of %s (each scored on its own quintiles): %d of %d customers"
                        + " kept their segment, %d were new",
                quarter(fromEnd),
                quarter(toEnd),
                m.stayed(),
                total - newCustomers,
                newCustomers);
    }

    /** The largest moves between two different segments, largest first (ties in table order). */
    private static List<String> moves(SegmentMigration m) {
        List<long[]> cells = new ArrayList<>();
        for (int row = 0; row < m.rows().size(); row++) {
            for (int column = 0; column < m.columns().size(); column++) {
                if (!m.rows().get(row).equals(m.columns().get(column)) && m.count(row, column) > 0) {
                    cells.add(new long[] {m.count(row, column), row, column});
                }
            }
        }
        cells.sort(Comparator.comparingLong((long[] c) -> -c[0]));
        List<String> lines = new ArrayList<>();
        for (long[] cell : cells.subList(0, Math.min(MOVES_SHOWN, cells.size()))) {
            lines.add(String.format(
                    Locale.ROOT,
                    "%-40s %7d",
                    m.rows().get((int) cell[1]) + " -> " + m.columns().get((int) cell[2]),
                    cell[0]));
        }
        return lines;
    }

    void print(PrintStream out) {
        Segmentation s = segmentation;
        if (s == null) {
            out.println(notMeasured);
            return;
        }
        out.println(tableLine());
        out.printf(
                Locale.ROOT, "  %-20s %9s %8s %13s %10s%n", "segment", "customers", "orders", "revenue", "per order");
        for (SegmentSummary row : s.summaries()) {
            out.printf(
                    Locale.ROOT,
                    "  %-20s %9d %8d %13s %10s%n",
                    row.segment(),
                    row.customers(),
                    row.orders(),
                    row.revenue().toPlainString(),
                    row.averageOrderValue().toPlainString());
        }
        SegmentMigration m = migration;
        if (m == null) {
            out.println("  " + migrationNotMeasured);
            return;
        }
        out.println("  " + migrationLine(m) + "; the largest moves:");
        for (String line : moves(m)) {
            out.println("    " + line);
        }
    }

    /** {@return the figures for the demo's JSON; {@code "notMeasured"} with the reason when there are none} */
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        Segmentation s = segmentation;
        if (s == null) {
            json.put("notMeasured", notMeasured);
            return json;
        }
        json.put("binning", "RANKS");
        json.put("scores", s.scale().scores());
        json.put("segmentMap", s.map().name());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (SegmentSummary row : s.summaries()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("segment", row.segment());
            r.put("customers", row.customers());
            r.put("orders", row.orders());
            r.put("revenue", row.revenue().toPlainString());
            rows.add(r);
        }
        json.put("segments", rows);
        SegmentMigration m = migration;
        if (m == null) {
            json.put("migrationNotMeasured", migrationNotMeasured);
            return json;
        }
        Map<String, Object> moves = new LinkedHashMap<>();
        moves.put("from", start(fromEnd).toString());
        moves.put("to", start(toEnd).toString());
        moves.put("rows", m.rows());
        moves.put("columns", m.columns());
        moves.put("counts", counts(m));
        json.put("migration", moves);
        return json;
    }

    private static List<List<Long>> counts(SegmentMigration m) {
        return DemoStageFlow.counts(m.matrix());
    }

    /** {@return the report's section: the segment table as a chart, and the migration as a heatmap} */
    ReportSection section() {
        ReportSection.Builder section = ReportSection.builder("segments", "RFM segments");
        Segmentation s = segmentation;
        if (s == null) {
            return section.paragraph(String.valueOf(notMeasured)).build();
        }
        section.paragraph(tableLine() + ". Recency counts days since the last order, frequency the orders, monetary"
                + " their total; a customer is in the first segment whose score ranges hold its scores.");
        List<String> labels = new ArrayList<>();
        List<List<Double>> values = new ArrayList<>();
        for (SegmentSummary row : s.summaries()) {
            labels.add(row.segment());
            values.add(List.of((double) row.customers()));
            section.figure(
                    row.segment(),
                    String.format(
                            Locale.ROOT,
                            "%d customers, %d orders, revenue %s, %s per order",
                            row.customers(),
                            row.orders(),
                            row.revenue().toPlainString(),
                            row.averageOrderValue().toPlainString()));
        }
        section.chart(ReportChart.of("Customers by segment at asOf", List.of("customers"), labels, values, 0));
        SegmentMigration m = migration;
        if (m == null) {
            return section.paragraph(String.valueOf(migrationNotMeasured)).build();
        }
        return section.paragraph(migrationLine(m) + ". Each row is where customers were at the end of "
                        + quarter(fromEnd) + ", each column where they were at the end of " + quarter(toEnd)
                        + "; " + SegmentMigration.NONE + " is the customers one of the two days does not have; a cell"
                        + " is shaded by its share of its row.")
                .heatmap(ReportHeatmap.of(
                        "Customers from segment (rows, end of " + quarter(fromEnd) + ") to segment (columns, end"
                                + " of " + quarter(toEnd) + ")",
                        "from \\ to",
                        m.rows(),
                        m.columns(),
                        counts(m)))
                .build();
    }
}
