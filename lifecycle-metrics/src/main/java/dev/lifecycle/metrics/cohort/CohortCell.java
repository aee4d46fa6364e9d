package dev.lifecycle.metrics.cohort;

import dev.lifecycle.core.Money;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/**
 * One cell of a cohort retention table: one cohort in one period offset {@code k}, or in one bracket of offsets
 * {@code k} to {@link #lastOffset()}.
 *
 * <p>Offset 0 is the cohort's own period (the period of its customers' first cohort events, by default their first
 * orders). A customer is active in a period when they have a return event (by default an order) in it. The cell keeps
 * its numerators and denominators: {@link #boundedRetention()} is {@link #activeCustomers()} / {@link #cohortSize()},
 * {@link #unboundedRetention()} is {@link #retainedCustomers()} / {@link #cohortSize()}, {@link #revenueRetention()}
 * is {@link #revenue()} / {@link #periodZeroRevenue()} and {@link #previousPeriodRetention()} is {@link
 * #stillActiveCustomers()} / {@link #previousActiveCustomers()}. A cell exists only once its (first) period has
 * started by {@code asOf}; {@link #isComplete()} tells whether its (last) period has also ended, so that its figures
 * are final. Instances are immutable and thread-safe.
 */
public final class CohortCell {
    private final LocalDate cohortStart;
    private final long offset;
    private final long lastOffset;
    private final LocalDate periodStart;
    private final boolean complete;
    private final long cohortSize;
    private final long activeCustomers;
    private final long retainedCustomers;
    private final long previousActiveCustomers;
    private final long stillActiveCustomers;
    private final @Nullable Money revenue;
    private final @Nullable Money periodZeroRevenue;

    CohortCell(
            LocalDate cohortStart,
            long offset,
            long lastOffset,
            LocalDate periodStart,
            boolean complete,
            long cohortSize,
            long activeCustomers,
            long retainedCustomers,
            long previousActiveCustomers,
            long stillActiveCustomers,
            @Nullable Money revenue,
            @Nullable Money periodZeroRevenue) {
        this.cohortStart = cohortStart;
        this.offset = offset;
        this.lastOffset = lastOffset;
        this.periodStart = periodStart;
        this.complete = complete;
        this.cohortSize = cohortSize;
        this.activeCustomers = activeCustomers;
        this.retainedCustomers = retainedCustomers;
        this.previousActiveCustomers = previousActiveCustomers;
        this.stillActiveCustomers = stillActiveCustomers;
        this.revenue = revenue;
        this.periodZeroRevenue = periodZeroRevenue;
    }

    /** {@return the first day of the cohort's period (the period of its customers' first cohort events)} */
    public LocalDate cohortStart() {
        return cohortStart;
    }

    /** {@return the period offset k, 0 for the cohort's own period; for a bracket, its first offset} */
    public long offset() {
        return offset;
    }

    /** {@return the last period offset the cell covers: {@link #offset()} for a period, the bracket's last for a bracket} */
    public long lastOffset() {
        return lastOffset;
    }

    /** {@return the first day of the (first) period this cell covers, {@code offset} periods after the cohort's} */
    public LocalDate periodStart() {
        return periodStart;
    }

    /**
     * Tells whether the cell's (last) period had ended by {@code asOf}; an incomplete cell covers only the part of its
     * periods up to {@code asOf} and may still grow.
     *
     * @return true if the whole period, or every period of the bracket, lies at or before {@code asOf}
     */
    public boolean isComplete() {
        return complete;
    }

    /** {@return the number of customers in the cohort, at least 1} */
    public long cohortSize() {
        return cohortSize;
    }

    /** {@return the number of cohort customers who returned in this cell's period, or in any period of its bracket} */
    public long activeCustomers() {
        return activeCustomers;
    }

    /** {@return the number of cohort customers who returned in this cell's (first) period or any later one up to asOf} */
    public long retainedCustomers() {
        return retainedCustomers;
    }

    /**
     * Returns the number of cohort customers active in the period before this cell's (offset {@code k - 1}), or, for a
     * bracket, in the bracket before; the denominator of {@link #previousPeriodRetention()}.
     *
     * @return the count, 0 for offset 0 and for the first bracket
     */
    public long previousActiveCustomers() {
        return previousActiveCustomers;
    }

