package dev.lifecycle.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The table of condition types on docs/templates.md is rendered from {@link ConditionKind}, so it cannot drift; the
 * other places that list the kinds (the javadoc of {@link ConditionSpec}, the list on docs/classification.md) are
 * held to the same table.
 */
final class ConditionKindTableTest {

    @Test
    void templatesPage_conditionTypes_showsTheTableOfKinds() throws IOException {
        String page = DocPages.read(DocPages.TEMPLATES);
        String expected = markdown();

        assertTrue(
                page.contains(expected),
                () -> DocPages.TEMPLATES + " must contain the table of condition types:\n" + expected);
    }

    @Test
    void conditionSpecJavadoc_namesEveryKindInItsTable() throws IOException {
        String source = DocPages.read(DocPages.CONDITION_SPEC_SOURCE);
        String table = source.substring(source.indexOf("<table>"), source.indexOf("</table>"));

        for (ConditionKind kind : ConditionKind.values()) {
            String type = "<td>{@code " + kind.typeName() + "}";
            String sharedRow = ", {@code " + kind.typeName() + "}</td>";
            assertTrue(
                    table.contains(type) || table.contains(sharedRow),
                    () -> "ConditionSpec's javadoc table has no row for " + kind.typeName());
        }
    }

    @Test
    void classificationPage_listsEveryKindsFactory() throws IOException {
        String page = DocPages.read(DocPages.CLASSIFICATION).replaceAll("\\s+", " ");

        for (ConditionKind kind : ConditionKind.values()) {
            // "spentAtLeast(money), spentAtLeast(money, window)": each form on its own
            for (String factory : kind.factory().split("(?<=\\)), ")) {
                if (!factory.contains("(")) {
                    continue; // a note such as "looked up by name in a ConditionRegistry"
                }
                String name = factory.substring(0, factory.indexOf('('));
                assertTrue(
                        page.contains("`" + factory + "`")
                                || page.contains("`" + name + "`")
                                || page.contains(name + "("),
                        () -> DocPages.CLASSIFICATION + " does not list the condition " + factory);
            }
        }
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
