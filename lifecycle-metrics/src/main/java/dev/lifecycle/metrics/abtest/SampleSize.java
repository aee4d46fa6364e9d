package dev.lifecycle.metrics.abtest;

import dev.lifecycle.metrics.internal.Checks;
import dev.lifecycle.metrics.internal.StandardNormal;

/**
 * The number of users per variant an A/B test of two conversion rates needs, for a two-sided pooled two-proportion
 * z-test.
 *
 * <p>With baseline rate {@code p1}, target rate {@code p2 = p1 + minimumDetectableEffect}, {@code pBar = (p1 + p2) /
 * 2}, and the normal quantiles {@code zA = z(1 - alpha / 2)} and {@code zB = z(power)}, the size is {@code n = (zA *
 * sqrt(2 pBar (1 - pBar)) + zB * sqrt(p1 (1 - p1) + p2 (1 - p2)))^2 / (p2 - p1)^2}, rounded up.
 *
 * <p>The formula solves {@code power = Phi((|p2 - p1| sqrt(n) - zA s0) / s1)} for {@code n}, with {@code s0 = sqrt(2
 * pBar (1 - pBar))} and {@code s1 = sqrt(p1 (1 - p1) + p2 (1 - p2))}: the power of the tail in the direction of the
 * effect. When {@code zA s0 + zB s1} is zero or negative (a power so low, typically below {@code alpha / 2}, that
 * the test reaches it with any sample), squaring would turn the negative root into a large and wrong size; the size
 * is then 1, since the power at {@code n = 1} already reaches the target. This class is stateless and thread-safe.
 */
public final class SampleSize {
    private SampleSize() {}

    /**
     * Returns the number of users needed in each of two variants.
     *
     * @param baselineRate the conversion rate of the control, strictly between 0 and 1
     * @param minimumDetectableEffect the smallest absolute change of the rate worth detecting, a non-zero number such
     *     that {@code baselineRate + minimumDetectableEffect} is between 0 and 1
     * @param alpha the significance level (type I error rate), strictly between 0 and 1
     * @param power the chance to detect the effect when it is real, strictly between 0 and 1
     * @return the users per variant, at least 1
     * @throws IllegalArgumentException if an argument is outside its range, or if the size would exceed {@link
     *     Long#MAX_VALUE} (an effect too small to detect with any countable sample)
     */
    public static long perVariant(double baselineRate, double minimumDetectableEffect, double alpha, double power) {
        double p1 = Checks.openProbability(baselineRate, "baselineRate");
        Checks.finite(minimumDetectableEffect, "minimumDetectableEffect");
        if (minimumDetectableEffect == 0) {
            throw new IllegalArgumentException("minimumDetectableEffect must not be zero but was 0.0");
        }
        double p2 = p1 + minimumDetectableEffect;
        if (!(p2 >= 0 && p2 <= 1)) {
            throw new IllegalArgumentException("baselineRate + minimumDetectableEffect must be between 0 and 1 but was "
                    + baselineRate + " + " + minimumDetectableEffect);
        }
        Checks.openProbability(alpha, "alpha");
        Checks.openProbability(power, "power");
        double zA = StandardNormal.upperQuantile(alpha / 2);
        double zB = StandardNormal.quantile(power);
        double pBar = (p1 + p2) / 2;
        double root = zA * Math.sqrt(2 * pBar * (1 - pBar)) + zB * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
        if (root <= 0) {
            return 1;
        }
        double n = Math.ceil(root * root / (minimumDetectableEffect * minimumDetectableEffect));
        // (double) Long.MAX_VALUE is 2^63, one above the largest long: anything at or above it does not fit.
        if (!(n < (double) Long.MAX_VALUE)) {
            throw new IllegalArgumentException("sample size per variant for baselineRate " + baselineRate
                    + " and minimumDetectableEffect " + minimumDetectableEffect + " (alpha " + alpha + ", power "
                    + power
                    + ") would be " + n + ", above the limit of " + Long.MAX_VALUE);
        }
        return Math.max(1, (long) n);
    }
}
