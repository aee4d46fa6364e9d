package dev.lifecycle.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.core.Condition;
import dev.lifecycle.core.ConditionRegistry;
import dev.lifecycle.core.SpecException;
import dev.lifecycle.templates.TemplateFileException.Problem;
import dev.lifecycle.templates.TemplateFiles.Format;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed template files: each test asserts every problem reported, with its file, path, line, column and message.
 */
final class MalformedTemplateTest {
    private static final String STAGES_AB = """
            name: t
            stages:
              - id: a
              - id: b
            """;

    @TempDir
    Path dir;

    // ---- wrong types ----

    @Test
    void read_textWhereListOfStagesExpected_problem() {
        assertProblems("""
                name: t
                stages: reach
                """, "shop.yaml:2:9: stages: expected a list of stages but was 'reach'");
    }

    @Test
    void read_textWhereListOfStageIdsExpected_problem() {
        assertProblems(STAGES_AB + """
                        rules:
                          - {id: r, from: a, to: b, when: {type: loyalty-member}}
                        """, "shop.yaml:6:19: rules[0].from: expected a list of stage ids but was 'a'");
    }

    @Test
    void read_listWhereStageExpected_problem() {
        assertProblems("""
                name: t
                stages:
                  - [reach, acquire]
                """, "shop.yaml:3:5: stages[0]: expected a stage (a map) but was a list");
    }

    @Test
    void read_wrongScalarTypes_problemForEach() {
        assertProblems(
                """
                name: t
                stages:
                  - {id: a, side-stage: "yes", churn: 1}
                  - {id: yes, name: [B]}
                rules:
                  - {id: r, from: [a], to: b, priority: 1.5, when: {type: engaged, count: true}}
                """,
                "shop.yaml:3:25: stages[0].side-stage: expected true or false but was 'yes'",
                "shop.yaml:3:39: stages[0].churn: expected true or false but was 1",
                "shop.yaml:4:10: stages[1].id: expected text but was yes; put it in quotes to use it as text",
                "shop.yaml:4:21: stages[1].name: expected text but was a list",
                "shop.yaml:6:41: rules[0].priority: expected a whole number but was 1.5",
                "shop.yaml:6:75: rules[0].when.count: expected text or a number but was true;"
                        + " put it in quotes to use it as text");
    }

    @Test
    void read_jsonPriorityWrittenAsWord_problem() {
        assertProblems(Format.JSON, """
                {
                  "name": "t",
                  "stages": [{"id": "a"}, {"id": "b"}],
                  "rules": [
                    {"id": "r", "from": ["a"], "to": "b", "priority": "two", "when": {"type": "loyalty-member"}}
                  ]
                }
                """, "shop.json:5:55: rules[0].priority: expected a whole number but was 'two'");
    }

    // ---- what toTemplate finds, located in the file ----

    @Test
    void read_ruleTargetsUnknownStage_problemAtTo() {
        assertProblems(STAGES_AB + """
                        rules:
                          - id: r
                            from: [a]
                            to: loyal
                            when: {type: orders-at-least, count: 1}
                        """, "shop.yaml:8:9: rules[0].to: unknown stage 'loyal'; stages: [a, b]");
    }

    @Test
    void read_unknownConditionType_problemAtType() throws IOException {
        assertProblems(
                STAGES_AB + """
                        rules:
                          - id: r
                            from: [a]
                            to: b
                            when: {type: bought-twice}
                        """,
                "shop.yaml:9:18: rules[0].when.type: unknown condition type 'bought-twice'; expected one of "
                        + DocPages.conditionTypes().stream()
                                .map(DocPages.ConditionType::type)
                                .toList());
    }

    @Test
    void read_removedRuleLeavesMainPathStageUnreachable_problemAtEdits() {
        assertProblems(
                """
                name: t
                extends: five-stage
                edits:
                  - remove-rule: {rule: engaged}
                """,
                "shop.yaml:4:3: edits: main-path stage 'consideration' of template 't' cannot be reached from entry"
                        + " stage 'awareness': no chain of rules leads to it");
    }

