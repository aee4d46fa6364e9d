package dev.lifecycle.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The plain-data form of templates and conditions: round trips and problems reported with their paths. */
final class TemplateSpecTest {

    static List<LifecycleTemplate> builtIns() {
        return List.of(Templates.fiveStage(), Templates.buyerLifecycle(), Templates.trackingCategories());
    }

    @ParameterizedTest
    @MethodSource("builtIns")
    void toTemplate_specOfBuiltIn_equalsTheOriginal(LifecycleTemplate template) {
        assertEquals(template, TemplateSpec.of(template).toTemplate(ConditionRegistry.empty()));
    }

    @Test
    void of_fiveStageLapseRule_conditionAsData() {
        RuleSpec lapse = TemplateSpec.of(Templates.fiveStage()).rules().get(4);

        assertEquals(
                new RuleSpec(
                        "lapse",
                        List.of("conversion", "retention", "advocacy"),
                        "lapsed",
                        new ConditionSpec("no-purchase-for", Map.of("duration", "P180D"), List.of()),
                        10,
                        Optional.empty()),
                lapse);
    }

    @Test
    void toTemplate_customConditionRegistered_equalsTheOriginal() {
        Condition vip = Condition.custom("vip", (profile, asOf) -> profile.orderCount() > 10);
        LifecycleTemplate template = Templates.fiveStage().toBuilder()
                .addStage(Stage.builder("vip").sideStage(true).build())
                .addRule(TransitionRule.builder("vip")
                        .from("retention")
                        .to("vip")
                        .when(vip.and(
                                Condition.noPurchaseFor(Duration.ofDays(30)).negate()))
                        .priority(40)
                        .description("big spenders")
                        .build())
                .build();

        LifecycleTemplate back = TemplateSpec.of(template)
                .toTemplate(ConditionRegistry.builder().register("vip", vip).build());

        assertEquals(template, back);
    }

    @Test
    void toTemplate_unregisteredCustomCondition_problemNamesTheName() {
        ConditionSpec spec = new ConditionSpec("custom", Map.of("name", "vip"), List.of());

        SpecException e = assertThrows(SpecException.class, () -> spec.toCondition(ConditionRegistry.empty()));

        assertEquals(
                List.of(new SpecException.Problem(
                        "condition.parameters.name", "no custom condition named 'vip' is registered; registered: []")),
                e.problems());
    }

    @Test
    void toTemplate_severalProblems_allReportedWithPaths() {
        TemplateSpec good = TemplateSpec.of(Templates.fiveStage());
        List<StageSpec> stages = new java.util.ArrayList<>(good.stages());
        stages.set(3, new StageSpec("", "", "", false, false, List.of(), List.of(), List.of(), ""));
        List<RuleSpec> rules = new java.util.ArrayList<>(good.rules());
        rules.set(
                0,
                new RuleSpec(
                        "engaged",
                        List.of("awareness"),
                        "loyal",
                        new ConditionSpec("engaged", Map.of("count", "two"), List.of()),
                        20,
                        Optional.empty()));
        rules.set(
                4,
                new RuleSpec(
                        "lapse",
                        List.of("conversion"),
                        "lapsed",
                        new ConditionSpec("no-purchase-since", Map.of(), List.of()),
                        10,
                        Optional.empty()));

        SpecException e = assertThrows(
                SpecException.class,
                () -> new TemplateSpec(
                                "five-stage", Optional.empty(), Optional.of("awareness"), stages, rules, List.of())
                        .toTemplate(ConditionRegistry.empty()));

        assertEquals(
                List.of(
                        "stages[3].id",
                        "stages[3].name",
                        "rules[0].to",
                        "rules[0].condition.parameters.count",
                        "rules[2].to",
                        "rules[3].from[0]",
                        "rules[4].condition.type",
                        "rules[5].to"),
                e.problems().stream().map(SpecException.Problem::path).toList(),
                e::getMessage);
    }

