package dev.lifecycle.templates;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.lifecycle.core.ConditionRegistry;
import dev.lifecycle.core.LifecycleTemplate;
import java.time.Duration;

/**
 * Coverage-guided fuzzing of the template file reader, JSON and YAML. The contract: any document ends, within a time
 * bound, in a template or in the documented {@link TemplateFileException} with a message naming the source; nothing
 * else escapes. Its regression inputs (under {@code TemplateFilesFuzzTestInputs} in the test resources) run in every
 * build; {@code JAZZER_FUZZ=1} fuzzes it (docs/quality.md).
 */
final class TemplateFilesFuzzTest {
    /** The most a document may take to read, even on a loaded machine. */
    private static final Duration BOUND = Duration.ofSeconds(5);

    @FuzzTest(maxDuration = "5m")
    void anyDocument_givesATemplateOrTheDocumentedException(FuzzedDataProvider data) {
        TemplateFiles.Format format = data.pickValue(TemplateFiles.Format.values());
        String document = data.consumeRemainingAsString();
        long start = System.nanoTime();
        try {
            LifecycleTemplate template = TemplateFiles.read(document, format, "fuzz", ConditionRegistry.empty());
            assertNotNull(template.entryStage());
        } catch (TemplateFileException expected) {
            String message = String.valueOf(expected.getMessage());
            assertTrue(message.contains("fuzz"), message);
        }
        long took = System.nanoTime() - start;
        assertTrue(
                took < BOUND.toNanos(),
                () -> "took " + Duration.ofNanos(took) + " for " + document.length() + " chars");
    }
}