    @Test
    void read_rulesOnlyCycleBehindTheEntry_problemAtRules() {
        assertProblems(
                """
                name: t
                stages: [{id: a}, {id: b}, {id: c}]
                rules:
                  - {id: b-to-c, from: [b], to: c, when: {type: engaged, count: 1}}
                  - {id: c-to-b, from: [c], to: b, when: {type: engaged, count: 2}}
                """,
                "shop.yaml:4:3: rules: main-path stage 'b' of template 't' cannot be reached from entry stage 'a': no"
                        + " chain of rules leads to it");
    }

    @Test
    void read_duplicateStageIds_problemAtSecond() {
        assertProblems("""
                name: t
                stages:
                  - id: a
                  - id: b
                  - id: a
                    name: Again
                """, "shop.yaml:5:9: stages[2].id: duplicate stage id 'a'");
    }

    @Test
    void read_duplicateRuleIds_problemAtSecond() {
        assertProblems(STAGES_AB + """
                        rules:
                          - {id: r, from: [a], to: b, when: {type: engaged, count: 1}}
                          - {id: r, from: [b], to: a, when: {type: engaged, count: 2}}
                        """, "shop.yaml:7:10: rules[1].id: duplicate rule id 'r'");
    }

    @Test
    void read_unknownExtends_problemAtExtends() {
        assertProblems(
                """
                name: t
                extends: buyer-lifecycle-2
                """,
                "shop.yaml:2:10: extends: unknown built-in template 'buyer-lifecycle-2'; expected one of"
                        + " [five-stage, buyer-lifecycle, tracking-categories]");
    }

    @Test
    void read_extendsAndListsStages_problemAtStages() {
        assertProblems(
                """
                name: t
                extends: five-stage
                stages: [{id: vip}]
                """, "shop.yaml:3:9: stages: a template that extends another adds stages with edits, not 'stages'");
    }

    @Test
    void read_splitIntoSideStages_problemAtTheEdit() {
        assertProblems(
                """
                name: t
                extends: buyer-lifecycle
                edits:
                  - split-stage:
                      stage: reach
                      first: {id: awareness}
                      second: {id: interest, side-stage: true}
                      advance: {type: engaged, count: 1}
                """,
                "shop.yaml:5:7: edits[0].split-stage: cannot split stage 'reach' of template 'buyer-lifecycle':"
                        + " both new stages must be on the main path like the stage they replace");
    }

    // ---- condition parameters ----

    @Test
    void read_unregisteredCustomCondition_problemAtName() {
        assertProblems(
                STAGES_AB + """
                        rules:
                          - id: r
                            from: [a]
                            to: b
                            when: {type: custom, name: big-spender}
                        """,
                "shop.yaml:9:32: rules[0].when.name: no custom condition named 'big-spender' is registered;"
                        + " registered: []");
    }

    @Test
    void read_customConditionRegistered_reads() {
        Condition bigSpender = Condition.custom("big-spender", (profile, asOf) -> profile.orderCount() > 5);
        ConditionRegistry registry =
                ConditionRegistry.builder().register("big-spender", bigSpender).build();

        var template = TemplateFiles.read(
                STAGES_AB + "rules: [{id: r, from: [a], to: b, when: {type: custom, name: big-spender}}]\n",
                Format.YAML,
                "shop.yaml",
                registry);

        assertEquals(bigSpender, template.rules().get(0).condition());
    }

    @Test
    void read_malformedDuration_problemAtDuration() {
        assertProblems(
                STAGES_AB + """
                        rules:
                          - id: r
                            from: [b]
                            to: a
                            when:
                              type: no-purchase-for
                              duration: 180 days
                        """,
                "shop.yaml:11:17: rules[0].when.duration: expected an ISO-8601 duration such as P180D but was"
                        + " '180 days'");
    }

    @Test
    void read_negativeCount_problemAtCount() {
        assertProblems(
                STAGES_AB + "rules: [{id: r, from: [a], to: b, when: {type: orders-at-least, count: -1}}]\n",
                "shop.yaml:5:72: rules[0].when.count: must not be negative but was -1");
    }

