package dev.lifecycle.metrics.rate;

import static java.util.Objects.requireNonNull;

import dev.lifecycle.metrics.internal.Checks;
import java.util.Objects;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/**
 * A named non-negative ratio that may exceed 1, such as purchase frequency (orders per customer), keeping its
 * numerator and denominator.
 *
 * <p>A ratio whose denominator is 0 is undefined and {@link #value()} is empty. Instances are immutable and
 * thread-safe.
 */
public final class Ratio {
    private final String name;
    private final long numerator;
    private final long denominator;

    private Ratio(String name, long numerator, long denominator) {
        this.name = name;
        this.numerator = numerator;
        this.denominator = denominator;
    }

    /**
     * Returns the ratio {@code numerator / denominator}.
     *
     * @param name the metric name, such as {@code "purchase frequency"}
     * @param numerator zero or more
     * @param denominator zero or more (zero gives an undefined ratio)
     * @return the ratio
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if {@code name} is blank or a count is negative
     */
    public static Ratio of(String name, long numerator, long denominator) {
        requireNonNull(name, "name");
        Checks.nonBlank(name, "name");
        Checks.zeroOrMoreOf(numerator, "numerator of", name);
        Checks.zeroOrMoreOf(denominator, "denominator of", name);
        return new Ratio(name, numerator, denominator);
    }

    /** {@return the metric name} */
    public String name() {
        return name;
    }

    /** {@return the numerator} */
    public long numerator() {
        return numerator;
    }

    /** {@return the denominator} */
    public long denominator() {
        return denominator;
    }

    /** {@return whether the denominator is above 0} */
    public boolean isDefined() {
        return denominator > 0;
    }

    /** {@return the quotient, or empty when the denominator is 0} */
    public OptionalDouble value() {
        return isDefined() ? OptionalDouble.of((double) numerator / denominator) : OptionalDouble.empty();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Ratio other
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
        return name + " = " + numerator + "/" + denominator;
    }
}
