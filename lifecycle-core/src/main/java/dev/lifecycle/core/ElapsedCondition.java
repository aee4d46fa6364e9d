package dev.lifecycle.core;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A built-in condition on how long before {@code asOf} one dated fact of the profile lies: more than a duration ago
 * (no purchase for, inactive for), at least a duration ago (first purchase at least ago), or within a window (event
 * within). The records supply the fact, the duration and the comparison; the tests on profiles and table rows, the
 * table loops, the next change in time and the evidence are written once here. Implementations are immutable.
 */
interface ElapsedCondition extends Condition, DataCondition, TimeSensitive, ColumnCondition {

    /** How the time elapsed since the fact compares with the duration for the condition to hold. */
    enum Elapsed {
        /** Strictly longer than the duration: a fact exactly the duration ago does not yet count. */
        MORE_THAN,
        /** The duration or longer. */
        AT_LEAST,
        /** Not after {@code asOf} and no longer than the duration: both ends of the window included. */
        WITHIN;

        /**
         * Returns whether the condition holds, given the elapsed time compared with the duration (negative, zero or
         * positive); for {@code WITHIN} the caller has checked that the fact is not after {@code asOf}.
         */
        boolean holds(int comparedWithDuration) {
            return switch (this) {
                case MORE_THAN -> comparedWithDuration > 0;
                case AT_LEAST -> comparedWithDuration >= 0;
                case WITHIN -> comparedWithDuration <= 0;
            };
        }
    }

    /** {@return the fact whose instant the condition measures from} */
    DatedFact fact();

    /** {@return the duration the elapsed time is compared with} */
    Duration duration();

    /** {@return how the elapsed time compares with the duration when the condition holds} */
    Elapsed elapsed();

    @Override
    default Optional<Set<EventType>> eventTypesRead() {
        return Optional.of(fact().eventTypes());
    }

    @Override
    default void needs(FactNeeds needs) {
        fact().needs(needs);
    }

    @Override
    default boolean test(ProfileTable table, int row, long asOfSecond, int asOfNano) {
        DatedFact fact = fact();
        long second = fact.second(table, row);
        if (second == ProfileTable.NONE) {
            return false;
        }
        int nano = fact.nano(table, row);
        boolean after = second > asOfSecond || (second == asOfSecond && nano > asOfNano);
        if (after && elapsed() == Elapsed.WITHIN) {
            return false;
        }
        return elapsed().holds(Checks.compareElapsed(second, nano, asOfSecond, asOfNano, duration()));
    }

    @Override
    @SuppressWarnings("ShortCircuitBoolean") // & and | on purpose below: side-effect-free flags, no branches
    default void mark(ProfileTable table, int from, int to, long asOfSecond, int asOfNano, int[] masks, int bit) {
        Conditions.checkMark(table, masks);
        DatedFact fact = fact();
        // Row by row where there is no loop of our own: a fact in two pairs of columns, or "at least" (which only
        // the first order, such a fact, is measured with).
        if (!fact.inOneColumn() || elapsed() == Elapsed.AT_LEAST) {
            ColumnCondition.super.mark(table, from, to, asOfSecond, asOfNano, masks, bit);
            return;
        }
        long[] seconds = fact.seconds(table);
        int[] nanos = fact.nanos(table);
        if (seconds == null || nanos == null) {
            return;
        }
        Instant threshold = Conditions.minus(asOfSecond, asOfNano, duration());
        if (threshold == null) {
            ColumnCondition.super.mark(table, from, to, asOfSecond, asOfNano, masks, bit);
            return;
        }
        long limit = threshold.getEpochSecond();
        int limitNano = threshold.getNano();
        // Non-short-circuit operators in the loops: flags instead of branches the processor would mispredict.
        if (elapsed() == Elapsed.MORE_THAN) {
            // More than the duration has passed exactly when the fact lies before asOf minus the duration.
            for (int row = from; row < to; row++) {
                long second = seconds[row];
                boolean lapsed =
                        second != ProfileTable.NONE & (second < limit | (second == limit & nanos[row] < limitNano));
                masks[row - from] |= lapsed ? bit : 0;
            }
        } else {
            // Within the window exactly when asOf minus the window <= fact <= asOf.
            for (int row = from; row < to; row++) {
                long second = seconds[row];
                int nano = nanos[row];
                boolean after = second > asOfSecond | (second == asOfSecond & nano > asOfNano);
                boolean before = second < limit | (second == limit & nano < limitNano);
                boolean within = second != ProfileTable.NONE & !after & !before;
                masks[row - from] |= within ? bit : 0;
            }
        }
    }

    /**
     * Returns the instant, after {@code afterNanos}, at which the elapsed time first exceeds the duration (more than),
     * reaches it (at least), or at which the fact enters or leaves the window (within).
     */
    @Override
    default long nextChangeAfter(CustomerProfile profile, long afterNanos) {
        requireNonNull(profile, "profile");
        return nextChangeFrom(fact().in(profile), afterNanos);
    }

    @Override
    default long nextChangeAfter(ProfileTable table, int row, long afterNanos) {
        DatedFact fact = fact();
        long second = fact.second(table, row);
        return nextChangeFrom(
                second == ProfileTable.NONE ? null : Instant.ofEpochSecond(second, fact.nano(table, row)), afterNanos);
    }

    /** The next change after {@code afterNanos} when the fact lies at {@code at} (null: the customer has none). */
    private long nextChangeFrom(@org.jspecify.annotations.Nullable Instant at, long afterNanos) {
        return switch (elapsed()) {
            case MORE_THAN -> Conditions.changeAfter(at, duration(), 1, afterNanos);
            case AT_LEAST -> Conditions.changeAfter(at, duration(), 0, afterNanos);
            case WITHIN ->
                Math.min(
                        Conditions.changeAfter(at, Duration.ZERO, 0, afterNanos),
                        Conditions.changeAfter(at, duration(), 1, afterNanos));
        };
    }

    @Override
    default boolean test(CustomerProfile profile, Instant asOf) {
        Conditions.checkArguments(profile, asOf);
        Instant at = fact().in(profile);
        if (at == null || (at.isAfter(asOf) && elapsed() == Elapsed.WITHIN)) {
            return false;
        }
        return elapsed().holds(Checks.compareElapsed(at, asOf, duration()));
    }

    /**
     * Returns {@code "last order 2024-01-01T00:00:00Z is 200 days before asOf 2024-07-19T00:00:00Z (more than 180
     * days)"}, or for a window {@code "last PURCHASE 2024-07-01T00:00:00Z is within 180 days before asOf
     * 2024-07-19T00:00:00Z"}.
     */
    @Override
    default String evidence(CustomerProfile profile, Instant asOf) {
        Conditions.checkArguments(profile, asOf);
        DatedFact fact = fact();
        Instant at = requireNonNull(fact.in(profile));
        return switch (elapsed()) {
            case MORE_THAN, AT_LEAST ->
                fact.label() + " " + at + " is "
                        + Checks.humanDuration(Duration.between(at, asOf)) + " before asOf " + asOf + " ("
                        + (elapsed() == Elapsed.MORE_THAN ? "more than " : "at least ")
                        + Checks.humanDuration(duration()) + ")";
            case WITHIN ->
                fact.label() + " " + at + " is within " + Checks.humanDuration(duration()) + " before asOf " + asOf;
        };
    }
}
