package dev.lifecycle.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every value of a spec that the builders would refuse is reported by {@code toTemplate} as a problem at its path, all
 * of them at once, rather than escaping as the first builder's exception.
 */
final class TemplateSpecValuesTest {
    private static final ConditionSpec ONE_ORDER =
            new ConditionSpec("orders-at-least", Map.of("count", "1"), List.of());

    private static StageSpec stage(String id, String name, List<String> values) {
        return new StageSpec(id, name, "", false, false, values, values, values, "");
    }

    @Test
    void toTemplate_badIdsNamesAndTexts_eachAtItsPath() {
        TemplateSpec spec = new TemplateSpec(
                "bad name!",
                Optional.empty(),
                Optional.empty(),
                List.of(stage("a", "A", List.of()), stage("-b", " ", List.of("ok", " "))),
                List.of(
                        new RuleSpec("r 1", List.of("a"), "a2", ONE_ORDER, 0, Optional.of(" ")),
                        new RuleSpec("r2", List.of("a"), "a", ONE_ORDER, 0, Optional.empty())),
                List.of());
        SpecException e = assertThrows(SpecException.class, () -> spec.toTemplate(ConditionRegistry.empty()));
        assertEquals(
                List.of(
                        "name",
                        "stages[1].id",
                        "stages[1].name",
                        "stages[1].channels[1]",
                        "stages[1].touchpoints[1]",
                        "stages[1].metrics[1]",
                        "rules[0].id",
                        "rules[0].to",
                        "rules[0].description",
                        "rules[1].to"),
                e.problems().stream().map(SpecException.Problem::path).toList(),
                e.getMessage());
        assertEquals(
                "template name must start with a letter or digit and contain only letters, digits, '_', '.' and '-'"
                        + " but was 'bad name!'",
                e.problems().get(0).message());
        assertEquals("value must not be blank but was ' '", e.problems().get(3).message());
    }
}
