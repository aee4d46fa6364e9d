package dev.lifecycle.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.testing.NullPointerTester;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every public method and constructor of the module rejects null arguments with a NullPointerException. */
final class NullTest {
    /** A valid id that is also a stage of {@link #TEMPLATE}, so that only the null argument can be at fault. */
    private static final String ID = "s1";

    private static final Instant AT = Instant.parse("2024-03-01T10:00:00Z");
    private static final Currency USD = Currency.getInstance("USD");
    private static final Money MONEY = Money.of("12.50", "USD");
    private static final Stage STAGE = Stage.builder("s9").build();
    private static final Condition CONDITION = Condition.ordersAtLeast(1);
    private static final TransitionRule RULE =
            TransitionRule.builder("r9").from(ID).to("s2").when(CONDITION).build();
    private static final LifecycleTemplate TEMPLATE = LifecycleTemplate.builder("t")
            .addStage(Stage.builder(ID).build())
            .addStage(Stage.builder("s2").build())
            .addRule(TransitionRule.builder("r1")
                    .from(ID)
                    .to("s2")
                    .when(CONDITION)
                    .build())
            .build();
    private static final CustomerEvent EVENT = CustomerEvent.builder(ID, EventType.PURCHASE, AT)
            .eventId("e1")
            .amount(MONEY)
            .build();
    private static final CustomerProfile PROFILE = CustomerProfile.fromEvents(ID, List.of(EVENT));

    private static NullPointerTester tester() {
        return new NullPointerTester()
                .setDefault(String.class, ID)
                .setDefault(Instant.class, AT)
                .setDefault(Duration.class, Duration.ofDays(30))
                .setDefault(Currency.class, USD)
                .setDefault(BigDecimal.class, BigDecimal.TEN)
                .setDefault(Money.class, MONEY)
                .setDefault(EventType.class, EventType.PURCHASE)
                .setDefault(Stage.class, STAGE)
                .setDefault(Condition.class, CONDITION)
                .setDefault(Condition.Comparison.class, Condition.Comparison.AT_LEAST)
                .setDefault(TransitionRule.class, RULE)
                .setDefault(LifecycleTemplate.class, TEMPLATE)
                .setDefault(CustomerEvent.class, EVENT)
                .setDefault(CustomerProfile.class, PROFILE)
                .setDefault(ProfileTable.class, ProfileTable.of(List.of(PROFILE)))
                .setDefault(EventBatch.class, EventBatch.of(List.of(EVENT)))
                .setDefault(CustomerProfile.Accumulator.class, CustomerProfile.accumulator(ID))
                .setDefault(Iterable.class, List.of(PROFILE));
    }

    @Test
    void money_nullArguments_rejected() {
        NullPointerTester tester = tester();
        tester.testAllPublicConstructors(Money.class);
        tester.testAllPublicStaticMethods(Money.class);
        tester.testAllPublicInstanceMethods(MONEY);
    }

    @Test
    void customerEvent_nullArguments_rejected() {
        NullPointerTester tester = tester();
        tester.testAllPublicStaticMethods(CustomerEvent.class);
        tester.testAllPublicInstanceMethods(EVENT);
        tester.testAllPublicInstanceMethods(CustomerEvent.builder(ID, EventType.PURCHASE, AT));
    }

    @Test
    void customerProfile_nullArguments_rejected() {
        NullPointerTester tester = tester();
        tester.testAllPublicStaticMethods(CustomerProfile.class);
        tester.testAllPublicInstanceMethods(PROFILE);
        tester.testAllPublicInstanceMethods(CustomerProfile.builder(ID));
        tester.testAllPublicInstanceMethods(CustomerProfile.accumulator(ID));
    }

    @Test
    void stage_nullArguments_rejected() {
        NullPointerTester tester = tester();
        tester.testAllPublicStaticMethods(Stage.class);
        tester.testAllPublicInstanceMethods(STAGE);
        tester.testAllPublicInstanceMethods(Stage.builder(ID));
    }

    @Test
    void transitionRule_nullArguments_rejected() {
        NullPointerTester tester = tester();
        tester.testAllPublicStaticMethods(TransitionRule.class);
        tester.testAllPublicInstanceMethods(RULE);
        tester.testAllPublicInstanceMethods(TransitionRule.builder(ID));
    }

    @Test
    void lifecycleTemplate_nullArguments_rejected() {
        NullPointerTester tester = tester();
        tester.testAllPublicStaticMethods(LifecycleTemplate.class);
        tester.testAllPublicInstanceMethods(TEMPLATE);
        tester.testAllPublicInstanceMethods(TEMPLATE.toBuilder());
    }

