package dev.lifecycle.examples;

import static java.util.Objects.requireNonNull;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.EventBatch;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.Money;
import dev.lifecycle.metrics.abtest.ProportionTest;
import dev.lifecycle.metrics.cohort.CohortPeriod;
import dev.lifecycle.metrics.funnel.EventFunnel;
import dev.lifecycle.metrics.funnel.Funnel;
import dev.lifecycle.metrics.funnel.FunnelAnalysis;
import dev.lifecycle.metrics.funnel.FunnelBreakdown;
import dev.lifecycle.metrics.funnel.FunnelStep;
import dev.lifecycle.metrics.funnel.FunnelTrend;
import dev.lifecycle.metrics.report.FunnelSections;
import dev.lifecycle.metrics.report.ReportSection;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The demo's repeat-order funnel: a first order, a second within {@link #GAP} of it, a third within {@link #GAP} of
 * the second, all within {@link #WINDOW} of the first; by the size of the first order (first touch) and by the month
 * of the first order, each month tested against the one before; for the text output, the JSON and the report.
 */
final class DemoFunnels {
    /** The most time from one order of the funnel to the next. */
    static final Duration GAP = Duration.ofDays(90);

    /** The most time from the first order to the last of the funnel. */
    static final Duration WINDOW = Duration.ofDays(365);

    /** The funnel: orders two and three each within the gap of the one before. */
    static final EventFunnel REPEAT_ORDERS = EventFunnel.builder(WINDOW)
            .stepOfType("first order", EventType.PURCHASE)
            .stepOfType("second order", EventType.PURCHASE)
            .maxGap(GAP)
            .stepOfType("third order", EventType.PURCHASE)
            .maxGap(GAP)
            .build();

    /** The most months printed, the latest. */
    static final int MONTHS_SHOWN = 6;

    /** The bounds of the first order's size groups, in dollars; the last group is open. */
    private static final int[] SIZES = {15, 30, 60};

    private final FunnelAnalysis analysis;
    private final FunnelBreakdown bySize;
    private final FunnelTrend byMonth;

    private DemoFunnels(FunnelAnalysis analysis) {
        this.analysis = analysis;
        this.bySize = analysis.breakdownByEvent(DemoFunnels::size, FunnelBreakdown.Touch.FIRST, SIZES.length + 1);
        this.byMonth = analysis.byEntryPeriod(CohortPeriod.MONTH);
    }

    /**
     * Computes the funnel over the purchases up to asOf.
     *
     * @param upToAsOf the events before asOf
     * @return the funnel's figures
     */
    static DemoFunnels of(EventBatch upToAsOf) {
        return new DemoFunnels(REPEAT_ORDERS.analyse(upToAsOf));
    }

    /** The size group of an order by its amount: {@code under $15}, {@code $15-30}, ..., {@code $60 and over}. */
    static String size(CustomerEvent order) {
        BigDecimal dollars = order.amount().map(Money::amount).orElse(BigDecimal.ZERO);
        for (int i = 0; i < SIZES.length; i++) {
            if (dollars.compareTo(BigDecimal.valueOf(SIZES[i])) < 0) {
                return i == 0 ? "under $" + SIZES[0] : "$" + SIZES[i - 1] + "-" + SIZES[i];
            }
        }
        return "$" + SIZES[SIZES.length - 1] + " and over";
    }

    private static String counts(Funnel funnel) {
        List<String> counts = new ArrayList<>();
        for (FunnelStep step : funnel.steps()) {
            counts.add(Long.toString(step.count()));
        }
        return String.join(" -> ", counts);
    }

    private static double thirdOrderShare(Funnel funnel) {
        return 100 * funnel.steps().get(2).fromTop().value().orElse(0);
    }

    /** Prints the funnel, its groups and its months. */
    void print(PrintStream out) {
        out.println("repeat orders (the next within " + GAP.toDays() + " days, all within " + WINDOW.toDays()
                + " days): " + counts(analysis.funnel()));
        StringBuilder sizes = new StringBuilder("  by first order:");
        for (FunnelBreakdown.Group group : bySize.groups()) {
            sizes.append(String.format(
                    Locale.ROOT,
                    "%s %s %.1f%%",
                    sizes.length() == "  by first order:".length() ? "" : ",",
                    group.value(),
                    thirdOrderShare(group.analysis().funnel())));
        }
        out.println(sizes + " reach a third order");
        List<FunnelTrend.Point> points = byMonth.points();
        // each month's test of the third order's conversion against the month before
        Map<LocalDate, ProportionTest> tests = new HashMap<>();
        String third = REPEAT_ORDERS.stepNames().get(2);
        for (FunnelTrend.Change change : byMonth.changes()) {
            if (change.step().equals(third)) {
                tests.put(change.current(), change.test());
            }
        }
        int from = Math.max(0, points.size() - MONTHS_SHOWN);
        StringBuilder months = new StringBuilder(
                from == 0 ? "  by month of first order:" : "  by month of first order, the last " + MONTHS_SHOWN + ":");
        for (int i = from; i < points.size(); i++) {
            FunnelTrend.Point point = points.get(i);
            months.append(String.format(
                    Locale.ROOT,
                    "%s %s %.1f%%",
                    i == from ? "" : ",",
                    point.start().toString().substring(0, 7),
                    thirdOrderShare(point.analysis().funnel())));
            if (i > 0) {
                ProportionTest test = requireNonNull(tests.get(point.start()));
                months.append(
                        test.isTestable()
                                ? String.format(Locale.ROOT, " (p = %.2g)", test.pValue())
                                : " (not testable)");
            }
        }
        out.println(months + (points.size() > 1 ? "; p: two-proportion test against the month before" : ""));
    }

    /** {@return the funnel for the demo's JSON: counts, groups by first order size, months} */
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("steps", REPEAT_ORDERS.stepNames());
        json.put("maxGapDays", GAP.toDays());
        json.put("windowDays", WINDOW.toDays());
        json.put("counts", stepCounts(analysis.funnel()));
        Map<String, Object> sizes = new LinkedHashMap<>();
        for (FunnelBreakdown.Group group : bySize.groups()) {
            sizes.put(group.value(), stepCounts(group.analysis().funnel()));
        }
        json.put("byFirstOrderSize", sizes);
        Map<String, Object> months = new LinkedHashMap<>();
        for (FunnelTrend.Point point : byMonth.points()) {
            months.put(point.start().toString(), stepCounts(point.analysis().funnel()));
        }
        json.put("byMonthOfFirstOrder", months);
        return json;
    }

    private static List<Long> stepCounts(Funnel funnel) {
        return funnel.steps().stream().map(FunnelStep::count).toList();
    }

    /** {@return the report's section of the funnel by the size of the first order} */
    ReportSection bySizeSection() {
        return FunnelSections.breakdown(
                "repeat-orders-by-size", "Repeat orders by the size of the first order", bySize);
    }

    /** {@return the report's section of the funnel by the month of the first order} */
    ReportSection byMonthSection() {
        return FunnelSections.trend("repeat-orders-by-month", "Repeat orders by month of the first order", byMonth);
    }
}
