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

    /** Tests a row at the instant given as epoch seconds and nanoseconds. */
    boolean test(ProfileTable table, int row, long asOfSecond, int asOfNano);
}
