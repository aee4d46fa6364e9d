package dev.lifecycle.templates;

import static org.quicktheories.QuickTheory.qt;

import dev.lifecycle.core.LifecycleTemplate;
import dev.lifecycle.core.TemplateSpec;
import dev.lifecycle.templates.TemplateFiles.Format;
import org.junit.jupiter.api.Test;

/** Writing a spec and reading it back changes nothing, in either format. */
final class RoundTripProperties {

    @Test
    void writeThenRead_generatedTemplates_sameSpecAndSameTemplate() {
        qt().withExamples(300).forAll(TemplateGenerators.templates()).checkAssert(template -> {
            TemplateSpec spec = TemplateSpec.of(template);
            for (Format format : Format.values()) {
                String document = TemplateFiles.write(spec, format);
                TemplateSpec back = TemplateFiles.readSpec(document, format, "generated");
                assertEquals(spec, back, format + ":\n" + document);
                LifecycleTemplate rebuilt =
                        TemplateFiles.read(document, format, "generated", TemplateGenerators.REGISTRY);
                assertEquals(template, rebuilt, format + ":\n" + document);
            }
        });
    }

    @Test
    void writeThenRead_arbitrarySpecsWithAwkwardText_sameSpec() {
        qt().withExamples(1000).forAll(TemplateGenerators.specs()).checkAssert(spec -> {
            for (Format format : Format.values()) {
                String document = TemplateFiles.write(spec, format);
                assertEquals(spec, TemplateFiles.readSpec(document, format, "generated"), format + ":\n" + document);
            }
        });
    }

    @Test
    void write_twice_sameDocument() {
        qt().withExamples(200).forAll(TemplateGenerators.specs()).checkAssert(spec -> {
            for (Format format : Format.values()) {
                String document = TemplateFiles.write(spec, format);
                assertEquals(
                        document,
                        TemplateFiles.write(TemplateFiles.readSpec(document, format, "generated"), format),
                        document);
            }
        });
    }

    private static void assertEquals(Object expected, Object actual, String context) {
        org.junit.jupiter.api.Assertions.assertEquals(expected, actual, () -> context);
    }
}
