package dev.lifecycle.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;

import dev.lifecycle.core.ConditionSpec;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The condition generator of the round-trip properties produces every documented condition type. */
final class TemplateGeneratorsTest {

    @Test
    void condition_manyDraws_produceEveryDocumentedTypeAndSpendWithinAWindow() throws IOException {
        Set<String> seen = new HashSet<>();
        Set<String> expected = new HashSet<>();
        DocPages.conditionTypes().forEach(t -> expected.add(t.type()));
        expected.add("spent-at-least with window");

        qt().withExamples(5_000)
                .forAll(in -> ConditionSpec.of(TemplateGenerators.condition(in, TemplateGenerators.between(in, 0, 1))))
                .checkAssert(spec -> {
                    seen.add(spec.type());
                    if (spec.type().equals("spent-at-least")
                            && spec.parameters().containsKey("window")) {
                        seen.add("spent-at-least with window");
                    }
                });

        assertEquals(expected, seen);
    }
}
