package dev.lifecycle.metrics;

import dev.lifecycle.metrics.internal.Checks;

/**
 * A confidence interval {@code [lower, upper]} at a confidence level, on the scale of the estimate it belongs to: a
 * rate in [0, 1], a Net Promoter Score in [-100, 100], a difference or a lift of two rates.
 *
 * @param lower the lower bound, finite, at most {@code upper}
 * @param upper the upper bound, finite
 * @param level the confidence level, strictly between 0 and 1 (0.95 for a 95% interval)
 */
public record Interval(double lower, double upper, double level) {

    /**
     * Checks the bounds and the level.
     *
     * @param lower the lower bound
     * @param upper the upper bound
     * @param level the confidence level
     * @throws IllegalArgumentException if a bound is not finite, {@code lower > upper}, or {@code level} is not
     *     strictly between 0 and 1
     */
    public Interval {
        Checks.finite(lower, "lower");
        Checks.finite(upper, "upper");
        if (lower > upper) {
            throw new IllegalArgumentException("lower must not be greater than upper but was " + lower + " > " + upper);
        }
        Checks.level(level);
    }

    /**
     * Returns an interval.
     *
     * @param lower the lower bound
     * @param upper the upper bound
     * @param level the confidence level
     * @return the interval
     * @throws IllegalArgumentException under the rules of the canonical constructor
     */
    public static Interval of(double lower, double upper, double level) {
        return new Interval(lower, upper, level);
    }

    /**
     * Tells whether a value lies within the interval, bounds included.
     *
     * @param value the value
     * @return whether {@code lower <= value <= upper}
     */
    public boolean contains(double value) {
        return lower <= value && value <= upper;
    }

    /**
     * Tells whether the whole interval lies below a value.
     *
     * @param value the value
     * @return whether {@code upper < value}
     */
    public boolean isBelow(double value) {
        return upper < value;
    }
}
