package dev.lifecycle.examples;

import dev.lifecycle.core.EventBatch;
import dev.lifecycle.metrics.cohort.CohortPeriod;
import dev.lifecycle.metrics.cohort.LifecycleSeries;
import dev.lifecycle.metrics.report.ReportChart;
import dev.lifecycle.metrics.report.ReportSection;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The demo's lifecycle series: per month, the customers who were new, returning (growing, steady, shrinking),
 * resurrecting and dormant, for the text output, the JSON and the report; the last {@link #MONTHS_SHOWN} months.
 */
final class DemoLifecycleSeries {
    /** The most months shown, the latest. */
    static final int MONTHS_SHOWN = 6;

    private final LifecycleSeries series;

    private DemoLifecycleSeries(LifecycleSeries series) {
        this.series = series;
    }

    /**
     * Computes the series of the purchases up to {@code asOf}.
     *
     * @param upToAsOf the events before {@code asOf}
     * @param asOf the instant of the figures
     * @return the series
     */
    static DemoLifecycleSeries of(EventBatch upToAsOf, Instant asOf) {
        return new DemoLifecycleSeries(LifecycleSeries.of(upToAsOf, CohortPeriod.MONTH, asOf));
    }

    /** {@return the months shown, oldest first} */
    List<LifecycleSeries.Point> shown() {
        List<LifecycleSeries.Point> points = series.points();
        return points.subList(Math.max(0, points.size() - MONTHS_SHOWN), points.size());
    }

    /** The month of a point, with {@code *} when it had not ended at asOf. */
    private static String month(LifecycleSeries.Point p) {
        String start = p.start().toString();
        return start.substring(0, start.length() - 3) + (p.complete() ? "" : "*");
    }

    /** Prints the series' table. */
    void print(PrintStream out) {
        out.println("monthly lifecycle series (customers with an order in the month), the last " + MONTHS_SHOWN
                + " months");
        out.printf(
                Locale.ROOT,
                "  %-8s %7s %6s %8s %7s %9s %12s %8s%n",
                "month",
                "active",
                "new",
                "growing",
                "steady",
                "shrinking",
                "resurrecting",
                "dormant");
        for (LifecycleSeries.Point p : shown()) {
            out.printf(
                    Locale.ROOT,
                    "  %-8s %7d %6d %8d %7d %9d %12d %8d%n",
                    month(p),
                    p.active(),
                    p.newCustomers(),
                    p.growing(),
                    p.steady(),
                    p.shrinking(),
                    p.resurrecting(),
                    p.dormant());
        }
    }

    /** {@return the months shown for the demo's JSON} */
    List<Map<String, Object>> toJson() {
        List<Map<String, Object>> months = new ArrayList<>();
        for (LifecycleSeries.Point p : shown()) {
            Map<String, Object> month = new LinkedHashMap<>();
            month.put("month", p.start().toString());
            month.put("complete", p.complete());
            month.put("active", p.active());
            month.put("new", p.newCustomers());
            month.put("growing", p.growing());
            month.put("steady", p.steady());
            month.put("shrinking", p.shrinking());
            month.put("resurrecting", p.resurrecting());
            month.put("dormant", p.dormant());
            months.add(month);
        }
        return months;
    }

    /** {@return the report's section: the months shown as a chart of the four groups} */
    ReportSection section() {
        ReportSection.Builder section = ReportSection.builder("lifecycle-series", "Lifecycle series");
        List<LifecycleSeries.Point> shown = shown();
        if (shown.isEmpty()) {
            return section.paragraph("No purchase at or before asOf: no lifecycle series.")
                    .build();
        }
        section.paragraph("Per month, the customers with an order in it: new (their first order), returning (an order"
                + " the month before too; growing, steady or shrinking in spend), resurrecting (back after a month or"
                + " more without one); dormant customers had an order the month before and none in it. Active = new +"
                + " returning + resurrecting; last month's active = returning + dormant. * month not ended at asOf.");
        List<String> labels = new ArrayList<>();
        List<List<Double>> values = new ArrayList<>();
        for (LifecycleSeries.Point p : shown) {
            labels.add(month(p));
            values.add(List.of((double) p.newCustomers(), (double) p.returning(), (double) p.resurrecting(), (double)
                    p.dormant()));
        }
        return section.chart(ReportChart.of(
                        "Customers per month by lifecycle",
                        List.of("new", "returning", "resurrecting", "dormant"),
                        labels,
                        values,
                        0))
                .build();
    }
}
