package dev.lifecycle.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Counts and priorities at the ends of their ranges: no arithmetic wraps into a wrong stage or an ArithmeticException. */
final class ExtremeValuesTest {
    private static final Instant AS_OF = Instant.parse("2024-06-01T00:00:00Z");

    private static CustomerProfile engaged(long views, long carts, long signUps) {
        return CustomerProfile.builder("c1")
                .productViews(views)
                .cartAdds(carts)
                .signUps(signUps)
                .build();
    }

    @Test
    void engagementCount_sumBeyondLongMaxValue_saturates() {
        assertEquals(Long.MAX_VALUE, engaged(Long.MAX_VALUE, 1, 0).engagementCount());
        assertEquals(
                Long.MAX_VALUE,
                engaged(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE).engagementCount());
        assertEquals(Long.MAX_VALUE, engaged(Long.MAX_VALUE - 1, 0, 1).engagementCount());
        assertEquals(Long.MAX_VALUE - 1, engaged(Long.MAX_VALUE - 3, 1, 1).engagementCount());
    }

    @Test
    void classify_engagementBeyondLongMaxValue_consideration() {
        LifecycleClassifier classifier = LifecycleClassifier.of(Templates.fiveStage());
        CustomerProfile profile = engaged(Long.MAX_VALUE, Long.MAX_VALUE, 1);
        ProfileTable table = ProfileTable.of(List.of(profile));

        assertEquals(
                "consideration", classifier.classify(profile, AS_OF).stage().id());
        assertEquals(1L, classifier.classifyAll(table, AS_OF).count("consideration"));
        assertEquals(1L, classifier.classifyAllParallel(table, AS_OF).count("consideration"));
        assertEquals(
                true,
                ((ColumnCondition) Condition.engaged(Long.MAX_VALUE))
                        .test(table, 0, AS_OF.getEpochSecond(), AS_OF.getNano()));
    }

    @Test
    void customEventCount_countsSummingBeyondLongMaxValue_saturate() {
        CustomerProfile profile = CustomerProfile.builder("c1")
                .customEventCount("webinar", Long.MAX_VALUE)
                .customEventCount("demo", 1)
                .build();

        assertEquals(Long.MAX_VALUE, profile.eventCount(EventType.CUSTOM));
    }

    @Test
    void accumulatorMerge_countsSummingBeyondLongMaxValue_saturate() {
        CustomerEvent view = CustomerEvent.builder("c1", EventType.PRODUCT_VIEW, AS_OF)
                .eventId("e1")
                .build();
        CustomerProfile huge = engaged(Long.MAX_VALUE, 0, 0).toBuilder()
                .lastEventAt(EventType.PRODUCT_VIEW, AS_OF.minusSeconds(1))
                .build();

        assertEquals(Long.MAX_VALUE, huge.plus(view).productViews());
    }

    @Test
    void classify_ruleOfPriorityIntegerMinValue_losesToPriorityZero() {
        LifecycleTemplate template = LifecycleTemplate.builder("t")
                .addStage(Stage.builder("start").build())
                .addStage(Stage.builder("preferred").build())
                .addStage(Stage.builder("other").sideStage(true).build())
                .addRule(TransitionRule.builder("lowest")
                        .from("start")
                        .to("other")
                        .when(Condition.custom("always", (p, t) -> true))
                        .priority(Integer.MIN_VALUE)
                        .build())
                .addRule(TransitionRule.builder("zero")
                        .from("start")
                        .to("preferred")
                        .when(Condition.ordersAtLeast(0))
                        .priority(0)
                        .build())
                .build();
        LifecycleClassifier classifier = LifecycleClassifier.of(template);
        CustomerProfile profile = CustomerProfile.builder("c1").build();

        assertEquals("preferred", classifier.classify(profile, AS_OF).stage().id());
        assertEquals(1L, classifier.classifyAll(List.of(profile), AS_OF).count("preferred"));
    }

    @Test
    void classifyAll_tableWithPriorityIntegerMinValue_losesToPriorityZero() {
        LifecycleTemplate template = LifecycleTemplate.builder("t")
                .addStage(Stage.builder("start").build())
                .addStage(Stage.builder("preferred").build())
                .addStage(Stage.builder("other").sideStage(true).build())
                .addRule(TransitionRule.builder("lowest")
                        .from("start")
                        .to("other")
                        .when(Condition.ordersAtLeast(0))
                        .priority(Integer.MIN_VALUE)
                        .build())
                .addRule(TransitionRule.builder("zero")
                        .from("start")
                        .to("preferred")
                        .when(Condition.referralsAtLeast(0))
                        .build())
                .build();
        ProfileTable table =
                ProfileTable.of(List.of(CustomerProfile.builder("c1").build()));

        assertEquals(
                1L, LifecycleClassifier.of(template).classifyAll(table, AS_OF).count("preferred"));
    }

