package dev.lifecycle.metrics.nps;

import dev.lifecycle.metrics.internal.Checks;

/**
 * The comparison of two Net Promoter Scores: a two-sample z-test on the adjusted-Wald proportions.
 *
 * <p>Each sample is adjusted as for the adjusted-Wald interval (3/4 added to promoters and to detractors, 3 to
 * n); then {@code z = (nps1 - nps2) / (100 * sqrt(var1 / n1 + var2 / n2))} with the per-respondent variance {@code p +
 * d - (p - d)^2}, and the p-value is two-sided from the standard normal. The adjusted variance is always positive, so
 * the statistic is always defined. Instances are immutable and thread-safe.
 *
 * @param difference the adjusted score of the first sample minus that of the second, in [-200, 200]
 * @param z the test statistic; positive when the first sample scores higher
 * @param pValue the two-sided p-value, in [0, 1]
 */
public record NpsComparison(double difference, double z, double pValue) {
    /**
     * Checks the components.
     *
     * @param difference the difference of the adjusted scores
     * @param z the test statistic
     * @param pValue the two-sided p-value
     * @throws IllegalArgumentException if a component is not finite or {@code pValue} is outside [0, 1]
     */
    public NpsComparison {
        Checks.finite(difference, "difference");
        Checks.finite(z, "z");
        Checks.probability(pValue, "pValue");
    }
}
