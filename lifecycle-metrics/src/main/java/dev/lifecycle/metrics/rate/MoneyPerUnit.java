package dev.lifecycle.metrics.rate;

import static java.util.Objects.requireNonNull;

import dev.lifecycle.core.Money;
import dev.lifecycle.metrics.internal.Checks;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An amount of money divided by a count, such as customer acquisition cost (spend per new customer) or average order
 * value (revenue per order), kept exact as its total and its count.
 *
 * <p>A quotient with count 0 is undefined: {@link #perUnit(int, RoundingMode)} and {@link #toMoney(RoundingMode)} are
 * empty. Rounding happens only where the caller asks for it. Instances are immutable and thread-safe.
 */
public final class MoneyPerUnit {
    private final String name;
    private final Money total;
    private final long count;

    private MoneyPerUnit(String name, Money total, long count) {
        this.name = name;
        this.total = total;
        this.count = count;
    }

    /**
     * Returns {@code total / count}.
     *
     * @param name the metric name, such as {@code "customer acquisition cost"}
     * @param total the amount, zero or more
     * @param count the number of units, zero or more (zero gives an undefined quotient)
     * @return the quotient
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code name} is blank, {@code total} is negative or {@code count} is negative
     */
    public static MoneyPerUnit of(String name, Money total, long count) {
        requireNonNull(name, "name");
        requireNonNull(total, "total");
        Checks.nonBlank(name, "name");
        if (total.isNegative()) {
            throw new IllegalArgumentException("total of '" + name + "' must be zero or more but was " + total);
        }
        Checks.zeroOrMoreOf(count, "count of", name);
        return new MoneyPerUnit(name, total, count);
    }

    /** {@return the metric name} */
    public String name() {
        return name;
    }

    /** {@return the total amount} */
    public Money total() {
        return total;
    }

    /** {@return the number of units} */
    public long count() {
        return count;
    }

    /** {@return whether the count is above 0} */
    public boolean isDefined() {
        return count > 0;
    }

    /**
     * Returns the amount per unit at a chosen scale.
     *
     * @param scale the number of decimal places of the result, zero or more
     * @param rounding how to round to that scale
     * @return the quotient, or empty when the count is 0
     * @throws NullPointerException if {@code rounding} is null
     * @throws IllegalArgumentException if {@code scale} is negative
     * @throws ArithmeticException if {@code rounding} is {@link RoundingMode#UNNECESSARY} and the quotient needs
     *     rounding
     */
    public Optional<BigDecimal> perUnit(int scale, RoundingMode rounding) {
        requireNonNull(rounding, "rounding");
        if (scale < 0) {
            throw new IllegalArgumentException("scale must be zero or more but was " + scale);
        }
        if (!isDefined()) {
            return Optional.empty();
        }
        return Optional.of(total.amount().divide(BigDecimal.valueOf(count), scale, rounding));
    }

    /**
     * Returns the amount per unit as money, rounded to the currency's decimal places.
     *
     * @param rounding how to round to the currency's scale
     * @return the quotient, or empty when the count is 0
     * @throws NullPointerException if {@code rounding} is null
     * @throws ArithmeticException if {@code rounding} is {@link RoundingMode#UNNECESSARY} and the quotient needs
     *     rounding
     */
    public Optional<Money> toMoney(RoundingMode rounding) {
        requireNonNull(rounding, "rounding");
        int digits = Math.max(total.currency().getDefaultFractionDigits(), 0);
        return perUnit(digits, rounding).map(amount -> new Money(amount, total.currency()));
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof MoneyPerUnit other
                && name.equals(other.name)
                && total.equals(other.total)
                && count == other.count;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, total, count);
    }

    @Override
    public String toString() {
        return name + " = " + total + " / " + count;
    }
}
