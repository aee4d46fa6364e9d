package dev.lifecycle.examples;

import dev.lifecycle.core.EventType;
import dev.lifecycle.examples.data.OnlineShoppersSessions;
import dev.lifecycle.metrics.funnel.EventFunnel;
import dev.lifecycle.metrics.funnel.Funnel;
import dev.lifecycle.metrics.funnel.FunnelStep;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * The pre-purchase funnel of docs/metrics-guide.md: visit, product view, purchase, over the 12,330 real sessions of the bundled Online
 * Shoppers Purchasing Intention data (see {@link OnlineShoppersSessions}), with the conversion from the previous step
 * and from the top, the drop-off before each step and the biggest drop-off. Run it with {@code java -cp
 * lifecycle-examples/target/lifecycle-demo.jar dev.lifecycle.examples.PrePurchaseFunnel}.
 */
public final class PrePurchaseFunnel {
    private PrePurchaseFunnel() {}

    /**
     * Computes the funnel over the bundled sessions and prints it to standard output.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(System.out);
    }

    static void run(PrintStream out) {
        OnlineShoppersSessions sessions = OnlineShoppersSessions.read();
        // pre-purchase-funnel:begin
        // One customer per session; a session's events lie milliseconds apart, so an hour's window holds them all.
        Funnel funnel = EventFunnel.builder(Duration.ofHours(1))
                .stepOfType("visit", EventType.SITE_VISIT)
                .stepOfType("product view", EventType.PRODUCT_VIEW)
                .stepOfType("purchase", EventType.PURCHASE)
                .build()
                .evaluate(sessions.events());
        out.println("step          sessions  from previous  from top  drop-off");
        for (FunnelStep step : funnel.steps()) {
            out.printf(
                    Locale.ROOT,
                    "%-12s %9d  %12.1f%%  %7.1f%%  %8d%n",
                    step.name(),
                    step.count(),
                    100 * step.fromPrevious().requireValue(),
                    100 * step.fromTop().requireValue(),
                    step.dropOffCount());
        }
        funnel.biggestDropOff()
                .ifPresent(step -> out.printf(
                        Locale.ROOT,
                        "biggest drop-off: before %s, %.1f%% of the previous step%n",
                        step.name(),
                        100 * step.dropOffRate().requireValue()));
        // pre-purchase-funnel:end
        long purchases = sessions.purchases();
        out.printf(
                Locale.ROOT,
                "%d sessions; %d ended in a purchase, %d of them without a product view, which the ordered steps do"
                        + " not count%n",
                sessions.sessions(),
                purchases,
                purchases - funnel.step("purchase").count());
    }
}
