package dev.lifecycle.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.core.ConditionRegistry;
import dev.lifecycle.core.ConditionSpec;
import dev.lifecycle.core.EditSpec;
import dev.lifecycle.core.LifecycleTemplate;
import dev.lifecycle.core.RuleSpec;
import dev.lifecycle.core.Stage;
import dev.lifecycle.core.StageSpec;
import dev.lifecycle.core.TemplateSpec;
import dev.lifecycle.core.Templates;
import dev.lifecycle.templates.TemplateFiles.Format;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Built-in templates and hand-written specs written as JSON and YAML and read back. */
final class RoundTripTest {
    private static final TemplateSpec MY_SHOP = new TemplateSpec(
            "my-shop",
            Optional.of("buyer-lifecycle"),
            Optional.empty(),
            List.of(),
            List.of(),
            List.of(
                    new EditSpec.SplitStage(
                            "reach",
                            stage("awareness", "Awareness", false),
                            stage("interest", "Interest", false),
                            new ConditionSpec("engaged", Map.of("count", "1"), List.of())),
                    new EditSpec.AddStage(stage("vip", "VIP", true)),
                    new EditSpec.AddRule(new RuleSpec(
                            "vip",
                            List.of("retention", "advocacy"),
                            "vip",
                            new ConditionSpec(
                                    "not",
                                    Map.of(),
                                    List.of(new ConditionSpec("nps-at-most", Map.of("score", "6"), List.of()))),
                            50,
                            Optional.of("happy customers"))),
                    new EditSpec.RenameStage("develop", "nurture", "Nurture")));

    @TempDir
    Path dir;

    static List<LifecycleTemplate> builtIns() {
        return TemplateGenerators.BUILT_INS;
    }

    @ParameterizedTest
    @MethodSource("builtIns")
    void writeJson_builtIn_readsBackToTheSameSpecAndTemplate(LifecycleTemplate template) {
        assertRoundTrip(template, Format.JSON);
    }

    @ParameterizedTest
    @MethodSource("builtIns")
    void writeYaml_builtIn_readsBackToTheSameSpecAndTemplate(LifecycleTemplate template) {
        assertRoundTrip(template, Format.YAML);
    }

    @ParameterizedTest
    @MethodSource("builtIns")
    void readFile_builtInWrittenToFiles_sameTemplate(LifecycleTemplate template) throws IOException {
        TemplateSpec spec = TemplateSpec.of(template);
        for (String name : List.of("t.json", "t.yaml", "t.YML")) {
            Path file = Files.writeString(dir.resolve(name), TemplateFiles.write(spec, Format.of(dir.resolve(name))));

            assertEquals(spec, TemplateFiles.readSpec(file), name);
            assertEquals(template, TemplateFiles.read(file, ConditionRegistry.empty()), name);
        }
    }

    @Test
    void writeYaml_editsAndNestedConditions_keysInFixedOrderDefaultsLeftOut() {
        assertEquals("""
                name: my-shop
                extends: buyer-lifecycle
                edits:
                  - split-stage:
                      stage: reach
                      first:
                        id: awareness
                        name: Awareness
                      second:
                        id: interest
                        name: Interest
                      advance:
                        type: engaged
                        count: 1
                  - add-stage:
                      id: vip
                      name: VIP
                      side-stage: true
                  - add-rule:
                      id: vip
                      from:
                        - retention
                        - advocacy
                      to: vip
                      priority: 50
                      description: happy customers
                      when:
                        type: not
                        condition:
                          type: nps-at-most
                          score: 6
                  - rename-stage:
                      stage: develop
                      new-id: nurture
                      new-name: Nurture
                """, TemplateFiles.write(MY_SHOP, Format.YAML));
    }

    @Test
    void writeJson_editsAndNestedConditions_keysInFixedOrder() {
        String json = TemplateFiles.write(MY_SHOP, Format.JSON);

        assertEquals(MY_SHOP, TemplateFiles.readSpec(json, Format.JSON, "my-shop.json"));
        assertEquals("""
                {
                  "name": "my-shop",
                  "extends": "buyer-lifecycle",
                  "edits": [
                    {
                      "split-stage": {
                        "stage": "reach",
                        "first": {
                          "id": "awareness",
                          "name": "Awareness"
                        },""", json.substring(0, json.indexOf("\n        \"second\"")));
    }

    @Test
    void read_myShopSpecWrittenAsYaml_buildsTheTemplate() {
        LifecycleTemplate template = TemplateFiles.read(
                TemplateFiles.write(MY_SHOP, Format.YAML), Format.YAML, "my-shop.yaml", ConditionRegistry.empty());

        assertEquals(MY_SHOP.toTemplate(ConditionRegistry.empty()), template);
    }

