package dev.lifecycle.templates;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The repository's documentation pages that tests of this module hold to the code. */
final class DocPages {
    /** The reference page of templates: the template files' example lives there. */
    static final Path TEMPLATES = Path.of("..", "docs", "templates.md");

    private DocPages() {}

    /** Returns the text of {@code page}, failing with its path when it is missing. */
    static String read(Path page) throws IOException {
        assertTrue(Files.isRegularFile(page), () -> "documentation page not found at " + page.toAbsolutePath());
        return Files.readString(page, StandardCharsets.UTF_8);
    }

    /**
     * Returns the condition types of the table on the templates page, in its order, each with whether it nests other
     * conditions. lifecycle-core renders that table from its table of condition kinds and checks the page shows it.
     */
    static List<ConditionType> conditionTypes() throws IOException {
        String header = "| type | parameters | factory in `Condition` |\n|---|---|---|\n";
        String page = read(TEMPLATES);
        int start = page.indexOf(header);
        assertTrue(start >= 0, () -> TEMPLATES + " has no table of condition types headed " + header);
        List<ConditionType> types = new ArrayList<>();
        for (String row : page.substring(start + header.length()).split("\n")) {
            if (!row.startsWith("| `")) {
                break;
            }
            String[] cells = row.split(" \\| ");
            types.add(new ConditionType(cells[0].substring(3, cells[0].length() - 1), cells[1].contains("nested")));
        }
        return types;
    }

    /** A row of the table of condition types. */
    record ConditionType(String type, boolean nests) {}
}