    @Test
    void templates_nullArguments_rejected() {
        tester().testAllPublicStaticMethods(Templates.class);
    }

    @Test
    void condition_nullArguments_rejected() {
        NullPointerTester tester = tester();
        tester.testAllPublicStaticMethods(Condition.class);
        tester.testAllPublicStaticMethods(Condition.Comparison.class);
        tester.testAllPublicStaticMethods(EventType.class);
    }

    @Test
    @SuppressWarnings("NullAway") // the test passes null on purpose
    void conditionCombinators_nullArguments_rejectedNamingTheParameter() {
        assertEquals(
                "other",
                assertThrows(NullPointerException.class, () -> CONDITION.and(null))
                        .getMessage());
        assertEquals(
                "other",
                assertThrows(NullPointerException.class, () -> CONDITION.or(null))
                        .getMessage());
        assertEquals(
                "conditions",
                assertThrows(NullPointerException.class, () -> Condition.allOf((Condition[]) null))
                        .getMessage());
        assertEquals(
                "conditions[2]",
                assertThrows(NullPointerException.class, () -> Condition.allOf(CONDITION, CONDITION, null))
                        .getMessage());
        assertEquals(
                "conditions[0]",
                assertThrows(NullPointerException.class, () -> Condition.anyOf(null, CONDITION))
                        .getMessage());
        assertEquals(
                "conditions",
                assertThrows(NullPointerException.class, () -> Condition.anyOf((Condition[]) null))
                        .getMessage());
    }

    @Test
    void supportedInstants_nullArguments_rejected() {
        tester().testAllPublicStaticMethods(SupportedInstants.class);
    }

    @Test
    void conditionInstances_nullArguments_rejected() {
        NullPointerTester tester = tester();
        List<Condition> conditions = List.of(
                Condition.ordersAtLeast(1),
                Condition.referralsAtLeast(1),
                Condition.engaged(1),
                Condition.eventCountAtLeast(EventType.PURCHASE, 1),
                Condition.customEventCountAtLeast("webinar", 1),
                Condition.noPurchaseFor(Duration.ofDays(1)),
                Condition.inactiveFor(Duration.ofDays(1)),
                Condition.eventWithin(EventType.PURCHASE, Duration.ofDays(1)),
                Condition.firstPurchaseAtLeastAgo(Duration.ofDays(1)),
                Condition.spentAtLeast(MONEY),
                Condition.spentAtLeast(MONEY, Duration.ofDays(1)),
                Condition.ordersWithin(2, Duration.ofDays(1)),
                Condition.npsAtLeast(9),
                Condition.npsAtMost(6),
                Condition.loyaltyMember(),
                Condition.attribute("tier", Condition.Comparison.AT_LEAST, 1),
                Condition.custom("always", (profile, asOf) -> true),
                Condition.allOf(CONDITION),
                Condition.anyOf(CONDITION),
                Condition.not(CONDITION));
        for (Condition condition : conditions) {
            tester.testAllPublicInstanceMethods(condition);
        }
    }

    @Test
    void classifier_nullArguments_rejected() {
        NullPointerTester tester = tester();
        LifecycleClassifier classifier = LifecycleClassifier.of(TEMPLATE);
        tester.testAllPublicStaticMethods(LifecycleClassifier.class);
        tester.testAllPublicInstanceMethods(classifier);
        tester.testAllPublicInstanceMethods(classifier.classify(PROFILE, AT));
        tester.testAllPublicInstanceMethods(classifier.classifyAll(List.of(PROFILE), AT));
    }

    @Test
    void eventBatch_nullArguments_rejected() {
        NullPointerTester tester = tester();
        EventBatch batch = EventBatch.of(List.of(EVENT));
        tester.testAllPublicStaticMethods(EventBatch.class);
        tester.testAllPublicInstanceMethods(batch);
        tester.testAllPublicConstructors(EventBatch.Builder.class);
        EventBatch.Builder builder = EventBatch.builder();
        builder.customer(ID);
        tester.testAllPublicInstanceMethods(builder);
        tester.testAllPublicInstanceMethods(LifecycleClassifier.of(TEMPLATE).classifyEach(batch, AT));
    }

    @Test
    void profileTable_nullArguments_rejected() {
        NullPointerTester tester = tester();
        tester.testAllPublicStaticMethods(ProfileTable.class);
        tester.testAllPublicInstanceMethods(ProfileTable.fromEvents(List.of(EVENT)));
    }