    /**
     * Returns the number of cohort customers active both in the period (or bracket) before this cell's and in this
     * cell's; the numerator of {@link #previousPeriodRetention()}.
     *
     * @return the count, at most {@link #previousActiveCustomers()} and at most {@link #activeCustomers()}
     */
    public long stillActiveCustomers() {
        return stillActiveCustomers;
    }

    /**
     * Returns retention relative to the previous period: of the customers active in the period (or bracket) before
     * this cell's, the share also active in this one, {@link #stillActiveCustomers()} / {@link
     * #previousActiveCustomers()}.
     *
     * @return the share in [0, 1]; empty when it is undefined: offset 0, the first bracket, or nobody active before
     */
    public OptionalDouble previousPeriodRetention() {
        return previousActiveCustomers == 0
                ? OptionalDouble.empty()
                : OptionalDouble.of((double) stillActiveCustomers / previousActiveCustomers);
    }

    /** {@return bounded retention: {@link #activeCustomers()} / {@link #cohortSize()}, in [0, 1]} */
    public double boundedRetention() {
        return (double) activeCustomers / cohortSize;
    }

    /** {@return unbounded retention: {@link #retainedCustomers()} / {@link #cohortSize()}, in [0, 1]} */
    public double unboundedRetention() {
        return (double) retainedCustomers / cohortSize;
    }

    /**
     * Returns the cohort's revenue in this cell's period (or in the periods of its bracket, up to {@code asOf}): the
     * exact sum of the amounts of its customers' return events there, by default their orders; events without an
     * amount add nothing.
     *
     * @return the revenue, empty when no event of the input carried an amount (the currency is then unknown)
     */
    public Optional<Money> revenue() {
        return Optional.ofNullable(revenue);
    }

    /**
     * Returns the cohort's revenue in its own period (offset 0), the denominator of {@link #revenueRetention()}.
     *
     * @return the revenue, empty when no event of the input carried an amount
     */
    public Optional<Money> periodZeroRevenue() {
        return Optional.ofNullable(periodZeroRevenue);
    }

    /**
     * Returns revenue retention: {@link #revenue()} / {@link #periodZeroRevenue()}, which may exceed 1.
     *
     * @return the ratio, empty when it is undefined: no amounts in the input, or zero revenue in period 0
     */
    public OptionalDouble revenueRetention() {
        if (revenue == null
                || periodZeroRevenue == null
                || periodZeroRevenue.amount().signum() == 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(revenue.amount()
                .divide(periodZeroRevenue.amount(), MathContext.DECIMAL64)
                .doubleValue());
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof CohortCell other
                && cohortStart.equals(other.cohortStart)
                && offset == other.offset
                && lastOffset == other.lastOffset
                && periodStart.equals(other.periodStart)
                && complete == other.complete
                && cohortSize == other.cohortSize
                && activeCustomers == other.activeCustomers
                && retainedCustomers == other.retainedCustomers
                && previousActiveCustomers == other.previousActiveCustomers
                && stillActiveCustomers == other.stillActiveCustomers
                && Objects.equals(revenue, other.revenue)
                && Objects.equals(periodZeroRevenue, other.periodZeroRevenue);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                cohortStart,
                offset,
                lastOffset,
                periodStart,
                complete,
                cohortSize,
                activeCustomers,
                retainedCustomers,
                previousActiveCustomers,
                stillActiveCustomers,
                revenue,
                periodZeroRevenue);
    }

    /** {@return a one-line description with the counts, for logs and test failures} */
    @Override
    public String toString() {
        return "CohortCell{cohort=" + cohortStart + ", k=" + offset + (lastOffset == offset ? "" : ".." + lastOffset)
                + ", period=" + periodStart + (complete ? "" : " (incomplete)") + ", size=" + cohortSize + ", active="
                + activeCustomers + ", retained=" + retainedCustomers + ", previousActive=" + previousActiveCustomers
                + ", stillActive=" + stillActiveCustomers + (revenue == null ? "" : ", revenue=" + revenue)
                + (periodZeroRevenue == null ? "" : ", periodZeroRevenue=" + periodZeroRevenue) + "}";
    }
}
