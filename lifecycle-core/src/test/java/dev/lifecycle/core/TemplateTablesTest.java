package dev.lifecycle.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The tables of the built-in templates on docs/templates.md are rendered from the templates, so they cannot drift. */
final class TemplateTablesTest {

    static List<LifecycleTemplate> builtIns() {
        return List.of(Templates.fiveStage(), Templates.buyerLifecycle(), Templates.trackingCategories());
    }

    @ParameterizedTest
    @MethodSource("builtIns")
    void templatesPage_builtInTemplate_showsItsStagesAndRules(LifecycleTemplate template) throws IOException {
        String page = DocPages.read(DocPages.TEMPLATES);
        String expected = markdown(template);

        assertTrue(
                page.contains(expected),
                () -> DocPages.TEMPLATES + " must contain the tables of template '" + template.name() + "':\n"
                        + expected);
    }

    static String markdown(LifecycleTemplate template) {
        StringBuilder text = new StringBuilder();
        text.append("| stage | name | path | what it means | metrics | channels |\n");
        text.append("|---|---|---|---|---|---|\n");
        for (Stage stage : template.stages()) {
            text.append("| `")
                    .append(stage.id())
                    .append("` | ")
                    .append(stage.name())
                    .append(" | ")
                    .append(stage.isSideStage() ? "side" : "main")
                    .append(" | ")
                    .append(stage.description())
                    .append(" | ")
                    .append(String.join(", ", stage.metrics()))
                    .append(" | ")
                    .append(String.join(", ", stage.channels()))
                    .append(" |\n");
        }
        text.append("\n| rule | from | to | when | priority |\n");
        text.append("|---|---|---|---|---|\n");
        for (TransitionRule rule : template.rules()) {
            text.append("| `")
                    .append(rule.id())
                    .append("` | ")
                    .append(rule.from().stream().map(id -> "`" + id + "`").collect(Collectors.joining(", ")))
                    .append(" | `")
                    .append(rule.to())
                    .append("` | ")
                    .append(rule.condition().description())
                    .append(" | ")
                    .append(rule.priority())
                    .append(" |\n");
        }
        return text.toString();
    }
}
