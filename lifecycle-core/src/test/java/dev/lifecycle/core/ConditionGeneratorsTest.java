package dev.lifecycle.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The shared condition generator produces every kind of the table, spend within a window included. */
final class ConditionGeneratorsTest {

    @Test
    void condition_manyDraws_produceEveryKindAndSpendWithinAWindow() {
        Set<String> seen = new HashSet<>();
        Set<String> expected = new HashSet<>(ConditionKind.typeNames());
        expected.add("spent-at-least with window");

        qt().withExamples(5_000)
                .forAll(in -> ConditionSpec.of(ConditionGenerators.condition(in, Generators.between(in, 0, 1))))
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
