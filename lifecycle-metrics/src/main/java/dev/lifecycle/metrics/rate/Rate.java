package dev.lifecycle.metrics.rate;

import static java.util.Objects.requireNonNull;

import dev.lifecycle.metrics.Interval;
import dev.lifecycle.metrics.internal.Checks;
import dev.lifecycle.metrics.internal.StandardNormal;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/**
 * A named fraction in [0, 1] that keeps its numerator and denominator, such as a churn rate or a funnel conversion.
 *
 * <p>A rate whose denominator is 0 is undefined: {@link #value()} is empty, {@link #requireValue()} throws, and no
 * interval exists. The library never reports an undefined rate as 0 or NaN. Instances are immutable and thread-safe.
 */
public final class Rate {

    private final String name;
    private final long numerator;
    private final long denominator;

    private Rate(String name, long numerator, long denominator) {
        this.name = name;
        this.numerator = numerator;
        this.denominator = denominator;
    }

    /**
     * Returns the rate {@code numerator / denominator}.
     *
     * @param name the metric name, such as {@code "churn rate"}
     * @param numerator the number of successes, between 0 and {@code denominator}
     * @param denominator the number of trials, zero or more (zero gives an undefined rate)
     * @return the rate
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if {@code name} is blank, a count is negative or {@code numerator} exceeds
     *     {@code denominator}
     */
    public static Rate of(String name, long numerator, long denominator) {
        requireNonNull(name, "name");
        Checks.nonBlank(name, "name");
        Checks.zeroOrMoreOf(numerator, "numerator of", name);
        Checks.zeroOrMoreOf(denominator, "denominator of", name);
        if (numerator > denominator) {
            throw new IllegalArgumentException("numerator of '" + name + "' must not exceed the denominator "
                    + denominator + " but was " + numerator);
        }
        return new Rate(name, numerator, denominator);
    }

    /** {@return the metric name} */
    public String name() {
        return name;
    }

    /** {@return the numerator, between 0 and the denominator} */
    public long numerator() {
        return numerator;
    }

    /** {@return the denominator, zero or more} */
    public long denominator() {
        return denominator;
    }

    /** {@return whether the rate has a value, that is whether the denominator is above 0} */
    public boolean isDefined() {
        return denominator > 0;
    }

    /** {@return the fraction in [0, 1], or empty when the denominator is 0} */
    public OptionalDouble value() {
        return isDefined() ? OptionalDouble.of((double) numerator / denominator) : OptionalDouble.empty();
    }

    /**
     * Returns the fraction, for callers that have checked {@link #isDefined()}.
     *
     * @return the fraction in [0, 1]
     * @throws IllegalStateException if the denominator is 0
     */
    public double requireValue() {
        if (!isDefined()) {
            throw new IllegalStateException("rate '" + name + "' is undefined: its denominator is 0");
        }
        return (double) numerator / denominator;
    }

    /**
     * Returns the Wilson score interval for the rate at a confidence level.
     *
     * <p>With {@code z} the standard normal quantile at {@code 1 - (1 - level) / 2}, {@code p} the observed rate and
     * {@code n} the denominator, the interval is {@code (p + z²/2n ± z sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n)}.
     *
     * @param level the confidence level, strictly between 0 and 1 (0.95 for a 95% interval)
     * @return the interval, or empty when the rate is undefined
     * @throws IllegalArgumentException if {@code level} is not strictly between 0 and 1
     */
    public Optional<Interval> wilson(double level) {
        Checks.level(level);
        if (!isDefined()) {
            return Optional.empty();
        }
        double z = StandardNormal.quantile(1 - (1 - level) / 2);
        double n = denominator;
        double p = numerator / n;
        double z2 = z * z;
        double scale = 1 + z2 / n;
        double centre = (p + z2 / (2 * n)) / scale;
        double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / scale;
        double lower = numerator == 0 ? 0 : Math.max(0, centre - half);
        double upper = numerator == denominator ? 1 : Math.min(1, centre + half);
        return Optional.of(Interval.of(Math.min(lower, p), Math.max(upper, p), level));
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Rate other
                && name.equals(other.name)
                && numerator == other.numerator
                && denominator == other.denominator;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, numerator, denominator);
    }

    @Override
    public String toString() {
        return name + " = " + numerator + "/" + denominator
                + (isDefined() ? " (" + requireValue() + ")" : " (undefined)");
    }
}