    @Test
    void splitStage_linkRuleIdAlreadyTaken_rejectedNamingTheRule() {
        LifecycleTemplate.Builder builder = Templates.fiveStage().toBuilder()
                .addRule(TransitionRule.builder("seen-to-interested")
                        .from("consideration")
                        .to("conversion")
                        .when(Condition.ordersAtLeast(1))
                        .build());

        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> builder.splitStage(
                        "awareness",
                        Stage.builder("seen").build(),
                        Stage.builder("interested").build(),
                        Condition.engaged(1)));

        assertEquals("template 'five-stage' already has a rule with id 'seen-to-interested'", e.getMessage());
    }

    @Test
    void saturatedAdd_countsPastEitherEnd_stopAtTheEndAndMixedSignsAddExactly() {
        assertEquals(Long.MAX_VALUE, Checks.saturatedAdd(Long.MAX_VALUE, 1));
        assertEquals(Long.MAX_VALUE, Checks.saturatedAdd(Long.MAX_VALUE - 1, Long.MAX_VALUE));
        assertEquals(Long.MIN_VALUE, Checks.saturatedAdd(Long.MIN_VALUE, -1));
        assertEquals(2, Checks.saturatedAdd(5, -3));
        assertEquals(-2, Checks.saturatedAdd(-5, 3));
        assertEquals(Long.MAX_VALUE, Checks.saturatedAdd(Long.MAX_VALUE, 0));
        assertEquals(-1, Checks.saturatedAdd(Long.MAX_VALUE, Long.MIN_VALUE));
    }

    @Test
    void splitStage_afterRuleOfPriorityIntegerMaxValue_rejectedNamingTheRule() {
        LifecycleTemplate.Builder builder = Templates.fiveStage().toBuilder()
                .addRule(TransitionRule.builder("rush")
                        .from("awareness")
                        .to("conversion")
                        .when(Condition.ordersAtLeast(5))
                        .priority(Integer.MAX_VALUE)
                        .build());

        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> builder.splitStage(
                        "awareness",
                        Stage.builder("seen").build(),
                        Stage.builder("interested").build(),
                        Condition.engaged(1)));

        assertEquals(
                "cannot split stage 'awareness' of template 'five-stage': rule 'rush' leaving it has priority"
                        + " 2147483647, the highest there is, so no priority is left above it for rule"
                        + " 'seen-to-interested'",
                e.getMessage());
    }

    @Test
    void splitStage_afterRuleOfPriorityIntegerMaxValueMinusOne_linkGetsIntegerMaxValue() {
        LifecycleTemplate template = Templates.fiveStage().toBuilder()
                .addRule(TransitionRule.builder("rush")
                        .from("awareness")
                        .to("conversion")
                        .when(Condition.ordersAtLeast(5))
                        .priority(Integer.MAX_VALUE - 1)
                        .build())
                .splitStage(
                        "awareness",
                        Stage.builder("seen").build(),
                        Stage.builder("interested").build(),
                        Condition.engaged(1))
                .build();

        assertEquals(
                Integer.MAX_VALUE,
                template.rule("seen-to-interested").orElseThrow().priority());
    }

    @Test
    void toTemplate_splitAfterRuleOfPriorityIntegerMaxValue_reportedAtTheEdit() {
        TemplateSpec spec = new TemplateSpec(
                "my-shop",
                Optional.of("five-stage"),
                Optional.empty(),
                List.of(),
                List.of(),
                List.of(
                        new EditSpec.AddRule(new RuleSpec(
                                "rush",
                                List.of("awareness"),
                                "conversion",
                                new ConditionSpec("orders-at-least", Map.of("count", "5"), List.of()),
                                Integer.MAX_VALUE,
                                Optional.empty())),
                        new EditSpec.SplitStage(
                                "awareness",
                                StageSpec.of(Stage.builder("seen").build()),
                                StageSpec.of(Stage.builder("interested").build()),
                                new ConditionSpec("engaged", Map.of("count", "1"), List.of()))));

        SpecException e = assertThrows(SpecException.class, () -> spec.toTemplate(ConditionRegistry.empty()));

        assertEquals(
                List.of(new SpecException.Problem(
                        "edits[1]",
                        "cannot split stage 'awareness' of template 'five-stage': rule 'rush' leaving it has priority"
                                + " 2147483647, the highest there is, so no priority is left above it for rule"
                                + " 'seen-to-interested'")),
                e.problems());
    }
}
