package dev.lifecycle.examples;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.EventBatch;
import dev.lifecycle.core.EventType;
import dev.lifecycle.examples.data.BundledData;
import dev.lifecycle.examples.data.OnlineShoppersSessions;
import dev.lifecycle.metrics.abtest.ProportionTest;
import dev.lifecycle.metrics.cohort.CohortPeriod;
import dev.lifecycle.metrics.funnel.EventFunnel;
import dev.lifecycle.metrics.funnel.Funnel;
import dev.lifecycle.metrics.funnel.FunnelAnalysis;
import dev.lifecycle.metrics.funnel.FunnelBreakdown;
import dev.lifecycle.metrics.funnel.FunnelEntry;
import dev.lifecycle.metrics.funnel.FunnelOrder;
import dev.lifecycle.metrics.funnel.FunnelStep;
import dev.lifecycle.metrics.funnel.FunnelTrend;
import dev.lifecycle.metrics.funnel.TimeToConvert;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The README's "Funnel modes, breakdowns and trends": on the 12,330 real sessions of the bundled Online Shoppers data,
 * an ordered and a strict funnel, an optional step, an exclusion, an unordered funnel, a breakdown by visitor type,
 * the conversion per month with the test against the month before and the sessions that dropped off; on the bundled
 * CDNOW orders, bursts of three orders each within 30 days of the last (maximum gaps), entered at the first order or
 * at whichever order goes furthest. Run it with {@code java -cp lifecycle-examples/target/lifecycle-demo.jar
 * dev.lifecycle.examples.FunnelModes}.
 */
public final class FunnelModes {
    private FunnelModes() {}

    /**
     * Runs the example and prints to standard output.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(System.out);
    }

    static void run(PrintStream out) {
        OnlineShoppersSessions sessions = OnlineShoppersSessions.read();
        List<CustomerEvent> events = sessions.events();
        EventBatch orders = BundledData.bundledCdnowBatch().batch();
        // funnel-modes:begin
        Duration hour = Duration.ofHours(1);
        // Ordered (the default): a visit, then a purchase; other events may come between.
        EventFunnel ordered = EventFunnel.builder(hour)
                .stepOfType("visit", EventType.SITE_VISIT)
                .stepOfType("purchase", EventType.PURCHASE)
                .build();
        // Strict: the purchase must be the very next event after the visit.
        EventFunnel strict = EventFunnel.builder(hour)
                .order(FunnelOrder.STRICT)
                .stepOfType("visit", EventType.SITE_VISIT)
                .stepOfType("purchase", EventType.PURCHASE)
                .build();
        // An optional step: taken when it is on the way, and counted.
        EventFunnel viaView = EventFunnel.builder(hour)
                .stepOfType("visit", EventType.SITE_VISIT)
                .stepOfType("product view", EventType.PRODUCT_VIEW)
                .optional()
                .stepOfType("purchase", EventType.PURCHASE)
                .build();
        // An exclusion: sessions with a product view after the visit (and before the purchase, or within the window
        // when there is none) count nowhere.
        EventFunnel noView = EventFunnel.builder(hour)
                .stepOfType("visit", EventType.SITE_VISIT)
                .stepOfType("purchase", EventType.PURCHASE)
                .exclude("viewed a product", EventType.PRODUCT_VIEW, "visit", "purchase")
                .build();
        // Unordered: any one, then any two of the steps, in either order.
        EventFunnel anyOrder = EventFunnel.builder(hour)
                .order(FunnelOrder.UNORDERED)
                .stepOfType("purchase", EventType.PURCHASE)
                .stepOfType("product view", EventType.PRODUCT_VIEW)
                .build();

        FunnelAnalysis analysis = ordered.analyse(events);
        out.println("ordered:   " + counts(analysis.funnel()));
        out.println("strict:    " + counts(strict.evaluate(events)));
        FunnelAnalysis withView = viaView.analyse(events);
        out.println("optional:  " + counts(withView.funnel()) + ", " + withView.stepCount("product view")
                + " of the buyers through a product view");
        FunnelAnalysis excluded = noView.analyse(events);
        out.println("excluding: " + counts(excluded.funnel()) + ", " + excluded.excludedCount() + " excluded");
        out.println("unordered: " + counts(anyOrder.evaluate(events)));

        // By visitor type, a property of the session: the two largest groups kept, the rest in (other).
        FunnelBreakdown byVisitor = analysis.breakdownByCustomer(sessions::visitorType, 2);
        for (FunnelBreakdown.Group group : byVisitor.groups()) {
            out.println(group.value() + ": " + counts(group.analysis().funnel()));
        }

        // Per month of the visit, each month against the one before (two-proportion z-test).
        FunnelTrend byMonth = analysis.byEntryPeriod(CohortPeriod.MONTH);
        for (FunnelTrend.Change change : byMonth.changes()) {
            ProportionTest test = change.test();
            out.printf(
                    Locale.ROOT,
                    "%s: %d of %d bought%s%n",
                    change.current().toString().substring(0, 7),
                    test.conversionsB(),
                    test.usersB(),
                    test.isTestable()
                            ? String.format(
                                    Locale.ROOT,
                                    " (%+.1f points on the month before, p = %.3g)",
                                    100
                                            * (test.rateB().orElseThrow()
                                                    - test.rateA().orElseThrow()),
                                    test.pValue())
                            : " (not testable)");
        }
        List<String> dropped = analysis.droppedBefore("purchase");
        out.println(dropped.size() + " sessions left without buying, first " + dropped.subList(0, 3));

        // CDNOW: three orders, each at most 30 days after the one before, within 18 months of the first.
        EventFunnel.Builder burst = EventFunnel.builder(Duration.ofDays(548))
                .stepOfType("order", EventType.PURCHASE)
                .stepOfType("second order", EventType.PURCHASE)
                .maxGap(Duration.ofDays(30))
                .stepOfType("third order", EventType.PURCHASE)
                .maxGap(Duration.ofDays(30));
        FunnelAnalysis fromFirst = burst.build().analyse(orders);
        FunnelAnalysis fromAny = burst.entry(FunnelEntry.LONGEST).build().analyse(orders);
        out.println("from the first order: " + counts(fromFirst.funnel()));
        out.println("from any order:       " + counts(fromAny.funnel()));
        TimeToConvert second = fromAny.timeToStep("second order");
        out.printf(
                Locale.ROOT,
                "days to the second order: median %d, p75 %d, p90 %d%n",
                second.median().orElseThrow().toDays(),
                second.percentile(75).orElseThrow().toDays(),
                second.p90().orElseThrow().toDays());
        // funnel-modes:end
    }

    /** The step counts of a funnel, as {@code 12330 -> 1908}. */
    static String counts(Funnel funnel) {
        StringBuilder text = new StringBuilder();
        for (FunnelStep step : funnel.steps()) {
            text.append(text.length() == 0 ? "" : " -> ").append(step.count());
        }
        return text.toString();
    }
}
