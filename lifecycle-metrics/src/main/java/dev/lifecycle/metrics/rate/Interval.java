package dev.lifecycle.metrics.rate;

/**
 * A confidence interval {@code [lower, upper]} for a rate, at a confidence level.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param lower the lower bound, in [0, 1]
 * @param upper the upper bound, in [lower, 1]
 * @param level the confidence level, strictly between 0 and 1
 */
public record Interval(double lower, double upper, double level) {

    /**
     * Validates the bounds and the level.
     *
     * @param lower the lower bound, in [0, 1]
     * @param upper the upper bound, in [lower, 1]
     * @param level the confidence level, strictly between 0 and 1
     * @throws IllegalArgumentException if a bound lies outside [0, 1], {@code lower} exceeds {@code upper}, or
     *     {@code level} is not strictly between 0 and 1
     */
    public Interval {
        if (!(lower >= 0 && lower <= 1)) {
            throw new IllegalArgumentException("lower must be between 0 and 1 but was " + lower);
        }
        if (!(upper >= 0 && upper <= 1)) {
            throw new IllegalArgumentException("upper must be between 0 and 1 but was " + upper);
        }
        if (lower > upper) {
            throw new IllegalArgumentException("lower must not exceed upper " + upper + " but was " + lower);
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level must be strictly between 0 and 1 but was " + level);
        }
    }

    /**
     * Returns an interval.
     *
     * @param lower the lower bound, in [0, 1]
     * @param upper the upper bound, in [lower, 1]
     * @param level the confidence level, strictly between 0 and 1
     * @return the interval
     * @throws IllegalArgumentException under the rules of the canonical constructor
     */
    public static Interval of(double lower, double upper, double level) {
        return new Interval(lower, upper, level);
    }

    /**
     * Tells whether a value lies in the interval, bounds included.
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
