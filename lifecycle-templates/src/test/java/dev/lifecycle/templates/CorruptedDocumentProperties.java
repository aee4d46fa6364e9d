package dev.lifecycle.templates;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.quicktheories.QuickTheory.qt;

import dev.lifecycle.core.LifecycleTemplate;
import dev.lifecycle.core.TemplateSpec;
import dev.lifecycle.templates.TemplateFiles.Format;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * A corrupted document either reads or fails with a {@link TemplateFileException} that lists at least one problem; no
 * other exception escapes, whatever the corruption.
 */
final class CorruptedDocumentProperties {
    private static final String CHARACTERS = "{}[]:,-\"'#&*!|>?%@` \n\tab1.é";

    @Test
    void read_corruptedYaml_readsOrReportsProblems() {
        qt().withExamples(1000)
                .forAll(corrupted(Format.YAML))
                .checkAssert(document -> assertReadsOrReports(document, Format.YAML));
    }

    @Test
    void read_corruptedJson_readsOrReportsProblems() {
        qt().withExamples(1000)
                .forAll(corrupted(Format.JSON))
                .checkAssert(document -> assertReadsOrReports(document, Format.JSON));
    }

    private static void assertReadsOrReports(String document, Format format) {
        try {
            TemplateFiles.read(document, format, "corrupted", TemplateGenerators.REGISTRY);
        } catch (TemplateFileException e) {
            assertFalse(e.problems().isEmpty(), document);
            assertFalse(String.valueOf(e.getMessage()).contains("\tat "), e::getMessage);
        }
    }

    /** A written template with up to 5 characters deleted, replaced or inserted at random places. */
    private static Gen<String> corrupted(Format format) {
        Gen<LifecycleTemplate> templates = TemplateGenerators.templates();
        return in -> {
            StringBuilder document =
                    new StringBuilder(TemplateFiles.write(TemplateSpec.of(templates.generate(in)), format));
            int edits = TemplateGenerators.between(in, 1, 5);
            for (int i = 0; i < edits && document.length() > 0; i++) {
                int at = TemplateGenerators.between(in, 0, document.length() - 1);
                char c = CHARACTERS.charAt(TemplateGenerators.between(in, 0, CHARACTERS.length() - 1));
                switch (TemplateGenerators.between(in, 0, 2)) {
                    case 0 -> document.deleteCharAt(at);
                    case 1 -> document.setCharAt(at, c);
                    default -> document.insert(at, c);
                }
            }
            return document.toString();
        };
    }
}
