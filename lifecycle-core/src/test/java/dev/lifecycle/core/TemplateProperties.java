package dev.lifecycle.core;

import static dev.lifecycle.core.Generators.CUSTOMER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

final class TemplateProperties {

    @Test
    void toBuilder_builtInTemplates_buildsEqualTemplate() {
        for (LifecycleTemplate template : Generators.BUILT_INS) {
            checkToBuilderRoundTrip(template);
        }
    }

    @Test
    void toBuilder_generatedTemplates_buildsEqualTemplate() {
        qt().forAll(Generators.templates()).checkAssert(TemplateProperties::checkToBuilderRoundTrip);
    }

    @Test
    void renameStage_andBack_givesEqualTemplate() {
        Gen<LifecycleTemplate> templates = Generators.builtInTemplates().mix(Generators.templates());
        qt().forAll(templates, Generate.range(0, 100), Generate.pick(List.of("renamed", "z9", "New_Stage.2")))
                .checkAssert((template, which, newId) -> {
                    List<Stage> stages = template.stages();
                    Stage stage = stages.get(which % stages.size());
                    LifecycleTemplate renamed = template.toBuilder()
                            .renameStage(stage.id(), newId, "Renamed stage")
                            .build();

                    assertNotEquals(template, renamed);
                    assertFalse(renamed.stage(stage.id()).isPresent());
                    Stage after = renamed.stage(newId).orElseThrow();
                    assertEquals("Renamed stage", after.name());
                    assertEquals(stage.isSideStage(), after.isSideStage());
                    assertEquals(stages.indexOf(stage), renamed.stages().indexOf(after));
                    for (TransitionRule rule : renamed.rules()) {
                        assertFalse(rule.from().contains(stage.id()), rule::toString);
                        assertNotEquals(stage.id(), rule.to(), rule::toString);
                    }

                    LifecycleTemplate back = renamed.toBuilder()
                            .renameStage(newId, stage.id(), stage.name())
                            .build();
                    assertEquals(template, back);
                    assertEquals(template.hashCode(), back.hashCode());
                });
    }

    @Test
    void renameStage_anyStage_classifiesIntoRenamedStage() {
        Gen<LifecycleTemplate> templates = Generators.builtInTemplates().mix(Generators.templates());
        qt().withExamples(500)
                .forAll(templates, Generators.profiles(CUSTOMER), Generators.asOfs(), Generate.range(0, 100))
                .checkAssert((template, profile, asOf, which) -> {
                    List<Stage> stages = template.stages();
                    Stage stage = stages.get(which % stages.size());
                    LifecycleTemplate renamed = template.toBuilder()
                            .renameStage(stage.id(), "renamed", "Renamed")
                            .build();
                    Classification before = LifecycleClassifier.of(template).classify(profile, asOf);
                    Classification after = LifecycleClassifier.of(renamed).classify(profile, asOf);
                    assertEquals(
                            stages.indexOf(before.stage()),
                            renamed.stages().indexOf(after.stage()),
                            () -> before + " versus " + after);
                    assertEquals(
                            before.path().stream().map(FiredRule::ruleId).toList(),
                            after.path().stream().map(FiredRule::ruleId).toList());
                });
    }

    @Test
    void stages_anyTemplate_splitIntoMainPathAndSideStages() {
        Gen<LifecycleTemplate> templates = Generators.builtInTemplates().mix(Generators.templates());
        qt().forAll(templates).checkAssert(template -> {
            List<Stage> main = template.mainPath();
            List<Stage> side = template.sideStages();
            assertEquals(template.stages().size(), main.size() + side.size());
            List<Stage> inOrder = new ArrayList<>(template.stages());
            inOrder.removeIf(Stage::isSideStage);
            assertEquals(inOrder, main);
            assertTrue(side.stream().allMatch(Stage::isSideStage));
            assertEquals(main.get(0), template.entryStage());
            for (Stage stage : template.stages()) {
                assertEquals(stage, template.stage(stage.id()).orElseThrow());
            }
            for (TransitionRule rule : template.rules()) {
                assertEquals(rule, template.rule(rule.id()).orElseThrow());
            }
        });
    }

    private static void checkToBuilderRoundTrip(LifecycleTemplate template) {
        LifecycleTemplate copy = template.toBuilder().build();
        assertEquals(template, copy);
        assertEquals(template.hashCode(), copy.hashCode());
        assertEquals(template.toString(), copy.toString());
        assertEquals(template.entryStage(), copy.entryStage());
        assertEquals(template.rules(), copy.rules());
        for (Stage stage : template.stages()) {
            assertEquals(stage, stage.toBuilder().build());
            assertEquals(stage.hashCode(), stage.toBuilder().build().hashCode());
        }
        for (TransitionRule rule : template.rules()) {
            assertEquals(rule, rule.toBuilder().build());
            assertEquals(rule.hashCode(), rule.toBuilder().build().hashCode());
        }
    }
}
