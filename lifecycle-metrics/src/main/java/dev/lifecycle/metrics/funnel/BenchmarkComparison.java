package dev.lifecycle.metrics.funnel;

import static java.util.Objects.requireNonNull;

import dev.lifecycle.metrics.Interval;
import dev.lifecycle.metrics.internal.Checks;
import dev.lifecycle.metrics.internal.StandardNormal;
import dev.lifecycle.metrics.rate.Rate;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/**
 * An observed step rate compared with a benchmark or target rate r0.
 *
 * <p>Reports the observed rate with its Wilson 95% interval, the gap {@code p - r0}, and the one-sample proportion
 * z-test {@code z = (p - r0) / sqrt(r0 (1 - r0) / n)} with its two-sided p-value from the standard normal. The step is
 * below benchmark when the whole interval lies below r0. When r0 is 0 or 1 the test statistic is undefined and z and
 * the p-value are empty. Instances are immutable and thread-safe.
 */
public final class BenchmarkComparison {
    private static final double LEVEL = 0.95;

    private final Rate observed;
    private final double benchmark;
    private final Interval interval;

    private BenchmarkComparison(Rate observed, double benchmark, Interval interval) {
        this.observed = observed;
        this.benchmark = benchmark;
        this.interval = interval;
    }

    /**
     * Compares an observed rate with a benchmark.
     *
     * @param observed the observed rate
     * @param benchmark r0, in [0, 1]
     * @return the comparison, or empty when the observed rate is undefined (denominator 0)
     * @throws NullPointerException if {@code observed} is null
     * @throws IllegalArgumentException if {@code benchmark} is not in [0, 1]
     */
    public static Optional<BenchmarkComparison> of(Rate observed, double benchmark) {
        requireNonNull(observed, "observed");
        Checks.probability(benchmark, "benchmark");
        return observed.wilson(LEVEL).map(interval -> new BenchmarkComparison(observed, benchmark, interval));
    }

    /** {@return the observed rate} */
    public Rate observed() {
        return observed;
    }

    /** {@return the benchmark rate r0} */
    public double benchmark() {
        return benchmark;
    }

    /** {@return the Wilson 95% interval of the observed rate} */
    public Interval interval() {
        return interval;
    }

    /** {@return the observed rate minus the benchmark} */
    public double gap() {
        return observed.requireValue() - benchmark;
    }

    /** {@return the one-sample z statistic, or empty when the benchmark is 0 or 1} */
    public OptionalDouble z() {
        if (benchmark == 0 || benchmark == 1) {
            return OptionalDouble.empty();
        }
        double n = observed.denominator();
        return OptionalDouble.of(gap() / Math.sqrt(benchmark * (1 - benchmark) / n));
    }

    /** {@return the two-sided p-value of the z-test, or empty when the benchmark is 0 or 1} */
    public OptionalDouble pValue() {
        OptionalDouble z = z();
        if (z.isEmpty()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(StandardNormal.twoSidedP(z.getAsDouble()));
    }

    /** {@return whether the whole interval lies below the benchmark} */
    public boolean isBelowBenchmark() {
        return interval.isBelow(benchmark);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof BenchmarkComparison other
                && observed.equals(other.observed)
                && Double.compare(benchmark, other.benchmark) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(observed, benchmark);
    }

    @Override
    public String toString() {
        return "BenchmarkComparison{" + observed + ", benchmark=" + benchmark + ", interval=" + interval + "}";
    }
}
