package dev.lifecycle.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The table of condition types on docs/templates.md is rendered from {@link ConditionKind}, so it cannot drift. */
final class ConditionKindTableTest {

    @Test
    void templatesPage_conditionTypes_showsTheTableOfKinds() throws IOException {
        String page = DocPages.read(DocPages.TEMPLATES);
        String expected = markdown();

        assertTrue(
                page.contains(expected),
                () -> DocPages.TEMPLATES + " must contain the table of condition types:\n" + expected);
    }

    static String markdown() {
        StringBuilder text = new StringBuilder("| type | parameters | factory in `Condition` |\n|---|---|---|\n");
        for (ConditionKind kind : ConditionKind.values()) {
            String parameters = switch (kind.nesting()) {
                case ONE -> "one nested `condition: {...}`";
                case MANY -> "nested `conditions: [...]`";
                case NONE ->
                    kind.parameters().isEmpty()
                            ? "none"
                            : kind.parameters().stream()
                                    .map(p ->
                                            (kind.optionalParameters().contains(p) ? "optional " : "") + "`" + p + "`")
                                    .collect(Collectors.joining(", "));
            };
            text.append("| `")
                    .append(kind.typeName())
                    .append("` | ")
                    .append(parameters)
                    .append(" | `")
                    .append(kind.factory())
                    .append("` |\n");
        }
        return text.toString();
    }
}