    @Test
    void firedRule_nullArguments_rejected() {
        NullPointerTester tester = tester();
        tester.testAllPublicConstructors(FiredRule.class);
        tester.testAllPublicInstanceMethods(new FiredRule("r1", ID, "s2", "orderCount 1 >= 1"));
    }

    @Test
    void tracker_nullArguments_rejected() throws Exception {
        NullPointerTester tester = tester().setDefault(Iterable.class, List.of(EVENT))
                .setDefault(Appendable.class, new StringBuilder())
                .setDefault(StageListener.class, transition -> {})
                .setDefault(Reader.class, new StringReader(""));
        LifecycleTracker tracker = LifecycleTracker.builder(TEMPLATE).build();
        tracker.accept(EVENT);
        tracker.advanceTo(AT);
        tester.testAllPublicStaticMethods(LifecycleTracker.class);
        tester.testAllPublicInstanceMethods(tracker);
        tester.testAllPublicInstanceMethods(LifecycleTracker.builder(TEMPLATE));
        CustomerHistory history = tracker.history(ID).orElseThrow();
        tester.testAllPublicInstanceMethods(history);
        tester.testAllPublicInstanceMethods(history.visits().get(0));
        tester.testAllPublicConstructors(StageTransition.class);
        tester.testAllPublicConstructors(CustomerHistory.TimeInStage.class);
        tester.testAllPublicConstructors(TrackerStats.class);
        tester.testAllPublicConstructors(LifecycleTracker.BatchResult.class);
        tester.testAllPublicInstanceMethods(tracker.stats());
        tester.testAllPublicStaticMethods(EventOutcome.class);
    }

    @Test
    void templateSpecs_nullArguments_rejected() {
        ConditionSpec condition = ConditionSpec.of(CONDITION);
        StageSpec stage = StageSpec.of(STAGE);
        RuleSpec rule = RuleSpec.of(RULE);
        TemplateSpec template = TemplateSpec.of(TEMPLATE);
        ConditionRegistry registry =
                ConditionRegistry.builder().register("always", CONDITION).build();
        CustomerProfile.Payment payment = new CustomerProfile.Payment(AT, MONEY);
        NullPointerTester tester = tester().setDefault(ConditionSpec.class, condition)
                .setDefault(StageSpec.class, stage)
                .setDefault(RuleSpec.class, rule)
                .setDefault(EditSpec.class, new EditSpec.RemoveRule("r1"))
                .setDefault(TemplateSpec.class, template)
                .setDefault(ConditionRegistry.class, registry);
        tester.testAllPublicConstructors(TemplateSpec.class);
        tester.testAllPublicStaticMethods(TemplateSpec.class);
        tester.testAllPublicInstanceMethods(template);
        tester.testAllPublicConstructors(StageSpec.class);
        tester.testAllPublicStaticMethods(StageSpec.class);
        tester.testAllPublicInstanceMethods(stage);
        tester.testAllPublicConstructors(RuleSpec.class);
        tester.testAllPublicStaticMethods(RuleSpec.class);
        tester.testAllPublicInstanceMethods(rule);
        tester.testAllPublicConstructors(ConditionSpec.class);
        tester.testAllPublicStaticMethods(ConditionSpec.class);
        tester.testAllPublicInstanceMethods(condition);
        List<EditSpec> edits = List.of(
                new EditSpec.AddStage(stage),
                new EditSpec.InsertAfter(ID, stage),
                new EditSpec.RenameStage(ID, "s3", "Third"),
                new EditSpec.ReplaceStage(ID, stage),
                new EditSpec.RemoveStage(ID),
                new EditSpec.SplitStage(
                        ID, stage, StageSpec.of(Stage.builder("s8").build()), condition),
                new EditSpec.AddRule(rule),
                new EditSpec.ReplaceRule("r1", rule),
                new EditSpec.RemoveRule("r1"));
        for (EditSpec edit : edits) {
            tester.testAllPublicConstructors(edit.getClass());
            tester.testAllPublicInstanceMethods(edit);
        }
        tester.testAllPublicStaticMethods(ConditionRegistry.class);
        tester.testAllPublicInstanceMethods(registry);
        tester.testAllPublicInstanceMethods(ConditionRegistry.builder());
        tester.testAllPublicConstructors(SpecException.Problem.class);
        tester.testAllPublicInstanceMethods(new SpecException.Problem("stages[0].id", "must not be blank"));
        tester.testAllPublicConstructors(CustomerProfile.Payment.class);
        tester.testAllPublicStaticMethods(CustomerProfile.Payment.class);
        tester.testAllPublicInstanceMethods(payment);
    }
}
