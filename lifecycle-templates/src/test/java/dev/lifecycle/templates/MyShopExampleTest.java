package dev.lifecycle.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.core.Condition;
import dev.lifecycle.core.ConditionRegistry;
import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.CustomerProfile;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.LifecycleClassifier;
import dev.lifecycle.core.LifecycleTemplate;
import dev.lifecycle.core.Money;
import dev.lifecycle.core.Stage;
import dev.lifecycle.core.Templates;
import dev.lifecycle.core.TransitionRule;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The example file docs/templates.md shows: the buyer lifecycle with Reach split in two and a VIP side stage that,
 * unlike lapsed, does not count as churn.
 */
final class MyShopExampleTest {
    /** Where the example of docs/templates.md lives; the page quotes this file as it is. */
    static final Path MY_SHOP = Path.of("src/test/resources/examples/my-shop.yaml");

    private static final Instant AS_OF = Instant.parse("2025-06-01T00:00:00Z");

    private final LifecycleTemplate template = read();

    private static LifecycleTemplate read() {
        try {
            return TemplateFiles.read(MY_SHOP, ConditionRegistry.empty());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void read_myShop_equalsTheTemplateBuiltInCode() {
        LifecycleTemplate expected = Templates.buyerLifecycle().toBuilder()
                .name("my-shop")
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

        assertEquals(expected, template);
        assertEquals(
                List.of("awareness", "interest", "acquire", "develop", "retention", "advocacy", "lapsed", "vip"),
                template.stages().stream().map(Stage::id).toList());
    }

    @Test
    void read_myShop_lapsedCountsAsChurnAndVipDoesNot() {
        assertEquals(
                List.of("lapsed"),
                template.churnStages().stream().map(Stage::id).toList());
        assertTrue(template.stage("vip").orElseThrow().isSideStage());
        assertFalse(template.stage("vip").orElseThrow().isChurn());
    }

    @Test
    void classify_newVisitor_awareness() {
        assertEquals("awareness", stage(List.of(event(EventType.SITE_VISIT, 3))));
    }

    @Test
    void classify_productView_interest() {
        assertEquals("interest", stage(List.of(event(EventType.SITE_VISIT, 5), event(EventType.PRODUCT_VIEW, 5))));
    }

    @Test
    void classify_firstPurchaseLastWeek_acquire() {
        assertEquals("acquire", stage(List.of(event(EventType.PRODUCT_VIEW, 8), purchase(7, "80.00"))));
    }

    @Test
    void classify_twoPurchasesUnderThreshold_retention() {
        assertEquals("retention", stage(List.of(purchase(60, "300.00"), purchase(10, "250.00"))));
    }

    @Test
    void classify_twoPurchasesOverThresholdThisYear_vip() {
        assertEquals("vip", stage(List.of(purchase(200, "600.00"), purchase(20, "450.00"))));
    }

    @Test
    void classify_bigSpendLongerAgoThanAYear_notVip() {
        // 1,050 USD in total, but only 450 within the last 365 days; the last order is recent, so no lapse either
        assertEquals("retention", stage(List.of(purchase(400, "600.00"), purchase(20, "450.00"))));
    }

    private String stage(List<CustomerEvent> events) {
        CustomerProfile profile = CustomerProfile.fromEvents("c-1", events);
        return LifecycleClassifier.of(template).classify(profile, AS_OF).stage().id();
    }

    private static CustomerEvent event(EventType type, int daysAgo) {
        return CustomerEvent.of("c-1", type, AS_OF.minus(Duration.ofDays(daysAgo)));
    }

    private static CustomerEvent purchase(int daysAgo, String usd) {
        return CustomerEvent.builder("c-1", EventType.PURCHASE, AS_OF.minus(Duration.ofDays(daysAgo)))
                .amount(Money.of(usd, "USD"))
                .build();
    }
}
