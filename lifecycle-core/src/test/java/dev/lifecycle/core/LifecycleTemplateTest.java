package dev.lifecycle.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.testing.EqualsTester;
import com.google.common.testing.NullPointerTester;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Builds and edits templates through the builder and {@link LifecycleTemplate#toBuilder()}. */
final class LifecycleTemplateTest {
    private static final Instant AS_OF = Instant.parse("2026-06-01T00:00:00Z");

    private static Stage stage(String id) {
        return Stage.builder(id).build();
    }

    private static Stage side(String id) {
        return Stage.builder(id).sideStage(true).build();
    }

    private static TransitionRule rule(String id, String from, String to, Condition when) {
        return TransitionRule.builder(id).from(from).to(to).when(when).build();
    }

    private static List<String> stageIds(LifecycleTemplate template) {
        return template.stages().stream().map(Stage::id).toList();
    }

    private static List<String> ruleIds(LifecycleTemplate template) {
        return template.rules().stream().map(TransitionRule::id).toList();
    }

    /** a -> b -> c on one, two orders; entry a. */
    private static LifecycleTemplate abc() {
        return LifecycleTemplate.builder("abc")
                .addStage(stage("a"))
                .addStage(stage("b"))
                .addStage(stage("c"))
                .addRule(rule("a-b", "a", "b", Condition.ordersAtLeast(1)))
                .addRule(rule("b-c", "b", "c", Condition.ordersAtLeast(2)))
                .build();
    }

    private static <T extends Throwable> String messageOf(Class<T> type, Executable call) {
        return String.valueOf(assertThrows(type, call).getMessage());
    }

    // ---- builder

    @Test
    void build_stagesAndRules_keptInOrder() {
        LifecycleTemplate t = abc();

        assertEquals("abc", t.name());
        assertEquals(List.of("a", "b", "c"), stageIds(t));
        assertEquals(List.of("a-b", "b-c"), ruleIds(t));
        assertEquals("a", t.entryStage().id());
        assertEquals("b", t.rule("b-c").orElseThrow().from().iterator().next());
        assertTrue(t.stage("nope").isEmpty());
        assertTrue(t.rule("nope").isEmpty());
    }

    @Test
    void build_sideStageFirst_entryIsFirstMainPathStage() {
        LifecycleTemplate t = LifecycleTemplate.builder("t")
                .addStage(side("lapsed"))
                .addStage(stage("a"))
                .addRule(rule("lapse", "a", "lapsed", Condition.noPurchaseFor(Duration.ofDays(1))))
                .build();

        assertEquals("a", t.entryStage().id());
        assertEquals(List.of("a"), t.mainPath().stream().map(Stage::id).toList());
        assertEquals(List.of("lapsed"), t.sideStages().stream().map(Stage::id).toList());
    }

    @Test
    void build_rulesAddedBeforeTheirStages_accepted() {
        LifecycleTemplate t = LifecycleTemplate.builder("t")
                .addRule(rule("a-b", "a", "b", Condition.firstPurchase()))
                .addStage(stage("a"))
                .addStage(stage("b"))
                .build();

        assertEquals(List.of("a-b"), ruleIds(t));
    }

    @Test
    void toBuilder_unchanged_equalsOriginal() {
        for (LifecycleTemplate t :
                List.of(Templates.fiveStage(), Templates.buyerLifecycle(), Templates.trackingCategories(), abc())) {
            assertEquals(t, t.toBuilder().build());
            assertEquals(t.hashCode(), t.toBuilder().build().hashCode());
        }
    }

    @Test
    void toBuilder_edit_leavesOriginalUnchanged() {
        LifecycleTemplate original = Templates.fiveStage();
        LifecycleTemplate.Builder builder = original.toBuilder().removeStage("consideration");

        builder.build();

        assertEquals(6, original.stages().size());
        assertEquals(Templates.fiveStage(Templates.DEFAULT_LAPSE_PERIOD), original);
    }

    // ---- toBuilder edits

    @Test
    void addStage_newMainStageWithRule_appendedAndReachable() {
        LifecycleTemplate t = Templates.fiveStage().toBuilder()
                .addStage(stage("champion"))
                .addRule(rule("champion", "advocacy", "champion", Condition.referralsAtLeast(3)))
                .build();

        assertEquals(
                List.of("awareness", "consideration", "conversion", "retention", "advocacy", "lapsed", "champion"),
                stageIds(t));
        assertEquals(
                List.of("awareness", "consideration", "conversion", "retention", "advocacy", "champion"),
                t.mainPath().stream().map(Stage::id).toList());
        CustomerProfile threeReferrals = CustomerProfile.builder("c1")
                .orderCount(2)
                .firstOrderAt(AS_OF.minus(Duration.ofDays(20)))
                .lastOrderAt(AS_OF.minus(Duration.ofDays(10)))
                .referralCount(3)
                .build();
        assertEquals(
                "champion",
                LifecycleClassifier.of(t)
                        .classify(threeReferrals, AS_OF)
                        .stage()
                        .id());
    }

    @Test
    void insertAfter_existingStage_insertsRightAfterIt() {
        LifecycleTemplate t = Templates.fiveStage().toBuilder()
                .insertAfter("conversion", stage("onboarding"))
                .addRule(rule("onboarded", "conversion", "onboarding", Condition.loyaltyMember()))
                .build();

        assertEquals(
                List.of("awareness", "consideration", "conversion", "onboarding", "retention", "advocacy", "lapsed"),
                stageIds(t));
    }

    @Test
    void insertAfter_unknownStage_rejected() {
        String message = messageOf(
                IllegalArgumentException.class,
                () -> Templates.fiveStage().toBuilder().insertAfter("loyal", stage("x")));

        assertEquals("template 'five-stage' has no stage 'loyal'", message);
    }

    @Test
    void insertAfter_takenId_rejected() {
        String message = messageOf(
                IllegalArgumentException.class,
                () -> Templates.fiveStage().toBuilder().insertAfter("awareness", stage("retention")));

        assertEquals("template 'five-stage' already has a stage with id 'retention'", message);
    }

    @Test
    void replaceStage_sameId_replacesMetadataOnly() {
        Stage replacement =
                Stage.builder("retention").name("Repeat").channels("sms").build();

        LifecycleTemplate t = Templates.fiveStage().toBuilder()
                .replaceStage("retention", replacement)
                .build();

        assertEquals(replacement, t.stage("retention").orElseThrow());
        assertEquals(Templates.fiveStage().rules(), t.rules());
    }

    @Test
    void replaceStage_newId_rulesAndEntryFollow() {
        LifecycleTemplate t = Templates.fiveStage().toBuilder()
                .replaceStage("awareness", stage("discovery"))
                .build();

        assertEquals("discovery", t.entryStage().id());
        assertEquals("consideration", t.rule("engaged").orElseThrow().to());
        assertEquals(Set.of("discovery"), t.rule("engaged").orElseThrow().from());
        assertEquals(
                List.of("discovery", "consideration"),
                List.copyOf(t.rule("first-purchase").orElseThrow().from()));
    }

    @Test
    void replaceStage_idOfAnotherStage_rejected() {
        String message = messageOf(
                IllegalArgumentException.class,
                () -> Templates.fiveStage().toBuilder().replaceStage("awareness", stage("advocacy")));

        assertEquals("template 'five-stage' already has a stage with id 'advocacy'", message);
    }

    @Test
    void renameStage_idAndName_rulesEntryAndMetadataFollow() {
        Stage before = Templates.buyerLifecycle().stage("reach").orElseThrow();

        LifecycleTemplate t = Templates.buyerLifecycle().toBuilder()
                .renameStage("reach", "discover", "Discover")
                .renameStage("retention", "repeat", "Repeat buyer")
                .build();

        Stage after = t.stage("discover").orElseThrow();
        assertEquals("Discover", after.name());
        assertEquals(before.description(), after.description());
        assertEquals(before.channels(), after.channels());
        assertEquals(before.touchpoints(), after.touchpoints());
        assertEquals(before.metrics(), after.metrics());
        assertEquals(before.strategy(), after.strategy());
        assertEquals("discover", t.entryStage().id());
        assertEquals(Set.of("discover"), t.rule("first-purchase").orElseThrow().from());
        assertEquals("repeat", t.rule("second-purchase").orElseThrow().to());
        assertEquals(Set.of("repeat"), t.rule("referral").orElseThrow().from());
        assertEquals(
                List.of("acquire", "develop", "repeat", "advocacy"),
                List.copyOf(t.rule("lapse").orElseThrow().from()));
        assertEquals(List.of("discover", "acquire", "develop", "repeat", "advocacy", "lapsed"), stageIds(t));
        CustomerProfile twoOrders = CustomerProfile.builder("c1")
                .orderCount(2)
                .firstOrderAt(AS_OF.minus(Duration.ofDays(20)))
                .lastOrderAt(AS_OF.minus(Duration.ofDays(10)))
                .build();
        assertEquals(
                "repeat",
                LifecycleClassifier.of(t).classify(twoOrders, AS_OF).stage().id());
    }

    @Test
    void renameStage_unknownStage_rejected() {
        String message = messageOf(
                IllegalArgumentException.class,
                () -> Templates.fiveStage().toBuilder().renameStage("loyal", "x", "X"));

        assertEquals("template 'five-stage' has no stage 'loyal'", message);
    }

    @Test
    void renameStage_takenId_rejected() {
        String message = messageOf(
                IllegalArgumentException.class,
                () -> Templates.fiveStage().toBuilder().renameStage("awareness", "retention", "R"));

        assertEquals("template 'five-stage' already has a stage with id 'retention'", message);
    }

    @Test
    void renameStage_invalidNewId_rejected() {
        String message = messageOf(
                IllegalArgumentException.class,
                () -> Templates.fiveStage().toBuilder().renameStage("awareness", "new id", "New"));

        assertTrue(message.startsWith("stage id must start with a letter or digit"), message);
        assertTrue(message.endsWith("but was 'new id'"), message);
    }

    @Test
    void removeStage_mainStage_rulesEnteringDroppedAndSourcesPruned() {
        LifecycleTemplate t =
                Templates.fiveStage().toBuilder().removeStage("consideration").build();

        assertEquals(List.of("awareness", "conversion", "retention", "advocacy", "lapsed"), stageIds(t));
        assertEquals(List.of("first-purchase", "second-purchase", "referral", "lapse", "win-back"), ruleIds(t));
        assertEquals(Set.of("awareness"), t.rule("first-purchase").orElseThrow().from());
        assertEquals(
                Templates.fiveStage().rule("first-purchase").orElseThrow().condition(),
                t.rule("first-purchase").orElseThrow().condition());
        assertEquals(
                Templates.fiveStage().rule("first-purchase").orElseThrow().priority(),
                t.rule("first-purchase").orElseThrow().priority());
    }

    @Test
    void removeStage_sideStage_lapseAndWinBackRulesDropped() {
        LifecycleTemplate t =
                Templates.fiveStage().toBuilder().removeStage("lapsed").build();

        assertTrue(t.sideStages().isEmpty());
        assertEquals(List.of("engaged", "first-purchase", "second-purchase", "referral"), ruleIds(t));
    }

    @Test
    void removeStage_onlySourceOfRule_ruleDroppedAndOtherSourcesKept() {
        LifecycleTemplate t = Templates.trackingCategories().toBuilder()
                .removeStage("advocate")
                .build();

        assertEquals(List.of("first-purchase", "second-purchase", "lapse", "win-back"), ruleIds(t));
        assertEquals(
                List.of("customer", "retained"),
                List.copyOf(t.rule("lapse").orElseThrow().from()));
    }

    @Test
    void removeStage_leavesLaterStageUnreachable_buildRejected() {
        LifecycleTemplate.Builder builder = Templates.fiveStage().toBuilder().removeStage("retention");

        String message = messageOf(IllegalArgumentException.class, builder::build);

        assertEquals(
                "main-path stage 'advocacy' of template 'five-stage' cannot be reached from entry stage 'awareness':"
                        + " no chain of rules leads to it",
                message);
    }

    @Test
    void removeStage_unknownStage_rejected() {
        String message = messageOf(
                IllegalArgumentException.class,
                () -> Templates.fiveStage().toBuilder().removeStage("loyal"));

        assertEquals("template 'five-stage' has no stage 'loyal'", message);
    }

    @Test
    void removeStage_entryStage_rejected() {
        String message = messageOf(
                IllegalArgumentException.class,
                () -> Templates.fiveStage().toBuilder().removeStage("awareness"));

        assertEquals(
                "cannot remove stage 'awareness' of template 'five-stage': it is the entry stage; set another entry"
                        + " stage first",
                message);
    }

    @Test
    void removeStage_defaultEntryStage_rejected() {
        String message = messageOf(
                IllegalArgumentException.class,
                () -> LifecycleTemplate.builder("t")
                        .addStage(stage("a"))
                        .addStage(stage("b"))
                        .removeStage("a"));

        assertTrue(message.startsWith("cannot remove stage 'a' of template 't': it is the entry stage"), message);
    }

    @Test
    void removeStage_afterEntryStageMoved_accepted() {
        LifecycleTemplate t = Templates.fiveStage().toBuilder()
                .entryStage("consideration")
                .removeStage("awareness")
                .build();

        assertEquals("consideration", t.entryStage().id());
        assertEquals(List.of("first-purchase", "second-purchase", "referral", "lapse", "win-back"), ruleIds(t));
    }

    @Test
    void splitStage_reachIntoAwarenessAndInterest_classifiesThroughBoth() {
        LifecycleTemplate t = Templates.buyerLifecycle().toBuilder()
                .splitStage("reach", stage("awareness"), stage("interest"), Condition.engaged(1))
                .build();
        LifecycleClassifier classifier = LifecycleClassifier.of(t);
        CustomerProfile viewer = CustomerProfile.builder("c1")
                .firstSeen(AS_OF.minus(Duration.ofDays(30)))
                .productViews(1)
                .build();
        CustomerProfile buyer = CustomerProfile.builder("c2")
                .orderCount(1)
                .lastOrderAt(AS_OF.minus(Duration.ofDays(10)))
                .build();
        CustomerProfile viewingBuyer = buyer.toBuilder().productViews(1).build();
        CustomerProfile visitor = CustomerProfile.builder("c3")
                .firstSeen(AS_OF.minus(Duration.ofDays(30)))
                .siteVisits(2)
                .build();

        Classification viewerResult = classifier.classify(viewer, AS_OF);
        Classification buyerResult = classifier.classify(buyer, AS_OF);
        Classification viewingBuyerResult = classifier.classify(viewingBuyer, AS_OF);

        assertEquals(
                List.of("awareness", "interest", "acquire", "develop", "retention", "advocacy", "lapsed"), stageIds(t));
        assertEquals("awareness", t.entryStage().id());
        assertEquals("awareness", classifier.classify(visitor, AS_OF).stage().id());
        assertEquals("interest", viewerResult.stage().id());
        assertEquals("interest", viewerResult.highestMainStage().id());
        assertEquals("acquire", buyerResult.stage().id());
        assertEquals("acquire", buyerResult.highestMainStage().id());
        assertEquals(
                List.of("awareness-to-interest", "first-purchase"),
                viewingBuyerResult.path().stream().map(FiredRule::ruleId).toList());
        assertEquals("acquire", viewingBuyerResult.stage().id());
    }

    @Test
    void splitStage_rules_enterFirstLeaveBothAndLinkOutranksThem() {
        LifecycleTemplate t = Templates.buyerLifecycle().toBuilder()
                .splitStage("reach", stage("awareness"), stage("interest"), Condition.engaged(1))
                .build();

        TransitionRule link = t.rule("awareness-to-interest").orElseThrow();
        assertEquals(Set.of("awareness"), link.from());
        assertEquals("interest", link.to());
        assertEquals(Condition.engaged(1), link.condition());
        assertEquals(
                List.of("awareness", "interest"),
                List.copyOf(t.rule("first-purchase").orElseThrow().from()));
        assertTrue(link.priority() > t.rule("first-purchase").orElseThrow().priority());
        assertEquals("awareness-to-interest", ruleIds(t).get(ruleIds(t).size() - 1));
    }

    @Test
    void splitStage_middleStage_rulesEnteringItEnterFirst() {
        LifecycleTemplate t = abc().toBuilder()
                .splitStage("b", stage("b1"), stage("b2"), Condition.loyaltyMember())
                .build();

        assertEquals(List.of("a", "b1", "b2", "c"), stageIds(t));
        assertEquals("b1", t.rule("a-b").orElseThrow().to());
        assertEquals(
                List.of("b1", "b2"), List.copyOf(t.rule("b-c").orElseThrow().from()));
        assertEquals(1, t.rule("b1-to-b2").orElseThrow().priority());
    }

    @Test
    void splitStage_sameNewIds_rejected() {
        String message = messageOf(
                IllegalArgumentException.class,
                () -> abc().toBuilder().splitStage("b", stage("x"), stage("x"), Condition.loyaltyMember()));

        assertEquals("cannot split stage 'b' of template 'abc' into two stages with the same id 'x'", message);
    }

    @Test
    void splitStage_mainStageIntoSideStage_rejected() {
        String message = messageOf(
                IllegalArgumentException.class,
                () -> abc().toBuilder().splitStage("b", stage("b1"), side("b2"), Condition.loyaltyMember()));

        assertEquals(
                "cannot split stage 'b' of template 'abc': both new stages must be on the main path like the stage"
                        + " they replace",
                message);
    }

    @Test
    void splitStage_unknownStage_rejected() {
        String message = messageOf(
                IllegalArgumentException.class,
                () -> abc().toBuilder().splitStage("z", stage("z1"), stage("z2"), Condition.loyaltyMember()));

        assertEquals("template 'abc' has no stage 'z'", message);
    }

    @Test
    void splitStage_secondIdTaken_rejectedAndBuilderUnchanged() {
        LifecycleTemplate.Builder builder = abc().toBuilder();

        String message = messageOf(
                IllegalArgumentException.class,
                () -> builder.splitStage("b", stage("b1"), stage("c"), Condition.loyaltyMember()));

        assertEquals("template 'abc' already has a stage with id 'c'", message);
        assertEquals(abc(), builder.build());
    }

    @Test
    void addRule_newRule_appendedAndFires() {
        LifecycleTemplate t = Templates.fiveStage().toBuilder()
                .addRule(TransitionRule.builder("loyalty-win-back")
                        .from("lapsed")
                        .to("retention")
                        .when(Condition.eventWithin(EventType.EMAIL_CLICK, Duration.ofDays(7)))
                        .build())
                .build();

        assertEquals("loyalty-win-back", ruleIds(t).get(ruleIds(t).size() - 1));
    }

    @Test
    void addRule_duplicateId_rejected() {
        String message = messageOf(
                IllegalArgumentException.class,
                () -> Templates.fiveStage().toBuilder()
                        .addRule(rule("referral", "conversion", "advocacy", Condition.referralsAtLeast(1))));

        assertEquals("template 'five-stage' already has a rule with id 'referral'", message);
    }

    @Test
    void replaceRule_sameId_keepsPlaceInOrder() {
        TransitionRule stricter =
                Templates.fiveStage().rule("referral").orElseThrow().withCondition(Condition.referralsAtLeast(2));

        LifecycleTemplate t = Templates.fiveStage().toBuilder()
                .replaceRule("referral", stricter)
                .build();

        assertEquals(ruleIds(Templates.fiveStage()), ruleIds(t));
        assertEquals(stricter, t.rule("referral").orElseThrow());
        assertEquals(Condition.referralsAtLeast(2), t.rules().get(3).condition());
    }

    @Test
    void replaceRule_newId_takesThePlaceOfTheOld() {
        TransitionRule renamed =
                Templates.fiveStage().rule("engaged").orElseThrow().withId("interested");

        LifecycleTemplate t = Templates.fiveStage().toBuilder()
                .replaceRule("engaged", renamed)
                .build();

        assertEquals(
                List.of("interested", "first-purchase", "second-purchase", "referral", "lapse", "win-back"),
                ruleIds(t));
    }

    @Test
    void replaceRule_unknownRule_rejected() {
        String message = messageOf(
                IllegalArgumentException.class,
                () -> Templates.fiveStage().toBuilder()
                        .replaceRule(
                                "third-purchase",
                                rule("third-purchase", "retention", "advocacy", Condition.ordersAtLeast(3))));

        assertEquals("template 'five-stage' has no rule 'third-purchase'", message);
    }

    @Test
    void replaceRule_idOfAnotherRule_rejected() {
        String message = messageOf(
                IllegalArgumentException.class,
                () -> Templates.fiveStage().toBuilder()
                        .replaceRule(
                                "engaged",
                                Templates.fiveStage()
                                        .rule("engaged")
                                        .orElseThrow()
                                        .withId("lapse")));

        assertEquals("template 'five-stage' already has a rule with id 'lapse'", message);
    }

    @Test
    void removeRule_knownRule_removed() {
        LifecycleTemplate t =
                Templates.fiveStage().toBuilder().removeRule("lapse").build();

        assertEquals(List.of("engaged", "first-purchase", "second-purchase", "referral", "win-back"), ruleIds(t));
    }

    @Test
    void removeRule_onlyWayIntoStage_buildRejected() {
        LifecycleTemplate.Builder builder = Templates.fiveStage().toBuilder().removeRule("engaged");

        String message = messageOf(IllegalArgumentException.class, builder::build);

        assertTrue(
                message.startsWith("main-path stage 'consideration' of template 'five-stage' cannot be reached"),
                message);
    }

    @Test
    void removeRule_unknownRule_rejected() {
        String message = messageOf(
                IllegalArgumentException.class,
                () -> Templates.fiveStage().toBuilder().removeRule("no-such-rule"));

        assertEquals("template 'five-stage' has no rule 'no-such-rule'", message);
    }

    @Test
    void entryStage_laterMainStage_classificationStartsThere() {
        LifecycleTemplate t = LifecycleTemplate.builder("t")
                .addStage(stage("a"))
                .addStage(stage("b"))
                .addRule(rule("b-a", "b", "a", Condition.firstPurchase()))
                .entryStage("b")
                .build();

        assertEquals("b", t.entryStage().id());
        CustomerProfile nobody = CustomerProfile.builder("c1").build();
        assertEquals(
                "b", LifecycleClassifier.of(t).classify(nobody, AS_OF).stage().id());
    }

    // ---- bad input

    @Test
    void stageBuilder_emptyId_rejected() {
        String message = messageOf(IllegalArgumentException.class, () -> Stage.builder(""));

        assertEquals(
                "stage id must start with a letter or digit and contain only letters, digits, '_', '.' and '-' but"
                        + " was ''",
                message);
    }

    @Test
    void stageBuilder_blankName_rejected() {
        String message = messageOf(
                IllegalArgumentException.class, () -> Stage.builder("a").name(" "));

        assertEquals("name of stage 'a' must not be blank but was ' '", message);
    }

    @Test
    void templateBuilder_invalidName_rejected() {
        String message = messageOf(IllegalArgumentException.class, () -> LifecycleTemplate.builder("five stage"));

        assertTrue(message.startsWith("template name must start with a letter or digit"), message);
        assertTrue(message.endsWith("but was 'five stage'"), message);
    }

    @Test
    void addStage_duplicateStageId_rejected() {
        String message = messageOf(
                IllegalArgumentException.class,
                () -> Templates.fiveStage().toBuilder().addStage(stage("retention")));

        assertEquals("template 'five-stage' already has a stage with id 'retention'", message);
    }

    @Test
    void build_ruleTargetsUnknownStage_rejected() {
        LifecycleTemplate.Builder builder =
                Templates.fiveStage().toBuilder().addRule(rule("x", "retention", "loyal", Condition.ordersAtLeast(5)));

        String message = messageOf(IllegalArgumentException.class, builder::build);

        assertEquals("rule 'x' targets stage 'loyal', which template 'five-stage' does not have", message);
    }

    @Test
    void build_ruleLeavesUnknownStage_rejected() {
        LifecycleTemplate.Builder builder = Templates.fiveStage().toBuilder()
                .addRule(TransitionRule.builder("x")
                        .from("retention", "loyal")
                        .to("advocacy")
                        .when(Condition.ordersAtLeast(5))
                        .build());

        String message = messageOf(IllegalArgumentException.class, builder::build);

        assertEquals("rule 'x' leaves stage 'loyal', which template 'five-stage' does not have", message);
    }

    @Test
    void build_unreachableMainPathStage_rejected() {
        LifecycleTemplate.Builder builder = abc().toBuilder().addStage(stage("d"));

        String message = messageOf(IllegalArgumentException.class, builder::build);

        assertEquals(
                "main-path stage 'd' of template 'abc' cannot be reached from entry stage 'a': no chain of rules leads"
                        + " to it",
                message);
    }

    @Test
    void build_unreachableSideStage_accepted() {
        LifecycleTemplate t = abc().toBuilder().addStage(side("parked")).build();

        assertEquals(List.of("parked"), t.sideStages().stream().map(Stage::id).toList());
    }

    @Test
    void build_unknownEntryStage_rejected() {
        LifecycleTemplate.Builder builder = abc().toBuilder().entryStage("z");

        String message = messageOf(IllegalArgumentException.class, builder::build);

        assertEquals("entry stage 'z' is not a stage of template 'abc'", message);
    }

    @Test
    void build_sideEntryStage_rejected() {
        LifecycleTemplate.Builder builder = Templates.fiveStage().toBuilder().entryStage("lapsed");

        String message = messageOf(IllegalArgumentException.class, builder::build);

        assertEquals(
                "entry stage 'lapsed' of template 'five-stage' is a side stage; the entry stage must be on the main"
                        + " path",
                message);
    }

    @Test
    void build_churnStageOnMainPath_rejectedNamingTemplateAndStage() {
        LifecycleTemplate.Builder builder = abc().toBuilder()
                .replaceStage("c", Stage.builder("c").churn(true).build());

        String message = messageOf(IllegalArgumentException.class, builder::build);

        assertEquals(
                "stage 'c' of template 'abc' counts as churn but is on the main path; a churn stage must be a side"
                        + " stage, as a churned customer is off the main path",
                message);
    }

    @Test
    void churnStages_sideStagesMarkedChurn_onlyThoseInTemplateOrder() {
        LifecycleTemplate t = abc().toBuilder()
                .addStage(side("vip"))
                .addStage(Stage.builder("gone").sideStage(true).churn(true).build())
                .addStage(Stage.builder("closed").sideStage(true).churn(true).build())
                .build();

        assertEquals(
                List.of("gone", "closed"),
                t.churnStages().stream().map(Stage::id).toList());
        assertEquals(List.of(), abc().churnStages());
    }

    @Test
    void edits_churnStage_flagKeptThroughToBuilderRenameAndSplit() {
        Stage lapsed = Templates.fiveStage().stage("lapsed").orElseThrow();
        assertTrue(lapsed.isChurn());
        assertTrue(lapsed.toBuilder().build().isChurn());
        assertTrue(lapsed.withId("churned").isChurn());
        assertTrue(lapsed.withName("Churned").isChurn());

        LifecycleTemplate renamed = Templates.fiveStage().toBuilder()
                .renameStage("lapsed", "churned", "Churned")
                .build();
        LifecycleTemplate split = Templates.fiveStage().toBuilder()
                .splitStage(
                        "lapsed",
                        Stage.builder("dormant").sideStage(true).build(),
                        Stage.builder("gone").sideStage(true).churn(true).build(),
                        Condition.ordersAtLeast(1))
                .build();

        assertEquals(
                List.of("churned"),
                renamed.churnStages().stream().map(Stage::id).toList());
        assertEquals(
                List.of("gone"), split.churnStages().stream().map(Stage::id).toList());
        assertEquals(Templates.fiveStage(), Templates.fiveStage().toBuilder().build());
        assertEquals(
                Templates.fiveStage().churnStages(),
                Templates.fiveStage().toBuilder().build().churnStages());
    }

    @Test
    void build_onlySideStages_rejected() {
        LifecycleTemplate.Builder builder = LifecycleTemplate.builder("t").addStage(side("lapsed"));

        String message = messageOf(IllegalArgumentException.class, builder::build);

        assertEquals("template 't' has no main-path stage; add one", message);
    }

    @Test
    void build_noStages_rejected() {
        LifecycleTemplate.Builder builder = LifecycleTemplate.builder("empty");

        String message = messageOf(IllegalArgumentException.class, builder::build);

        assertEquals("template 'empty' has no main-path stage; add one", message);
    }

    @Test
    void ruleBuilder_fromStageToItself_rejected() {
        String message = messageOf(
                IllegalArgumentException.class,
                () -> TransitionRule.builder("loop")
                        .from("conversion", "retention")
                        .to("retention")
                        .when(Condition.firstPurchase())
                        .build());

        assertEquals("rule 'loop' leads from stage 'retention' back to itself; a rule must change the stage", message);
    }

    @Test
    void ruleBuilder_missingFrom_rejected() {
        String message = messageOf(
                IllegalArgumentException.class,
                () -> TransitionRule.builder("r")
                        .to("b")
                        .when(Condition.firstPurchase())
                        .build());

        assertEquals("rule 'r' has no source stage; call from(...)", message);
    }

    @Test
    void ruleBuilder_missingTo_rejected() {
        String message = messageOf(
                IllegalArgumentException.class,
                () -> TransitionRule.builder("r")
                        .from("a")
                        .when(Condition.firstPurchase())
                        .build());

        assertEquals("rule 'r' has no target stage; call to(...)", message);
    }

    @Test
    void ruleBuilder_missingCondition_rejected() {
        String message = messageOf(
                IllegalArgumentException.class,
                () -> TransitionRule.builder("r").from("a").to("b").build());

        assertEquals("rule 'r' has no condition; call when(...)", message);
    }

    @Test
    void ruleBuilder_emptyFrom_rejected() {
        String message = messageOf(
                IllegalArgumentException.class,
                () -> TransitionRule.builder("r").from());

        assertEquals("rule 'r' needs at least one source stage", message);
    }

    @Test
    void ruleBuilder_repeatedSource_rejected() {
        String message = messageOf(
                IllegalArgumentException.class,
                () -> TransitionRule.builder("r").from("a", "b", "a"));

        assertEquals("rule 'r' names source stage 'a' more than once", message);
    }

    @Test
    @SuppressWarnings("NullAway") // the test passes null on purpose
    void ruleBuilder_nullCondition_rejected() {
        String message = messageOf(
                NullPointerException.class, () -> TransitionRule.builder("r").when(null));

        assertEquals("condition", message);
    }

    @Test
    void rule_defaultDescription_namesStagesAndCondition() {
        TransitionRule lapse = Templates.fiveStage().rule("lapse").orElseThrow();

        assertEquals(
                "conversion, retention, advocacy -> lapsed when no purchase for more than 180 days",
                lapse.description());
        assertEquals(
                "custom text",
                lapse.toBuilder().description("custom text").build().description());
    }

    // ---- equality

    @Test
    void template_equals_byNameStagesEntryAndRules() {
        new EqualsTester()
                .addEqualityGroup(
                        abc(),
                        abc(),
                        abc().toBuilder().build(),
                        abc().toBuilder().entryStage("a").build())
                .addEqualityGroup(abc().toBuilder().renameStage("c", "c", "C").build())
                .addEqualityGroup(abc().toBuilder().addStage(side("lapsed")).build())
                .addEqualityGroup(abc().toBuilder()
                        .replaceRule("b-c", rule("b-c", "b", "c", Condition.ordersAtLeast(3)))
                        .build())
                .addEqualityGroup(abc().toBuilder()
                        .addRule(rule("c-a", "c", "a", Condition.loyaltyMember()))
                        .entryStage("b")
                        .build())
                .addEqualityGroup(abc().toBuilder()
                        .addRule(rule("c-a", "c", "a", Condition.loyaltyMember()))
                        .build())
                .addEqualityGroup(Templates.fiveStage(), Templates.fiveStage(Duration.ofDays(180)))
                .addEqualityGroup(Templates.fiveStage(Duration.ofDays(90)))
                .addEqualityGroup(Templates.buyerLifecycle())
                .addEqualityGroup(Templates.trackingCategories())
                .testEquals();
    }

    @Test
    void templateName_differs_notEqual() {
        LifecycleTemplate a =
                LifecycleTemplate.builder("one").addStage(stage("a")).build();
        LifecycleTemplate b =
                LifecycleTemplate.builder("two").addStage(stage("a")).build();

        assertNotEquals(a, b);
    }

    @Test
    void stage_equals_byEveryField() {
        Stage full = Stage.builder("s")
                .name("S")
                .description("d")
                .channels("c")
                .touchpoints("t")
                .metrics("m")
                .strategy("st")
                .build();
        new EqualsTester()
                .addEqualityGroup(full, full.toBuilder().build(), full.withId("s"))
                .addEqualityGroup(full.withId("s2"))
                .addEqualityGroup(full.withName("Other"))
                .addEqualityGroup(full.toBuilder().description("other").build())
                .addEqualityGroup(full.toBuilder().sideStage(true).build())
                .addEqualityGroup(full.toBuilder().channels("c2").build())
                .addEqualityGroup(full.toBuilder().touchpoints("t2").build())
                .addEqualityGroup(full.toBuilder().metrics("m2").build())
                .addEqualityGroup(full.toBuilder().strategy("other").build())
                .addEqualityGroup(
                        Stage.builder("s").build(), Stage.builder("s").name("s").build())
                .testEquals();
    }

    @Test
    void rule_equals_byEveryField() {
        TransitionRule base = TransitionRule.builder("r")
                .from("a", "b")
                .to("c")
                .when(Condition.ordersAtLeast(2))
                .priority(5)
                .build();
        new EqualsTester()
                .addEqualityGroup(
                        base,
                        base.toBuilder().build(),
                        base.withId("r"),
                        base.withCondition(Condition.secondPurchase()))
                .addEqualityGroup(base.withId("r2"))
                .addEqualityGroup(base.toBuilder().from("a").build())
                .addEqualityGroup(base.toBuilder().to("d").build())
                .addEqualityGroup(base.withCondition(Condition.ordersAtLeast(3)))
                .addEqualityGroup(base.toBuilder().priority(6).build())
                .addEqualityGroup(base.toBuilder().description("a or b to c").build())
                .testEquals();
    }

    @Test
    void publicApi_nullArgument_nullPointerException() {
        NullPointerTester tester = new NullPointerTester()
                .setDefault(Stage.class, stage("x"))
                .setDefault(TransitionRule.class, rule("r", "a", "b", Condition.firstPurchase()))
                .setDefault(Condition.class, Condition.firstPurchase())
                .setDefault(Duration.class, Duration.ofDays(1))
                .setDefault(Money.class, Money.of("10", "USD"));

        for (Class<?> type :
                List.of(Stage.class, TransitionRule.class, LifecycleTemplate.class, Templates.class, Condition.class)) {
            tester.testAllPublicStaticMethods(type);
        }
        tester.testAllPublicInstanceMethods(
                Templates.fiveStage().stage("retention").orElseThrow());
        tester.testAllPublicInstanceMethods(Stage.builder("s"));
        tester.testAllPublicInstanceMethods(Templates.fiveStage().rule("lapse").orElseThrow());
        tester.testAllPublicInstanceMethods(TransitionRule.builder("r"));
        tester.testAllPublicInstanceMethods(Templates.fiveStage());
        tester.testAllPublicInstanceMethods(Templates.fiveStage().toBuilder());
    }
}
