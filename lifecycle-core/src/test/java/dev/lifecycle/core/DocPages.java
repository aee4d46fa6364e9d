package dev.lifecycle.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's documentation pages that tests of this module hold to the code. */
final class DocPages {
    /** The reference page of templates: the built-in templates' tables live there. */
    static final Path TEMPLATES = Path.of("..", "docs", "templates.md");

    /** The reference page of classification: it lists the built-in conditions' factories. */
    static final Path CLASSIFICATION = Path.of("..", "docs", "classification.md");

    /** The source of {@link ConditionSpec}, whose javadoc has a table of the condition types. */
    static final Path CONDITION_SPEC_SOURCE =
            Path.of("src", "main", "java", "dev", "lifecycle", "core", "ConditionSpec.java");

    private DocPages() {}

    /** Returns the text of {@code page}, failing with its path when it is missing. */
    static String read(Path page) throws IOException {
        assertTrue(Files.isRegularFile(page), () -> "documentation page not found at " + page.toAbsolutePath());
        return Files.readString(page, StandardCharsets.UTF_8);
    }
}
