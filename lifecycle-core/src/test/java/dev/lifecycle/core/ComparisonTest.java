package dev.lifecycle.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The attribute comparisons below, at and above their value, alone and in an attribute condition. */
final class ComparisonTest {
    @Test
    void test_belowAtAndAbove_eachComparison() {
        // for left 1, 2, 3 against right 2: below, equal, above
        assertEquals(List.of(false, true, true), results(Condition.Comparison.AT_LEAST));
        assertEquals(List.of(true, true, false), results(Condition.Comparison.AT_MOST));
        assertEquals(List.of(false, false, true), results(Condition.Comparison.ABOVE));
        assertEquals(List.of(true, false, false), results(Condition.Comparison.BELOW));
        assertEquals(List.of(false, true, false), results(Condition.Comparison.EQUAL_TO));
    }

    private static List<Boolean> results(Condition.Comparison comparison) {
        return List.of(comparison.test(1, 2), comparison.test(2, 2), comparison.test(3, 2));
    }

    @Test
    void symbol_eachComparison() {
        assertEquals(
                List.of(">=", "<=", ">", "<", "="),
                List.of(
                        Condition.Comparison.AT_LEAST.symbol(),
                        Condition.Comparison.AT_MOST.symbol(),
                        Condition.Comparison.ABOVE.symbol(),
                        Condition.Comparison.BELOW.symbol(),
                        Condition.Comparison.EQUAL_TO.symbol()));
    }

    @Test
    void attributeCondition_atTheBoundary_onAProfile() {
        Instant asOf = Instant.parse("2025-01-01T00:00:00Z");
        CustomerProfile two = CustomerProfile.builder("c").attribute("tier", 2).build();
        assertEquals(
                true,
                Condition.attribute("tier", Condition.Comparison.AT_LEAST, 2).test(two, asOf));
        assertEquals(
                false,
                Condition.attribute("tier", Condition.Comparison.ABOVE, 2).test(two, asOf));
        assertEquals(
                true,
                Condition.attribute("tier", Condition.Comparison.EQUAL_TO, 2).test(two, asOf));
        assertEquals(
                false,
                Condition.attribute("tier", Condition.Comparison.BELOW, 2).test(two, asOf));
    }
}