    @Test
    void toTemplate_extendsBuyerLifecycle_splitReachAndAddVip() {
        StageSpec awareness =
                StageSpec.of(Stage.builder("awareness").name("Awareness").build());
        StageSpec interest =
                StageSpec.of(Stage.builder("interest").name("Interest").build());
        StageSpec vip =
                StageSpec.of(Stage.builder("vip").name("VIP").sideStage(true).build());
        TemplateSpec spec = new TemplateSpec(
                "my-shop",
                Optional.of("buyer-lifecycle"),
                Optional.empty(),
                List.of(),
                List.of(),
                List.of(
                        new EditSpec.SplitStage(
                                "reach",
                                awareness,
                                interest,
                                new ConditionSpec("engaged", Map.of("count", "1"), List.of())),
                        new EditSpec.AddStage(vip),
                        new EditSpec.AddRule(new RuleSpec(
                                "vip",
                                List.of("retention", "advocacy"),
                                "vip",
                                new ConditionSpec(
                                        "spent-at-least", Map.of("amount", "1000", "currency", "USD"), List.of()),
                                50,
                                Optional.empty()))));

        LifecycleTemplate template = spec.toTemplate(ConditionRegistry.empty());

        LifecycleTemplate expected = Templates.buyerLifecycle().toBuilder()
                .name("my-shop")
                .splitStage(
                        "reach",
                        Stage.builder("awareness").name("Awareness").build(),
                        Stage.builder("interest").name("Interest").build(),
                        Condition.engaged(1))
                .addStage(Stage.builder("vip").name("VIP").sideStage(true).build())
                .addRule(TransitionRule.builder("vip")
                        .from("retention", "advocacy")
                        .to("vip")
                        .when(Condition.spentAtLeast(Money.of("1000", "USD")))
                        .priority(50)
                        .build())
                .build();
        assertEquals(expected, template);
        assertEquals("my-shop", template.name());
        assertEquals("awareness", template.entryStage().id());
    }

    @Test
    void toTemplate_churnFlag_keptBothWays() {
        LifecycleTemplate template = Templates.buyerLifecycle().toBuilder()
                .addStage(Stage.builder("vip").sideStage(true).build())
                .addStage(Stage.builder("closed").sideStage(true).churn(true).build())
                .build();

        TemplateSpec spec = TemplateSpec.of(template);

        assertEquals(
                List.of("lapsed", "closed"),
                spec.stages().stream()
                        .filter(StageSpec::churn)
                        .map(StageSpec::id)
                        .toList());
        assertEquals(template, spec.toTemplate(ConditionRegistry.empty()));
    }

    @Test
    void toTemplate_churnStageOnMainPath_problemAtItsChurnPath() {
        StageSpec mainChurn = StageSpec.of(Stage.builder("gone").churn(true).build());
        TemplateSpec listed = new TemplateSpec(
                "shop",
                Optional.empty(),
                Optional.empty(),
                List.of(StageSpec.of(Stage.builder("a").build()), mainChurn),
                List.of(new RuleSpec(
                        "a-gone",
                        List.of("a"),
                        "gone",
                        new ConditionSpec("orders-at-least", Map.of("count", "1"), List.of()),
                        0,
                        Optional.empty())),
                List.of());
        TemplateSpec extending = new TemplateSpec(
                "shop",
                Optional.of("five-stage"),
                Optional.empty(),
                List.of(),
                List.of(),
                List.of(new EditSpec.InsertAfter("advocacy", mainChurn)));

        SpecException fromList = assertThrows(SpecException.class, () -> listed.toTemplate(ConditionRegistry.empty()));
        SpecException fromEdit =
                assertThrows(SpecException.class, () -> extending.toTemplate(ConditionRegistry.empty()));

        String message = "stage 'gone' of template 'shop' counts as churn but is on the main path; a churn stage must"
                + " be a side stage, as a churned customer is off the main path";
        assertEquals(List.of(new SpecException.Problem("stages[1].churn", message)), fromList.problems());
        assertEquals(List.of(new SpecException.Problem("edits[0].stage.churn", message)), fromEdit.problems());
    }

    @Test
    void toTemplate_editsNamingUnknownStages_everyEditReported() {
        TemplateSpec spec = new TemplateSpec(
                "my-shop",
                Optional.of("five-stage"),
                Optional.empty(),
                List.of(),
                List.of(),
                List.of(
                        new EditSpec.RemoveStage("loyal"),
                        new EditSpec.RemoveRule("nope"),
                        new EditSpec.RenameStage("retention", "repeat", "Repeat")));

        SpecException e = assertThrows(SpecException.class, () -> spec.toTemplate(ConditionRegistry.empty()));

        assertEquals(
                List.of(
                        new SpecException.Problem("edits[0]", "template 'five-stage' has no stage 'loyal'"),
                        new SpecException.Problem("edits[1]", "template 'five-stage' has no rule 'nope'")),
                e.problems());
    }
}
