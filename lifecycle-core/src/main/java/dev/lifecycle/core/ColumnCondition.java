package dev.lifecycle.core;

/**
 * A condition that can read a {@link ProfileTable} row's columns directly, without making a {@link CustomerProfile}
 * of the row. Its answer must equal {@link Condition#test(CustomerProfile, Instant)} on {@code table.profile(row)}.
 */
interface ColumnCondition {
    /** Whether {@link #test(ProfileTable, int, long, int)} may be used: a composite can only if all its parts can. */
    default boolean readsColumns() {
        return true;
    }

    /**
     * Adds the columns this condition reads to {@code needs}, so that a fold from an {@link EventBatch} computes them
     * (and only the columns some condition reads).
     */
    void needs(FactNeeds needs);

    /**
     * Returns the earliest instant, in epoch nanoseconds, after {@code afterNanos} at which the condition's value may
     * change for the row's facts as long as they stay the same: {@link TimeSensitive#nextChangeAfter} on the row's
     * profile. {@link Long#MAX_VALUE}, the default, for a condition that time alone does not change.
     */
    default long nextChangeAfter(ProfileTable table, int row, long afterNanos) {
        java.util.Objects.requireNonNull(table, "table");
        return Long.MAX_VALUE;
    }

    /** Tests a row at the instant given as epoch seconds and nanoseconds. */
    boolean test(ProfileTable table, int row, long asOfSecond, int asOfNano);

    /**
     * Tests rows {@code from} to {@code to} (exclusive) and sets {@code bit} in {@code masks[row - from]} where the
     * condition holds. Implementations override it with a loop of their own, which the JIT compiles for that condition
     * alone.
     */
    default void mark(ProfileTable table, int from, int to, long asOfSecond, int asOfNano, int[] masks, int bit) {
        java.util.Objects.requireNonNull(table, "table");
        java.util.Objects.requireNonNull(masks, "masks");
        for (int row = from; row < to; row++) {
            if (test(table, row, asOfSecond, asOfNano)) {
                masks[row - from] |= bit;
            }
        }
    }
}
