package dev.lifecycle.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

/**
 * A check of hash codes beyond what {@code EqualsTester} asks: that values which differ in one component hash apart.
 * A constant or collapsing {@code hashCode} keeps the contract but turns a user's hash map of such values into a
 * list; the values given here differ in a single component each, so any hash worth the name separates them.
 */
public final class HashCodes {
    private HashCodes() {}

    /**
     * Asserts that the values have pairwise different hash codes.
     *
     * @param values unequal values, each differing from the first in one component
     */
    public static void assertDistinct(Object... values) {
        long distinct =
                Arrays.stream(values).mapToInt(Object::hashCode).distinct().count();
        assertEquals(values.length, distinct, () -> "hash codes of " + Arrays.toString(values));
    }
}