    @Test
    void readSpec_numbersWrittenAsNumbersOrText_sameParameterText() {
        TemplateSpec numbers = TemplateFiles.readSpec(
                "{name: t, stages: [{id: a}], rules: [{id: r, from: [a], to: a, priority: \"7\","
                        + " when: {type: spent-at-least, amount: 1000.50, currency: USD}}]}",
                Format.YAML,
                "numbers.yaml");
        TemplateSpec text = TemplateFiles.readSpec(
                "{\"name\": \"t\", \"stages\": [{\"id\": \"a\"}], \"rules\": [{\"id\": \"r\", \"from\": [\"a\"],"
                        + " \"to\": \"a\", \"priority\": 7,"
                        + " \"when\": {\"type\": \"spent-at-least\", \"amount\": \"1000.50\", \"currency\": \"USD\"}}]}",
                Format.JSON,
                "text.json");

        assertEquals(numbers, text);
        assertEquals(
                Map.of("amount", "1000.50", "currency", "USD"),
                numbers.rules().get(0).condition().parameters());
        assertEquals(7, numbers.rules().get(0).priority());
    }

    @Test
    void write_parameterNamedType_rejected() {
        TemplateSpec spec = new TemplateSpec(
                "t",
                Optional.empty(),
                Optional.empty(),
                List.of(stage("a", "A", false)),
                List.of(new RuleSpec(
                        "r",
                        List.of("a"),
                        "a",
                        new ConditionSpec("engaged", Map.of("type", "x"), List.of()),
                        0,
                        Optional.empty())),
                List.of());

        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> TemplateFiles.write(spec, Format.YAML));

        assertEquals(
                "condition 'engaged' has a parameter named 'type', which a template file cannot hold: the key is"
                        + " reserved for the condition's type",
                e.getMessage());
    }

    @Test
    void write_reservedParameterInAnEditsCondition_rejectedForEveryEditThatHoldsOne() {
        // nested one level down, under 'not', and named 'conditions': each edit's condition is checked, nested ones too
        ConditionSpec reserved = new ConditionSpec(
                "not", Map.of(), List.of(new ConditionSpec("engaged", Map.of("conditions", "x"), List.of())));
        RuleSpec rule = new RuleSpec("r", List.of("reach"), "reach", reserved, 0, Optional.empty());
        List<EditSpec> edits = List.of(
                new EditSpec.SplitStage(
                        "reach",
                        stage("awareness", "Awareness", false),
                        stage("interest", "Interest", false),
                        reserved),
                new EditSpec.AddRule(rule),
                new EditSpec.ReplaceRule("r", rule));
        for (EditSpec edit : edits) {
            TemplateSpec spec = new TemplateSpec(
                    "t", Optional.of("buyer-lifecycle"), Optional.empty(), List.of(), List.of(), List.of(edit));

            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> TemplateFiles.write(spec, Format.JSON));

            assertEquals(
                    "condition 'engaged' has a parameter named 'conditions', which a template file cannot hold: the"
                            + " key is reserved for the condition's nested conditions",
                    e.getMessage(),
                    edit.getClass().getSimpleName());
        }
    }

    @Test
    void writeYaml_churnStage_flagWrittenOnlyWhereTrueAndReadBack() {
        LifecycleTemplate template = Templates.fiveStage().toBuilder()
                .name("shop")
                .addStage(Stage.builder("vip").sideStage(true).build())
                .build();

        String yaml = TemplateFiles.write(TemplateSpec.of(template), Format.YAML);

        assertTrue(yaml.contains("""
                  - id: lapsed
                    name: Lapsed
                    side-stage: true
                    churn: true
                """), yaml);
        assertTrue(yaml.contains("""
                  - id: vip
                    side-stage: true
                rules:
                """), yaml);
        assertEquals(template, TemplateFiles.read(yaml, Format.YAML, "shop.yaml", ConditionRegistry.empty()));
    }

    @Test
    void write_descriptionLongerThanAFileMayHold_rejectedRatherThanWrittenUnreadable() {
        StageSpec described =
                new StageSpec("a", "A", "d".repeat(10_001), false, false, List.of(), List.of(), List.of(), "");
        TemplateSpec spec =
                new TemplateSpec("t", Optional.empty(), Optional.empty(), List.of(described), List.of(), List.of());

        for (Format format : Format.values()) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> TemplateFiles.write(spec, format));

            assertEquals(
                    "the template is beyond what a template file may hold: stages[0].description: the text has 10001"
                            + " characters; a text may have at most 10000",
                    e.getMessage());
        }
    }

    private static void assertRoundTrip(LifecycleTemplate template, Format format) {
        TemplateSpec spec = TemplateSpec.of(template);
        String document = TemplateFiles.write(spec, format);

        assertEquals(spec, TemplateFiles.readSpec(document, format, template.name()), document);
        assertEquals(template, TemplateFiles.read(document, format, template.name(), ConditionRegistry.empty()));
    }

    private static StageSpec stage(String id, String name, boolean side) {
        return new StageSpec(id, name, "", side, false, List.of(), List.of(), List.of(), "");
    }
}
