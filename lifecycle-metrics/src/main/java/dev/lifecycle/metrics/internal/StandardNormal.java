package dev.lifecycle.metrics.internal;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The standard normal distribution as the metrics packages use it: two-sided critical values and p-values. Lives in an
 * unexported package, so it is shared by the metrics packages without being part of the API.
 */
public final class StandardNormal {
    private static final NormalDistribution DISTRIBUTION = NormalDistribution.of(0, 1);

    private StandardNormal() {}

    /**
     * Returns the two-sided critical value for a confidence level, 1.959964 for 0.95.
     *
     * @param level the confidence level, strictly between 0 and 1 (checked by the caller)
     * @return the critical value
     */
    public static double criticalValue(double level) {
        return DISTRIBUTION.inverseSurvivalProbability((1 - level) / 2);
    }

    /**
     * Returns the two-sided p-value of a standard normal statistic.
     *
     * @param z the statistic
     * @return the p-value, in [0, 1]
     */
    public static double twoSidedP(double z) {
        return Math.min(1.0, 2 * DISTRIBUTION.survivalProbability(Math.abs(z)));
    }

    /**
     * Returns the value the statistic exceeds with probability {@code p}.
     *
     * @param p an upper-tail probability
     * @return the quantile
     */
    public static double upperQuantile(double p) {
        return DISTRIBUTION.inverseSurvivalProbability(p);
    }

    /**
     * Returns the value the statistic stays below with probability {@code p}.
     *
     * @param p a lower-tail probability
     * @return the quantile
     */
    public static double quantile(double p) {
        return DISTRIBUTION.inverseCumulativeProbability(p);
    }
}
