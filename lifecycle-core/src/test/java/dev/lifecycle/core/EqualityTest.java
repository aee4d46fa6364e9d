package dev.lifecycle.core;

import com.google.common.collect.ImmutableMap;
import com.google.common.testing.EqualsTester;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The value types of the module compare by value. */
final class EqualityTest {
    private static final Instant AT = Instant.parse("2024-03-01T10:00:00Z");
    private static final Instant LATER = AT.plus(Duration.ofDays(3));

    @Test
    void money_equalAmountsAtAnyScale_equal() {
        Currency usd = Currency.getInstance("USD");
        new EqualsTester()
                .addEqualityGroup(
                        Money.of("12.5", "USD"), Money.of("12.50", "USD"), new Money(new BigDecimal("12.500"), usd))
                .addEqualityGroup(Money.of("12.5", "EUR"))
                .addEqualityGroup(Money.of("12.51", "USD"))
                .addEqualityGroup(Money.of("-12.50", "USD"))
                .addEqualityGroup(Money.zero(usd), Money.of("0", "USD"), Money.of("0.00", "USD"))
                .addEqualityGroup(Money.of("13", "JPY"), new Money(new BigDecimal("13.0"), Currency.getInstance("JPY")))
                .testEquals();
    }

    @Test
    void stage_sameValues_equal() {
        new EqualsTester()
                .addEqualityGroup(
                        stage().build(),
                        stage().build(),
                        stage().build().toBuilder().build(),
                        stage().build().withId("other").withId("loyal"))
                .addEqualityGroup(
                        Stage.builder("loyal").build(),
                        Stage.builder("loyal").name("loyal").build())
                .addEqualityGroup(stage().name("Loyal customers").build())
                .addEqualityGroup(stage().build().withId("loyal2"))
                .addEqualityGroup(stage().description("other").build())
                .addEqualityGroup(stage().sideStage(true).build())
                .addEqualityGroup(
                        stage().sideStage(true).churn(true).build(),
                        stage().sideStage(true).churn(true).build().withId("x").withId("loyal"))
                .addEqualityGroup(stage().churn(true).build())
                .addEqualityGroup(stage().channels("ads").build())
                .addEqualityGroup(stage().touchpoints("cart").build())
                .addEqualityGroup(stage().metrics("churn").build())
                .addEqualityGroup(stage().strategy("other").build())
                .testEquals();
    }

    @Test
    void transitionRule_sameValues_equal() {
        new EqualsTester()
                .addEqualityGroup(
                        rule().build(),
                        rule().build(),
                        rule().build().toBuilder().build(),
                        rule().from("b", "a").build(),
                        rule().when(Condition.ordersAtLeast(2)).build())
                .addEqualityGroup(rule().build().withId("r2"))
                .addEqualityGroup(rule().from("a").build())
                .addEqualityGroup(rule().to("d").build())
                .addEqualityGroup(rule().build().withCondition(Condition.referralsAtLeast(2)))
                .addEqualityGroup(rule().priority(4).build())
                .addEqualityGroup(rule().description("second order").build())
                .testEquals();
    }

    /** Unequal values of each type have distinct hash codes: a hash code that ignores a field, or all, is caught. */
    @Test
    void unequalValues_distinctHashCodes() {
        assertDistinctHashCodes(
                rule().build(),
                rule().build().withId("r2"),
                rule().from("a").build(),
                rule().to("d").build(),
                rule().build().withCondition(Condition.referralsAtLeast(2)),
                rule().priority(4).build(),
                rule().description("second order").build());
        assertDistinctHashCodes(
                purchase().build(),
                purchase().build().withEventId("e2"),
                purchase().build().withAmount(Money.of("21", "USD")),
                purchase().attribute("tier", 3).build(),
                nps(9),
                nps(3),
                custom("webinar"),
                custom("quiz"));
        assertDistinctHashCodes(
                CustomerProfile.builder("c1").referralCount(1).build(),
                CustomerProfile.builder("c2").referralCount(1).build(),
                CustomerProfile.builder("c1").referralCount(2).build(),
                CustomerProfile.builder("c1").orderCount(1).lastOrderAt(AT).build(),
                CustomerProfile.builder("c1").attribute("tier", 2).build());
        assertDistinctHashCodes(
                Templates.fiveStage(),
                Templates.fiveStage(java.time.Duration.ofDays(90)),
                Templates.buyerLifecycle(),
                Templates.trackingCategories(),
                Templates.fiveStage().toBuilder().name("renamed").build());
    }

