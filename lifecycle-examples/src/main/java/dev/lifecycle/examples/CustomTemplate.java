package dev.lifecycle.examples;

import dev.lifecycle.core.Classification;
import dev.lifecycle.core.Condition;
import dev.lifecycle.core.CustomerProfile;
import dev.lifecycle.core.FiredRule;
import dev.lifecycle.core.LifecycleClassifier;
import dev.lifecycle.core.LifecycleTemplate;
import dev.lifecycle.core.Money;
import dev.lifecycle.core.Stage;
import dev.lifecycle.core.Templates;
import dev.lifecycle.core.TransitionRule;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The custom template of docs/templates.md: the built-in buyer lifecycle with Reach split into Awareness and Interest and a VIP
 * side stage for customers who spent at least 1,000 USD within 365 days, the same template as that page's
 * {@code my-shop.yaml}, built in code. Run it with {@code java -cp lifecycle-examples/target/lifecycle-demo.jar
 * dev.lifecycle.examples.CustomTemplate}.
 */
public final class CustomTemplate {
    private CustomTemplate() {}

    /**
     * Builds the template and classifies a few customers with it, printing to standard output.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(System.out);
    }

    /** Returns the buyer lifecycle with Reach split in two and a VIP side stage, named {@code my-shop}. */
    static LifecycleTemplate myShop() {
        // custom-template:begin
        LifecycleTemplate myShop = Templates.buyerLifecycle().toBuilder()
                .name("my-shop")
                // Reach becomes Awareness and Interest; the first engagement moves a customer on.
                .splitStage(
                        "reach",
                        Stage.builder("awareness")
                                .name("Awareness")
                                .description("Sees an ad or a post, or visits the site for the first time.")
                                .build(),
                        Stage.builder("interest")
                                .name("Interest")
                                .description("Views products, adds to the cart or signs up.")
                                .build(),
                        Condition.engaged(1))
                // A side stage for big spenders; its rule outranks referral (30) and lapse (10).
                .addStage(Stage.builder("vip")
                        .name("VIP")
                        .sideStage(true)
                        .description("Spent 1,000 USD or more in the last 365 days.")
                        .channels("personal email", "phone")
                        .touchpoints("account manager", "early access")
                        .metrics("VIP retention rate", "spend per VIP")
                        .strategy("Look after them personally and give them early access.")
                        .build())
                .addRule(TransitionRule.builder("vip")
                        .from("retention", "advocacy")
                        .to("vip")
                        .when(Condition.spentAtLeast(Money.of("1000", "USD"), Duration.ofDays(365)))
                        .priority(50)
                        .build())
                .build();
        // custom-template:end
        return myShop;
    }

    /** Returns the example customers, as of {@code asOf}; their payments are what the VIP rule reads. */
    static List<CustomerProfile> customers(Instant asOf) {
        return List.of(
                // visited once, nothing else
                CustomerProfile.builder("ann").siteVisits(1).build(),
                // looked at products, bought nothing
                CustomerProfile.builder("ben").productViews(4).build(),
                // looked, then bought once 10 days ago
                CustomerProfile.builder("cat")
                        .productViews(2)
                        .orderCount(1)
                        .firstOrderAt(daysBefore(asOf, 10))
                        .lastOrderAt(daysBefore(asOf, 10))
                        .payment(daysBefore(asOf, 10), Money.of("80.00", "USD"))
                        .build(),
                // two orders, 550 USD within the year
                CustomerProfile.builder("dan")
                        .orderCount(2)
                        .firstOrderAt(daysBefore(asOf, 60))
                        .lastOrderAt(daysBefore(asOf, 20))
                        .payment(daysBefore(asOf, 60), Money.of("300.00", "USD"))
                        .payment(daysBefore(asOf, 20), Money.of("250.00", "USD"))
                        .build(),
                // two orders, 1,050 USD within the year, and a referral: VIP outranks advocacy
                CustomerProfile.builder("eve")
                        .orderCount(2)
                        .firstOrderAt(daysBefore(asOf, 100))
                        .lastOrderAt(daysBefore(asOf, 20))
                        .payment(daysBefore(asOf, 100), Money.of("600.00", "USD"))
                        .payment(daysBefore(asOf, 20), Money.of("450.00", "USD"))
                        .referralCount(1)
                        .build(),
                // 1,100 USD in all, but only 200 within the year: an advocate, not a VIP
                CustomerProfile.builder("fay")
                        .orderCount(2)
                        .firstOrderAt(daysBefore(asOf, 400))
                        .lastOrderAt(daysBefore(asOf, 20))
                        .payment(daysBefore(asOf, 400), Money.of("900.00", "USD"))
                        .payment(daysBefore(asOf, 20), Money.of("200.00", "USD"))
                        .referralCount(1)
                        .build());
    }

    static void run(PrintStream out) {
        LifecycleTemplate myShop = myShop();
        Instant asOf = Instant.parse("2026-06-01T00:00:00Z");
        List<CustomerProfile> customers = customers(asOf);
        // custom-template-use:begin
        LifecycleClassifier classifier = LifecycleClassifier.of(myShop);
        for (CustomerProfile customer : customers) {
            Classification now = classifier.classify(customer, asOf);
            out.println(customer.customerId() + ": " + now.stage().id() + " (furthest main stage "
                    + now.highestMainStage().id() + ")");
            for (FiredRule step : now.path()) {
                out.println("  " + step.fromStageId() + " -> " + step.toStageId() + " by " + step.ruleId() + ": "
                        + step.evidence());
            }
        }
        // custom-template-use:end
    }

    private static Instant daysBefore(Instant asOf, int days) {
        return asOf.minus(Duration.ofDays(days));
    }
}
