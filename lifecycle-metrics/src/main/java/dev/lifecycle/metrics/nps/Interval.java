package dev.lifecycle.metrics.nps;

/**
 * A confidence interval for a Net Promoter Score, on the score's scale of -100 to 100.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param lower the lower bound, at most {@code upper}
 * @param upper the upper bound
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
     * Tells whether a value lies within the interval, bounds included.
     *
     * @param value the value to test
     * @return {@code true} if {@code lower <= value <= upper}
     */
    public boolean contains(double value) {
        return lower <= value && value <= upper;
    }
}
