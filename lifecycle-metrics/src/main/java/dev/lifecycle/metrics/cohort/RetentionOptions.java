package dev.lifecycle.metrics.cohort;

import static java.util.Objects.requireNonNull;

import dev.lifecycle.core.EventType;
import dev.lifecycle.metrics.internal.PeriodBound;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link CohortRetention} table counts: the event types that start a customer's cohort, the event types that
 * count as a return, and optional brackets of period offsets.
 *
 * <ul>
 *   <li><b>Cohort types</b>: a customer's cohort is the period of their first event of any of these types (default:
 *       {@link EventType#PURCHASE}, the first order);
 *   <li><b>return types</b>: a customer is active in a period when they have an event of any of these types in it, and
 *       the cohort's revenue in a period is the sum of the amounts of these events (default: {@link
 *       EventType#PURCHASE}, the orders); a type may be in both sets, as the default has it;
 *   <li><b>brackets</b>: groups of period offsets, such as {@code [0], [1..2], [3..6], [7..29]}, each giving one more
 *       cell per cohort ({@link CohortRetention#bracketCell(java.time.LocalDate, int)}); none by default.
 * </ul>
 *
 * <p>{@link EventType#CUSTOM} stands for every custom event, whatever its name. Build options with {@link #builder()}
 * or change some with {@link #toBuilder()}; {@link #ofDefaults()} is the table of orders without brackets. Instances
 * are immutable and thread-safe; the builder is not.
 */
public final class RetentionOptions {
    private static final RetentionOptions DEFAULTS =
            new RetentionOptions(EnumSet.of(EventType.PURCHASE), EnumSet.of(EventType.PURCHASE), List.of());

    private final Set<EventType> cohortTypes;
    private final Set<EventType> returnTypes;
    private final List<Bracket> brackets;
    private final int cohortMask;
    private final int returnMask;
    // the index of the bracket of each offset up to the last bracket's last, -1 before the first bracket
    private final int[] bracketOfOffset;

    /**
     * A bracket of period offsets: the periods {@code first} to {@code last} after a cohort's own, both included. A
     * bracket's cell counts a customer active when they returned in any of its periods.
     *
     * @param first the first offset, 0 for the cohort's own period
     * @param last the last offset, at least {@code first} and below 1,200 (the most periods a table may have)
     */
    public record Bracket(long first, long last) {
        /**
         * Checks the bracket.
         *
         * @param first the first offset, 0 or more
         * @param last the last offset, from {@code first} to 1,199
         * @throws IllegalArgumentException if {@code first} is negative, {@code last} is below {@code first} or
         *     {@code last} is 1,200 or more
         */
        public Bracket {
            if (first < 0) {
                throw new IllegalArgumentException("bracket first offset must be at least 0 but was " + first);
            }
            if (last < first) {
                throw new IllegalArgumentException(
                        "bracket last offset must be at least its first offset " + first + " but was " + last);
            }
            if (last >= PeriodBound.MAX_PERIODS) {
                throw new IllegalArgumentException("bracket last offset must be below " + PeriodBound.MAX_PERIODS
                        + " (at most " + PeriodBound.MAX_PERIODS + " periods are supported) but was " + last);
            }
        }

        /** {@return the number of periods in the bracket, at least 1} */
        public long length() {
            return last - first + 1;
        }

        /** {@return a short name: {@code 3} for one period, {@code 3-6} for several} */
        String label() {
            return first == last ? Long.toString(first) : first + "-" + last;
        }
    }

    private RetentionOptions(Set<EventType> cohortTypes, Set<EventType> returnTypes, List<Bracket> brackets) {
        this.cohortTypes = Collections.unmodifiableSet(EnumSet.copyOf(cohortTypes));
        this.returnTypes = Collections.unmodifiableSet(EnumSet.copyOf(returnTypes));
        this.brackets = List.copyOf(brackets);
        this.cohortMask = mask(cohortTypes);
        this.returnMask = mask(returnTypes);
        int offsets =
                brackets.isEmpty() ? 0 : (int) brackets.get(brackets.size() - 1).last() + 1;
        this.bracketOfOffset = new int[offsets];
        Arrays.fill(bracketOfOffset, -1);
        for (int b = 0; b < brackets.size(); b++) {
            Bracket bracket = brackets.get(b);
            for (long k = bracket.first(); k <= bracket.last(); k++) {
                bracketOfOffset[(int) k] = b;
            }
        }
    }

    private static int mask(Set<EventType> types) {
        int mask = 0;
        for (EventType type : types) {
            mask |= 1 << type.ordinal();
        }
        return mask;
    }

    /** {@return the defaults: cohorts by first order, returns by order, no brackets} */
    public static RetentionOptions ofDefaults() {
        return DEFAULTS;
    }

    /** {@return a builder holding the defaults} */
    public static Builder builder() {
        return DEFAULTS.toBuilder();
    }

    /** {@return a builder holding these options} */
    public Builder toBuilder() {
        return new Builder(cohortTypes, returnTypes, brackets);
    }

    /** {@return the event types whose first occurrence starts a customer's cohort, at least one} */
    public Set<EventType> cohortTypes() {
        return cohortTypes;
    }

    /** {@return the event types that count as a return and whose amounts are revenue, at least one} */
    public Set<EventType> returnTypes() {
        return returnTypes;
    }

    /** {@return the brackets of period offsets, ascending and contiguous; empty when the table has none} */
    public List<Bracket> brackets() {
        return brackets;
    }

    /** Tells whether events of the type with this ordinal can start a cohort. */
    boolean startsCohort(int typeOrdinal) {
        return (cohortMask & (1 << typeOrdinal)) != 0;
    }

    /** Tells whether events of the type with this ordinal are returns. */
    boolean isReturn(int typeOrdinal) {
        return (returnMask & (1 << typeOrdinal)) != 0;
    }

    /** The index of the bracket holding an offset, -1 when no bracket does. */
    int bracketOf(int offset) {
        return offset < bracketOfOffset.length ? bracketOfOffset[offset] : -1;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof RetentionOptions other
                && cohortTypes.equals(other.cohortTypes)
                && returnTypes.equals(other.returnTypes)
                && brackets.equals(other.brackets);
    }

    @Override
    public int hashCode() {
        return (31 * ((31 * cohortTypes.hashCode()) + returnTypes.hashCode())) + brackets.hashCode();
    }

    /** {@return the types and brackets, for logs and test failures} */
    @Override
    public String toString() {
        List<String> labels = new ArrayList<>();
        brackets.forEach(b -> labels.add(b.label()));
        return "RetentionOptions{cohortTypes=" + cohortTypes + ", returnTypes=" + returnTypes + ", brackets=" + labels
                + "}";
    }

    /** Builds {@link RetentionOptions}; starts from the defaults or from given options. Not thread-safe. */
    public static final class Builder {
        private Set<EventType> cohortTypes;
        private Set<EventType> returnTypes;
        private List<Bracket> brackets;

        private Builder(Set<EventType> cohortTypes, Set<EventType> returnTypes, List<Bracket> brackets) {
            this.cohortTypes = cohortTypes;
            this.returnTypes = returnTypes;
            this.brackets = brackets;
        }

        /**
         * Sets the event types whose first occurrence starts a customer's cohort.
         *
         * @param cohortTypes one or more event types
         * @return this builder
         * @throws NullPointerException if {@code cohortTypes} or one of its types is null
         * @throws IllegalArgumentException if {@code cohortTypes} is empty
         */
        public Builder cohortTypes(Set<EventType> cohortTypes) {
            this.cohortTypes = checkTypes(cohortTypes, "cohortTypes");
            return this;
        }

        /**
         * Sets the event types that count as a return; their amounts are the cohort's revenue.
         *
         * @param returnTypes one or more event types
         * @return this builder
         * @throws NullPointerException if {@code returnTypes} or one of its types is null
         * @throws IllegalArgumentException if {@code returnTypes} is empty
         */
        public Builder returnTypes(Set<EventType> returnTypes) {
            this.returnTypes = checkTypes(returnTypes, "returnTypes");
            return this;
        }

        private static Set<EventType> checkTypes(Set<EventType> types, String name) {
            requireNonNull(types, name);
            // Set.copyOf refuses a null element with a message naming nothing: check first
            for (EventType type : types) {
                requireNonNull(type, name + " must not hold null");
            }
            if (types.isEmpty()) {
                throw new IllegalArgumentException(name + " must hold at least one event type but was empty");
            }
            return Set.copyOf(types);
        }

        /**
         * Sets the brackets of period offsets: ascending and contiguous, each starting right after the one before (the
         * first may start after offset 0); an empty list leaves the table without brackets.
         *
         * @param brackets the brackets, in order
         * @return this builder
         * @throws NullPointerException if {@code brackets} or one of its brackets is null
         * @throws IllegalArgumentException if a bracket does not start right after the one before
         */
        public Builder brackets(List<Bracket> brackets) {
            requireNonNull(brackets, "brackets");
            List<Bracket> copy = new ArrayList<>();
            for (Bracket bracket : brackets) {
                requireNonNull(bracket, "brackets[" + copy.size() + "]");
                if (!copy.isEmpty()) {
                    Bracket before = copy.get(copy.size() - 1);
                    if (bracket.first() != before.last() + 1) {
                        throw new IllegalArgumentException(
                                "brackets must be contiguous, each starting right after the one before, but brackets["
                                        + copy.size() + "] starts at " + bracket.first() + " where brackets["
                                        + (copy.size() - 1) + "] ends at " + before.last());
                    }
                }
                copy.add(bracket);
            }
            this.brackets = List.copyOf(copy);
            return this;
        }

        /** {@return the options} */
        public RetentionOptions build() {
            return new RetentionOptions(cohortTypes, returnTypes, brackets);
        }
    }
}
