package dev.lifecycle.examples;

import dev.lifecycle.core.CustomerProfile;
import dev.lifecycle.core.LifecycleClassifier;
import dev.lifecycle.core.StageDistribution;
import dev.lifecycle.core.Templates;
import dev.lifecycle.metrics.abtest.ProportionTest;
import dev.lifecycle.metrics.funnel.Funnel;
import dev.lifecycle.metrics.funnel.FunnelStep;
import dev.lifecycle.metrics.nps.NetPromoterScore;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The metrics tour of docs/metrics-guide.md: a funnel from a stage distribution, an NPS with its interval and an A/B test of stage
 * conversion. Run it with {@code java -cp lifecycle-examples/target/lifecycle-demo.jar
 * dev.lifecycle.examples.MetricsTour}.
 */
public final class MetricsTour {
    private MetricsTour() {}

    /**
     * Runs the example and prints to standard output.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(System.out);
    }

    static void run(PrintStream out) {
        Instant asOf = Instant.parse("2026-06-01T00:00:00Z");
        // 1,000 made-up customers: a third only looked around, the rest ordered once or twice, a few referred.
        List<CustomerProfile> customers = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            CustomerProfile.Builder customer = CustomerProfile.builder("c" + i).productViews(i % 3 == 0 ? 0 : 2);
            int orders = i % 3 == 0 ? 0 : i % 3 == 1 ? 1 : 2;
            if (orders > 0) {
                customer.orderCount(orders).lastOrderAt(asOf.minus(Duration.ofDays(i % 240)));
            }
            customers.add(customer.referralCount(i % 20 == 5 ? 1 : 0).build());
        }
        // metrics:begin
        StageDistribution pipeline =
                LifecycleClassifier.of(Templates.fiveStage()).classifyAll(customers, asOf);
        Funnel funnel = Funnel.fromDistribution(pipeline);
        for (FunnelStep step : funnel.steps()) {
            out.printf(
                    Locale.ROOT,
                    "%-13s %4d  from previous %5.1f%%  drop-off %4d%n",
                    step.name(),
                    step.count(),
                    100 * step.fromPrevious().requireValue(),
                    step.dropOffCount());
        }
        funnel.biggestDropOff().ifPresent(step -> out.println("biggest drop-off before " + step.name()));

        NetPromoterScore nps = NetPromoterScore.ofCounts(50, 30, 20);
        var interval = nps.adjustedWaldInterval(0.95);
        out.printf(
                Locale.ROOT, "NPS %.0f, 95%% interval %.2f to %.2f%n", nps.score(), interval.lower(), interval.upper());

        ProportionTest test = ProportionTest.compare(200, 1000, 240, 1000);
        out.printf(
                Locale.ROOT,
                "A/B: z = %.4f, p = %.4f, chance B beats A %.1f%%%n",
                test.z(),
                test.pValue(),
                100 * test.chanceBBeatsA());
        // metrics:end
    }
}