    private static void assertDistinctHashCodes(Object... values) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (Object value : values) {
            org.junit.jupiter.api.Assertions.assertTrue(
                    seen.add(value.hashCode()), () -> "hash code of " + value + " repeats an earlier one");
        }
    }

    @Test
    void customerEvent_sameIdAndValues_equal() {
        new EqualsTester()
                .addEqualityGroup(
                        purchase().build(),
                        purchase().build(),
                        purchase().build().toBuilder().build(),
                        purchase().build().withEventId("e0").withEventId("e1"))
                .addEqualityGroup(purchase().build().withEventId("e2"))
                .addEqualityGroup(CustomerEvent.builder("c2", EventType.PURCHASE, AT)
                        .eventId("e1")
                        .amount(Money.of("20", "USD"))
                        .attribute("tier", 2)
                        .build())
                .addEqualityGroup(CustomerEvent.builder("c1", EventType.PURCHASE, LATER)
                        .eventId("e1")
                        .amount(Money.of("20", "USD"))
                        .attribute("tier", 2)
                        .build())
                .addEqualityGroup(CustomerEvent.builder("c1", EventType.REFUND, AT)
                        .eventId("e1")
                        .amount(Money.of("20", "USD"))
                        .attribute("tier", 2)
                        .build())
                .addEqualityGroup(purchase().build().withAmount(Money.of("21", "USD")))
                .addEqualityGroup(purchase().attribute("tier", 3).build())
                .addEqualityGroup(CustomerEvent.builder("c1", EventType.PURCHASE, AT)
                        .eventId("e1")
                        .attribute("tier", 2)
                        .build())
                .addEqualityGroup(nps(9), nps(9))
                .addEqualityGroup(nps(3))
                .addEqualityGroup(custom("webinar"), custom("webinar"))
                .addEqualityGroup(custom("quiz"))
                .testEquals();
    }

    @Test
    void customerProfile_sameFacts_equal() {
        CustomerEvent first = CustomerEvent.builder("c1", EventType.PURCHASE, AT)
                .eventId("e1")
                .build();
        CustomerEvent second = CustomerEvent.builder("c1", EventType.PURCHASE, LATER)
                .eventId("e2")
                .build();
        CustomerProfile.Builder oneOrder = CustomerProfile.builder("c1")
                .orderCount(1)
                .lastOrderAt(AT)
                .firstOrderAt(AT)
                .orderAt(AT);
        new EqualsTester()
                .addEqualityGroup(
                        oneOrder.build(),
                        oneOrder.build().toBuilder().build(),
                        CustomerProfile.fromEvents("c1", List.of(first)),
                        CustomerProfile.accumulator("c1").add(first).toProfile())
                .addEqualityGroup(
                        CustomerProfile.fromEvents("c1", List.of(first, second)),
                        CustomerProfile.fromEvents("c1", List.of(second, first)),
                        CustomerProfile.builder("c1")
                                .orderCount(2)
                                .firstOrderAt(AT)
                                .lastOrderAt(LATER)
                                .orderAt(LATER)
                                .orderAt(AT)
                                .build())
                // the same aggregates without the order instants, or with only some of them
                .addEqualityGroup(CustomerProfile.builder("c1")
                        .orderCount(2)
                        .firstOrderAt(AT)
                        .lastOrderAt(LATER)
                        .build())
                .addEqualityGroup(CustomerProfile.builder("c1")
                        .orderCount(2)
                        .firstOrderAt(AT)
                        .lastOrderAt(LATER)
                        .orderAt(LATER)
                        .build())
                .addEqualityGroup(
                        CustomerProfile.fromEvents("c2", List.of(CustomerEvent.of("c2", EventType.PURCHASE, AT))))
                .addEqualityGroup(CustomerProfile.builder("c1")
                        .orderCount(1)
                        .lastOrderAt(AT)
                        .build())
                .addEqualityGroup(CustomerProfile.builder("c1")
                        .orderCount(1)
                        .lastOrderAt(AT)
                        .firstOrderAt(AT)
                        .build())
                .addEqualityGroup(oneOrder.build().toBuilder()
                        .firstSeen(AT.minusSeconds(1))
                        .build())
                .addEqualityGroup(
                        oneOrder.build().toBuilder().lastActivity(LATER).build())
                .addEqualityGroup(oneOrder.build().toBuilder()
                        .totalSpend(Money.of("5", "USD"))
                        .build())
                .addEqualityGroup(oneOrder.build().toBuilder().referralCount(1).build())
                .addEqualityGroup(
                        oneOrder.build().toBuilder().lastNpsScore(9, AT).build())
                .addEqualityGroup(
                        oneOrder.build().toBuilder().loyaltyEnrolledAt(AT).build())
                .addEqualityGroup(oneOrder.build().toBuilder()
                        .customEventCount("webinar", 1)
                        .build())
                .addEqualityGroup(
                        oneOrder.build().toBuilder().attribute("tier", 1).build())
                .addEqualityGroup(CustomerProfile.builder("c1").build(), CustomerProfile.fromEvents("c1", List.of()))
                .testEquals();
    }

    @Test
    void firedRule_sameComponents_equal() {
        new EqualsTester()
                .addEqualityGroup(
                        new FiredRule("r1", "a", "b", "orderCount 2 >= 2"),
                        new FiredRule("r1", "a", "b", "orderCount 2 >= 2"))
                .addEqualityGroup(new FiredRule("r2", "a", "b", "orderCount 2 >= 2"))
                .addEqualityGroup(new FiredRule("r1", "c", "b", "orderCount 2 >= 2"))
                .addEqualityGroup(new FiredRule("r1", "a", "c", "orderCount 2 >= 2"))
                .addEqualityGroup(new FiredRule("r1", "a", "b", "orderCount 3 >= 2"))
                .testEquals();
    }

    @Test
    void classification_sameCustomerTemplateAndInstant_equal() {
        LifecycleClassifier classifier = LifecycleClassifier.of(Templates.fiveStage());
        CustomerProfile repeat = CustomerProfile.builder("c1")
                .orderCount(2)
                .firstOrderAt(AT)
                .lastOrderAt(LATER)
                .build();
        Instant soon = LATER.plus(Duration.ofDays(1));
        Instant muchLater = LATER.plus(Duration.ofDays(400));
        new EqualsTester()
                .addEqualityGroup(
                        classifier.classify(repeat, soon),
                        classifier.classify(repeat, soon),
                        LifecycleClassifier.of(Templates.fiveStage()).classify(repeat, soon))
                .addEqualityGroup(classifier.classify(repeat, soon.plusSeconds(1)))
                .addEqualityGroup(
                        classifier.classify(repeat, muchLater),
                        classifier.classify(repeat.toBuilder().build(), muchLater))
                .addEqualityGroup(classifier.classify(
                        CustomerProfile.builder("c2")
                                .orderCount(2)
                                .firstOrderAt(AT)
                                .lastOrderAt(LATER)
                                .build(),
                        soon))
                .addEqualityGroup(
                        LifecycleClassifier.of(Templates.trackingCategories()).classify(repeat, soon))
                .addEqualityGroup(
                        classifier.classify(CustomerProfile.builder("c1").build(), soon))
                .testEquals();
    }

    @Test
    void stageDistribution_sameCounts_equal() {
        LifecycleClassifier classifier = LifecycleClassifier.of(Templates.buyerLifecycle());
        List<CustomerProfile> profiles = List.of(
                CustomerProfile.builder("c1").build(),
                CustomerProfile.builder("c2").orderCount(1).lastOrderAt(AT).build());
        new EqualsTester()
                .addEqualityGroup(classifier.classifyAll(profiles, LATER), classifier.classifyAll(profiles, LATER))
                .addEqualityGroup(classifier.classifyAll(profiles, LATER.plusSeconds(1)))
                .addEqualityGroup(classifier.classifyAll(profiles.subList(0, 1), LATER))
                .addEqualityGroup(LifecycleClassifier.of(Templates.fiveStage()).classifyAll(profiles, LATER))
                .testEquals();
    }

    private static Stage.Builder stage() {
        return Stage.builder("loyal")
                .name("Loyal")
                .description("buys again")
                .channels("email")
                .touchpoints("offer")
                .metrics("retention rate")
                .strategy("reward");
    }

    private static TransitionRule.Builder rule() {
        return TransitionRule.builder("r1")
                .from("a", "b")
                .to("c")
                .when(Condition.secondPurchase())
                .priority(3);
    }

    private static CustomerEvent.Builder purchase() {
        return CustomerEvent.builder("c1", EventType.PURCHASE, AT)
                .eventId("e1")
                .amount(Money.of("20", "USD"))
                .attribute("tier", 2);
    }

    private static CustomerEvent nps(int score) {
        return CustomerEvent.builder("c1", EventType.NPS_ANSWER, AT)
                .eventId("e1")
                .npsScore(score)
                .build();
    }

    private static CustomerEvent custom(String type) {
        return CustomerEvent.builder("c1", EventType.CUSTOM, AT)
                .eventId("e1")
                .customType(type)
                .build();
    }

    @Test
    void specs_sameComponents_equal() {
        ConditionSpec twoOrders = new ConditionSpec("orders-at-least", Map.of("count", "2"), List.of());
        ConditionSpec window =
                new ConditionSpec("event-within", ImmutableMap.of("event", "PURCHASE", "window", "P30D"), List.of());
        StageSpec loyal = StageSpec.of(stage().build());
        StageSpec vip = StageSpec.of(Stage.builder("vip").sideStage(true).build());
        RuleSpec second = RuleSpec.of(rule().build());
        new EqualsTester()
                .addEqualityGroup(
                        twoOrders,
                        ConditionSpec.of(Condition.secondPurchase()),
                        new ConditionSpec("orders-at-least", new HashMap<>(Map.of("count", "2")), new ArrayList<>()))
                .addEqualityGroup(new ConditionSpec("referrals-at-least", Map.of("count", "2"), List.of()))
                .addEqualityGroup(new ConditionSpec("orders-at-least", Map.of("count", "02"), List.of()))
                .addEqualityGroup(
                        window,
                        new ConditionSpec(
                                "event-within", ImmutableMap.of("window", "P30D", "event", "PURCHASE"), List.of()))
                .addEqualityGroup(
                        new ConditionSpec("all-of", Map.of(), List.of(twoOrders, window)),
                        ConditionSpec.of(Condition.secondPurchase()
                                .and(Condition.eventWithin(EventType.PURCHASE, Duration.ofDays(30)))))
                .addEqualityGroup(new ConditionSpec("all-of", Map.of(), List.of(window, twoOrders)))
                .testEquals();
        new EqualsTester()
                .addEqualityGroup(
                        loyal,
                        StageSpec.of(stage().build()),
                        new StageSpec(
                                "loyal",
                                "Loyal",
                                "buys again",
                                false,
                                false,
                                List.of("email"),
                                List.of("offer"),
                                List.of("retention rate"),
                                "reward"))
                .addEqualityGroup(StageSpec.of(stage().build().withId("loyal2")))
                .addEqualityGroup(StageSpec.of(stage().name("Loyal customers").build()))
                .addEqualityGroup(StageSpec.of(stage().description("other").build()))
                .addEqualityGroup(StageSpec.of(stage().sideStage(true).build()))
                .addEqualityGroup(
                        StageSpec.of(stage().sideStage(true).churn(true).build()))
                .addEqualityGroup(StageSpec.of(stage().channels("ads").build()))
                .addEqualityGroup(StageSpec.of(stage().touchpoints("cart").build()))
                .addEqualityGroup(StageSpec.of(stage().metrics("churn").build()))
                .addEqualityGroup(StageSpec.of(stage().strategy("other").build()))
                .testEquals();
        new EqualsTester()
                .addEqualityGroup(
                        second,
                        RuleSpec.of(rule().build()),
                        new RuleSpec("r1", List.of("a", "b"), "c", twoOrders, 3, Optional.empty()))
                .addEqualityGroup(new RuleSpec("r2", List.of("a", "b"), "c", twoOrders, 3, Optional.empty()))
                .addEqualityGroup(new RuleSpec("r1", List.of("a"), "c", twoOrders, 3, Optional.empty()))
                .addEqualityGroup(new RuleSpec("r1", List.of("a", "b"), "d", twoOrders, 3, Optional.empty()))
                .addEqualityGroup(new RuleSpec("r1", List.of("a", "b"), "c", window, 3, Optional.empty()))
                .addEqualityGroup(new RuleSpec("r1", List.of("a", "b"), "c", twoOrders, 4, Optional.empty()))
                .addEqualityGroup(
                        RuleSpec.of(rule().description("second order").build()),
                        new RuleSpec("r1", List.of("a", "b"), "c", twoOrders, 3, Optional.of("second order")))
                .testEquals();
        new EqualsTester()
                .addEqualityGroup(
                        TemplateSpec.of(Templates.fiveStage()),
                        TemplateSpec.of(Templates.fiveStage().toBuilder().build()))
                .addEqualityGroup(TemplateSpec.of(Templates.buyerLifecycle()))
                .addEqualityGroup(
                        extending("my-shop", List.of(new EditSpec.RemoveRule("lapse"))),
                        extending("my-shop", new ArrayList<>(List.of(new EditSpec.RemoveRule("lapse")))))
                .addEqualityGroup(extending("other-shop", List.of(new EditSpec.RemoveRule("lapse"))))
                .addEqualityGroup(extending("my-shop", List.of()))
                .addEqualityGroup(new TemplateSpec(
                        "my-shop",
                        Optional.of("buyer-lifecycle"),
                        Optional.empty(),
                        List.of(),
                        List.of(),
                        List.of(new EditSpec.RemoveRule("lapse"))))
                .addEqualityGroup(new TemplateSpec(
                        "my-shop",
                        Optional.of("five-stage"),
                        Optional.of("conversion"),
                        List.of(),
                        List.of(),
                        List.of(new EditSpec.RemoveRule("lapse"))))
                .addEqualityGroup(new TemplateSpec(
                        "my-shop",
                        Optional.of("five-stage"),
                        Optional.empty(),
                        List.of(vip),
                        List.of(),
                        List.of(new EditSpec.RemoveRule("lapse"))))
                .addEqualityGroup(new TemplateSpec(
                        "my-shop",
                        Optional.of("five-stage"),
                        Optional.empty(),
                        List.of(),
                        List.of(second),
                        List.of(new EditSpec.RemoveRule("lapse"))))
                .testEquals();
        new EqualsTester()
                .addEqualityGroup(
                        new EditSpec.AddStage(vip),
                        new EditSpec.AddStage(StageSpec.of(
                                Stage.builder("vip").sideStage(true).build())))
                .addEqualityGroup(new EditSpec.AddStage(loyal))
                .addEqualityGroup(
                        new EditSpec.InsertAfter("retention", vip), new EditSpec.InsertAfter("retention", vip))
                .addEqualityGroup(new EditSpec.InsertAfter("advocacy", vip))
                .addEqualityGroup(new EditSpec.InsertAfter("retention", loyal))
                .addEqualityGroup(
                        new EditSpec.RenameStage("reach", "awareness", "Awareness"),
                        new EditSpec.RenameStage("reach", "awareness", "Awareness"))
                .addEqualityGroup(new EditSpec.RenameStage("lapsed", "awareness", "Awareness"))
                .addEqualityGroup(new EditSpec.RenameStage("reach", "aware", "Awareness"))
                .addEqualityGroup(new EditSpec.RenameStage("reach", "awareness", "Aware"))
                .addEqualityGroup(new EditSpec.ReplaceStage("loyal", vip), new EditSpec.ReplaceStage("loyal", vip))
                .addEqualityGroup(new EditSpec.ReplaceStage("lapsed", vip))
                .addEqualityGroup(new EditSpec.ReplaceStage("loyal", loyal))
                .addEqualityGroup(new EditSpec.RemoveStage("loyal"), new EditSpec.RemoveStage("loyal"))
                .addEqualityGroup(new EditSpec.RemoveStage("lapsed"))
                .addEqualityGroup(
                        new EditSpec.SplitStage("reach", loyal, vip, twoOrders),
                        new EditSpec.SplitStage("reach", loyal, vip, ConditionSpec.of(Condition.secondPurchase())))
                .addEqualityGroup(new EditSpec.SplitStage("lapsed", loyal, vip, twoOrders))
                .addEqualityGroup(new EditSpec.SplitStage("reach", vip, vip, twoOrders))
                .addEqualityGroup(new EditSpec.SplitStage("reach", loyal, loyal, twoOrders))
                .addEqualityGroup(new EditSpec.SplitStage("reach", loyal, vip, window))
                .addEqualityGroup(new EditSpec.AddRule(second), new EditSpec.AddRule(RuleSpec.of(rule().build())))
                .addEqualityGroup(new EditSpec.AddRule(
                        new RuleSpec("r1", List.of("a", "b"), "c", twoOrders, 4, Optional.empty())))
                .addEqualityGroup(new EditSpec.ReplaceRule("lapse", second), new EditSpec.ReplaceRule("lapse", second))
                .addEqualityGroup(new EditSpec.ReplaceRule("r1", second))
                .addEqualityGroup(new EditSpec.ReplaceRule(
                        "lapse", new RuleSpec("r1", List.of("a", "b"), "c", twoOrders, 4, Optional.empty())))
                .addEqualityGroup(new EditSpec.RemoveRule("lapse"), new EditSpec.RemoveRule("lapse"))
                .addEqualityGroup(new EditSpec.RemoveRule("r1"))
                .testEquals();
        new EqualsTester()
                .addEqualityGroup(
                        new SpecException.Problem("stages[3].id", "must not be blank"),
                        new SpecException.Problem("stages[3].id", "must not be blank"))
                .addEqualityGroup(new SpecException.Problem("stages[2].id", "must not be blank"))
                .addEqualityGroup(new SpecException.Problem("stages[3].id", "duplicate stage id 'loyal'"))
                .testEquals();
    }

    private static TemplateSpec extending(String name, List<EditSpec> edits) {
        return new TemplateSpec(name, Optional.of("five-stage"), Optional.empty(), List.of(), List.of(), edits);
    }
}