    @Test
    void read_npsScoreEleven_problemAtScore() {
        assertProblems(
                Format.JSON, """
                {"name": "t", "stages": [{"id": "a"}, {"id": "b"}],
                 "rules": [{"id": "r", "from": ["a"], "to": "b",
                            "when": {"type": "not", "condition": {"type": "nps-at-least", "score": 11}}}]}
                """, "shop.json:3:84: rules[0].when.condition.score: must be between 0 and 10 but was 11");
    }

    @Test
    void read_missingParameterAndUnknownParameter_problemsAtConditionAndKey() {
        assertProblems(
                STAGES_AB + """
                        rules:
                          - id: r
                            from: [a]
                            to: b
                            when:
                              type: any-of
                              conditions:
                                - {type: spent-at-least, amount: 100}
                                - {type: engaged, count: 1, within: P7D}
                        """,
                "shop.yaml:12:11: rules[0].when.conditions[0].currency: missing; condition type 'spent-at-least'"
                        + " needs it",
                "shop.yaml:13:45: rules[0].when.conditions[1].within: condition type 'engaged' has no parameter"
                        + " 'within'; expected [count]");
    }

    @Test
    void read_amountWithAHugeExponent_refusedQuicklyAtTheAmount() {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertProblems(
                    STAGES_AB + "rules: [{id: r, from: [a], to: b, when: {type: spent-at-least, amount: 1e99999999,"
                            + " currency: EUR}}]\n",
                    "shop.yaml:5:72: rules[0].when.amount: amount must have at most 18 digits before the decimal point"
                            + " but was 1E+99999999");
            assertProblems(
                    Format.JSON,
                    """
                    {"name": "t", "stages": [{"id": "a"}, {"id": "b"}], "rules": [{"id": "r", "from": ["a"], "to": "b",
                      "when": {"type": "spent-at-least", "amount": 1e99999999, "currency": "EUR"}}]}
                    """,
                    "shop.json:2:48: rules[0].when.amount: amount must have at most 18 digits before the decimal point"
                            + " but was 1E+99999999");
        });
    }

    @Test
    void read_twoRulesWithBadAmounts_bothReportedAtTheAmount() {
        assertProblems(
                STAGES_AB + """
                        rules:
                          - {id: r, from: [a], to: b, when: {type: spent-at-least, amount: ten, currency: EUR}}
                          - {id: s, from: [b], to: a, when: {type: spent-at-least, amount: 1.001, currency: EUR}}
                        """,
                "shop.yaml:6:68: rules[0].when.amount: amount must be a decimal number but was 'ten'",
                "shop.yaml:7:68: rules[1].when.amount: amount 1.001 has more decimal places than EUR allows (2)");
    }

    @Test
    void read_splitStageAfterARuleOfTheHighestPriority_problemAtTheEdit() {
        assertProblems(
                """
                name: t
                extends: buyer-lifecycle
                edits:
                  - add-rule:
                      id: first-order
                      from: [reach]
                      to: acquire
                      priority: 2147483647
                      when: {type: orders-at-least, count: 1}
                  - split-stage:
                      stage: reach
                      first: {id: awareness}
                      second: {id: interest}
                      advance: {type: engaged, count: 1}
                """,
                "shop.yaml:11:7: edits[1].split-stage: cannot split stage 'reach' of template 'buyer-lifecycle': rule"
                        + " 'first-order' leaving it has priority 2147483647, the highest there is, so no priority is left"
                        + " above it for rule 'awareness-to-interest'");
    }

    // ---- structure ----

    @Test
    void read_missingIdToAndType_problemForEach() {
        assertProblems(
                """
                name: t
                stages:
                  - name: Anonymous
                rules:
                  - id: r
                    from: [a]
                    when: {count: 1}
                """,
                "shop.yaml:3:5: stages[0].id: missing; a stage needs 'id'",
                "shop.yaml:5:5: rules[0].to: missing; a rule needs 'to'",
                "shop.yaml:7:11: rules[0].when.type: missing; a condition needs a 'type'");
    }

    @Test
    void read_missingName_problemAtTheTemplate() {
        assertProblems("extends: five-stage\n", "shop.yaml:1:1: name: missing; a template needs 'name'");
    }

    @Test
    void read_unknownKeys_problemAtEachKey() {
        assertProblems(
                """
                name: t
                version: 2
                stages:
                  - id: a
                    sidestage: true
                """,
                "shop.yaml:2:1: version: unknown key 'version' in a template; expected one of [name, extends,"
                        + " entry-stage, stages, rules, edits]",
                "shop.yaml:5:5: stages[0].sidestage: unknown key 'sidestage' in a stage; expected one of [id, name,"
                        + " side-stage, churn, description, channels, touchpoints, metrics, strategy]");
    }

    @Test
    void read_churnStageOnMainPath_problemAtItsChurnKey() {
        assertProblems(
                """
                name: shop
                extends: five-stage
                edits:
                  - insert-stage:
                      after: advocacy
                      stage: {id: gone, churn: true}
                """,
                "shop.yaml:6:32: edits[0].insert-stage.stage.churn: stage 'gone' of template 'shop' counts as churn but"
                        + " is on the main path; a churn stage must be a side stage, as a churned customer is off the"
                        + " main path");
    }

    @Test
    void read_unknownEditKind_problemAtTheKind() {
        assertProblems(
                """
                name: t
                extends: buyer-lifecycle
                edits:
                  - split: {stage: reach}
                """,
                "shop.yaml:4:5: edits[0].split: unknown edit kind 'split'; expected one of [add-stage, insert-stage,"
                        + " rename-stage, replace-stage, remove-stage, split-stage, add-rule, replace-rule,"
                        + " remove-rule]");
    }

    @Test
    void read_editWithTwoKindsAndEditWithNone_problemForEach() {
        assertProblems(
                """
                name: t
                extends: buyer-lifecycle
                edits:
                  - remove-rule: {rule: nurture}
                    remove-stage: {stage: develop}
                  - {}
                """,
                "shop.yaml:4:5: edits[0]: an edit has exactly one kind but this one has [remove-rule, remove-stage];"
                        + " make each its own list item",
                "shop.yaml:6:5: edits[1]: an edit needs a kind; expected one of [add-stage, insert-stage,"
                        + " rename-stage, replace-stage, remove-stage, split-stage, add-rule, replace-rule,"
                        + " remove-rule]");
    }

    @Test
    void read_bothConditionAndConditions_problem() {
        assertProblems(
                STAGES_AB + """
                        rules:
                          - id: r
                            from: [a]
                            to: b
                            when:
                              type: not
                              condition: {type: loyalty-member}
                              conditions: [{type: loyalty-member}]
                        """,
                "shop.yaml:12:7: rules[0].when.conditions: a condition has either 'condition' (one nested"
                        + " condition) or 'conditions' (a list), not both");
    }

    @Test
    void read_duplicateKeys_problemForEachRepeat() {
        assertProblems(
                """
                name: t
                stages:
                  - id: a
                    name: A
                    name: Also A
                name: u
                """,
                "shop.yaml:5:5: stages[0].name: duplicate key 'name'; it is first at line 4",
                "shop.yaml:6:1: name: duplicate key 'name'; it is first at line 1");
    }

    @Test
    void read_severalProblems_allReportedInDocumentOrder() {
        TemplateFileException e = assertThrows(
                TemplateFileException.class,
                () -> TemplateFiles.read("""
                        name: t
                        stages:
                          - id: a
                          - id: ""
                          - id: a
                        rules:
                          - {id: r1, from: [a], to: z, when: {type: engaged, count: two}}
                          - {id: r2, from: [a, a], to: b, when: {type: inactive-for, duration: P0D}}
                        """, Format.YAML, "shop.yaml", ConditionRegistry.empty()));

        assertEquals("""
                shop.yaml has 8 problems:
                  shop.yaml:4:9: stages[1].id: stage id must start with a letter or digit and contain only letters,\
                 digits, '_', '.' and '-' but was ''
                  shop.yaml:4:5: stages[1].name: name must not be blank but was ''
                  shop.yaml:5:9: stages[2].id: duplicate stage id 'a'
                  shop.yaml:7:29: rules[0].to: unknown stage 'z'; stages: [a]
                  shop.yaml:7:61: rules[0].when.count: expected a whole number but was 'two'
                  shop.yaml:8:24: rules[1].from[1]: stage 'a' is listed twice
                  shop.yaml:8:32: rules[1].to: unknown stage 'b'; stages: [a]
                  shop.yaml:8:72: rules[1].when.duration: must be a positive duration but was 'P0D'""", e.getMessage());
        // a stage's name defaults to its id, so a blank id makes a blank name too, reported where the stage starts
        assertEquals(
                new Problem("shop.yaml", "stages[2].id", 5, 9, "duplicate stage id 'a'"),
                e.problems().get(2));
        assertTrue(e.getCause() instanceof SpecException, () -> String.valueOf(e.getCause()));
    }

    @Test
    void read_structuralProblemAndValidationProblemInTwoRules_bothReported() {
        assertProblems(
                STAGES_AB + """
                        rules:
                          - {id: r, from: [a], to: z, when: {type: orders-at-least, count: -1}}
                          - {id: s, from: [a], to: b, priority: high, when: {type: engaged, count: 1}}
                        """,
                "shop.yaml:6:28: rules[0].to: unknown stage 'z'; stages: [a, b]",
                "shop.yaml:6:68: rules[0].when.count: must not be negative but was -1",
                "shop.yaml:7:41: rules[1].priority: expected a whole number but was 'high'");
    }

    @Test
    void read_duplicateKeyAndValidationProblem_bothReported() {
        assertProblems(
                STAGES_AB + """
                        rules:
                          - {id: r, from: [a], to: b, when: {type: engaged, count: 1}, id: again}
                          - {id: s, from: [b], to: c, when: {type: engaged, count: 2}}
                        """,
                "shop.yaml:6:64: rules[0].id: duplicate key 'id'; it is first at line 6",
                "shop.yaml:7:28: rules[1].to: unknown stage 'c'; stages: [a, b]");
    }

    @Test
    void read_missingStageIdAndUnknownRuleStage_eachReportedOnceWithoutFollowUps() {
        assertProblems(
                """
                name: t
                stages:
                  - id: a
                  - name: B
                  - id: c
                rules:
                  - {id: r, from: [a], to: c, when: {type: engaged, count: 1}}
                  - {id: s, from: [c], to: d, when: {type: engaged, count: 2}}
                """,
                "shop.yaml:4:5: stages[1].id: missing; a stage needs 'id'",
                "shop.yaml:8:28: rules[1].to: unknown stage 'd'; stages: [a, c]");
    }

    @Test
    void read_stagesNotAList_noFollowUpProblemsForEveryRule() {
        assertProblems("""
                name: t
                stages: a
                rules:
                  - {id: r, from: [a], to: b, when: {type: engaged, count: 1}}
                """, "shop.yaml:2:9: stages: expected a list of stages but was 'a'");
    }

    // ---- the entry stage ----

    @Test
    void read_entryStageIsASideStage_problemAtEntryStage() {
        assertProblems(
                """
                name: t
                entry-stage: gone
                stages:
                  - id: a
                  - id: b
                  - {id: gone, side-stage: true}
                rules:
                  - {id: r, from: [a], to: b, when: {type: engaged, count: 1}}
                """,
                "shop.yaml:2:14: entry-stage: entry stage 'gone' of template 't' is a side stage; the entry stage"
                        + " must be on the main path");
    }

    @Test
    void read_extendedTemplateWithSideEntryStage_problemAtEntryStage() {
        assertProblems(
                """
                name: t
                extends: five-stage
                entry-stage: lapsed
                """,
                "shop.yaml:3:14: entry-stage: entry stage 'lapsed' of template 't' is a side stage; the entry stage"
                        + " must be on the main path");
    }

    @Test
    void read_entryStageFromWhichAStageCannotBeReached_problemAtEntryStage() {
        assertProblems(
                """
                name: t
                entry-stage: b
                stages:
                  - id: a
                  - id: b
                rules:
                  - {id: r, from: [a], to: b, when: {type: engaged, count: 1}}
                """,
                "shop.yaml:2:14: entry-stage: main-path stage 'a' of template 't' cannot be reached from entry stage"
                        + " 'b': no chain of rules leads to it");
    }

    @Test
    void read_stageUnreachableWhateverTheEntryStage_problemStaysAtRules() {
        assertProblems(
                """
                name: t
                entry-stage: a
                stages:
                  - id: a
                  - id: b
                rules:
                  - {id: r, from: [b], to: a, when: {type: engaged, count: 1}}
                """,
                "shop.yaml:7:3: rules: main-path stage 'b' of template 't' cannot be reached from entry stage 'a': no"
                        + " chain of rules leads to it");
    }

    // ---- syntax ----

    @Test
    void read_yamlBadIndentation_syntaxProblemWithoutExcerpt() {
        assertProblems(
                """
                name: t
                stages:
                  - id: a
                   name: A
                """,
                "shop.yaml:4:4: expected <block end>, but found '<block mapping start>' (while parsing a block"
                        + " collection)");
    }

    @Test
    void read_jsonUnclosedArray_syntaxProblem() {
        assertProblems(
                Format.JSON,
                """
                {"name": "t",
                 "stages": [}
                """,
                "shop.json:2:13: Unexpected close marker '}': expected ']' (for Array starting at line 2, column 12)");
    }

    @Test
    void read_yamlAlias_refused() {
        assertProblems("""
                name: &n t
                extends: *n
                """, "shop.yaml:2:10: extends: YAML aliases (*n) are not supported; write the value out");
    }

    @Test
    void read_yamlListAsKey_problemAtTheMapWithoutParserClasses() {
        assertProblems(
                """
                name: t
                stages:
                  - id: a
                    [x, y]: z
                """,
                "shop.yaml:4:5: stages[0]: a key must be text but this one is a list; YAML lists, maps and aliases"
                        + " cannot be keys");
    }

    @Test
    void read_yamlComplexMapKey_problemWithoutParserClasses() {
        assertProblems(
                """
                name: t
                ? {a: b}
                : c
                """,
                "shop.yaml:2:3: a key must be text but this one is a map; YAML lists, maps and aliases cannot be keys");
    }

    @Test
    void read_yamlAliasAsKey_problemWithoutParserClasses() {
        assertProblems(
                """
                name: &n t
                rules:
                  - *n : x
                """,
                "shop.yaml:3:5: rules[0]: a key must be text but this one is an alias (*n); YAML lists, maps and"
                        + " aliases cannot be keys");
    }

    @Test
    void read_yamlBinaryValue_problemWithoutParserTokens() {
        assertProblems(
                "name: !!binary dGVzdA==\n",
                "shop.yaml:1:7: name: a tagged value such as !!binary is not supported; expected a map, a list, text,"
                        + " a number or true/false");
    }

    @Test
    void read_twoYamlDocuments_refused() {
        assertProblems("""
                name: t
                ---
                name: u
                """, "shop.yaml:3:1: a second document starts here; a template file holds one document");
    }

    @Test
    void read_jsonNestedTooDeep_refused() {
        assertProblems(
                Format.JSON,
                "{\"name\": \"t\", \"stages\": " + "[".repeat(70),
                "shop.json:1:88: stages" + "[0]".repeat(63) + ": maps and lists nest deeper than 64 levels");
    }

    // ---- limits ----

    @Test
    void read_textLongerThanTheLimit_problemNamesLimitAndLength() {
        for (Format format : Format.values()) {
            String name = "n".repeat(10_001);
            String document = format == Format.YAML ? "name: " + name + "\n" : "{\"name\": \"" + name + "\"}";
            String source = format == Format.YAML ? "shop.yaml:1:7" : "shop.json:1:10";

            assertProblems(
                    format, document, source + ": name: the text has 10001 characters; a text may have at most 10000");
        }
    }

    @Test
    void read_keyLongerThanTheLimit_problemNamesLimitAndLength() {
        assertProblems(
                Format.JSON,
                "{\"name\": \"t\", \"" + "k".repeat(20_000) + "\": 1}",
                "shop.json:1:15: the key has 20000 characters; a key may have at most 10000");
    }

    @Test
    void read_numberLongerThanTheLimit_problemNamesLimitAndLengthNotTheParserLimit() {
        String digits = "9".repeat(2_000);
        assertProblems(
                Format.JSON,
                "{\"name\": \"t\", \"stages\": [{\"id\": \"a\"}], \"rules\": [{\"priority\": " + digits + "}]}",
                "shop.json:1:63: rules[0].priority: the number has 2000 characters; a number may have at most 100");
        assertProblems(
                "name: t\nrules: [{priority: 1." + "5".repeat(150) + "}]\n",
                "shop.yaml:2:20: rules[0].priority: the number has 152 characters; a number may have at most 100");
    }

    @Test
    void read_moreStagesThanTheLimit_problemNamesLimitAndCount() {
        StringBuilder yaml = new StringBuilder("name: t\nstages:\n");
        for (int i = 0; i <= 1_000; i++) {
            yaml.append("  - id: s").append(i).append('\n');
        }

        assertProblems(
                yaml.toString(),
                "shop.yaml:3:3: stages: the template has 1001 stages; a template may have at most 1000");
    }

    @Test
    void read_moreRulesAndEditsThanTheLimits_problemForEach() {
        String rule = "{id: r, from: [a], to: b, when: {type: loyalty-member}}";
        String edit = "{remove-rule: {rule: r}}";
        String yaml = STAGES_AB + "rules: [" + String.join(", ", java.util.Collections.nCopies(5_001, rule))
                + "]\nedits: [" + String.join(", ", java.util.Collections.nCopies(5_001, edit)) + "]\n";

        assertProblems(
                yaml,
                "shop.yaml:5:8: rules: the template has 5001 rules; a template may have at most 5000",
                "shop.yaml:6:8: edits: the template has 5001 edits; a template may have at most 5000");
    }

    // ---- files ----

    @Test
    void read_emptyFile_problem() throws IOException {
        Path file = Files.writeString(dir.resolve("empty.yaml"), "");

        assertFileProblems(file, file + ": the file is empty");
    }

    @Test
    void read_blankDocument_problem() {
        assertProblems(Format.JSON, " \n\t\n", "shop.json: the file is empty");
    }

    @Test
    void read_nonUtf8Bytes_problemNamesOffsetLineAndColumn() throws IOException {
        byte[] latin1 = "name: t\nstages:\n  - id: café\n".getBytes(StandardCharsets.ISO_8859_1);
        Path file = Files.write(dir.resolve("latin1.yaml"), latin1);

        assertFileProblems(
                file,
                file + ":3:12: the file is not UTF-8: byte 0xE9 at byte offset 27 cannot be decoded; save the file as"
                        + " UTF-8");
    }

    @Test
    void read_nonUtf8ByteOnTheFirstLineAfterAByteOrderMark_columnAsEditorsShowIt() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] text = "name: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] bytes = new byte[bom.length + text.length];
        System.arraycopy(bom, 0, bytes, 0, bom.length);
        System.arraycopy(text, 0, bytes, bom.length, text.length);
        Path file = Files.write(dir.resolve("bom.yaml"), bytes);

        assertFileProblems(
                file,
                file + ":1:10: the file is not UTF-8: byte 0xE9 at byte offset 12 cannot be decoded; save the file as"
                        + " UTF-8");
    }

    @Test
    void read_byteOrderMarkThenProblemOnTheFirstLine_columnAsEditorsShowIt() throws IOException {
        Path yaml = Files.writeString(dir.resolve("bom.yaml"), "\uFEFFversion: 2\nname: t\nextends: five-stage\n");
        Path json = Files.writeString(dir.resolve("bom.json"), "\uFEFF{\"name\": \"-t\", \"extends\": \"five-stage\"}");

        assertFileProblems(
                yaml,
                yaml + ":1:1: version: unknown key 'version' in a template; expected one of [name, extends,"
                        + " entry-stage, stages, rules, edits]");
        assertFileProblems(
                json,
                json + ":1:10: name: template name must start with a letter or digit and contain only letters, digits,"
                        + " '_', '.' and '-' but was '-t'");
    }

    @Test
    void read_tenMegabytesOfRandomBytes_failsFastOnSize() throws IOException {
        byte[] noise = new byte[10 << 20];
        new Random(42).nextBytes(noise);
        Path file = Files.write(dir.resolve("noise.json"), noise);

        assertTimeoutPreemptively(
                Duration.ofSeconds(5),
                () -> assertFileProblems(
                        file, file + ": the file has 10485760 bytes; a template file may have at most 1048576"));
    }

    @Test
    void read_tenMegabytesOfText_failsFastOnSize() {
        String text = "stages: ".repeat((10 << 20) / 8);

        assertTimeoutPreemptively(
                Duration.ofSeconds(5),
                () -> assertProblems(
                        text, "shop.yaml: the document has 10485760 characters; a template may have at most 1048576"));
    }

    @Test
    void read_megabyteOfNonsenseUnderTheLimit_failsFast() {
        Random random = new Random(7);
        StringBuilder nonsense = new StringBuilder();
        while (nonsense.length() < 1_000_000) {
            nonsense.append((char) ('!' + random.nextInt(94)));
        }

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (Format format : Format.values()) {
                TemplateFileException e = assertThrows(
                        TemplateFileException.class,
                        () -> TemplateFiles.readSpec(nonsense.toString(), format, "nonsense"));
                assertEquals(1, e.problems().size(), e::getMessage);
                assertTrue(String.valueOf(e.getMessage()).length() < 400, e::getMessage);
            }
        });
    }

    @Test
    void readSpec_unknownExtension_rejected() throws IOException {
        Path file = Files.writeString(dir.resolve("shop.txt"), "name: t\n");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TemplateFiles.readSpec(file));

        assertEquals(
                "cannot tell the format of '" + file + "': expected a name ending in .json, .yaml or .yml",
                e.getMessage());
    }

    // ---- helpers ----

    @Test
    void read_fileOfTheLargestSize_readAndOneByteMore_refused() throws IOException {
        String document = "{\"name\": \"big\", \"extends\": \"five-stage\"}";
        Path largest = dir.resolve("largest.json");
        Files.writeString(largest, document + " ".repeat(TemplateFiles.MAX_DOCUMENT_SIZE - document.length()));
        Path larger = dir.resolve("larger.json");
        Files.writeString(larger, document + " ".repeat(TemplateFiles.MAX_DOCUMENT_SIZE + 1 - document.length()));

        assertEquals(
                "big", TemplateFiles.read(largest, ConditionRegistry.empty()).name());
        assertFileProblems(larger, larger + ": the file has 1048577 bytes; a template file may have at most 1048576");
    }

    @Test
    void read_fileOfGigabytes_refusedBeforeItsBytesAreRead() throws IOException {
        // a sparse file: 3 GiB that take no disk, more than one array can hold, so reading it would fail otherwise
        Path huge = dir.resolve("huge.yaml");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(3L << 30);
        }

        assertFileProblems(huge, huge + ": the file has 3221225472 bytes; a template file may have at most 1048576");
    }

    @Test
    void decode_moreBytesThanAFileMayHave_refused() {
        // the file's size is checked before it is read, and its bytes again, in case it grew in between
        TemplateFileException e = assertThrows(
                TemplateFileException.class,
                () -> DocumentParser.decode(new byte[TemplateFiles.MAX_DOCUMENT_SIZE + 1], "grown.json"));

        assertEquals(
                List.of("grown.json: the file has 1048577 bytes; a template file may have at most 1048576"),
                e.problems().stream().map(Problem::toString).toList());
    }

    private static void assertProblems(String yaml, String... expected) {
        assertProblems(Format.YAML, yaml, expected);
    }

    private static void assertProblems(Format format, String document, String... expected) {
        String source = format == Format.YAML ? "shop.yaml" : "shop.json";
        TemplateFileException e = assertThrows(
                TemplateFileException.class,
                () -> TemplateFiles.read(document, format, source, ConditionRegistry.empty()));
        assertEquals(
                List.of(expected), e.problems().stream().map(Problem::toString).toList(), e::getMessage);
    }

    private static void assertFileProblems(Path file, String... expected) {
        TemplateFileException e =
                assertThrows(TemplateFileException.class, () -> TemplateFiles.read(file, ConditionRegistry.empty()));
        assertEquals(
                List.of(expected), e.problems().stream().map(Problem::toString).toList(), e::getMessage);
    }
}
