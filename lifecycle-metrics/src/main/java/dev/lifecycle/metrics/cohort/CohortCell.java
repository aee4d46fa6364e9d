package dev.lifecycle.metrics.cohort;

import dev.lifecycle.core.Money;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/**
 * One cell of a cohort retention table: one cohort in one period offset {@code k}.
 *
 * <p>Offset 0 is the cohort's own period (the period of its customers' first orders). The cell keeps its numerators
 * and denominators: {@link #boundedRetention()} is {@link #activeCustomers()} / {@link #cohortSize()} and
 * {@link #unboundedRetention()} is {@link #retainedCustomers()} / {@link #cohortSize()}; {@link #revenueRetention()}
 * is {@link #revenue()} / {@link #periodZeroRevenue()}. A cell exists only once its period has started by
 * {@code asOf}; {@link #isComplete()} tells whether the period has also ended, so that its figures are final.
 * Instances are immutable and thread-safe.
 */
public final class CohortCell {
    private final LocalDate cohortStart;
    private final long offset;
    private final LocalDate periodStart;
    private final boolean complete;
    private final long cohortSize;
    private final long activeCustomers;
    private final long retainedCustomers;
    private final @Nullable Money revenue;
    private final @Nullable Money periodZeroRevenue;

    CohortCell(
            LocalDate cohortStart,
            long offset,
            LocalDate periodStart,
            boolean complete,
            long cohortSize,
            long activeCustomers,
            long retainedCustomers,
            @Nullable Money revenue,
            @Nullable Money periodZeroRevenue) {
        this.cohortStart = cohortStart;
        this.offset = offset;
        this.periodStart = periodStart;
        this.complete = complete;
        this.cohortSize = cohortSize;
        this.activeCustomers = activeCustomers;
        this.retainedCustomers = retainedCustomers;
        this.revenue = revenue;
        this.periodZeroRevenue = periodZeroRevenue;
    }

    /** {@return the first day of the cohort's period (the period of its customers' first orders)} */
    public LocalDate cohortStart() {
        return cohortStart;
    }

    /** {@return the period offset k, 0 for the cohort's own period} */
    public long offset() {
        return offset;
    }

    /** {@return the first day of the period this cell covers, {@code offset} periods after the cohort's} */
    public LocalDate periodStart() {
        return periodStart;
    }

    /**
     * Tells whether the cell's period had ended by {@code asOf}; an incomplete cell covers only the part of its period
     * up to {@code asOf} and may still grow.
     *
     * @return true if the whole period lies at or before {@code asOf}
     */
    public boolean isComplete() {
        return complete;
    }

    /** {@return the number of customers in the cohort, at least 1} */
    public long cohortSize() {
        return cohortSize;
    }

    /** {@return the number of cohort customers who ordered in this cell's period} */
    public long activeCustomers() {
        return activeCustomers;
    }

    /** {@return the number of cohort customers who ordered in this cell's period or any later one up to asOf} */
    public long retainedCustomers() {
        return retainedCustomers;
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
     * Returns the cohort's revenue in this cell's period: the exact sum of the amounts of its customers' orders in the
     * period; orders without an amount add nothing.
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
                && periodStart.equals(other.periodStart)
                && complete == other.complete
                && cohortSize == other.cohortSize
                && activeCustomers == other.activeCustomers
                && retainedCustomers == other.retainedCustomers
                && Objects.equals(revenue, other.revenue)
                && Objects.equals(periodZeroRevenue, other.periodZeroRevenue);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                cohortStart,
                offset,
                periodStart,
                complete,
                cohortSize,
                activeCustomers,
                retainedCustomers,
                revenue,
                periodZeroRevenue);
    }

    /** {@return a one-line description with the counts, for logs and test failures} */
    @Override
    public String toString() {
        return "CohortCell{cohort=" + cohortStart + ", k=" + offset + ", period=" + periodStart
                + (complete ? "" : " (incomplete)") + ", size=" + cohortSize + ", active=" + activeCustomers
                + ", retained=" + retainedCustomers + (revenue == null ? "" : ", revenue=" + revenue)
                + (periodZeroRevenue == null ? "" : ", periodZeroRevenue=" + periodZeroRevenue) + "}";
    }
}
