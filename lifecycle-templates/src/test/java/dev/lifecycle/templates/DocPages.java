package dev.lifecycle.templates;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

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
}
