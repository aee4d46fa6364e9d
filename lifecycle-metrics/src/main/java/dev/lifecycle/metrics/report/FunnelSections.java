package dev.lifecycle.metrics.report;

import static java.util.Objects.requireNonNull;

import dev.lifecycle.metrics.Interval;
import dev.lifecycle.metrics.abtest.ProportionTest;
import dev.lifecycle.metrics.funnel.Funnel;
import dev.lifecycle.metrics.funnel.FunnelBreakdown;
import dev.lifecycle.metrics.funnel.FunnelStep;
import dev.lifecycle.metrics.funnel.FunnelTrend;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Report sections for an event funnel's breakdown and its conversion over time: the one place that turns a {@link
 * FunnelBreakdown} or a {@link FunnelTrend} into charts and figures, so that every report shows them alike.
 *
 * <p>Conversion here is the share of step 1's customers who reached the funnel's last required step ({@link
 * FunnelStep#fromTop()} of the last step). A group or period without customers shows 0 in the charts and {@code n/a}
 * in the figures. Stateless.
 */
public final class FunnelSections {
    private static final double LEVEL = 0.95;

    private FunnelSections() {}

    /**
     * Returns a section with the funnel of each group of a breakdown: a chart of the customers who entered and who
     * converted per group, a chart of each group's conversion, and the conversion with its 95% Wilson interval as a
     * figure per group.
     *
     * @param id the section's id
     * @param heading the section's heading
     * @param breakdown the breakdown, at most {@link ReportChart#MAX_LABELS} groups
     * @return the section
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the id or heading is not valid for a {@link ReportSection}, or the breakdown
     *     has more groups than a chart can show
     */
    public static ReportSection breakdown(String id, String heading, FunnelBreakdown breakdown) {
        requireNonNull(breakdown, "breakdown");
        List<String> labels = new ArrayList<>();
        List<List<Double>> counts = new ArrayList<>();
        List<List<Double>> rates = new ArrayList<>();
        ReportSection.Builder section = ReportSection.builder(id, heading);
        String last = "";
        for (FunnelBreakdown.Group group : breakdown.groups()) {
            Funnel funnel = group.analysis().funnel();
            FunnelStep top = funnel.steps().get(0);
            FunnelStep end = funnel.steps().get(funnel.steps().size() - 1);
            last = end.name();
            labels.add(group.value());
            counts.add(List.of((double) top.count(), (double) end.count()));
            rates.add(List.of(100 * end.fromTop().value().orElse(0)));
            section.figure(group.value(), withInterval(conversion(end.count(), top.count()), end));
        }
        if (labels.isEmpty()) {
            return section.paragraph("No customer entered the funnel.").build();
        }
        return section.chart(
                        ReportChart.of("Customers per group", List.of("entered", "reached " + last), labels, counts, 0))
                .chart(ReportChart.of(
                        "Conversion into " + last + " per group, %", List.of("conversion"), labels, rates, 1))
                .build();
    }

    /**
     * Returns a section with the funnel per period of entry: a chart of each period's conversion, and for each period
     * after the first a figure with its conversion, the change from the period before in percentage points with the
     * 95% interval of the difference, and the two-sided p-value of the two-proportion test (or why there is none).
     *
     * @param id the section's id
     * @param heading the section's heading
     * @param trend the funnel per period; of more than {@link ReportChart#MAX_LABELS} periods the latest are shown,
     *     and a paragraph says so
     * @return the section
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the id or heading is not valid for a {@link ReportSection}
     */
    public static ReportSection trend(String id, String heading, FunnelTrend trend) {
        requireNonNull(trend, "trend");
        ReportSection.Builder section = ReportSection.builder(id, heading);
        if (trend.points().isEmpty()) {
            return section.paragraph("No customer entered the funnel.").build();
        }
        List<FunnelTrend.Point> points = trend.points();
        int from = Math.max(0, points.size() - ReportChart.MAX_LABELS);
        if (from > 0) {
            section.paragraph("The last " + ReportChart.MAX_LABELS + " of " + points.size() + " periods.");
        }
        List<String> labels = new ArrayList<>();
        List<List<Double>> rates = new ArrayList<>();
        String last = "";
        for (FunnelTrend.Point point : points.subList(from, points.size())) {
            Funnel funnel = point.analysis().funnel();
            FunnelStep end = funnel.steps().get(funnel.steps().size() - 1);
            last = end.name();
            labels.add(point.start().toString());
            rates.add(List.of(100 * end.fromTop().value().orElse(0)));
        }
        for (FunnelTrend.Change change : trend.changes()) {
            if (!change.step().equals(last)
                    || change.current().isBefore(points.get(from).start())) {
                continue;
            }
            ProportionTest test = change.test();
            String now = conversion(test.conversionsB(), test.usersB());
            String text = now + "; " + (test.isTestable() ? difference(test) : "no test: " + untestable(test));
            section.figure(change.current() + " against " + change.previous(), text);
        }
        return section.chart(ReportChart.of(
                        "Conversion into " + last + " by period of entry, %", List.of("conversion"), labels, rates, 1))
                .build();
    }

    private static String conversion(long converted, long entered) {
        if (entered == 0) {
            return "n/a (no customer entered)";
        }
        return String.format(Locale.ROOT, "%.1f%% (%d of %d)", 100.0 * converted / entered, converted, entered);
    }

    /** The conversion's text followed by the Wilson 95% interval of the step's conversion from the top, if defined. */
    private static String withInterval(String conversion, FunnelStep end) {
        return end.fromTop()
                .wilson(LEVEL)
                .map(w -> conversion
                        + String.format(Locale.ROOT, ", 95%% CI %.1f%% to %.1f%%", 100 * w.lower(), 100 * w.upper()))
                .orElse(conversion);
    }

    /** Why a test has no z: a period without customers, or no difference in kind to test. */
    private static String untestable(ProportionTest test) {
        if (test.usersA() == 0 || test.usersB() == 0) {
            return "a period without customers";
        }
        return test.conversionsA() == 0 && test.conversionsB() == 0
                ? "nobody converted in either period"
                : "everybody converted in both periods";
    }

    private static String difference(ProportionTest test) {
        Interval interval = test.differenceInterval(LEVEL);
        double points = 100 * (test.rateB().orElseThrow() - test.rateA().orElseThrow());
        return String.format(
                Locale.ROOT,
                "%+.1f points (95%% CI %+.1f to %+.1f), p = %.3g",
                points,
                100 * interval.lower(),
                100 * interval.upper(),
                test.pValue());
    }
}
